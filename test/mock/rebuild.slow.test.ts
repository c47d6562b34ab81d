// `npm start` rebuilds generated/ when its sources changed since the last build, and only then. Run
// on copies of the project in a temporary directory, so the real generated/ is never rewritten
// under other tests.
import { cp, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isStale, rebuildIfStale } from '../../scripts/mock/rebuild-if-stale.js';
import { root } from './support/processes.js';

const copies: string[] = [];
afterEach(async () => {
  await Promise.all(copies.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A copy of what the build needs. */
async function copyProject() {
  const dir = await mkdtemp(join(tmpdir(), 'ghes-mock-rebuild-'));
  copies.push(dir);
  for (const entry of ['openapi', 'generated', 'scripts', 'src', 'redocly.yaml', 'package.json']) await cp(join(root, entry), join(dir, entry), { recursive: true });
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}
/** Appends a YAML comment: the sources change, what the build makes does not. */
const touchContent = async (path: string) => writeFile(path, `${await readFile(path, 'utf8')}# edited\n`);

describe('isStale', () => {
  it("is false for the build of the sources beside it, whatever the files' times", async () => {
    expect(await isStale(await copyProject())).toBe(false);
  });

  it.each(['openapi/components/schemas/authorization.yaml', 'openapi/openapi.yaml', 'redocly.yaml', 'scripts/build/build.js'])('is true once %s is edited', async (file) => {
    const dir = await copyProject();
    await touchContent(join(dir, file));
    expect(await isStale(dir)).toBe(true);
  });

  it('is true when generated/ records no build', async () => {
    const dir = await copyProject();
    await rm(join(dir, 'generated/build-inputs.sha256'));
    expect(await isStale(dir)).toBe(true);
  });
});

describe('rebuildIfStale', () => {
  it('rebuilds a stale generated/ (to the same bytes) and says so', async () => {
    const dir = await copyProject();
    const before = await readFile(join(dir, 'generated/openapi.json'), 'utf8');
    await touchContent(join(dir, 'openapi/openapi.yaml'));
    const said: string[] = [];
    await rebuildIfStale({ root: dir, log: (line: string) => said.push(line) }).done;
    expect(said).toEqual(['openapi/ changed since the last build: rebuilding generated/ …']);
    expect(await readFile(join(dir, 'generated/openapi.json'), 'utf8')).toBe(before);
    expect(await isStale(dir)).toBe(false);
  });

  it('leaves a current generated/ alone', async () => {
    const dir = await copyProject();
    const written = (await stat(join(dir, 'generated/openapi.json'))).mtimeMs;
    const said: string[] = [];
    await rebuildIfStale({ root: dir, log: (line: string) => said.push(line) }).done;
    expect(said).toEqual([]);
    expect((await stat(join(dir, 'generated/openapi.json'))).mtimeMs).toBe(written);
  });

  it("refuses to serve a contract that does not build, with the linter's report", async () => {
    const dir = await copyProject();
    const file = join(dir, 'openapi/paths/authorizations.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('operationId: oauth-authorizations/list-authorizations', 'operationId: oauth-authorizations/list-grants'));
    await expect(rebuildIfStale({ root: dir, log: () => {} }).done).rejects.toThrow(/the contract does not build, so there is nothing to serve:[\s\S]*operationId/);
  });
});
