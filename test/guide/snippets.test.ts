// A guide that compiles: every TypeScript snippet of README.md and docs/*.md type-checks under
// strict TypeScript (the repository's settings: strict, exactOptionalPropertyTypes,
// noUncheckedIndexedAccess), against the package's own entries (`ghes-oauth-authorizations/msw`
// is src/msw.ts here). A problem is reported at its line in the page.
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { guidePages, layOut, packagePaths, snippetsOf } from './snippets.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Outside src/, test/ and scripts/: the repository's tsconfig and vitest's globs pass it by.
const work = join(root, '.guide-snippets');
const run = promisify(execFile);

const snippets = guidePages(root).flatMap((page) => snippetsOf(root, page));

describe('the guide snippets', () => {
  it('are found, and each one not checked says why', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(20);
    for (const snippet of snippets.filter((s) => s.pending !== undefined)) expect(snippet.pending!.length, `${snippet.page}:${snippet.line}`).toBeGreaterThan(10);
  });

  it('type-check under strict TypeScript', async () => {
    await rm(work, { recursive: true, force: true });
    const laidOut = layOut(snippets.filter((snippet) => snippet.pending === undefined));
    for (const { path, snippet } of laidOut) {
      await mkdir(dirname(join(work, path)), { recursive: true });
      await writeFile(join(work, path), `${snippet.code}\nexport {};\n`);
    }
    await writeFile(join(work, 'package.json'), JSON.stringify({ type: 'module' }));
    await writeFile(
      join(work, 'tsconfig.json'),
      JSON.stringify({
        extends: '../tsconfig.json',
        // A snippet shows a call; a name it binds and does not use again is no mistake there.
        compilerOptions: { noEmit: true, noUnusedLocals: false, noUnusedParameters: false, paths: packagePaths(root), types: ['node'] },
        include: ['**/*.ts'],
      }),
    );
    const problems = await run(process.execPath, [join(root, 'node_modules/typescript7/bin/tsc'), '-p', join(work, 'tsconfig.json')], { cwd: work }).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    // e.g. docs_frontend-testing_md/0/src/ghes.ts(3,5): … → docs/frontend-testing.md:57: …
    const where = new Map(laidOut.map(({ path, snippet }) => [path, snippet]));
    const located = problems.replace(/^(\S+?)\((\d+),\d+\)/gm, (match, path: string, line: string) => {
      const snippet = where.get(path);
      return snippet ? `${snippet.page}:${snippet.line + Number(line) - 1}` : match;
    });
    expect(located).toBe('');
  });
});
