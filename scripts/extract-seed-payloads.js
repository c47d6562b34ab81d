// Extracts every request and response payload from the two docs pages in ../shared/seeds into
// test/fixtures/seed-payloads.json, where the contract tests read them.
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const payloads = extractAll(process.argv[2] ?? '../shared/seeds');
  writeFileSync('test/fixtures/seed-payloads.json', `${JSON.stringify(payloads, null, 2)}\n`);
  console.log(`test/fixtures/seed-payloads.json: ${payloads.length} payloads`);
}
