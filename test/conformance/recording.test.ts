// Recording through the validating proxy (`npm run proxy -- <url> --record`): a session against a
// simulator, the kit's run included, is recorded with every secret scrubbed (a test greps the
// recording, its HAR and the kit's reports for each one); importing it and starting a new simulator
// from it gives the same list answers for that user; and the recording replays as the kit's target.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyServer } from '../../scripts/mock/proxy-server.js';
import { startMock, type StartedMock } from '../../scripts/mock/start-mock.js';
import { importRecording } from '../../src/conformance/import.js';
import { createRecording, scrubToken, toHar } from '../../src/conformance/recording.js';
import { replayTransport } from '../../src/conformance/replay.js';
import { jsonReport, junitReport } from '../../src/conformance/reports.js';
import { runConformance } from '../../src/conformance/run.js';
import { createSimulator } from '../../src/simulator/index.js';
import { closeServer, listen } from '../../src/server/serve.js';

const password = 'the-real-password-2';
const otp = '246810';
const app = { clientId: 'c0ffee00c0ffee00c0ff', clientSecret: 'kit-app-secret-value-2' };
const basic = `Basic ${btoa(`mona:${password}`)}`;
let mock: StartedMock;
let proxy: Server;
let proxyUrl: string;
const recording = createRecording('http://placeholder.invalid');
const tokens: string[] = [];
let kitReports: string[] = [];

beforeAll(async () => {
  mock = await startMock({ accounts: { mona: { password, otp: { code: otp } } } });
  recording.base = `${mock.url}/api/v3`;
  proxy = await createProxyServer({ upstream: new URL(`${mock.url}/api/v3`), report: () => {}, record: (exchange: any) => recording.exchanges.push(exchange) });
  proxyUrl = await listen(proxy, { host: '127.0.0.1', port: 0 });

  // A session of the user's own: two tokens, one deleted, one renamed; then the kit's run.
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${proxyUrl}/api/v3${path}`, {
      method,
      headers: { authorization: basic, 'x-github-otp': otp, accept: 'application/vnd.github+json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return response.status === 204 ? undefined : response.json();
  };
  const first = await call('POST', '/authorizations', { note: 'deploy script', scopes: ['repo'] });
  const second = await call('POST', '/authorizations', { note: 'ci', scopes: [] });
  const third = await call('PUT', `/authorizations/clients/${app.clientId}`, { client_secret: app.clientSecret, scopes: ['gist'] });
  tokens.push(first.token, second.token, third.token);
  await call('DELETE', `/authorizations/${second.id}`);
  await call('PATCH', `/authorizations/${first.id}`, { note: 'deploy script v2' });
  await call('GET', '/authorizations');
  const report = await runConformance({
    target: `${proxyUrl}/api/v3`,
    upstream: [`${mock.url}/api/v3`],
    user: 'mona',
    password,
    otp: () => otp,
    app: { clientId: 'abcdefabcdefabcdef00', clientSecret: app.clientSecret },
  });
  expect(report.checks.filter((check) => check.outcome === 'fail')).toEqual([]);
  kitReports = [jsonReport(report), junitReport(report)];
});

afterAll(async () => {
  await closeServer(proxy);
  await mock.stop();
});

describe('a recording', () => {
  it('holds every exchange, and no secret: no password, code, client secret, Basic credentials or full token', () => {
    expect(recording.exchanges.length).toBeGreaterThan(30);
    expect(tokens.every((token) => /^gh[op]_\w{36}$/.test(token))).toBe(true);
    const secrets = [password, otp, app.clientSecret, basic.slice('Basic '.length), ...tokens];
    for (const text of [JSON.stringify(recording), JSON.stringify(toHar(recording)), ...kitReports]) {
      for (const secret of secrets) expect(text.includes(secret), secret.slice(0, 6)).toBe(false);
    }
    // What is kept instead: the user name, the scheme, a token's shape and its last eight.
    expect(recording.exchanges[0]!.request).toMatchObject({ user: 'mona', headers: { authorization: 'Basic [scrubbed]', 'x-github-otp': '[scrubbed]' } });
    expect(JSON.stringify(recording)).toContain(scrubToken(tokens[0]!));
  });

  it('imports as a data set from which a new simulator gives the same list answers for that user', async () => {
    const data = importRecording(JSON.parse(JSON.stringify(recording)));
    const fresh = createSimulator({ data });
    const list = async (send: (request: Request) => Promise<Response>, base: string, query: string) => {
      const response = await send(new Request(`${base}/api/v3/authorizations${query}`, { headers: { authorization: basic } }));
      return { status: response.status, link: response.headers.get('link')?.replaceAll(base, '{base}'), body: (await response.text()).replaceAll(base, '{base}') };
    };
    for (const query of ['', '?per_page=1', '?per_page=1&page=2', `?client_id=${app.clientId}`]) {
      const original = await list((request) => fetch(request, { headers: { authorization: basic, 'x-github-otp': otp } } as RequestInit), mock.url, query);
      const imported = await list((request) => fresh.handle(request), 'http://127.0.0.1:4999', query);
      expect(imported, query).toEqual(original);
    }
    // The examples the user started with, the renamed token, the app's; the deleted one and the kit's are gone.
    expect(data.mona!.authorizations.map((item) => item.note)).toEqual(['optional note', 'My personal access token', 'deploy script v2', null]);
  });

  it('is checked like any data set: a bad answer in it is an error naming the field', () => {
    const broken = JSON.parse(JSON.stringify(recording));
    // The last answer to name an authorization is what the import keeps: a broken one at the end.
    const lastList = structuredClone(broken.exchanges.findLast((exchange: any) => exchange.request.method === 'GET' && exchange.request.path === '/authorizations?per_page=100'));
    lastList.response.body[0].scopes = 'repo';
    broken.exchanges.push(lastList);
    expect(() => importRecording(broken)).toThrow(/does not make a valid data set: mona\.authorizations\[\d\]\.scopes/);
    expect(() => importRecording({ exchanges: [] })).toThrow(/not a recording/);
  });

  it("replays as the kit's target, offline: the kit's run in it matches", async () => {
    const kitRun = { ...recording, exchanges: recording.exchanges.slice(recording.exchanges.findIndex((exchange: any) => exchange.request.path === '/authorizations?per_page=100&page=1')) };
    const replay = replayTransport(JSON.parse(JSON.stringify(kitRun)));
    const report = await runConformance({
      target: replay,
      runId: replay.runId,
      user: 'mona',
      password: 'unused',
      otp: () => 'unused',
      app: { clientId: 'abcdefabcdefabcdef00', clientSecret: 'unused' },
    });
    expect(report.checks.filter((check) => check.outcome === 'fail')).toEqual([]);
    expect(report.error).toBeUndefined();
    expect(report.ok).toBe(true);
  });
});
