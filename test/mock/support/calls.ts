// The ten operations as concrete requests to the running mock, and what the contract says about
// their answers.
import { inject } from 'vitest';
import { bundle, errorsFor, schemaPointer } from '../../support/contract.js';
import { mediaTypes } from '../../support/media-types.js';

export const mockUrl = () => inject('mockUrl');
export const basic = `Basic ${Buffer.from('octocat:secret').toString('base64')}`;
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

export const callFor = (operation: string): Call => {
  const found = calls.find((call) => call.operation === operation);
  if (!found) throw new Error(`no call for ${operation}`);
  return found;
};

/** Sends `call` to the mock with Basic credentials and GitHub's headers, plus `headers`. */
export function send(call: Pick<Call, 'method' | 'path' | 'body'>, headers: Record<string, string> = {}, prefix = '') {
  return fetch(`${mockUrl()}${prefix}${call.path}`, {
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
