// Input no client should send still gets a 4xx JSON answer, never a crash, a 5xx or a hang: bytes
// Node's HTTP parser refuses, bad percent-encoding, odd request targets, oversized headers.
// (The bad-request corpus in test/robustness/ sends many more; request-timeout.slow.test.ts waits
// for the request timeout.)
import { describe, expect, it } from 'vitest';
import { rawExchange } from '../support/raw-http.js';
import { basic, mockUrl, readJson, send } from './support/calls.js';

/** Sends raw bytes and resolves with the answer. */
const raw = (request: string | Buffer, timeoutMs?: number) => rawExchange(mockUrl(), request, timeoutMs === undefined ? {} : { timeoutMs });

describe('malformed requests', () => {
  it.each([
    ['a header line without a colon', 'GET /authorizations HTTP/1.1\r\nHost: localhost\r\nBroken header\r\n\r\n'],
    ['a bare CR in a header value (injection)', 'GET /authorizations HTTP/1.1\r\nHost: localhost\r\nX-Test: a\rSet-Cookie: b\r\n\r\n'],
    ['a request line that is not HTTP', 'HELLO\r\n\r\n'],
    ['a bad Content-Length', 'POST /authorizations HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n'],
  ])('%s → 400 JSON from the parser', async (_, request) => {
    const answer = await raw(request);
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(answer.body).message).toMatch(/^Malformed HTTP request/);
  });

  it('headers over 16 KiB → 431 JSON', async () => {
    const answer = await raw(`GET /authorizations HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body).message).toBe('Request headers too large: the request line (with the URL) and the headers must fit in 16 KiB');
  });

  it('a request target that is neither a path nor a URL → 400 JSON', async () => {
    const answer = await raw(`OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).message).toBe('Bad Request: "*" is not a request target');
  });

  it('an absolute-form target (as proxies send) works', async () => {
    const answer = await raw(`GET ${mockUrl()}/authorizations/1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${basic}\r\nConnection: close\r\n\r\n`);
    expect(answer.status).toBe(200);
  });

  it('CONNECT → 405 JSON', async () => {
    const answer = await raw('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
    expect(answer.status).toBe(405);
    expect(JSON.parse(answer.body).message).toBe('Method Not Allowed: CONNECT');
  });

  it.each([
    ['/authorizations/%FF', 'authorization_id'],
    ['/authorizations/clients/abcde12345fghij67890/%E0%A4%A', 'fingerprint'],
  ])('bad percent-encoding in %s → 404 JSON naming %s', async (path, parameter) => {
    const response = await send({ method: 'GET', path });
    expect(response.status).toBe(404);
    expect((await readJson(response)).message).toBe('Not Found');
    expect(response.headers.get('x-simulator-reason')).toBe(`no operation at GET ${path}: ${parameter} is not valid percent-encoded UTF-8`);
  });

  it('invalid UTF-8 in a header value is refused or ignored, never a 5xx', async () => {
    const answer = await raw(
      Buffer.concat([Buffer.from('GET /authorizations HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Basic '), Buffer.from([0xff, 0xfe]), Buffer.from('\r\n\r\n')]),
    );
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.headers['content-type']).toContain('application/json');
  });

  it('a Prefer header of nonsense is ignored', async () => {
    expect((await send({ method: 'GET', path: '/authorizations/1' }, { prefer: '=;,,code' })).status).toBe(200);
  });
});
