// @octokit/auth-basic 1.4.8 (GitHub's own Basic-auth strategy, still used by old tools) through its
// token flow against the simulator over HTTP, as it ran against GitHub: it relies on the server's
// order (credentials and the one-time password before the route) and on a 404 for a method the
// path does not serve. Its `PATCH /authorizations` probe must get 401 with `X-GitHub-OTP` for a
// two-factor account (and, for SMS, makes GitHub send the code), then 404 once the code is right.
import { createRequire } from 'node:module';
import { createBasicAuth } from '@octokit/auth-basic';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hasValidChecksum } from '../../src/simulator/token-format.js';
import { basicAuthorization, freshUser, useMock } from './support/mock.js';

// auth-basic reads `error.headers`, which @octokit/request 5 sets: its own copy, not the project's.
const { request: octokitRequest } = createRequire(createRequire(import.meta.url).resolve('@octokit/auth-basic'))('@octokit/request');

const password = 'hunter2-right';
const plain = freshUser('auth-basic-plain');
const withApp = freshUser('auth-basic-app');
const withSms = freshUser('auth-basic-sms');
const mock = useMock({ accounts: { [plain]: { password }, [withApp]: { password, otp: { code: '424242' } }, [withSms]: { password, otp: { code: '135790', channel: 'sms' } } } });

/** What auth({ type: 'token' }) resolves to (its declared type is the union with Basic's). */
type TokenAuthentication = { type: 'token'; tokenType: 'oauth'; id: number; token: string; username: string };
const tokenOf = async (auth: ReturnType<typeof createBasicAuth>) => (await auth({ type: 'token' })) as TokenAuthentication;

/** Every exchange, as `METHOD /path → status`, and what @octokit/request warned about. */
const exchanges: string[] = [];
const warnings: string[] = [];
const log = { debug: () => {}, info: () => {}, warn: (message: string) => void warnings.push(message), error: () => {} };
const recordingFetch = async (url: string, init: RequestInit) => {
  const response = await fetch(url, init);
  exchanges.push(`${init.method} ${new URL(url).pathname}${init.headers && 'x-github-otp' in (init.headers as Record<string, string>) ? ' (with OTP)' : ''} → ${response.status}`);
  return response;
};
const requestFor = () => octokitRequest.defaults({ baseUrl: `${mock().url}/api/v3`, request: { fetch: recordingFetch, log } });

// createBasicAuth warns that Basic authentication is deprecated, once per call.
const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => {});
beforeAll(() => consoleWarn.mockClear());
afterAll(() => consoleWarn.mockRestore());

/** The strategy for `username`, counting how often it asked for the one-time password. */
function strategyFor(username: string, code?: string) {
  const asked = { count: 0 };
  const auth = createBasicAuth({
    username,
    password,
    on2Fa: async () => {
      asked.count++;
      if (code === undefined) throw new Error('asked for a one-time password for an account without two-factor authentication');
      return code;
    },
    token: { note: `auth-basic ${username}`, scopes: ['repo'] },
    request: requestFor(),
  });
  return { auth, asked };
}

describe('@octokit/auth-basic 1.4.8 against the simulator', () => {
  it('a plain account: the basic probe (PATCH /authorizations → 404), then a token it creates and reads back through its hook', async () => {
    exchanges.length = 0;
    const { auth, asked } = strategyFor(plain);
    expect(await auth({ type: 'basic' })).toMatchObject({ type: 'basic', username: plain, password });
    const token = await tokenOf(auth);
    expect(token).toMatchObject({ type: 'token', tokenType: 'oauth', username: plain });
    expect(token.token).toMatch(/^ghp_[A-Za-z0-9]{36}$/);
    expect(hasValidChecksum(token.token)).toBe(true);
    // The hook sends Basic credentials to the authorization routes.
    const read = await auth.hook(requestFor(), 'GET /authorizations/{authorization_id}', { authorization_id: token.id });
    expect(read.data).toMatchObject({ id: token.id, note: `auth-basic ${plain}`, scopes: ['repo'], token: '' });
    expect(asked.count).toBe(0);
    expect(exchanges).toEqual(['PATCH /api/v3/authorizations → 404', 'POST /api/v3/authorizations → 201', `GET /api/v3/authorizations/${token.id} → 200`]);
    expect(consoleWarn).toHaveBeenCalledWith(expect.stringContaining('[@octokit/auth-basic] Basic authentication has been deprecated'));
    // The token it got is a live one: on these routes, GitHub's 403 says to use Basic credentials.
    const refused = await requestFor()('GET /authorizations', { headers: { authorization: `token ${token.token}` } }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 403, message: expect.stringContaining('This API can only be accessed with username and password Basic Auth') });
    // @octokit/request logs the API's deprecation with the date it was removed on, not "undefined".
    expect(warnings.length).toBeGreaterThan(0);
    for (const warning of warnings) expect(warning).toMatch(/is deprecated\. It is scheduled to be removed on Fri, 13 Nov 2020 00:00:00 GMT$/);
  });

  it('a wrong password: 401 Bad credentials from the probe, and no token', async () => {
    const auth = createBasicAuth({ username: plain, password: 'wrong', on2Fa: async () => '000000', request: requestFor() });
    await expect(auth({ type: 'basic' })).rejects.toMatchObject({ status: 401, message: expect.stringContaining('Bad credentials') });
    await expect(auth({ type: 'token' })).rejects.toMatchObject({ status: 401 });
  });

  it('two-factor authentication with an app: the probe gets 401 with X-GitHub-OTP, the code once, then 404; the token follows with the same code', async () => {
    exchanges.length = 0;
    const { auth, asked } = strategyFor(withApp, '424242');
    expect(await auth({ type: 'basic' })).toMatchObject({ type: 'basic', totp: '424242' });
    const token = await tokenOf(auth);
    expect(hasValidChecksum(token.token)).toBe(true);
    expect(asked.count).toBe(1);
    expect(exchanges).toEqual(['PATCH /api/v3/authorizations → 401', 'PATCH /api/v3/authorizations (with OTP) → 404', 'POST /api/v3/authorizations (with OTP) → 201']);
  });

  it('two-factor authentication with SMS: a request on another route makes it send PATCH /authorizations (GitHub texts the code), then it retries with the code', async () => {
    exchanges.length = 0;
    const { auth, asked } = strategyFor(withSms, '135790');
    const list = await auth.hook(requestFor(), 'GET /authorizations');
    expect(list.status).toBe(200);
    expect(asked.count).toBe(1);
    expect(exchanges).toEqual(['GET /api/v3/authorizations → 401', 'PATCH /api/v3/authorizations → 401', 'GET /api/v3/authorizations (with OTP) → 200']);
    exchanges.length = 0;
    const token = await tokenOf(auth);
    expect(hasValidChecksum(token.token)).toBe(true);
    expect(asked.count).toBe(1);
    expect(exchanges).toEqual(['POST /api/v3/authorizations (with OTP) → 201']);
    // The account's user name is case-insensitive, as GitHub's logins: the same account, the same state.
    const upper = await fetch(`${mock().url}/api/v3/authorizations/${token.id}`, { headers: { authorization: basicAuthorization(withSms.toUpperCase(), password), 'x-github-otp': '135790' } });
    expect(upper.status).toBe(200);
    expect((await upper.json()).note).toBe(`auth-basic ${withSms}`);
  });
});
