// `npm run check:seeds`: the committed fixtures against the docs pages, on pages made up here (the
// real ones are outside the repository, and the tests never need them).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { missingPages, seedProblems } from '../../scripts/checks/check-seeds.js';
import { extractAll, extractAllCurlCommands, extractAllOperations, seedPages } from '../../scripts/tools/extract-seed-payloads.js';

const page = (note: string) =>
  [
    'Create a new authorization',
    `curl -L \\ -X POST \\ -H "Accept: application/vnd.github+json" \\ http(s)://HOSTNAME/api/v3/authorizations \\ -d '{"scopes":["public_repo"],"note":"${note}"}'`,
    'Status: 201',
    `{"id":1,"note":"${note}"}`,
    '',
  ].join('\n');

const folder = mkdtempSync(join(tmpdir(), 'seed-pages-'));
for (const { ghes, file } of seedPages) writeFileSync(join(folder, file), page(`from ${ghes}`));
const fixtures = { payloads: extractAll(folder), operations: extractAllOperations(folder), commands: extractAllCurlCommands(folder) };
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('check:seeds', () => {
  it('finds no problem when the fixtures are what the pages hold', () => {
    expect(fixtures.payloads).toHaveLength(4);
    expect(fixtures.commands).toEqual([expect.objectContaining({ operation: 'create-authorization', status: 201 })]);
    expect(seedProblems(folder, fixtures)).toEqual([]);
  });

  it('names each payload that differs, is missing or is extra', () => {
    const [first, second, ...rest] = fixtures.payloads;
    const edited = [{ ...first!, payload: { scopes: [] } }, ...rest, { ...second!, ghes: '9.99' }];
    expect(seedProblems(folder, { ...fixtures, payloads: edited })).toEqual([
      'seed-payloads.json differs from the page at 3.15 create-authorization request',
      'seed-payloads.json lacks 3.15 create-authorization 201',
      'seed-payloads.json has 9.99 create-authorization 201, which no page prints',
    ]);
  });

  it('names the curl commands that differ', () => {
    const commands = [{ ...fixtures.commands[0]!, status: 200 }];
    expect(seedProblems(folder, { ...fixtures, commands })).toEqual(['seed-curl-commands.json differs from the page (1 commands, the page has 1; differing: create-authorization)']);
  });

  it("names the operations whose method, path, status codes or parameters differ from the pages'", () => {
    expect(fixtures.operations).toEqual(seedPages.map(({ ghes }) => expect.objectContaining({ ghes, operation: 'create-authorization' })));
    const operations = [{ ...fixtures.operations[0]!, statuses: ['418'] }, ...fixtures.operations.slice(1)];
    expect(seedProblems(folder, { ...fixtures, operations })).toEqual(['seed-operations.json differs from the pages (2 operations, the pages have 2; differing: 3.15 create-authorization)']);
  });

  it('says when a page prints a body the extraction does not find', () => {
    const file = seedPages[0]!.file;
    // A request body the extractor's pattern (a line ending in -d '…') does not see.
    writeFileSync(join(folder, file), `${page('from 3.15')}Or with httpie: http POST … -d '{"note":"x"}' --verbose\n`);
    try {
      expect(seedProblems(folder, fixtures)).toEqual(['the 3.15 page prints 3 bodies, the extraction finds 2']);
    } finally {
      writeFileSync(join(folder, file), page('from 3.15'));
    }
  });

  it('exits 2 with one line naming the folder when the pages are not there', async () => {
    const absent = join(folder, 'absent');
    expect(missingPages(absent)).toEqual(seedPages.map(({ file }) => file));
    const failure = await promisify(execFile)('node', ['scripts/checks/check-seeds.js', absent]).catch((error) => error);
    expect(failure.code).toBe(2);
    expect(failure.stderr.trim().split('\n')).toEqual([expect.stringContaining(`the docs pages are not in ${absent}`)]);
  });
});
