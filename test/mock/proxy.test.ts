// The validating proxy of `npm run proxy -- <upstream>`, in front of a small local server that
// answers one valid and one invalid body: both answers reach the client unchanged, and exactly the
// contract violations are reported, naming the fields. The proxy and the mock judge a request alike
// (the simulator's request checks, on the precompiled validators): a table of good and bad requests
// shows it. The proxies run in this process, as scripts/mock/proxy.js makes them (their report
// lines collected); the command itself is spawned by start-smoke.test.ts.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyServer } from '../../scripts/mock/proxy-server.js';
import { closeServer, listen } from '../../src/server/serve.js';
import { rawExchange } from '../support/raw-http.js';
import { basic, basicFor, example, freshUser, githubHeaders, strictMockUrl } from './support/calls.js';
import { pollUntil } from './support/processes.js';

const validAuthorization = example('get-authorization-200');
const invalidAuthorization = { ...validAuthorization, id: 'two', scopes: 'repo' };

interface Proxy {
  url: string;
  server: Server;
  /** Every line reported so far, as the command prints them. */
  output: () => string;
  /** How many exchanges it has finished (reported, if at all, and recorded). */
  exchanges: () => number;
}

/** A proxy to `upstream` as `npm run proxy` starts it on 127.0.0.1 (scripts/mock/proxy.js), on a free port. */
async function startProxy(upstream: string): Promise<Proxy> {
  let output = '';
  let exchanges = 0;
  const server = await createProxyServer({
    upstream: new URL(upstream),
    report: (line: string) => (output += `${line}\n`),
    allowedHosts: ['127.0.0.1'],
    record: () => exchanges++,
  });
  return { url: await listen(server, { host: '127.0.0.1', port: 0 }), server, output: () => output, exchanges: () => exchanges };
}

let upstream: Server;
let upstreamUrl: string;
let proxy: Proxy;
const received: IncomingMessage[] = [];

beforeAll(async () => {
  upstream = createServer((request, response) => {
    received.push(request);
    const body = request.url?.endsWith('/2') ? invalidAuthorization : request.method === 'POST' ? example('create-authorization-201') : validAuthorization;
    response.writeHead(request.method === 'POST' ? 201 : 200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
  });
  upstreamUrl = `${await listen(upstream, { host: '127.0.0.1', port: 0 })}/api/v3`;
  proxy = await startProxy(upstreamUrl);
});

afterAll(async () => {
  if (proxy) await closeServer(proxy.server);
  if (upstream) await closeServer(upstream);
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${proxy.url}${path}`, { headers: { authorization: basic, ...githubHeaders, ...headers } });
/** The report of one exchange: its `✗` line and the indented lines under it. */
const reportOf = (exchange: string) => {
  const lines = proxy.output().split('\n');
  const start = lines.findIndex((line) => line.startsWith(`✗ ${exchange} `));
  if (start < 0) return undefined;
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('    '));
  return lines.slice(start, end < 0 ? undefined : end);
};

describe('the validating proxy', () => {
  it('passes a valid answer through, forwards to the upstream base URL with the headers sent, and reports nothing', async () => {
    const response = await get('/authorizations/1');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(validAuthorization);
    const seen = received.at(-1)!;
    expect(seen.url).toBe('/api/v3/authorizations/1');
    expect(seen.headers.authorization).toBe(basic);
    expect(seen.headers.accept).toBe('application/vnd.github+json');
  });

  it('passes an invalid answer through unchanged and reports each violating field', async () => {
    const response = await get('/api/v3/authorizations/2');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(invalidAuthorization);
    const report = await pollUntil('the report', () => reportOf('GET /api/v3/authorizations/2'));
    expect(report[0]).toBe('✗ GET /api/v3/authorizations/2 → 200 breaks the contract:');
    expect(
      report
        .slice(1)
        .map((line) => line.trim().split(':')[0])
        .sort(),
    ).toEqual(['response body.id', 'response body.scopes']);
    expect(report.join('\n')).toMatch(/id must be integer/);
  });

  it('reports a request that breaks the contract (and still forwards it)', async () => {
    const response = await fetch(`${proxy.url}/authorizations`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 42 }),
    });
    expect(response.status).toBe(201);
    const report = await pollUntil('the report', () => reportOf('POST /authorizations'));
    expect(report.slice(1).map((line) => line.trim().split(':')[0])).toEqual(['request body.note']);
  });

  it('reports credentials other than Basic', async () => {
    await get('/authorizations/3', { authorization: 'token ghp_x' });
    const report = await pollUntil('the report', () => reportOf('GET /authorizations/3'));
    expect(report).toEqual(['✗ GET /authorizations/3 → 200 breaks the contract:', '    request: no Basic credentials, which every operation requires (error)']);
  });

  it('answers an HTTP/1.1 request without Host itself, with a 400 naming the header, and forwards nothing', async () => {
    const forwarded = received.length;
    const answer = await rawExchange(proxy.url, `GET /authorizations/1 HTTP/1.1\r\nAuthorization: ${basic}\r\n\r\n`);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ message: 'Bad Request: an HTTP/1.1 request needs a Host header' });
    expect(received.length).toBe(forwarded);
  });

  it('refuses a Host it does not answer (DNS rebinding) with a 403 naming --allowed-hosts, and forwards nothing', async () => {
    const forwarded = received.length;
    const answer = await rawExchange(proxy.url, `GET /authorizations/1 HTTP/1.1\r\nHost: attacker.example\r\nAuthorization: ${basic}\r\n\r\n`);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).message).toMatch(/^Forbidden: Host "attacker\.example" is not a name this server answers to .*--allowed-hosts attacker\.example/);
    expect(received.length).toBe(forwarded);
  });

  it('the valid exchange was never reported', () => {
    expect(proxy.output()).not.toContain('/authorizations/1 ');
  });
});

describe('the proxy and the mock judge a request alike', () => {
  let judge: Proxy;
  beforeAll(async () => {
    judge = await startProxy(upstreamUrl);
  });
  afterAll(async () => {
    if (judge) await closeServer(judge.server);
  });

  const clientId = 'abcde12345fghij67890';
  const json = { 'content-type': 'application/json' };
  const requests: Array<{ name: string; method: string; path: string; headers?: Record<string, string>; body?: string; good: boolean }> = [
    { name: 'a list', method: 'GET', path: '/authorizations', good: true },
    { name: 'a page under /api/v3', method: 'GET', path: '/api/v3/authorizations?per_page=2&page=1', good: true },
    { name: 'a grant', method: 'GET', path: '/applications/grants/1', good: true },
    { name: 'a create', method: 'POST', path: '/authorizations', headers: json, body: '{"note":"agreed","scopes":["repo"]}', good: true },
    { name: 'an update', method: 'PATCH', path: '/authorizations/1', headers: json, body: '{"add_scopes":["repo"]}', good: true },
    { name: 'a get-or-create', method: 'PUT', path: `/authorizations/clients/${clientId}`, headers: json, body: '{"client_secret":"s"}', good: true },
    { name: 'a delete', method: 'DELETE', path: '/authorizations/2', good: true },
    { name: 'a form content type on JSON', method: 'POST', path: '/authorizations', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '{"note":"form"}', good: true },
    { name: 'a vendor Accept', method: 'GET', path: '/authorizations/1', headers: { accept: 'application/vnd.github.v3+json' }, good: true },
    { name: 'no credentials', method: 'GET', path: '/authorizations', headers: { authorization: '' }, good: false },
    { name: 'a token', method: 'GET', path: '/applications/grants', headers: { authorization: 'token ghp_x' }, good: false },
    { name: 'an unknown path', method: 'GET', path: '/nope', good: false },
    { name: 'an id that is no integer', method: 'GET', path: '/authorizations/abc', good: false },
    { name: 'a wrong method', method: 'PUT', path: '/authorizations/1', good: false },
    { name: 'a field of the wrong type', method: 'POST', path: '/authorizations', headers: json, body: '{"note":42}', good: false },
    { name: 'an unknown field and a missing one', method: 'PUT', path: `/authorizations/clients/${clientId}/fp`, headers: json, body: '{"colour":"red"}', good: false },
    { name: 'malformed JSON', method: 'POST', path: '/authorizations', headers: json, body: '{"note":', good: false },
    { name: 'two scope keys', method: 'PATCH', path: '/authorizations/1', headers: json, body: '{"scopes":["a"],"add_scopes":["b"]}', good: false },
    { name: 'per_page out of range', method: 'GET', path: '/authorizations?per_page=500', good: false },
    { name: 'an unknown API version', method: 'GET', path: '/authorizations', headers: { 'x-github-api-version': '2099-01-01' }, good: false },
    { name: 'an Accept without JSON', method: 'GET', path: '/authorizations', headers: { accept: 'text/html' }, good: false },
    { name: 'a client_id too short', method: 'PUT', path: '/authorizations/clients/short', headers: json, body: '{"client_secret":"x"}', good: false },
    { name: 'no body where one is required', method: 'PUT', path: `/authorizations/clients/${clientId}`, good: false },
  ];

  /** The request lines the proxy reports for the next exchange (none for one that conforms). */
  async function proxyVerdict(request: (typeof requests)[number]) {
    const before = { output: judge.output().length, exchanges: judge.exchanges() };
    await fetch(`${judge.url}${request.path}`, sendable(request, basic));
    await pollUntil('the exchange to finish', () => (judge.exchanges() > before.exchanges ? true : undefined));
    const report = judge.output().slice(before.output).split('\n');
    if (report[0] !== '') expect(report[0]).toMatch(new RegExp(`^✗ ${request.method} ${request.path.split('?')[0]} `));
    return report.filter((line) => line.startsWith('    request'));
  }

  const sendable = (request: (typeof requests)[number], authorization: string): RequestInit => {
    const headers: Record<string, string> = { authorization, ...githubHeaders, ...request.headers };
    if (headers.authorization === '') delete headers.authorization;
    return { method: request.method, headers, ...(request.body !== undefined && { body: request.body }) };
  };

  it('the table holds good and bad requests', () => {
    expect(requests.filter((r) => r.good).length).toBeGreaterThanOrEqual(8);
    expect(requests.filter((r) => !r.good).length).toBeGreaterThanOrEqual(12);
  });

  // The proxy judges by the contract, as the strict simulator (`npm start -- --strict`) does; the
  // default simulator takes what GitHub ignored (an unknown field) as GitHub did.
  it.each(requests)('$name: the strict mock refuses it exactly when the proxy reports it, naming the same fields', async (request) => {
    const answer = await fetch(`${strictMockUrl()}${request.path}`, sendable(request, basicFor(freshUser('agree'))));
    const mockRefused = answer.status >= 400;
    const reported = await proxyVerdict(request);
    expect(mockRefused).toBe(!request.good);
    expect(reported.length > 0).toBe(mockRefused);
    if (answer.status === 422) {
      const fields = (await answer.json()).errors.map((item: { field: string }) => item.field).sort();
      expect(
        reported
          .map((line) =>
            line
              .trim()
              .split(':')[0]!
              .replace(/^request (body|query)\./, ''),
          )
          .sort(),
      ).toEqual(fields);
    }
  });
});
