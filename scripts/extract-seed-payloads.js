// Extracts every request and response payload from the two docs pages in ../shared/seeds into
// test/fixtures/seed-payloads.json, where the contract tests read them, and the 3.15 page's curl
// commands into test/fixtures/seed-curl-commands.json, which the mock tests send. The tests read
// only these committed files; `npm run check:seeds` checks them against the pages.
// Usage: node scripts/extract-seed-payloads.js [seeds directory]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const seedPages = [
  { ghes: '3.15', file: '002_447f43c73b9f5eee.txt' },
  { ghes: '3.16', file: '000_d89cda18f2edec6f.txt' },
];

// Each operation's section starts with a line holding exactly its summary.
const sections = {
  'List your grants': 'list-grants',
  'Get a single grant': 'get-grant',
  'Delete a grant': 'delete-grant',
  'List your authorizations': 'list-authorizations',
  'Create a new authorization': 'create-authorization',
  'Get-or-create an authorization for a specific app': 'get-or-create-authorization-for-app',
  'Get-or-create an authorization for a specific app and fingerprint': 'get-or-create-authorization-for-app-and-fingerprint',
  'Get a single authorization': 'get-authorization',
  'Update an existing authorization': 'update-authorization',
  'Delete an authorization': 'delete-authorization',
};

/** The payloads of one page: `{ ghes, operation, body: 'request' | status, payload }`, in page order. */
export function extractPayloads(text, ghes) {
  const payloads = [];
  let operation;
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (sections[line.trim()]) operation = sections[line.trim()];
    const request = line.match(/ -d '(.*)'\s*$/);
    if (request) payloads.push({ ghes, operation, body: 'request', payload: JSON.parse(request[1]) });
    const status = line.match(/^Status: (\d{3})\s*$/);
    const next = lines[index + 1]?.trim() ?? '';
    if (status && /^[[{]/.test(next)) payloads.push({ ghes, operation, body: status[1], payload: JSON.parse(next) });
  });
  return payloads;
}

export function extractAll(seedsDirectory) {
  return seedPages.flatMap(({ ghes, file }) => extractPayloads(readFileSync(join(seedsDirectory, file), 'utf8'), ghes));
}

/** The page's curl commands as printed: `{ ghes, operation, command, status }`, status being the next one documented. */
export function extractCurlCommands(text, ghes) {
  let operation;
  const lines = text.split('\n');
  return lines.flatMap((line, index) => {
    if (sections[line.trim()]) operation = sections[line.trim()];
    if (!line.startsWith('curl ')) return [];
    const status = lines.slice(index).find((next) => /^Status: \d{3}/.test(next));
    return [{ ghes, operation, command: line.trimEnd(), status: Number(status?.slice(8, 11)) }];
  });
}

/** The curl commands of the complete page, 3.15 (the 3.16 page lost some of its statuses). */
export function extractAllCurlCommands(seedsDirectory) {
  const { ghes, file } = seedPages.find((page) => page.ghes === '3.15');
  return extractCurlCommands(readFileSync(join(seedsDirectory, file), 'utf8'), ghes);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seeds = process.argv[2] ?? '../shared/seeds';
  const payloads = extractAll(seeds);
  writeFileSync('test/fixtures/seed-payloads.json', `${JSON.stringify(payloads, null, 2)}\n`);
  console.log(`test/fixtures/seed-payloads.json: ${payloads.length} payloads`);
  const commands = extractAllCurlCommands(seeds);
  writeFileSync('test/fixtures/seed-curl-commands.json', `${JSON.stringify(commands, null, 2)}\n`);
  console.log(`test/fixtures/seed-curl-commands.json: ${commands.length} curl commands`);
}
