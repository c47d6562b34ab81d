// The two guards of generated/, both ways, on a copy of the working tree (a git repository of its own):
// `npm run check:drift` rebuilds in a scratch copy and names what differs; `npm test` first runs
// scripts/checks/check-fresh.js, which stops at once when openapi/ changed after the last build.
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ghes-drift-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  // The working tree as it is (a file deleted but not yet committed is skipped).
  for (const file of files)
    await cp(join(root, file), join(dir, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd: dir });
  git('init', '--quiet');
  git('add', '.');
  git('commit', '--quiet', '-m', 'the project');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const run = (script: string) => spawnSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' });
const editDescription = async () => {
  const file = join(dir, 'openapi/components/schemas/authorization.yaml');
  const text = await readFile(file, 'utf8');
  const edited = text.replace(/^description: (.*)$/m, 'description: $1 Edited.');
  expect(edited).not.toBe(text);
  await writeFile(file, edited);
};

describe('check:drift and the stale-generated guard', () => {
  it('pass on the committed project', () => {
    expect(run('scripts/checks/check-drift.js')).toMatchObject({ status: 0 });
    expect(run('scripts/checks/check-fresh.js')).toMatchObject({ status: 0, stderr: '' });
  });

  it('fail when openapi/ is edited and not rebuilt, naming the files and the command', async () => {
    await editDescription();
    const fresh = run('scripts/checks/check-fresh.js');
    expect(fresh.status).toBe(1);
    expect(fresh.stderr).toContain('generated/ is stale: run npm run build');
    const drift = run('scripts/checks/check-drift.js');
    expect(drift.status).toBe(1);
    expect(drift.stderr).toMatch(/generated\/openapi\.json: differs/);
    expect(drift.stderr).toMatch(/generated\/build-inputs\.sha256: differs/);
    expect(drift.stderr).not.toMatch(/generated\/README\.md/);
  });

  it('pass again after a correct build, before it is committed', () => {
    expect(run('scripts/build/build.js').status).toBe(0);
    expect(execFileSync('git', ['status', '--porcelain', 'generated'], { cwd: dir, encoding: 'utf8' })).not.toBe('');
    expect(run('scripts/checks/check-fresh.js')).toMatchObject({ status: 0 });
    expect(run('scripts/checks/check-drift.js')).toMatchObject({ status: 0 });
  });
});
