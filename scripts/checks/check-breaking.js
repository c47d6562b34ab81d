// Fails when the contract breaks a client of the latest release and package.json's major version
// was not raised above that release's. Each published version's contract is kept, as released, in
// openapi/releases/<version>/openapi.json; the latest is the highest version there.
// Usage: node scripts/checks/check-breaking.js [--releases DIR] [--contract FILE] [--package FILE]
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diffContracts } from '../tools/diff/diff-contracts.js';
import { InputError } from '../tools/diff/load-contract.js';
import { formatText } from '../tools/diff/report.js';

const semver = /^(\d+)\.(\d+)\.(\d+)$/;

/** [major, minor, patch] of an `x.y.z` version, or undefined. */
const parts = (version) => semver.exec(version)?.slice(1).map(Number);
/** [major, minor, patch] of a version already known to be `x.y.z`. */
const partsOf = (version) => /** @type {number[]} */ (parts(version));
const newer = (a, b) => partsOf(a).reduce((order, part, index) => order || part - (partsOf(b)[index] ?? 0), 0) > 0;

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  if (index === -1) return fallback;
  const value = process.argv[index + 1];
  if (!value) throw new InputError(`${name} needs a value`);
  return value;
}

async function latestRelease(releases) {
  let entries;
  try {
    entries = await readdir(releases, { withFileTypes: true });
  } catch {
    throw new InputError(`${releases}: no releases folder; keep each published contract as ${releases}/<version>/openapi.json`);
  }
  // The folder's README.md states its rule; everything else must be a release.
  const folders = entries.filter((entry) => !(entry.isFile() && entry.name === 'README.md'));
  const stray = folders.find((entry) => !entry.isDirectory() || !parts(entry.name));
  if (stray) throw new InputError(`${join(releases, stray.name)}: not a release folder (expected a folder named x.y.z)`);
  if (folders.length === 0) throw new InputError(`${releases}: holds no release`);
  return folders.map((entry) => entry.name).reduce((latest, version) => (newer(version, latest) ? version : latest));
}

async function packageVersion(file) {
  let version;
  try {
    version = JSON.parse(await readFile(file, 'utf8')).version;
  } catch (error) {
    throw new InputError(`${file}: cannot read its version (${error.message})`);
  }
  if (!parts(version)) throw new InputError(`${file}: version "${version}" is not x.y.z`);
  return version;
}

try {
  const releases = option('--releases', 'openapi/releases');
  const contract = option('--contract', 'generated/openapi.json');
  const version = await packageVersion(option('--package', 'package.json'));
  const release = await latestRelease(releases);
  if (newer(release, version)) throw new InputError(`package.json's version ${version} is older than the latest release ${release}`);

  const report = await diffContracts(join(releases, release, 'openapi.json'), contract);
  const [releaseMajor, major] = [partsOf(release)[0], partsOf(version)[0]];
  if (report.breaking.length === 0) {
    console.log(`No breaking change since release ${release} (${report.nonBreaking.length} non-breaking).`);
  } else if (major > releaseMajor) {
    console.log(`${formatText(report)}\n\nBreaking changes since release ${release} are allowed: package.json's version ${version} has a new major version.`);
  } else {
    console.error(
      `${formatText(report)}\n\nBreaking changes since release ${release} need a new major version: set package.json's version to ${releaseMajor + 1}.0.0 (and say so in CHANGELOG.md), or undo them.`,
    );
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`check:breaking: ${String(error.message).replace(/\s*\n\s*/g, ' ')}`);
  process.exitCode = 2;
}
