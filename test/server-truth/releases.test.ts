// The contract beside GitHub's own OpenAPI descriptions of GHES 3.17, 3.18 and 3.19 (the pinned
// @octokit/openapi): the same ten operations, parameters, statuses and body fields, and GitHub's
// examples accepted by our validators, except where release-differences.json lists a difference
// with its decision; and each listed difference still occurs in exactly the releases it names.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundle } from '../support/contract.js';
import { githubDescription, operationsOf, releaseDifferences } from './releases.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
interface ReleaseDifference {
  difference: string;
  releases: string[];
  decision: string;
}
const known = JSON.parse(read('../fixtures/server-truth/release-differences.json')) as ReleaseDifference[];
const decisionHeadings = new Set([...read('../../docs/decisions.md').matchAll(/^## (.+)$/gm)].map((match) => match[1]!.trim()));
const releases = ['3.17', '3.18', '3.19'];

it('each listed difference names a section of docs/decisions.md and releases this test reads', () => {
  for (const entry of known) {
    expect(decisionHeadings, entry.difference).toContain(entry.decision);
    expect(entry.releases.length, entry.difference).toBeGreaterThan(0);
    for (const release of entry.releases) expect(releases, entry.difference).toContain(release);
  }
});

describe.each(releases)('GHES %s, as GitHub describes it', (release) => {
  const github = githubDescription(release);

  it('has the same ten operations, at the same methods and paths', () => {
    const shape = (document: unknown) => [...operationsOf(document)].map(([id, { method, path }]) => `${id} ${method} ${path}`).sort();
    expect(shape(github)).toHaveLength(10);
    expect(shape(bundle)).toEqual(shape(github));
  });

  it('differs from the contract only as release-differences.json lists, and there always', () => {
    const found = releaseDifferences(bundle, github);
    const expected = known.filter((entry) => entry.releases.includes(release)).map((entry) => entry.difference);
    expect({ unlisted: found.filter((d) => !expected.includes(d)), stale: expected.filter((d) => !found.includes(d)) }).toEqual({ unlisted: [], stale: [] });
  });
});
