// ghes-oauth-authorizations/msw with msw/node's setupServer and this package's client, as an app's
// unit tests use it: no server, no port; every answer comes from the simulator core.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createOpenApiHttp } from 'openapi-msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { paths } from '../../generated/schema.js';
import { type Client, createClient, GitHubApiError, GitHubNetworkError, paginateAll } from '../../src/index.js';
import { createHandlers } from '../../src/msw.js';

const baseUrl = 'https://ghes.example.test/api/v3';
const handlers = createHandlers({ baseUrl, accounts: { guarded: { password: 'right', otp: { code: '246810', channel: 'sms' } } } });
const server = setupServer(...handlers);
let client: Client;
/** Requests no handler took: they go to the network, where no *.test host resolves. */
const unhandled: string[] = [];

beforeAll(() => {
  server.listen({ onUnhandledRequest: (request) => void unhandled.push(`${request.method} ${request.url}`) });
  // After listen(): the client keeps the fetch that is global when it is created.
  client = createClient({ baseUrl, username: 'octocat', password: 'secret' });
});
afterEach(() => {
  expect(unhandled.splice(0)).toEqual(expectedUnhandled.splice(0));
  server.resetHandlers();
  handlers.simulator.reset();
});
afterAll(() => server.close());

const expectedUnhandled: string[] = [];

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('resolved');
    },
    (error: unknown) => error,
  );

describe('createHandlers({ baseUrl }) with setupServer', () => {
  it('creates, lists, paginates, deletes, then answers 404 Not Found, with every URL on baseUrl', async () => {
    const before = (await client.listAuthorizations()).data.length;
    const created = [];
    for (let index = 0; index < 5; index += 1) {
      created.push((await client.createAuthorization({ body: { scopes: ['repo'], note: `msw ${index}` } })).data);
    }
    expect(created.map(({ token }) => token)).toEqual(created.map(() => expect.stringMatching(/^gh[a-z]_\w+$/)));
    const [first] = created;
    expect(first!.url).toBe(`${baseUrl}/authorizations/${first!.id}`);

    const items = await paginateAll(client.listAuthorizations, { params: { query: { per_page: 1 } } }, { maxPages: 50 });
    expect(items).toHaveLength(before + 5);
    expect(items.map(({ id }) => id)).toEqual(expect.arrayContaining(created.map(({ id }) => id)));
    expect(items.every(({ token }) => token === '')).toBe(true);
    const page = await client.listAuthorizations({ params: { query: { per_page: 1, page: 2 } } });
    expect(page.headers.get('Link')).toContain(`<${baseUrl}/authorizations?per_page=1&page=3>; rel="next"`);

    expect((await client.deleteAuthorization({ params: { path: { authorization_id: first!.id } } })).status).toBe(204);
    const error = await rejection(client.getAuthorization({ params: { path: { authorization_id: first!.id } } }));
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error).toMatchObject({ status: 404, message: 'Not Found' });
  });

  it('answers a conditional GET with 304 when nothing changed, and 200 once something did', async () => {
    const { response: first } = await client.raw.GET('/authorizations');
    const etag = first.headers.get('ETag')!;
    expect(etag).toMatch(/^W\/"/);
    expect((await client.raw.GET('/authorizations', { headers: { 'If-None-Match': etag } })).response.status).toBe(304);
    await client.createAuthorization({ body: { scopes: [], note: 'changes the list' } });
    expect((await client.raw.GET('/authorizations', { headers: { 'If-None-Match': etag } })).response.status).toBe(200);
  });

  it('asks a two-factor account for its code once, then succeeds; a wrong code ends in 401', async () => {
    const asked: string[] = [];
    const guarded = createClient({ baseUrl, username: 'guarded', password: 'right', otp: (channel) => (asked.push(channel), '246810') });
    expect((await guarded.createAuthorization({ body: { scopes: ['repo'], note: '2FA' } })).status).toBe(201);
    expect(asked).toEqual(['sms']);

    const wrong = createClient({ baseUrl, username: 'guarded', password: 'right', otp: () => '000000' });
    expect(await rejection(wrong.listAuthorizations())).toMatchObject({ status: 401, message: 'Must specify two-factor authentication OTP code.' });
    const badPassword = createClient({ baseUrl, username: 'guarded', password: 'wrong' });
    expect(await rejection(badPassword.listAuthorizations())).toMatchObject({ status: 401, message: 'Bad credentials' });
  });

  it('simulator.reset() forgets what was created; the control API under /_simulator/ does too', async () => {
    const seeded = (await client.listAuthorizations()).data.map(({ id }) => id);
    const { data } = await client.createAuthorization({ body: { scopes: [], note: 'to forget' } });
    handlers.simulator.reset();
    expect((await client.listAuthorizations()).data.map(({ id }) => id)).toEqual(seeded);

    await client.createAuthorization({ body: { scopes: [], note: 'to forget too' } });
    expect(handlers.simulator.state('octocat').octocat!.authorizations.map(({ id }) => id)).toContain(data.id);
    const reset = await fetch('https://ghes.example.test/_simulator/reset', { method: 'POST', headers: { 'x-simulator-control': '1' } });
    expect(reset.status).toBe(204);
    expect((await client.listAuthorizations()).data.map(({ id }) => id)).toEqual(seeded);
  });

  it('forces a documented answer with Prefer, leaving the state alone', async () => {
    const error = await rejection(client.getAuthorization({ params: { path: { authorization_id: 1 } }, headers: { Prefer: 'example=otp-required' } }));
    expect(error).toMatchObject({ status: 401, message: 'Must specify two-factor authentication OTP code.' });
  });

  it('injects faults: a 503 and a dropped connection, per request or for all', async () => {
    expect(await rejection(client.listAuthorizations({ headers: { 'X-Simulator-Fault': '503' } }))).toMatchObject({ status: 503 });
    handlers.simulator.setFaults({ drop: true });
    const dropped = await rejection(client.listAuthorizations());
    expect(dropped).toBeInstanceOf(GitHubNetworkError);
    handlers.simulator.setFaults(undefined);
    expect((await client.listAuthorizations()).status).toBe(200);
  });

  it('leaves requests outside baseUrl alone', async () => {
    expectedUnhandled.push('GET https://other.example.test/api/v3/authorizations', 'GET https://ghes.example.test/api/v4/authorizations');
    await expect(fetch('https://other.example.test/api/v3/authorizations')).rejects.toThrow('fetch failed');
    await expect(fetch('https://ghes.example.test/api/v4/authorizations')).rejects.toThrow('fetch failed');
  });
});

describe('typed overrides for one test, with openapi-msw', () => {
  const typed = createOpenApiHttp<paths>({ baseUrl });

  it('server.use() an answer the contract types, ahead of the simulator, until resetHandlers()', async () => {
    server.use(
      typed.get('/authorizations/{authorization_id}', ({ params, response }) =>
        response(404).json({ message: `Not Found (override for ${params.authorization_id})`, documentation_url: 'https://docs.github.com/rest' }),
      ),
    );
    expect(await rejection(client.getAuthorization({ params: { path: { authorization_id: 1 } } }))).toMatchObject({ status: 404, message: 'Not Found (override for 1)' });
    // Other routes still reach the simulator.
    expect((await client.listAuthorizations()).status).toBe(200);
    server.resetHandlers();
    expect((await client.getAuthorization({ params: { path: { authorization_id: 1 } } })).status).toBe(200);
  });
});

describe('base URLs', () => {
  afterEach(() => server.resetHandlers());

  it('without baseUrl: /api/v3 on any origin', async () => {
    const anywhere = createHandlers();
    server.resetHandlers(...anywhere);
    for (const base of ['http://localhost:5173/api/v3', 'https://ghes.example.com/api/v3']) {
      const { data } = await createClient({ baseUrl: base, username: 'octocat', password: 'secret' }).createAuthorization({ body: { scopes: [], note: base } });
      expect(data.url).toBe(`${base}/authorizations/${data.id}`);
    }
  });

  it('an origin alone: the API at the root, URLs without /api/v3', async () => {
    server.resetHandlers(...createHandlers({ baseUrl: 'http://mock.test' }));
    const { data } = await createClient({ baseUrl: 'http://mock.test', username: 'octocat', password: 'secret' }).createAuthorization({ body: { scopes: [], note: 'root' } });
    expect(data.url).toBe(`http://mock.test/authorizations/${data.id}`);
  });

  it('two base URLs can share one simulator', async () => {
    const shared = createHandlers({ baseUrl: 'https://one.example.test/api/v3' });
    server.resetHandlers(...shared, ...createHandlers({ baseUrl: 'https://two.example.test/api/v3', simulator: shared.simulator }));
    const one = createClient({ baseUrl: 'https://one.example.test/api/v3', username: 'octocat', password: 'secret' });
    const two = createClient({ baseUrl: 'https://two.example.test/api/v3', username: 'octocat', password: 'secret' });
    const { data } = await one.createAuthorization({ body: { scopes: [], note: 'shared' } });
    expect((await two.getAuthorization({ params: { path: { authorization_id: data.id } } })).data.url).toBe(`https://two.example.test/api/v3/authorizations/${data.id}`);
  });

  it.each([
    ['ghes.example.com/api/v3', 'createHandlers: baseUrl must be an absolute http(s) URL such as https://ghes.example.com/api/v3, not "ghes.example.com/api/v3"'],
    ['ftp://ghes.example.com/api/v3', 'createHandlers: baseUrl must be an http(s) URL, not an ftp: one'],
    ['https://user:pass@ghes.example.com/api/v3', 'createHandlers: baseUrl is an origin and a path only (no credentials, query or fragment)'],
    ['https://ghes.example.com/api/v4', 'createHandlers: the simulator serves the API at the root or under /api/v3, as GHES does; baseUrl\'s path is "/api/v4"'],
  ])('refuses baseUrl %s', (url, message) => {
    expect(() => createHandlers({ baseUrl: url })).toThrow(new Error(message));
  });

  it('refuses a simulator together with simulator options', () => {
    const { simulator } = createHandlers();
    expect(() => createHandlers({ simulator, accounts: {} })).toThrow(new Error("createHandlers: pass either simulator or accounts (the simulator's own options), not both"));
  });

  it("refuses bad simulator options with the simulator's own message", () => {
    expect(() => createHandlers({ accounts: { 'a:b': {} } })).toThrow(/a user name is not empty and has no colon/);
  });
});

it('a plain msw handler works beside them (server.use), for anything outside the contract', async () => {
  server.use(http.get(`${baseUrl}/meta`, () => HttpResponse.json({ installed_version: '3.16.0' })));
  expect(await (await fetch(`${baseUrl}/meta`)).json()).toEqual({ installed_version: '3.16.0' });
});
