// A frontend's unit test with the installed package and msw, as docs/frontend-testing.md sets it
// up: setupServer(...createHandlers({ baseUrl })) and the package's client, no server. The consumer
// check runs it with vitest and type-checks it with the rest of the consumer.
import { setupServer } from 'msw/node';
import { createOpenApiHttp } from 'openapi-msw';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { type Client, createClient, GitHubApiError, paginateAll } from 'ghes-oauth-authorizations';
import { createHandlers } from 'ghes-oauth-authorizations/msw';
import type { paths } from 'ghes-oauth-authorizations/schema';

const baseUrl = 'https://ghes.example.test/api/v3';
const handlers = createHandlers({ baseUrl, accounts: { guarded: { otp: { code: '123456' } } } });
const server = setupServer(...handlers);
let client: Client;

beforeAll(() => {
  // No options: msw 3 renamed onUnhandledRequest to onUnhandledFrame, and this file runs on both.
  // A request the handlers missed fails anyway, since ghes.example.test resolves nowhere.
  server.listen();
  client = createClient({ baseUrl, username: 'octocat', password: 'secret' });
});
afterEach(() => {
  server.resetHandlers();
  handlers.simulator.reset();
});
afterAll(() => server.close());

it('creates, paginates, deletes, then gets a 404', async () => {
  const ids: number[] = [];
  for (const note of ['one', 'two', 'three']) ids.push((await client.createAuthorization({ body: { scopes: ['repo'], note } })).data.id);
  const all = await paginateAll(client.listAuthorizations, { params: { query: { per_page: 1 } } });
  expect(all.map(({ id }) => id)).toEqual(expect.arrayContaining(ids));
  expect((await client.deleteAuthorization({ params: { path: { authorization_id: ids[0]! } } })).status).toBe(204);
  const error: unknown = await client.getAuthorization({ params: { path: { authorization_id: ids[0]! } } }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(GitHubApiError);
  expect(error).toMatchObject({ status: 404, message: 'Not Found' });
});

it('asks a two-factor account for its code', async () => {
  const asked: string[] = [];
  const guarded = createClient({ baseUrl, username: 'guarded', password: 'x', otp: (channel) => (asked.push(channel), '123456') });
  expect((await guarded.listAuthorizations()).status).toBe(200);
  expect(asked).toEqual(['app']);
});

it('takes a typed override for one test', async () => {
  const http = createOpenApiHttp<paths>({ baseUrl });
  server.use(http.get('/authorizations', ({ response }) => response(403).json({ message: 'Maximum number of login attempts exceeded.', documentation_url: 'https://docs.github.com/rest' })));
  await expect(client.listAuthorizations()).rejects.toMatchObject({ status: 403 });
});

it("keeps a journal of what the app sent, and a full reset undoes a test's account and scenario", async () => {
  handlers.simulator.setAccount('octocat', { password: 'only-this' });
  handlers.simulator.addScenarios({ operationId: 'createAuthorization', fault: 502 });
  await expect(client.createAuthorization({ body: { scopes: [], note: 'journaled' } })).rejects.toMatchObject({ status: 502 });
  const sent = handlers.simulator.requests({ operationId: 'createAuthorization' });
  expect(sent.map((request) => [request.status, request.headers.authorization, request.scenario?.id !== undefined])).toEqual([[502, 'Basic octocat', true]]);
  handlers.simulator.reset();
  expect(handlers.simulator.accounts()).toEqual({ guarded: { otp: { code: '[masked]' } } });
  expect(handlers.simulator.requests()).toEqual([]);
  expect((await client.createAuthorization({ body: { scopes: [], note: 'journaled' } })).status).toBe(201);
});
