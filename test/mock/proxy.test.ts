// `npm run proxy -- <upstream>` in front of a small local server that answers one valid and one
// invalid body: both answers reach the client unchanged, and exactly the contract violations are
// reported, naming the fields.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawExchange } from '../support/raw-http.js';
import { basic, example, githubHeaders } from './support/calls.js';
import { freePort, pollUntil, type Started, startScript, stop, waitUntilReady } from './support/processes.js';

const validAuthorization = example('get-authorization-200');
const invalidAuthorization = { ...validAuthorization, id: 'two', scopes: 'repo' };

let upstream: Server;
let proxy: Started;
const received: IncomingMessage[] = [];

beforeAll(async () => {
  upstream = createServer((request, response) => {
    received.push(request);
    const body = request.url?.endsWith('/2') ? invalidAuthorization : request.method === 'POST' ? example('create-authorization-201') : validAuthorization;
    response.writeHead(request.method === 'POST' ? 201 : 200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const { port } = upstream.address() as { port: number };
  proxy = startScript('proxy', { port: await freePort(), args: [`http://127.0.0.1:${port}/api/v3`] });
  await waitUntilReady(proxy);
});

afterAll(async () => {
  if (proxy) expect(await stop(proxy)).toEqual({ code: 0, signal: null });
  await new Promise((resolve) => upstream?.close(resolve));
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
    expect(report.slice(1).map((line) => line.trim().split(':')[0]).sort()).toEqual(['response body.id', 'response body.scopes']);
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
    expect(report).toEqual(['✗ GET /authorizations/3 → 200 breaks the contract:', '    request: Invalid security scheme used (error)']);
  });

  it('answers an HTTP/1.1 request without Host itself, with a 400 naming the header, and forwards nothing', async () => {
    const forwarded = received.length;
    const answer = await rawExchange(proxy.url, `GET /authorizations/1 HTTP/1.1\r\nAuthorization: ${basic}\r\n\r\n`);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ message: 'Bad Request: an HTTP/1.1 request needs a Host header' });
    expect(received.length).toBe(forwarded);
  });

  it('the valid exchange was never reported', () => {
    expect(proxy.output()).not.toContain('/authorizations/1 ');
  });
});
