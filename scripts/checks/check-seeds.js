// `npm run check:seeds [-- <folder>]`: checks that the committed fixtures (test/fixtures/
// seed-payloads.json, seed-operations.json and seed-curl-commands.json) are exactly what scripts/tools/extract-seed-payloads.js
// extracts from GitHub's docs pages, and that the extraction missed nothing on the pages. The tests
// read only the fixtures, so a clone runs them without the pages; this check needs the pages, in
// ../shared/seeds beside the repository unless a folder is given.
//
// Exit codes: 0 the fixtures match, 1 they do not (each difference listed), 2 the pages are not
// there (one line naming the folder): a check that cannot look must not pass as if it had.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { extractAll, extractAllCurlCommands, extractAllOperations, seedPages } from '../tools/extract-seed-payloads.js';

const repository = resolve(import.meta.dirname, '../..');
export const defaultSeeds = resolve(repository, '../shared/seeds');

/** The page files that are not in `directory` (all of them when it does not exist). */
export function missingPages(directory) {
  return seedPages.map(({ file }) => file).filter((file) => !existsSync(join(directory, file)));
}

const keyOf = ({ ghes, operation, body }) => `${ghes} ${operation} ${body}`;

/** Each way the fixtures differ from the pages in `directory`, as a sentence; empty when they match. */
export function seedProblems(directory, { payloads, operations, commands }) {
  const problems = [];
  const extracted = extractAll(directory);
  for (const { ghes, file } of seedPages) {
    const text = readFileSync(join(directory, file), 'utf8');
    const printed = (text.match(/ -d '/g)?.length ?? 0) + (text.match(/^Status: \d{3}\n[[{]/gm)?.length ?? 0);
    const found = extracted.filter((payload) => payload.ghes === ghes).length;
    if (found !== printed) problems.push(`the ${ghes} page prints ${printed} bodies, the extraction finds ${found}`);
  }
  const byKey = (list) => new Map(list.map((payload) => [keyOf(payload), payload]));
  const [want, have] = [byKey(extracted), byKey(payloads)];
  for (const [key, payload] of want) {
    if (!have.has(key)) problems.push(`seed-payloads.json lacks ${key}`);
    else if (!isDeepStrictEqual(have.get(key), payload)) problems.push(`seed-payloads.json differs from the page at ${key}`);
  }
  for (const key of have.keys()) if (!want.has(key)) problems.push(`seed-payloads.json has ${key}, which no page prints`);
  if (problems.length === 0 && !isDeepStrictEqual(payloads, extracted)) problems.push('seed-payloads.json is not in page order');

  const pageOperations = extractAllOperations(directory);
  const differingOperations = pageOperations.filter((operation, index) => !isDeepStrictEqual(operations?.[index], operation)).map(({ ghes, operation }) => `${ghes} ${operation}`);
  if (differingOperations.length > 0 || operations?.length !== pageOperations.length) {
    problems.push(
      `seed-operations.json differs from the pages (${operations?.length ?? 0} operations, the pages have ${pageOperations.length}${differingOperations.length ? `; differing: ${differingOperations.join(', ')}` : ''})`,
    );
  }

  const curl = extractAllCurlCommands(directory);
  if (!isDeepStrictEqual(commands, curl)) {
    const differing = curl.filter((command, index) => !isDeepStrictEqual(commands[index], command)).map(({ operation }) => operation);
    problems.push(`seed-curl-commands.json differs from the page (${commands.length} commands, the page has ${curl.length}${differing.length ? `; differing: ${differing.join(', ')}` : ''})`);
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const directory = resolve(process.argv[2] ?? defaultSeeds);
  const missing = missingPages(directory);
  if (missing.length > 0) {
    console.error(`check:seeds: the docs pages are not in ${directory} (missing ${missing.join(', ')}); nothing was checked. Pass their folder: npm run check:seeds -- <folder>`);
    process.exit(2);
  }
  const read = (name) => JSON.parse(readFileSync(join(repository, 'test/fixtures', name), 'utf8'));
  const fixtures = { payloads: read('seed-payloads.json'), operations: read('seed-operations.json'), commands: read('seed-curl-commands.json') };
  const problems = seedProblems(directory, fixtures);
  if (problems.length > 0) {
    console.error(`check:seeds: the fixtures do not match the pages in ${directory}:`);
    for (const problem of problems) console.error(`  ${problem}`);
    console.error(`re-extract them with: node scripts/tools/extract-seed-payloads.js ${directory}`);
    process.exit(1);
  }
  console.log(`check:seeds: ${fixtures.payloads.length} payloads, ${fixtures.operations.length} operations and ${fixtures.commands.length} curl commands match the pages in ${directory}`);
}
