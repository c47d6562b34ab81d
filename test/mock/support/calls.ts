// The ten operations as concrete requests to the running mock, and what the contract says about
// their answers.
import { inject } from 'vitest';
import { bundle, errorsFor, schemaPointer } from '../../support/contract.js';
import { mediaTypes } from '../../support/media-types.js';

/** The simulator, as `npm start` serves it. */
export const mockUrl = () => inject('mockUrl');
/** The documented examples through Prism, as `npm start -- --static` serves them (the mock project only). */
export const staticMockUrl = () => inject('staticMockUrl');
/** `npm start -- --strict`: contract-strict request bodies. */
export const strictMockUrl = () => inject('strictMockUrl');
export const basicFor = (user: string) => `Basic ${Buffer.from(`${user}:secret`).toString('base64')}`;
/** octocat's: tests that change state use a `freshUser()` instead, so that no other test sees it. */
export const basic = basicFor('octocat');

let users = 0;
/** A user name no other test uses: its state starts from the seed (the contract's examples). */
export const freshUser = (label = 'user') => `${label}-${process.pid}-${++users}`;

// The hosts the contract's examples are written for.
const placeholders = ['https://HOSTNAME/api/v3', 'https://enterprise.octocat.com/api/v3', 'https://HOSTNAME'];
/** `value` with the examples' placeholder URLs on `base`, as the simulator answers them. */
export function onBase<T>(value: T, base: string): T {
  let text = JSON.stringify(value);
  for (const placeholder of placeholders) text = text.split(placeholder).join(base);
  return JSON.parse(text);
}
/** What GitHub's docs pages send. */
export const githubHeaders = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };

export const example = (name: string): any => {
  const found = bundle.components.examples[name];
  if (!found) throw new Error(`no example ${name} in the contract`);
  return found.value;
};
export const headerExample = (name: string): string => bundle.components.headers[name].example;

export interface Call {
  operation: string;
  method: string;
  path: string;
  body?: unknown;
  /** The status answered without Prefer, and the example it answers with. */
  status: number;
  answer?: string;
}

const clientId = 'abcde12345fghij67890';
export const calls: Call[] = [
  { operation: 'list-grants', method: 'GET', path: '/applications/grants', status: 200, answer: 'list-grants-200' },
  { operation: 'get-grant', method: 'GET', path: '/applications/grants/1', status: 200, answer: 'get-grant-200' },
  { operation: 'delete-grant', method: 'DELETE', path: '/applications/grants/1', status: 204 },
  { operation: 'list-authorizations', method: 'GET', path: '/authorizations', status: 200, answer: 'list-authorizations-200' },
  { operation: 'create-authorization', method: 'POST', path: '/authorizations', body: example('create-authorization-request'), status: 201, answer: 'create-authorization-201' },
  {
    operation: 'get-or-create-authorization-for-app',
    method: 'PUT',
    path: `/authorizations/clients/${clientId}`,
    body: example('get-or-create-authorization-for-app-request'),
    status: 200,
    answer: 'get-or-create-authorization-for-app-200',
  },
  {
    operation: 'get-or-create-authorization-for-app-and-fingerprint',
    method: 'PUT',
    path: `/authorizations/clients/${clientId}/jklmnop12345678`,
    body: example('get-or-create-authorization-for-app-and-fingerprint-request'),
    status: 200,
    answer: 'get-or-create-authorization-for-app-and-fingerprint-200',
  },
  { operation: 'get-authorization', method: 'GET', path: '/authorizations/1', status: 200, answer: 'get-authorization-200' },
  { operation: 'update-authorization', method: 'PATCH', path: '/authorizations/1', body: example('update-authorization-request-add-scopes'), status: 200, answer: 'update-authorization-200' },
  { operation: 'delete-authorization', method: 'DELETE', path: '/authorizations/1', status: 204 },
];

/** The component a local `$ref` names, or `node` itself. */
const resolved = (node: any): any =>
  typeof node?.$ref === 'string'
    ? node.$ref
        .split('/')
        .slice(1)
        .reduce((at: any, key: string) => at?.[key], bundle)
    : node;

/**
 * A call for an operation the table above does not list (one just added to the contract), made from
 * the contract alone: its path parameters' examples, its request body's first example, its first
 * success status and that status's first example.
 */
function derivedCall(operation: string): Call | undefined {
  for (const [path, item] of Object.entries<any>(bundle.paths)) {
    for (const [method, entry] of Object.entries<any>(item)) {
      if (entry?.operationId !== `oauth-authorizations/${operation}`) continue;
      const parameters = [...(item.parameters ?? []), ...(entry.parameters ?? [])].map(resolved);
      const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
        const parameter = parameters.find((candidate) => candidate.in === 'path' && candidate.name === name);
        return encodeURIComponent(String(parameter?.example ?? parameter?.schema?.examples?.[0] ?? 1));
      });
      const status = Object.keys(entry.responses)
        .filter((code) => code.startsWith('2'))
        .sort()[0]!;
      const firstExample = (content: any) =>
        Object.values<any>(content?.['application/json']?.examples ?? {})[0]
          ?.$ref?.split('/')
          .at(-1);
      const bodyExample = firstExample(resolved(entry.requestBody)?.content);
      const answer = firstExample(resolved(entry.responses[status])?.content);
      return { operation, method: method.toUpperCase(), path: filled, ...(bodyExample && { body: example(bodyExample) }), status: Number(status), ...(answer && { answer }) };
    }
  }
  return undefined;
}

export const callFor = (operation: string): Call => {
  const found = calls.find((call) => call.operation === operation) ?? derivedCall(operation);
  if (!found) throw new Error(`no call for ${operation}`);
  return found;
};

/** Sends `call` to the mock with Basic credentials (octocat's, unless `headers` has others) and GitHub's headers, plus `headers`. */
export function send(call: Pick<Call, 'method' | 'path' | 'body'>, headers: Record<string, string> = {}, prefix = '') {
  return sendTo(mockUrl(), call, headers, prefix);
}

/** `send`, as `user`. */
export const sendAs = (user: string, call: Pick<Call, 'method' | 'path' | 'body'>, headers: Record<string, string> = {}, prefix = '') =>
  send(call, { authorization: basicFor(user), ...headers }, prefix);

/** `send`, to the server at `url`. */
export function sendTo(url: string, call: Pick<Call, 'method' | 'path' | 'body'>, headers: Record<string, string> = {}, prefix = '') {
  return fetch(`${url}${prefix}${call.path}`, {
    method: call.method,
    headers: { authorization: basic, ...githubHeaders, ...(call.body !== undefined && { 'content-type': 'application/json' }), ...headers },
    ...(call.body !== undefined && { body: JSON.stringify(call.body) }),
  });
}

/**
 * The schema a response body must match: the operation's own for a status it documents; for the
 * errors the mock answers on any operation (401, 404, 405, 400, …), the contract's error shapes.
 */
export function responseSchema(operation: string, status: number): string {
  const media = mediaTypes.find((m) => m.operationId === `oauth-authorizations/${operation}` && m.body === String(status));
  if (media) return media.schemaPointer;
  return schemaPointer(status === 422 ? 'validation-error' : 'basic-error');
}

/** ajv's errors for `body` as a `status` answer of `operation` (empty when it matches the contract). */
export const contractErrors = (operation: string, status: number, body: unknown) => errorsFor(responseSchema(operation, status), body);

/** Reads a JSON answer: status, headers and parsed body, checking it is declared as JSON. */
export async function readJson(response: Response) {
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/json')) throw new Error(`expected JSON, got ${type}: ${text}`);
  return JSON.parse(text);
}
