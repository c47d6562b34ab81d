// The contract keeps every promise of the latest release (openapi/releases/) unless the major
// version was raised: what `npm run check:breaking` gates in CI, as a contract test, so that a
// change that breaks clients (a response field no longer required, a status code or a parameter
// removed, a type changed, …) fails the tests too, on schemas the docs pages do not show.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { diffContracts } from '../../scripts/diff/diff-contracts.js';
import { bundleFile } from '../support/contract.js';

const releases = fileURLToPath(new URL('../../openapi/releases/', import.meta.url));
const major = (version: string) => Number(version.split('.')[0]);
const latest = readdirSync(releases)
  .filter((entry) => /^\d+\.\d+\.\d+$/.test(entry))
  .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
  .at(-1)!;
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

it(`breaks no client of release ${latest}, or the major version was raised`, { timeout: 60_000 }, async () => {
  const { breaking } = await diffContracts(`${releases}${latest}/openapi.json`, bundleFile);
  const allowed = major(version) > major(latest);
  expect(allowed ? [] : breaking.map(({ rule, operation, location }) => `${rule} ${operation} ${location}`)).toEqual([]);
});
