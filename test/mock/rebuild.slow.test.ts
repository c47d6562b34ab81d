// `npm start` rebuilds generated/ when openapi/ is newer, and only then. Run on copies of the
// project in a temporary directory, so the real generated/ is never rewritten under other tests.
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isStale, rebuildIfStale } from '../../scripts/mock/rebuild-if-stale.js';
import { root } from './support/processes.js';

const copies: string[] = [];
afterEach(async () => {
  await Promise.all(copies.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A copy of what the build needs, generated/ older than openapi/ unless told otherwise. */
async function copyProject() {
  const dir = await mkdtemp(join(tmpdir(), 'ghes-mock-rebuild-'));
  copies.push(dir);
  for (const entry of ['openapi', 'generated', 'scripts', 'src', 'redocly.yaml', 'package.json']) await cp(join(root, entry), join(dir, entry), { recursive: true });
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}
const setTime = (path: string, seconds: number) => utimes(path, seconds, seconds);
const now = Math.floor(Date.now() / 1000);

describe('isStale', () => {
  it('is false when generated/ is newer than everything in openapi/ and redocly.yaml', async () => {
    const dir = await copyProject();
    await setTime(join(dir, 'generated/openapi.json'), now + 60);
    expect(await isStale(dir)).toBe(false);
  });

  it.each(['openapi/components/schemas/authorization.yaml', 'openapi/openapi.yaml', 'redocly.yaml'])('is true when %s is newer', async (file) => {
    const dir = await copyProject();
    await setTime(join(dir, 'generated/openapi.json'), now);
    await setTime(join(dir, file), now + 60);
    expect(await isStale(dir)).toBe(true);
  });

  it('is false on a fresh clone (openapi/ checked out after generated/), true once openapi/ is edited', async () => {
    const dir = await copyProject();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd: dir });
    git('init', '--quiet');
    git('add', 'openapi', 'generated', 'redocly.yaml');
    git('commit', '--quiet', '-m', 'contract and its build');
    await setTime(join(dir, 'generated/openapi.json'), now);
    await setTime(join(dir, 'openapi/openapi.yaml'), now + 60);
    expect(await isStale(dir)).toBe(false);

    const file = join(dir, 'openapi/openapi.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('version: 0.1.0', 'version: 0.1.1'));
    await setTime(file, now + 120);
    expect(await isStale(dir)).toBe(true);
  });
});

describe('rebuildIfStale', () => {
  it('rebuilds a stale generated/ (to the same bytes) and says so', async () => {
    const dir = await copyProject();
    const before = await readFile(join(dir, 'generated/openapi.json'), 'utf8');
    await setTime(join(dir, 'generated/openapi.json'), now - 600);
    const said: string[] = [];
    await rebuildIfStale({ root: dir, log: (line: string) => said.push(line) }).done;
    expect(said).toEqual(['openapi/ changed since the last build: rebuilding generated/ …']);
    expect((await stat(join(dir, 'generated/openapi.json'))).mtimeMs).toBeGreaterThan((now - 600) * 1000);
    expect(await readFile(join(dir, 'generated/openapi.json'), 'utf8')).toBe(before);
    expect(await isStale(dir)).toBe(false);
  });

  it('leaves a current generated/ alone', async () => {
    const dir = await copyProject();
    await setTime(join(dir, 'generated/openapi.json'), now + 60);
    const said: string[] = [];
    await rebuildIfStale({ root: dir, log: (line: string) => said.push(line) }).done;
    expect(said).toEqual([]);
    expect((await stat(join(dir, 'generated/openapi.json'))).mtimeMs).toBe((now + 60) * 1000);
  });

  it('refuses to serve a contract that does not build, with the linter\'s report', async () => {
    const dir = await copyProject();
    const file = join(dir, 'openapi/paths/authorizations.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('operationId: oauth-authorizations/list-authorizations', 'operationId: oauth-authorizations/list-grants'));
    await setTime(file, now + 60);
    await expect(rebuildIfStale({ root: dir, log: () => {} }).done).rejects.toThrow(/the contract does not build, so there is nothing to serve:[\s\S]*operationId/);
  });
});
