// Without a fetch of its own, the client sends through whatever globalThis.fetch is at each request:
// MSW's setupServer().listen() replaces it in a beforeAll, after an app module made its client.
import { afterEach, expect, it } from 'vitest';
import { createClient } from '../../src/index.js';

const original = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = original;
});

it('uses the global fetch of the moment, not the one there was at createClient()', async () => {
  const client = createClient({ baseUrl: 'https://ghes.example.com/api/v3', username: 'octocat', password: 'secret' });
  const seen: string[] = [];
  globalThis.fetch = async (input) => {
    const request = input as Request;
    seen.push(`${request.method} ${request.url} ${request.headers.get('authorization')}`);
    return new Response('[]', { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
  };
  const { status, data } = await client.listAuthorizations();
  expect(status).toBe(200);
  expect(data).toEqual([]);
  expect(seen).toEqual([`GET https://ghes.example.com/api/v3/authorizations Basic ${btoa('octocat:secret')}`]);
});

it('still refuses a fetch option that is not a function', () => {
  expect(() => createClient({ baseUrl: 'https://ghes.example.com', fetch: null as never })).toThrow('createClient: fetch must be a function');
});
