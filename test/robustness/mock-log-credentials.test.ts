// The mock, run verbose (every request logged), never writes the credentials it is sent: not the
// password, the Basic token, the user name or the one-time code, whether they come in headers, as
// the client sends them, or in the URL of an absolute-form request target.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient, paginateAll } from '../../src/index.js';
import { rawExchange } from '../support/raw-http.js';
import { freePort, pollUntil, type Started, startScript, stop, waitUntilReady } from '../mock/support/processes.js';

const username = 'robust-user-7f3a';
const password = 'pässwörd✓-hunter2';
const otpCode = '918273';
const basicToken = Buffer.from(`${username}:${password}`).toString('base64');
const secrets = [username, password, encodeURIComponent(password), basicToken, otpCode];

let mock: Started;

beforeAll(async () => {
  mock = startScript('start', { port: await freePort(), args: ['--verbose'] });
  await waitUntilReady(mock);
});

afterAll(async () => {
  if (mock) expect(await stop(mock)).toEqual({ code: 0, signal: null });
});

it('logs each authenticated request without its credentials', async () => {
  const client = createClient({ baseUrl: `${mock.url}/api/v3`, username, password, otp: async () => otpCode });
  const fixedOtp = createClient({ baseUrl: mock.url, username, password, otp: otpCode });
  const results = await Promise.allSettled([
    paginateAll(client.listAuthorizations, undefined, { maxPages: 1 }),
    client.createAuthorization({ body: { scopes: ['repo'], note: 'robustness' } }),
    // Two scope keys: a 422 (the types forbid it, so past them).
    client.updateAuthorization({ params: { path: { authorization_id: 1 } }, body: { add_scopes: ['user'], remove_scopes: ['repo'] } as never }),
    client.getGrant({ params: { path: { grant_id: 1 } }, headers: { Prefer: 'example=otp-required' } }), // 401, the otp callback, the retry
    fixedOtp.deleteAuthorization({ params: { path: { authorization_id: 1 } } }),
    fixedOtp.raw.GET('/authorizations/{authorization_id}', { params: { path: { authorization_id: 0 } } }), // 404
  ]);
  expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled']);
  // A client that puts the credentials in the URL of an absolute-form target (as to a proxy);
  // authorization 1 was deleted above, 2 is the user's other one.
  const inUrl = `http://${username}:${encodeURIComponent(password)}@${new URL(mock.url).host}/authorizations/2`;
  expect((await rawExchange(mock.url, `GET ${inUrl} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic ${basicToken}\r\nX-GitHub-OTP: ${otpCode}\r\n\r\n`)).status).toBe(200);

  const lines = [
    'GET /api/v3/authorizations → 200',
    'POST /api/v3/authorizations → 201',
    'PATCH /api/v3/authorizations/1 → 422',
    'GET /api/v3/applications/grants/1 → 401',
    'DELETE /authorizations/1 → 204',
    'GET /authorizations/0 → 404',
    '/authorizations/2 → 200',
  ];
  const log = await pollUntil('every request in the log', () => (lines.every((line) => mock.output().includes(line)) ? mock.output() : undefined));
  // Seven requests and the OTP retry, so the check below reads a log that holds them all.
  expect(log.match(/^[A-Z]+ \S*\/(authorizations|applications)\S* → \d{3} /gm)).toHaveLength(8);
  for (const secret of secrets) expect(log).not.toContain(secret);
});
