// Extracts the facts of the two docs pages in ../shared/seeds into test/fixtures/, where the tests
// read them: every request and response payload (seed-payloads.json), each operation's method,
// path, status codes and parameters (seed-operations.json), and the 3.15 page's curl commands
// (seed-curl-commands.json), which the mock tests send. The tests read only these committed files;
// `npm run check:seeds` checks them against the pages.
// Usage: node scripts/tools/extract-seed-payloads.js [seeds directory]
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

// The pages are in Spanish, with the operations' titles and the parameters in English.
const parameterHeadings = {
  Encabezados: 'header',
  'Parámetros de consulta': 'query',
  'Parámetros de la ruta de acceso': 'path',
  'Parámetros del cuerpo': 'body',
};
const parameterLine = /^([A-Za-z_][\w-]*) (integer|number|string|boolean|object|array of strings(?: or null)?)( Requerido)?$/;
const requestLine = /^(get|put|post|delete|options|head|patch|trace)(\/\S*)$/;

/**
 * The operations of one page, in page order: `{ ghes, operation, title, method, path, apiVersion,
 * statuses, parameters: [{ in, name, type, required, default? }] }` (`in` is header, query, path or
 * body; `apiVersion` is the X-GitHub-Api-Version its curl example sends).
 * The 3.16 page lost its method-and-path lines and its status codes in rendering: there they are
 * null and empty.
 */
export function extractOperations(text, ghes) {
  const operations = [];
  /** @type {any} */
  let current;
  let part;
  let location;
  for (const line of text.split('\n').map((each) => each.trim())) {
    if (sections[line]) {
      current = { ghes, operation: sections[line], title: line, method: null, path: null, apiVersion: null, statuses: [], parameters: [] };
      operations.push(current);
      part = undefined;
      continue;
    }
    if (!current) continue;
    if (line.startsWith('Parámetros para "')) {
      // Both pages list the headers first; the 3.16 page lost their heading.
      [part, location] = ['parameters', 'header'];
    } else if (line.startsWith('Códigos de estado de respuesta HTTP para "')) {
      part = 'statuses';
    } else if (line.startsWith('Ejemplos de código para "')) {
      part = 'examples';
    } else if (part === 'parameters' && parameterHeadings[line]) {
      location = parameterHeadings[line];
    } else if (part === 'parameters' && parameterLine.test(line)) {
      const [, name, type, required] = line.match(parameterLine);
      current.parameters.push({ in: location, name, type, required: Boolean(required) });
    } else if (part === 'parameters' && line.startsWith('Valor predeterminado: ')) {
      current.parameters.at(-1).default = line.slice('Valor predeterminado: '.length);
    } else if (part === 'statuses' && /^\d{3}$/.test(line)) {
      current.statuses.push(line);
    } else if (part === 'examples' && requestLine.test(line) && current.method === null) {
      [, current.method, current.path] = line.match(requestLine);
    } else if (part === 'examples' && line.startsWith('curl ') && current.apiVersion === null) {
      current.apiVersion = line.match(/-H "X-GitHub-Api-Version: ([^"]+)"/)?.[1] ?? null;
    }
  }
  return operations;
}

const pagesOf = (seedsDirectory) => seedPages.map(({ ghes, file }) => ({ ghes, text: readFileSync(join(seedsDirectory, file), 'utf8') }));

export function extractAll(seedsDirectory) {
  return pagesOf(seedsDirectory).flatMap(({ ghes, text }) => extractPayloads(text, ghes));
}

export function extractAllOperations(seedsDirectory) {
  return pagesOf(seedsDirectory).flatMap(({ ghes, text }) => extractOperations(text, ghes));
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
  const { ghes, file } = /** @type {{ ghes: string, file: string }} */ (seedPages.find((page) => page.ghes === '3.15'));
  return extractCurlCommands(readFileSync(join(seedsDirectory, file), 'utf8'), ghes);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seeds = process.argv[2] ?? '../shared/seeds';
  const payloads = extractAll(seeds);
  const operations = extractAllOperations(seeds);
  writeFileSync('test/fixtures/seed-payloads.json', `${JSON.stringify(payloads, null, 2)}\n`);
  writeFileSync('test/fixtures/seed-operations.json', `${JSON.stringify(operations, null, 2)}\n`);
  console.log(`test/fixtures/seed-payloads.json: ${payloads.length} payloads; test/fixtures/seed-operations.json: ${operations.length} operations`);
  const commands = extractAllCurlCommands(seeds);
  writeFileSync('test/fixtures/seed-curl-commands.json', `${JSON.stringify(commands, null, 2)}\n`);
  console.log(`test/fixtures/seed-curl-commands.json: ${commands.length} curl commands`);
}
