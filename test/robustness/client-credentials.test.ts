// Credentials never leave the configured origin, end to end: the real client with the real global
// fetch, against two local servers on different ports (two origins). Server A is the GHES the
// client is configured for; its next-page links and redirects point at server B, which must never
// see the credentials. (test/client/ checks the same rules with an injected fetch.) Credentials
// also stay out of every error the client throws over a real socket, and out of the client.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, GitHubApiError, paginateAll } from '../../src/index.js';
import type { Client } from '../../src/index.js';

const username = 'robust-user-7f3a';
const password = 'pässwörd✓-hunter2';
const otpCode = '918273';
const basicToken = Buffer.from(`${username}:${password}`).toString('base64');
/** Every form a credential could leak in. */
const secrets = [username, password, encodeURIComponent(password), basicToken, otpCode];

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

interface Origin {
  server: Server;
  url: string;
  received: Received[];
}

/** A server on 127.0.0.1 that records each request and answers with `answer`. */
async function startOrigin(answer: (request: Received) => { status: number; headers?: Record<string, string>; body?: unknown }): Promise<Origin> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const seen = { method: request.method ?? '', url: request.url ?? '', headers: request.headers };
    received.push(seen);
    request.resume();
    request.on('end', () => {
      const { status, headers = {}, body } = answer(seen);
      response.writeHead(status, { ...(body !== undefined && { 'content-type': 'application/json; charset=utf-8' }), ...headers });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}`, received };
}

const redirectStatuses = [301, 302, 303, 307, 308];

let a: Origin;
let b: Origin;
let client: Client;

beforeAll(async () => {
  b = await startOrigin(() => ({ status: 200, body: [] }));
  a = await startOrigin(({ method, url }) => {
    const path = new URL(url, 'http://a').pathname;
    if (method === 'POST')
      return {
        status: 422,
        body: { message: 'Validation Failed', errors: [{ resource: 'OauthAccess', code: 'missing_field', field: 'client_id' }], documentation_url: 'https://docs.github.com/rest' },
      };
    // A list whose next page is on B.
    if (path === '/api/v3/authorizations') return { status: 200, headers: { link: `<${b.url}/api/v3/authorizations?page=2>; rel="next"` }, body: [] };
    // A list with a next page on A itself, whose next page is on B.
    if (path === '/api/v3/applications/grants') {
      const page = new URL(url, 'http://a').searchParams.get('page');
      return { status: 200, headers: { link: page === '2' ? `<${b.url}/api/v3/applications/grants?page=3>; rel="next"` : `<${a.url}/api/v3/applications/grants?page=2>; rel="next"` }, body: [] };
    }
    // /authorizations/301 … /authorizations/308 and the same grant ids: that redirect, to B.
    const status = Number(/\/(\d{3})$/.exec(path)?.[1]);
    if (redirectStatuses.includes(status)) return { status, headers: { location: `${b.url}${path}` } };
    return { status: 401, headers: { 'x-github-otp': 'required; app' }, body: { message: 'Must specify two-factor authentication OTP code.' } };
  });
  client = createClient({ baseUrl: `${a.url}/api/v3`, username, password, otp: async () => otpCode });
});

afterAll(async () => {
  await Promise.all([a, b].map((origin) => origin && new Promise((resolve) => origin.server.close(resolve))));
});

beforeEach(() => {
  a.received.length = 0;
  b.received.length = 0;
});

/** A received request's credentials, to show what was (or was not) sent. */
const credentialsOf = ({ headers }: Received) => ({ authorization: headers.authorization, otp: headers['x-github-otp'] });

describe('pagination and redirects to another origin never carry credentials', () => {
  it('a next-page link to another origin stops pagination before anything is sent there', async () => {
    await expect(paginateAll(client.listAuthorizations)).rejects.toThrow(`refused to send to ${b.url}/api/v3/authorizations?page=2`);
    expect(a.received).toHaveLength(1);
    expect(a.received[0]!.headers.authorization).toBe(`Basic ${basicToken}`);
    expect(b.received).toEqual([]);
  });

  it('same-origin pages are followed with credentials; the cross-origin one after them is not', async () => {
    await expect(paginateAll(client.listGrants)).rejects.toThrow(`refused to send to ${b.url}/api/v3/applications/grants?page=3`);
    expect(a.received.map((request) => request.url)).toEqual(['/api/v3/applications/grants', '/api/v3/applications/grants?page=2']);
    expect(a.received.map((request) => request.headers.authorization)).toEqual([`Basic ${basicToken}`, `Basic ${basicToken}`]);
    expect(b.received).toEqual([]);
  });

  it.each(redirectStatuses)('a %i to another origin is not followed: it is the error, and nothing reaches the target', async (status) => {
    const calls = [
      () => client.getAuthorization({ params: { path: { authorization_id: status } } }),
      () => client.updateAuthorization({ params: { path: { authorization_id: status } }, body: { note: 'x' } }),
      () => client.deleteGrant({ params: { path: { grant_id: status } } }),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ name: 'GitHubApiError', status });
    expect(a.received).toHaveLength(calls.length);
    expect(b.received).toEqual([]);
  });

  it('client.raw refuses a baseUrl on another origin', async () => {
    await expect(client.raw.GET('/authorizations', { baseUrl: `${b.url}/api/v3` })).rejects.toThrow(`refused to send to ${b.url}/api/v3/authorizations`);
    expect(b.received).toEqual([]);
  });

  it('client.raw does not follow a redirect even when asked to (fetch would carry X-GitHub-OTP along)', async () => {
    const otpClient = createClient({ baseUrl: `${a.url}/api/v3`, username, password, otp: otpCode });
    for (const status of redirectStatuses) {
      const { response } = await otpClient.raw.GET('/authorizations/{authorization_id}', { params: { path: { authorization_id: status } }, redirect: 'follow' });
      expect(response.status).toBe(status);
    }
    expect(a.received.map(credentialsOf)).toEqual(redirectStatuses.map(() => ({ authorization: `Basic ${basicToken}`, otp: otpCode })));
    expect(b.received).toEqual([]);
  });

  it('client.raw given its own fetch and another origin sends no credentials there', async () => {
    const otpClient = createClient({ baseUrl: `${a.url}/api/v3`, username, password, otp: otpCode });
    await otpClient.raw.GET('/authorizations', { baseUrl: `${b.url}/api/v3`, fetch: globalThis.fetch });
    expect(b.received.map(credentialsOf)).toEqual([{ authorization: undefined, otp: undefined }]);
  });
});

describe('credentials appear in no error and not in the client', () => {
  const dumps = (value: unknown) => [String(value), JSON.stringify(value) ?? '', inspect(value, { depth: Infinity, showHidden: true, getters: true })];
  const expectNoSecret = (value: unknown) => {
    for (const dump of dumps(value)) for (const secret of secrets) expect(dump).not.toContain(secret);
  };
  const caught = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.fail('expected a rejection'),
      (error: unknown) => error,
    );

  /** A server that accepts the connection, reads the request and closes the socket without answering. */
  let hangUp: Server;
  let hangUpUrl: string;
  beforeAll(async () => {
    hangUp = createServer((request) => request.socket.destroy());
    await new Promise<void>((resolve) => hangUp.listen(0, '127.0.0.1', resolve));
    hangUpUrl = `http://127.0.0.1:${(hangUp.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise((resolve) => hangUp?.close(resolve)));

  it.each<[string, () => Promise<unknown>]>([
    ['a 401 after the OTP retry', () => client.getGrant({ params: { path: { grant_id: 1 } } })],
    ['a 422', () => client.createAuthorization({ body: { note: 'x' } })],
    ['a redirect', () => client.getAuthorization({ params: { path: { authorization_id: 307 } } })],
    ['a refused next page', () => paginateAll(client.listAuthorizations)],
    ['a refused raw baseUrl', () => client.raw.GET('/authorizations', { baseUrl: b.url })],
    ['a connection closed without an answer', () => createClient({ baseUrl: `${hangUpUrl}/api/v3`, username, password, otp: otpCode }).listGrants()],
    ['a refused connection', () => createClient({ baseUrl: 'http://127.0.0.1:1/api/v3', username, password, otp: otpCode }).listGrants()],
    ['an aborted request', () => createClient({ baseUrl: `${a.url}/api/v3`, username, password, otp: otpCode }).listGrants({ signal: AbortSignal.abort() })],
  ])('%s: message, stack, String, JSON and inspection', async (_, call) => {
    const error = await caught(call());
    expect(error).toBeInstanceOf(Error);
    expectNoSecret(error);
    expectNoSecret((error as Error).stack);
  });

  it('the credentials were sent with those requests, so their absence from the errors means something', async () => {
    const error = await caught(client.getGrant({ params: { path: { grant_id: 1 } } }));
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(a.received.map(credentialsOf)).toEqual([
      { authorization: `Basic ${basicToken}`, otp: undefined },
      { authorization: `Basic ${basicToken}`, otp: otpCode },
    ]);
  });

  it('the client, after using them: String, JSON.stringify and inspection show none', async () => {
    await caught(client.getGrant({ params: { path: { grant_id: 1 } } })); // the OTP code is now held for the next request
    expectNoSecret(client);
    expectNoSecret(client.raw);
    expectNoSecret(client.listAuthorizations);
  });
});
