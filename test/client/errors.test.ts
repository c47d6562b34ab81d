// Every non-2xx answer becomes a GitHubApiError; credentials appear in no error and no client dump.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { createClient, GitHubApiError, GitHubNetworkError } from '../../src/index.js';
import type { ClientOptions } from '../../src/index.js';
import { bodyOf } from '../support/media-types.js';
import { baseUrl, createObservedClient, json } from '../support/observed-client.js';

const examples = (operation: string, status: string) => Object.values(bodyOf(operation, status).examples) as any[];
const [missingField] = examples('create-authorization', '422');
const [forbidden] = examples('get-grant', '403');

describe('GitHubApiError', () => {
  it("surfaces a 422 with the server's message, documentation link and errors list", async () => {
    const { client } = createObservedClient({}, () => json(422, missingField));
    const error = await client.createAuthorization({ body: { note: 'x' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error).toBeInstanceOf(Error);
    const { name, status, message, documentation_url, errors, body } = error as GitHubApiError;
    expect({ name, status, message, documentation_url, errors, body }).toEqual({
      name: 'GitHubApiError',
      status: 422,
      message: missingField.message,
      documentation_url: missingField.documentation_url,
      errors: missingField.errors,
      body: missingField,
    });
    expect(errors.length).toBeGreaterThan(0);
  });

  it('surfaces a basic error with an empty errors list', async () => {
    const { client } = createObservedClient({}, () => json(403, forbidden));
    await expect(client.getGrant({ params: { path: { grant_id: 1 } } })).rejects.toMatchObject({
      status: 403,
      message: forbidden.message,
      documentation_url: forbidden.documentation_url,
      errors: [],
    });
  });

  it('surfaces a status the contract does not list, and a body that is not JSON', async () => {
    const { client } = createObservedClient({}, () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }));
    const error = (await client.updateAuthorization({ params: { path: { authorization_id: 1 } }, body: { note: 'x' } }).catch((caught: unknown) => caught)) as GitHubApiError;
    expect(error).toBeInstanceOf(GitHubApiError);
    expect({ status: error.status, message: error.message, documentation_url: error.documentation_url, errors: error.errors, body: error.body }).toEqual({
      status: 502,
      message: 'the server answered 502',
      documentation_url: undefined,
      errors: [],
      body: undefined,
    });
  });

  it('turns a 304 (no body) into an error too', async () => {
    const { client } = createObservedClient({}, () => new Response(null, { status: 304 }));
    await expect(client.listGrants({ headers: { 'If-None-Match': '"abc"' } })).rejects.toMatchObject({ name: 'GitHubApiError', status: 304, body: undefined });
  });

  it('does not follow a redirect: it becomes an error, and nothing is sent to its target', async () => {
    const { client, requests } = createObservedClient(
      { username: 'octocat', password: 'secret' },
      () => new Response(null, { status: 301, headers: { Location: 'https://elsewhere.example/api/v3/authorizations' } }),
    );
    await expect(client.listAuthorizations()).rejects.toMatchObject({ name: 'GitHubApiError', status: 301 });
    expect(requests.map((request) => request.url)).toEqual([`${baseUrl}/authorizations`]);
  });

  it("names a browser's opaque redirect (status 0) as a redirect", () => {
    expect(new GitHubApiError(0, undefined).message).toBe('the server answered a redirect, which the client does not follow');
  });

  it('names the method and the URL it answered, and keeps the headers: a wrong baseUrl shows', async () => {
    const { client } = createObservedClient({ username: 'octocat', password: 'secret' }, () =>
      json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }, { 'X-GitHub-Request-Id': 'CAFE:1' }),
    );
    const error = (await client.deleteAuthorization({ params: { path: { authorization_id: 7 } } }).catch((caught: unknown) => caught)) as GitHubApiError;
    expect({ message: error.message, method: error.method, url: error.url, otpChannel: error.otpChannel }).toEqual({
      message: 'Not Found',
      method: 'DELETE',
      url: `${baseUrl}/authorizations/7`,
      otpChannel: undefined,
    });
    expect(error.headers.get('X-GitHub-Request-Id')).toBe('CAFE:1');
  });

  it('names the page a next link led to, for an error on a later page', async () => {
    const { client } = createObservedClient({}, (_, index) => (index === 0 ? json(200, [], { Link: `<${baseUrl}/authorizations?page=2>; rel="next"` }) : json(500, { message: 'Server Error' })));
    const { paginateAll } = await import('../../src/index.js');
    await expect(paginateAll(client.listAuthorizations)).rejects.toMatchObject({ status: 500, method: 'GET', url: `${baseUrl}/authorizations?page=2` });
  });

  it.each(['sms', 'app'])("gives a 401 two-factor challenge's channel (%s) when there is no otp callback", async (channel) => {
    const { client } = createObservedClient({ username: 'octocat', password: 'secret' }, () =>
      json(401, { message: 'Must specify two-factor authentication OTP code.' }, { 'X-GitHub-OTP': `required; ${channel}` }),
    );
    await expect(client.listGrants()).rejects.toMatchObject({ name: 'GitHubApiError', status: 401, otpChannel: channel });
  });

  it('gives no channel for a 401 without the challenge (bad credentials)', async () => {
    const { client } = createObservedClient({ username: 'octocat', password: 'wrong' }, () => json(401, { message: 'Bad credentials' }));
    await expect(client.listGrants()).rejects.toMatchObject({ status: 401, otpChannel: undefined });
  });

  it('keeps an error made by hand working: no request, empty method and URL', () => {
    const error = new GitHubApiError(404, { message: 'Not Found', documentation_url: '' });
    expect({ method: error.method, url: error.url, headers: [...error.headers], otpChannel: error.otpChannel }).toEqual({ method: '', url: '', headers: [], otpChannel: undefined });
  });
});

describe('GitHubNetworkError: no answer at all', () => {
  it('wraps what fetch threw, naming the method and URL, and keeps it as the cause', async () => {
    const thrown = new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND ghes.example.com') });
    const { client } = createObservedClient({}, () => {
      throw thrown;
    });
    const error = (await client.createAuthorization({ body: { note: 'x' } }).catch((caught: unknown) => caught)) as GitHubNetworkError;
    expect(error).toBeInstanceOf(GitHubNetworkError);
    expect(error).not.toBeInstanceOf(GitHubApiError);
    expect({ name: error.name, method: error.method, url: error.url, message: error.message, cause: error.cause }).toEqual({
      name: 'GitHubNetworkError',
      method: 'POST',
      url: `${baseUrl}/authorizations`,
      message: `POST ${baseUrl}/authorizations: no answer (fetch failed: getaddrinfo ENOTFOUND ghes.example.com)`,
      cause: thrown,
    });
  });

  it('leaves an abort as it is: the signal says why, not the network', async () => {
    const controller = new AbortController();
    const { client } = createObservedClient({}, (request) => {
      controller.abort(new Error('the user went away'));
      throw request.signal.reason;
    });
    await expect(client.listGrants({ signal: controller.signal })).rejects.toThrow(new Error('the user went away'));
  });

  it('names a refused connection (a closed port on 127.0.0.1), with the system error in its cause', async () => {
    // A port that was free a moment ago and is closed now: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const client = createClient({ baseUrl: `http://127.0.0.1:${port}/api/v3`, username: 'octocat', password: 'secret' });
    const error = (await client.listAuthorizations().catch((caught: unknown) => caught)) as GitHubNetworkError;
    expect(error).toBeInstanceOf(GitHubNetworkError);
    expect(error.url).toBe(`http://127.0.0.1:${port}/api/v3/authorizations`);
    expect(error.message).toMatch(new RegExp(`^GET http://127\\.0\\.0\\.1:${port}/api/v3/authorizations: no answer \\(fetch failed: .*ECONNREFUSED`));
    expect((error.cause as Error).message).toBe('fetch failed');
    expect(error.message).not.toContain('secret');
  });

  it('names an unknown host (.invalid never resolves, RFC 2606)', async () => {
    const client = createClient({ baseUrl: 'https://ghes.invalid/api/v3' });
    const error = (await client.getGrant({ params: { path: { grant_id: 1 } } }).catch((caught: unknown) => caught)) as GitHubNetworkError;
    expect(error).toBeInstanceOf(GitHubNetworkError);
    expect(error.url).toBe('https://ghes.invalid/api/v3/applications/grants/1');
    // ENOTFOUND where a resolver answers, EAI_AGAIN where none is reachable: either way, the name lookup failed.
    expect(error.message).toMatch(/^GET https:\/\/ghes\.invalid\/api\/v3\/applications\/grants\/1: no answer \(fetch failed: getaddrinfo (ENOTFOUND|EAI_AGAIN) ghes\.invalid\)$/);
  });
});

describe('a 2xx answer that is not JSON', () => {
  it('is a TypeError naming the operation, status, Content-Type and the start of the body', async () => {
    const page = `<!DOCTYPE html>\n<html><head><title>Sign in to the corporate proxy</title></head>${'<p>'.repeat(100)}</html>`;
    const { client } = createObservedClient({}, () => new Response(page, { status: 200, headers: { 'Content-Type': 'text/html' } }));
    const error = (await client.listAuthorizations().catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe(`listAuthorizations: the server answered 200 (text/html) with ${JSON.stringify(page).slice(0, 100)}…, which is not JSON`);
  });

  it('an empty 200 or 201 is no data, as before', async () => {
    const { client } = createObservedClient({}, (_, index) => new Response(index === 0 ? null : '', { status: index === 0 ? 200 : 201 }));
    expect((await client.getAuthorization({ params: { path: { authorization_id: 1 } } })).data).toBeUndefined();
    expect(await client.createAuthorization({ body: { note: 'x' } })).toMatchObject({ status: 201, data: undefined });
  });
});

describe('credentials stay out of errors and out of the client', () => {
  const username = 'octocat-admin';
  const password = 'pässwörd✓-hunter2';
  const otpCode = '918273';
  const basic = (() => {
    let binary = '';
    for (const byte of new TextEncoder().encode(`${username}:${password}`)) binary += String.fromCharCode(byte);
    return btoa(binary);
  })();

  const dumps = (value: unknown) => [String(value), JSON.stringify(value), inspect(value, { depth: Infinity, showHidden: true, getters: true })];
  const expectNoSecret = (value: unknown) => {
    for (const dump of dumps(value)) {
      for (const secret of [password, otpCode, basic]) expect(dump).not.toContain(secret);
    }
  };

  it.each([
    ['a 401', () => json(401, { message: 'Bad credentials' })],
    ['a 422', () => json(422, missingField)],
    ['a 500 without a body', () => new Response(null, { status: 500 })],
  ])('in %s error: message, toString, JSON and inspection', async (_, respond) => {
    const { client, requests } = createObservedClient({ username, password, otp: otpCode }, respond);
    const error = await client.createAuthorization({ body: { note: 'x' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubApiError);
    // The credentials were sent, so their absence from the error means something.
    expect(requests[0]!.headers.authorization).toBe(`Basic ${basic}`);
    expect(requests[0]!.headers['x-github-otp']).toBe(otpCode);
    expectNoSecret(error);
    expectNoSecret((error as Error).stack);
  });

  it('in a refused cross-origin request', async () => {
    const { client } = createObservedClient({ username, password, otp: otpCode });
    const error = await client.raw.GET('/authorizations', { baseUrl: 'https://attacker.example' }).catch((caught: unknown) => caught);
    expect(String(error)).toContain('refused to send to https://attacker.example/authorizations');
    expectNoSecret(error);
  });

  it('in the client: String, JSON.stringify and inspection show no credentials', async () => {
    const { client } = createObservedClient({ username, password, otp: otpCode });
    expectNoSecret(client);
    expectNoSecret(client.raw);
    expect(JSON.parse(JSON.stringify(client))).toEqual({ raw: {} });
  });

  it('in a bad-options error, which never repeats baseUrl', () => {
    const fetch = async () => json(200, []);
    const attempts = [
      `https://${username}:${encodeURIComponent(password)}@ghes.example.com/api/v3`,
      `${username}:${password}@ghes.example.com/api/v3`, // no scheme: the username reads as one
    ];
    const errors = attempts.map((attempt) => {
      try {
        createClient({ baseUrl: attempt, fetch });
      } catch (error) {
        return error;
      }
      throw new Error('createClient accepted a baseUrl with credentials');
    });
    expect(errors.map(String)).toEqual([
      'TypeError: createClient: put credentials in username and password, not in baseUrl',
      'TypeError: createClient: baseUrl must be an absolute http(s) URL, e.g. https://ghes.example.com/api/v3',
    ]);
    for (const error of errors) expectNoSecret(error);
  });
});

describe('options', () => {
  const fetch = async () => json(200, []);
  const absolute = 'createClient: baseUrl must be an absolute http(s) URL, e.g. https://ghes.example.com/api/v3';

  it.each<[string, unknown]>([
    ['no options at all', undefined],
    ['no baseUrl', { fetch }],
    ['an empty baseUrl', { baseUrl: '', fetch }],
    ['a relative baseUrl', { baseUrl: '/api/v3', fetch }],
    ['a baseUrl without a scheme', { baseUrl: 'ghes.example.com/api/v3', fetch }],
    ['a non-http(s) baseUrl', { baseUrl: 'ftp://ghes.example.com/api/v3', fetch }],
    ['a file: baseUrl', { baseUrl: 'file:///api/v3', fetch }],
    ['a baseUrl that is not a string', { baseUrl: 42, fetch }],
  ])('refuses %s with a clear error', (_, options) => {
    expect(() => createClient(options as ClientOptions)).toThrow(new TypeError(absolute));
  });

  it.each<[string, Partial<ClientOptions>, string]>([
    ['a username without a password', { username: 'octocat' }, 'createClient: username (without ":") and password go together'],
    ['a password without a username', { password: 'secret' }, 'createClient: username (without ":") and password go together'],
    ['a username with a colon, which Basic cannot carry', { username: 'octo:cat', password: 'secret' }, 'createClient: username (without ":") and password go together'],
    ['a fetch that is not a function', { fetch: 'fetch' as never }, 'createClient: fetch must be a function'],
  ])('refuses %s', (_, options, message) => {
    expect(() => createClient({ baseUrl, fetch, ...options })).toThrow(new TypeError(message));
  });

  it('needs no fetch option where there is a global fetch', () => {
    expect(() => createClient({ baseUrl })).not.toThrow();
  });
});
