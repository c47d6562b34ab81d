// The package's version is the contract's: package.json and info.version in openapi/ (and so the
// bundle) cannot drift apart.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { expect, it } from 'vitest';
import { bundle } from '../support/contract.js';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

it("package.json's version is the contract's info.version, in openapi/ and in the bundle", () => {
  const { version } = JSON.parse(read('package.json'));
  expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  expect(parse(read('openapi/openapi.yaml')).info.version).toBe(version);
  expect(bundle.info.version).toBe(version);
});
