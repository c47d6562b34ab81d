// A guide that runs: the vitest project docs/frontend-testing.md builds up (vitest.config.ts,
// vitest.setup.ts, src/ghes.ts and its test files) runs in a child vitest, twice: the first run
// writes the seeded snapshot, the second must match it byte for byte. And the guide's development-
// only service worker is left out of a production bundle (esbuild with Vite's define of
// import.meta.env.DEV, as `vite build` sets it).
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { layOut, packagePaths, snippetsOf } from './snippets.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = join(root, '.guide-snippets', 'run');
const run = promisify(execFile);

/** The page's first variant folder, its package imports pointing at the sources (no alias needed at run time). */
async function layOutForRunning(page: string): Promise<string> {
  const paths = packagePaths(root);
  const folder = join(work, page.replace(/[/.]/g, '_'));
  await rm(folder, { recursive: true, force: true });
  for (const { path, snippet } of layOut(snippetsOf(root, page).filter((s) => s.pending === undefined))) {
    if (!path.includes('/0/')) continue;
    const code = snippet.code.replace(/from '(ghes-oauth-authorizations(?:\/[\w.]+)?)'/g, (match, specifier: string) => (paths[specifier] ? `from '${paths[specifier][0]}'` : match));
    const file = join(folder, path.slice(path.indexOf('/0/') + 3));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, code);
  }
  return folder;
}

const vitest = (folder: string, ...args: string[]) =>
  run(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', folder, '--config', join(folder, 'vitest.config.ts'), ...args], {
    cwd: folder,
    env: { ...process.env, CI: '', FORCE_COLOR: '0', NO_COLOR: '1' },
  }).then(
    ({ stdout }) => stdout.replace(/\x1b\[[\d;]*m/g, ''),
    (error: { stdout: string; stderr: string }) => {
      throw new Error(`the guide's tests failed:\n${error.stdout}\n${error.stderr}`);
    },
  );

describe("docs/frontend-testing.md's vitest project", () => {
  it('passes, and its seeded snapshot is the same bytes on a second run', async () => {
    const folder = await layOutForRunning('docs/frontend-testing.md');
    expect((await readdir(join(folder, 'src'))).sort()).toEqual([
      'create-retry.test.ts',
      'ghes.ts',
      'lockout.test.ts',
      'main.ts',
      'mocks.ts',
      'retry.test.ts',
      'token-list.test.ts',
      'tokens.test.ts',
      'two-factor.test.ts',
    ]);
    const first = await vitest(folder, '--update');
    expect(first).toMatch(/Tests\s+6 passed/);
    const snapshot = await readFile(join(folder, 'src/__snapshots__/token-list.test.ts.snap'), 'utf8');
    expect(snapshot).toMatch(/"token": "ghp_[A-Za-z0-9]{36}"/);
    expect(snapshot).toContain('"created_at": "2026-01-01T00:00:00Z"');
    expect(snapshot).toContain('"now": "2026-01-01T00:03:00.000Z"');
    const second = await vitest(folder); // without --update, a snapshot that differs fails
    expect(second).toMatch(/Tests\s+6 passed/);
    expect(await readFile(join(folder, 'src/__snapshots__/token-list.test.ts.snap'), 'utf8')).toBe(snapshot);
    // Each run starts jsdom and vitest afresh: tens of seconds on a loaded machine.
  }, 300_000);

  it('src/main.ts: the production bundle leaves the simulator out; the development one has it', async () => {
    const folder = await layOutForRunning('docs/frontend-testing.md');
    const bundle = async (dev: boolean) => {
      const result = await build({
        entryPoints: [join(folder, 'src/main.ts')],
        bundle: true,
        splitting: true,
        format: 'esm',
        minify: true,
        write: false,
        outdir: join(folder, 'out'),
        platform: 'browser',
        target: 'es2022',
        define: { 'import.meta.env.DEV': String(dev) },
        logLevel: 'silent',
      });
      return result.outputFiles.map((file) => file.text).join('\n');
    };
    // The simulator's own words: its control API's path and a message only it writes.
    const marker = 'The simulator is full';
    expect(await bundle(true)).toContain(marker);
    expect(await bundle(false)).not.toContain(marker);
  });
});
