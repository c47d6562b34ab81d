// Pagination: following Link rel="next" on the client's origin only, with a page limit.
import { describe, expect, it } from 'vitest';
import { createClient, paginate, paginateAll, parseLink } from '../../src/index.js';
import { bodyOf } from '../support/media-types.js';
import { baseUrl, createObservedClient, json } from '../support/observed-client.js';

// The contract's own example list, split into pages of one authorization each.
const [example] = Object.values(bodyOf('list-authorizations', '200').examples) as [Array<{ id: number }>];
const page = (id: number) => [{ ...example[0]!, id }];
const link = (next?: string) => (next ? { Link: `<${next}>; rel="next", <${baseUrl}/authorizations?page=3>; rel="last"` } : {});

/** Three pages: 1 → 2 → 3, each linking the next as GitHub does. */
const threePages = (request: Request) => {
  const number = Number(new URL(request.url).searchParams.get('page') ?? 1);
  const next = number < 3 ? `${baseUrl}/authorizations?per_page=1&page=${number + 1}` : undefined;
  return json(200, page(number), link(next));
};

describe('paginate', () => {
  it('follows rel="next" across three pages, page by page, with the same credentials', async () => {
    const { client, requests } = createObservedClient({ username: 'octocat', password: 'secret' }, threePages);
    const pages = [];
    for await (const items of paginate(client.listAuthorizations, { params: { query: { per_page: 1 } } })) pages.push(items.map((item) => item.id));
    expect(pages).toEqual([[1], [2], [3]]);
    expect(requests.map((request) => request.url)).toEqual([
      `${baseUrl}/authorizations?per_page=1`,
      `${baseUrl}/authorizations?per_page=1&page=2`,
      `${baseUrl}/authorizations?per_page=1&page=3`,
    ]);
    expect(new Set(requests.map((request) => request.headers.authorization))).toEqual(new Set([`Basic ${btoa('octocat:secret')}`]));
  });

  it('collects every item with paginateAll', async () => {
    const { client } = createObservedClient({}, threePages);
    const items = await paginateAll(client.listAuthorizations);
    expect(items.map((item) => item.id)).toEqual([1, 2, 3]);
    expect(items[0]).toEqual({ ...example[0], id: 1 });
  });

  it('sends the headers of the first request with every page', async () => {
    const { client, requests } = createObservedClient({}, threePages);
    await paginateAll(client.listGrants, { headers: { 'X-Request-Id': 'abc' } });
    expect(requests.map((request) => request.headers['x-request-id'])).toEqual(['abc', 'abc', 'abc']);
  });

  it('stops after maxPages even when there is a next page', async () => {
    const { client, requests } = createObservedClient({}, threePages);
    const items = await paginateAll(client.listAuthorizations, {}, { maxPages: 2 });
    expect(items.map((item) => item.id)).toEqual([1, 2]);
    expect(requests).toHaveLength(2);
  });

  it('refuses a next link to another origin, before sending anything there', async () => {
    const sentTo: string[] = [];
    const client = createClient({
      baseUrl,
      username: 'octocat',
      password: 'secret',
      fetch: async (request) => {
        sentTo.push(request.url);
        return json(200, page(1), link('https://attacker.example/api/v3/authorizations?page=2'));
      },
    });
    const seen: number[][] = [];
    const walk = async () => {
      for await (const items of paginate(client.listAuthorizations)) seen.push(items.map((item) => item.id));
    };
    await expect(walk()).rejects.toThrow(`refused to send to https://attacker.example/api/v3/authorizations?page=2: this client sends only to https://ghes.example.com`);
    expect(seen).toEqual([[1]]);
    expect(sentTo).toEqual([`${baseUrl}/authorizations`]);
  });

  it.each([
    ['another scheme', 'http://ghes.example.com/api/v3/authorizations?page=2'],
    ['another port', 'https://ghes.example.com:8443/api/v3/authorizations?page=2'],
    ['a look-alike host', 'https://ghes.example.com.attacker.example/api/v3/authorizations?page=2'],
    ['a protocol-relative link', '//attacker.example/api/v3/authorizations?page=2'],
  ])('treats %s as another origin', async (_, next) => {
    const { client, requests } = createObservedClient({ username: 'octocat', password: 'secret' }, () => json(200, page(1), link(next)));
    await expect(paginateAll(client.listAuthorizations)).rejects.toThrow(/refused to send to/);
    expect(requests).toHaveLength(1);
  });

  it('resolves a relative next link against baseUrl', async () => {
    const { client, requests } = createObservedClient({}, (_, index) => json(200, page(index + 1), index === 0 ? { Link: '</api/v3/authorizations?page=2>; rel="next"' } : {}));
    await paginateAll(client.listAuthorizations);
    expect(requests.map((request) => request.url)).toEqual([`${baseUrl}/authorizations`, `${baseUrl}/authorizations?page=2`]);
  });

  it('stops with an error when a next link repeats a page already read', async () => {
    const { client, requests } = createObservedClient({}, () => json(200, page(1), link(`${baseUrl}/authorizations?page=2`)));
    await expect(paginateAll(client.listAuthorizations)).rejects.toThrow(`paginate: the next link repeats ${baseUrl}/authorizations?page=2`);
    expect(requests).toHaveLength(2);
  });

  it('rejects with the typed error of a failing page', async () => {
    const { client } = createObservedClient({}, (_, index) => (index === 0 ? json(200, page(1), link(`${baseUrl}/authorizations?page=2`)) : json(403, { message: 'Maximum number of login attempts exceeded.' })));
    await expect(paginateAll(client.listAuthorizations)).rejects.toMatchObject({ name: 'GitHubApiError', status: 403, message: 'Maximum number of login attempts exceeded.' });
  });

  it('refuses a function that is not a client function, and a maxPages below 1', async () => {
    const { client } = createObservedClient({});
    const standIn = async () => ({ data: [], headers: new Headers() });
    await expect(paginateAll(standIn)).rejects.toThrow('paginate: pass a list function of a client, e.g. client.listAuthorizations');
    await expect(paginateAll(client.listGrants, undefined, { maxPages: 0 })).rejects.toThrow('paginate: maxPages must be at least 1');
  });
});

describe('parseLink', () => {
  it("reads GitHub's Link header", () => {
    expect(
      parseLink(
        '<https://ghes.example.com/api/v3/authorizations?page=2>; rel="next", <https://ghes.example.com/api/v3/authorizations?page=5>; rel="last"',
      ),
    ).toEqual({ next: 'https://ghes.example.com/api/v3/authorizations?page=2', last: 'https://ghes.example.com/api/v3/authorizations?page=5' });
  });

  it('reads the first, prev, next and last links of a middle page', () => {
    const header = ['first', 'prev', 'next', 'last'].map((rel, index) => `<${baseUrl}/authorizations?page=${index + 1}>; rel="${rel}"`).join(', ');
    expect(Object.keys(parseLink(header))).toEqual(['first', 'prev', 'next', 'last']);
  });

  it('keeps commas and semicolons inside URLs', () => {
    expect(parseLink('<https://h.example/x?a=1,2;3>; rel="next"')).toEqual({ next: 'https://h.example/x?a=1,2;3' });
  });

  it('reads unquoted and multi-valued relations, and extra parameters', () => {
    expect(parseLink('<https://h.example/2>; rel=next, <https://h.example/9>; title="end"; rel="last end"')).toEqual({
      next: 'https://h.example/2',
      last: 'https://h.example/9',
      end: 'https://h.example/9',
    });
  });

  it('gives no links for an absent or empty header', () => {
    expect(parseLink(null)).toEqual({});
    expect(parseLink(undefined)).toEqual({});
    expect(parseLink('')).toEqual({});
  });
});
