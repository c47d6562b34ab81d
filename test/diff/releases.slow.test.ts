// The release check (`npm run check:breaking`) on scratch releases, and the repository's own
// release snapshots.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contract, root, run, scratchFolder } from './helpers.js';

const scratch = scratchFolder();
afterAll(scratch.cleanup);

let setups = 0;
/**
 * A scratch layout: releases/<version>/openapi.json for each release (a null release gets its
 * folder only), package.json, and the current contract; returns the check's arguments.
 */
function setup(releases: Record<string, unknown>, packageVersion: string, current: unknown) {
  const folder = join(scratch.folder, `setup-${++setups}`);
  for (const [version, document] of Object.entries(releases)) {
    mkdirSync(join(folder, 'releases', version), { recursive: true });
    if (document !== null) scratch.write(document, join(`setup-${setups}`, 'releases', version, 'openapi.json'));
  }
  mkdirSync(join(folder, 'releases'), { recursive: true });
  const packageFile = scratch.write({ name: 'x', version: packageVersion }, join(`setup-${setups}`, 'package.json'));
  const contractFile = scratch.write(current, join(`setup-${setups}`, 'openapi.json'));
  return ['--releases', join(folder, 'releases'), '--contract', contractFile, '--package', packageFile];
}
/** The same layout with a README.md beside the releases, as the repository has. */
function setupWithReadme(releases: Record<string, unknown>, packageVersion: string, current: unknown) {
  const args = setup(releases, packageVersion, current);
  writeFileSync(join(args[1]!, 'README.md'), '# releases\n');
  return args;
}
const check = (args: string[]) => run('scripts/checks/check-breaking.js', args);

const released = contract();
const withoutDeleteGrant = contract();
delete withoutDeleteGrant.paths['/applications/grants/{grant_id}'].delete;
const withNewField = contract();
withNewField.components.schemas.authorization.properties.last_used_at = { type: 'string' };

describe('npm run check:breaking', { timeout: 60_000 }, () => {
  it("passes when nothing changed since the latest release, and reads past the folder's README.md", async () => {
    const { code, stdout } = await check(setupWithReadme({ '0.1.0': released }, '0.1.0', released));
    expect(stdout.trim()).toBe('No breaking change since release 0.1.0 (0 non-breaking).');
    expect(code).toBe(0);
  });

  it('passes when nothing changed since the latest release', async () => {
    const { code, stdout } = await check(setup({ '0.1.0': released }, '0.1.0', released));
    expect(stdout.trim()).toBe('No breaking change since release 0.1.0 (0 non-breaking).');
    expect(code).toBe(0);
  });

  it('passes a non-breaking change without a new version', async () => {
    const { code, stdout } = await check(setup({ '0.1.0': released }, '0.1.0', withNewField));
    expect(stdout.trim()).toBe('No breaking change since release 0.1.0 (8 non-breaking).');
    expect(code).toBe(0);
  });

  it('fails a breaking change when the major version is the same, naming the change and the version to set', async () => {
    const { code, stderr } = await check(setup({ '0.1.0': released }, '0.2.0', withoutDeleteGrant));
    expect(stderr).toContain('DELETE /applications/grants/{grant_id}  (oauth-authorizations/delete-grant)');
    expect(stderr).toContain('✖ operation-removed');
    expect(stderr).toContain("Breaking changes since release 0.1.0 need a new major version: set package.json's version to 1.0.0");
    expect(code).toBe(1);
  });

  it('passes a breaking change when the major version was raised', async () => {
    const { code, stdout } = await check(setup({ '0.1.0': released }, '1.0.0', withoutDeleteGrant));
    expect(stdout).toContain('✖ operation-removed');
    expect(stdout).toContain("Breaking changes since release 0.1.0 are allowed: package.json's version 1.0.0 has a new major version.");
    expect(code).toBe(0);
  });

  it('compares with the highest version, numerically (0.10.0 after 0.9.0)', async () => {
    // Against 0.9.0, which still had the operation, the current contract would break.
    const { code, stdout } = await check(setup({ '0.9.0': released, '0.10.0': withoutDeleteGrant }, '0.10.0', withoutDeleteGrant));
    expect(stdout.trim()).toBe('No breaking change since release 0.10.0 (0 non-breaking).');
    expect(code).toBe(0);
  });

  const refusals: Array<[string, () => string[], RegExp]> = [
    ['no releases folder', () => ['--releases', join(scratch.folder, 'none'), ...setup({}, '0.1.0', released).slice(2)], /none: no releases folder/],
    ['an empty releases folder', () => setup({}, '0.1.0', released), /releases: holds no release$/],
    ['a releases entry that is not a version', () => setup({ '0.1.0': released, latest: released }, '0.1.0', released), /releases\/latest: not a release folder \(expected a folder named x\.y\.z\)$/],
    ['a README.md and no release', () => setupWithReadme({}, '0.1.0', released), /releases: holds no release$/],
    ['a package version older than the latest release', () => setup({ '0.2.0': released }, '0.1.0', released), /package\.json's version 0\.1\.0 is older than the latest release 0\.2\.0$/],
    ['a package version that is not x.y.z', () => setup({ '0.1.0': released }, 'one', released), /version "one" is not x\.y\.z$/],
    ['a release folder without its contract', () => setup({ '0.1.0': null }, '0.1.0', released), /0\.1\.0\/openapi\.json: no such file$/],
  ];
  it.each(refusals)('exits 2 on %s, in one line', async (_name, args, message) => {
    const { code, stderr } = await check(args());
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(message);
    expect(code).toBe(2);
  });
});

describe("the repository's release snapshots", () => {
  const releases = join(root, 'openapi/releases');

  const versions = readdirSync(releases).filter((entry) => entry !== 'README.md');

  it('keep the contract of the current package version, 0.1.0 at least', () => {
    expect(versions).toContain('0.1.0');
  });

  it.each(versions)('%s/openapi.json is the contract of version %s', (version) => {
    const snapshot = JSON.parse(readFileSync(join(releases, version, 'openapi.json'), 'utf8'));
    expect(snapshot.openapi).toMatch(/^3\.1\./);
    expect(snapshot.info.version).toBe(version);
  });

  it('are never edited or deleted once committed', () => {
    // --first-parent -m: every change as main received it, merges included (plain git log skips them).
    // -M with both folders: the snapshots' move out of generated/ is a rename, not an edit.
    // Only what is inside a version's folder: the folder's README is prose, and may be edited.
    const snapshots = [':(glob)openapi/releases/*/**', ':(glob)generated/releases/*/**'];
    const log = ['log', '--first-parent', '-m', '-M', '--diff-filter=MD', '--format=%h %s', '--', ...snapshots];
    const touched = execFileSync('git', log, { cwd: root, encoding: 'utf8' });
    expect(touched).toBe('');
  });
});
