// startMock() of `ghes-oauth-authorizations/server` (src/server/index.ts): the simulator over HTTP,
// started and stopped from a test (port 0), sharing its state with the `simulator` it returns.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/msw.js';
import { startMock, type StartedMock } from '../../src/server/index.js';
import { basic, githubHeaders } from './support/calls.js';

const started: StartedMock[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((mock) => mock.stop()));
});
const start = async (options?: Parameters<typeof startMock>[0]) => {
  const mock = await startMock(options);
  started.push(mock);
  return mock;
};

describe('startMock', () => {
  it('listens on a free port, answers with URLs on its own origin, and shares its state with `simulator`', async () => {
    const mock = await start();
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const created = await fetch(`${mock.url}/api/v3/authorizations`, {
      method: 'POST',
      headers: { authorization: basic, ...githubHeaders, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'from a test' }),
    });
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body.url).toBe(`${mock.url}/api/v3/authorizations/${body.id}`);
    expect(mock.simulator.state('octocat').octocat!.authorizations.map((a) => a.note)).toContain('from a test');
    mock.simulator.reset();
    expect(mock.simulator.state()).toEqual({});
  });

  it('takes accounts, data and faults; two mocks keep apart', async () => {
    const [one, two] = await Promise.all([start({ accounts: { mona: { otp: { code: '1234' } } } }), start({ faults: { status: 503 }, data: { octocat: { authorizations: [] } } })]);
    const headers = { authorization: `Basic ${btoa('mona:x')}` };
    const refused = await fetch(`${one.url}/authorizations`, { headers });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-github-otp')).toBe('required; app');
    expect((await fetch(`${one.url}/authorizations`, { headers: { ...headers, 'x-github-otp': '1234' } })).status).toBe(200);
    expect((await fetch(`${two.url}/authorizations`, { headers: { authorization: basic } })).status).toBe(503);
    two.simulator.setFaults(undefined);
    expect(await (await fetch(`${two.url}/authorizations`, { headers: { authorization: basic } })).json()).toEqual([]);
  });

  it('an injected drop closes the connection: fetch fails', async () => {
    const mock = await start();
    await expect(fetch(`${mock.url}/authorizations`, { headers: { authorization: basic, 'x-simulator-fault': 'drop' } })).rejects.toThrow();
    expect((await fetch(`${mock.url}/authorizations`, { headers: { authorization: basic } })).status).toBe(200);
  });

  it('stop() closes the port', async () => {
    const mock = await startMock();
    await mock.stop();
    await expect(fetch(`${mock.url}/authorizations`)).rejects.toThrow();
  });

  it('a bad option is an Error naming the field', async () => {
    await expect(startMock({ accounts: { mona: { otp: { code: '' } } } })).rejects.toThrow('mona.otp.code: must be a non-empty string');
  });

  it('serves a given simulator (e.g. the one MSW handlers answer from); with its options too is an Error', async () => {
    const handlers = createHandlers();
    const mock = await start({ simulator: handlers.simulator });
    expect(mock.simulator).toBe(handlers.simulator);
    await fetch(`${mock.url}/authorizations`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/json' }, body: '{"note":"over HTTP"}' });
    expect(handlers.simulator.state('octocat').octocat!.authorizations.map((a) => a.note)).toContain('over HTTP');
    await expect(startMock({ simulator: handlers.simulator, seed: 1 })).rejects.toThrow("startMock: pass either simulator or seed (the simulator's own options), not both");
  });

  it('seed and now: two servers give the same bytes for the same requests', async () => {
    const [one, two] = await Promise.all([start({ seed: 7, now: '2026-02-03T04:05:06Z' }), start({ seed: 7, now: '2026-02-03T04:05:06Z' })]);
    const create = async (mock: StartedMock) =>
      (await fetch(`${mock.url}/authorizations`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/json' }, body: '{"note":"seeded"}' })).text();
    const first = await create(one);
    expect(first.replace(one.url, 'ORIGIN')).toBe((await create(two)).replace(two.url, 'ORIGIN'));
    expect(first).toContain('"created_at":"2026-02-03T04:05:06Z"');
    // Date is the simulator's clock too, not the wall clock.
    expect((await fetch(`${one.url}/authorizations`, { headers: { authorization: basic } })).headers.get('date')).toBe('Tue, 03 Feb 2026 04:05:06 GMT');
    const clock = await fetch(`${one.url}/_simulator/clock`, { method: 'POST', headers: { 'x-simulator-control': '1' }, body: '{"advanceMs":60000}' });
    expect(await clock.json()).toEqual({ now: '2026-02-03T04:06:06.000Z', frozen: true });
  });

  it('seed and now: a session over HTTP, then again after a full reset, is the same bytes on the wire', async () => {
    const options = { seed: 'wire', now: '2026-02-03T04:05:06Z' };
    /** The answer's bytes as they came: status line, headers and body. */
    const exchange = (mock: StartedMock, request: string) =>
      new Promise<string>((resolve, reject) => {
        const { port } = new URL(mock.url);
        const socket = connect(Number(port), '127.0.0.1', () => socket.write(request.replace('HOST', `127.0.0.1:${port}`)));
        const chunks: Buffer[] = [];
        socket.on('data', (chunk) => chunks.push(chunk));
        socket.on('error', reject);
        socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
      });
    const body = '{"note":"on the wire","scopes":["repo"]}';
    const requests = [
      `POST /api/v3/authorizations HTTP/1.1\r\nHost: HOST\r\nAuthorization: ${basic}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      `GET /api/v3/authorizations?per_page=1&page=2 HTTP/1.1\r\nHost: HOST\r\nAuthorization: ${basic}\r\nConnection: close\r\n\r\n`,
    ];
    const session = async (mock: StartedMock) => {
      let bytes = '';
      for (const request of requests) bytes += await exchange(mock, request);
      return bytes;
    };
    const mock = await start(options);
    const first = await session(mock);
    expect(first).toMatch(/^HTTP\/1\.1 201 Created\r\n/);
    expect(first).toContain('date: Tue, 03 Feb 2026 04:05:06 GMT');
    expect(first).toMatch(/"token":"ghp_[A-Za-z0-9]{36}"/);
    mock.simulator.reset();
    expect(await session(mock)).toBe(first);
  });
});
