// Pagination: following Link rel="next" on the client's origin only, with a page limit.
import { describe, expect, it } from 'vitest';
import { createClient, defaultMaxPages, PageLimitError, paginate, paginateAll, parseLink } from '../../src/index.js';
import { bodyOf } from '../support/media-types.js';
import { baseUrl, createObservedClient, json } from '../support/observed-client.js';
import { timeRatio } from '../support/growth.js';

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
    expect(requests.map((request) => request.url)).toEqual([`${baseUrl}/authorizations?per_page=1`, `${baseUrl}/authorizations?per_page=1&page=2`, `${baseUrl}/authorizations?per_page=1&page=3`]);
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

  it('says the list was cut after maxPages: a PageLimitError with the items read and where the list goes on', async () => {
    const { client, requests } = createObservedClient({}, threePages);
    const error = (await paginateAll(client.listAuthorizations, {}, { maxPages: 2 }).catch((caught: unknown) => caught)) as PageLimitError<{ id: number }>;
    expect(error).toBeInstanceOf(PageLimitError);
    expect({ name: error.name, pages: error.pages, next: error.next, ids: error.items.map((item) => item.id) }).toEqual({
      name: 'PageLimitError',
      pages: 2,
      next: `${baseUrl}/authorizations?per_page=1&page=3`,
      ids: [1, 2],
    });
    expect(error.message).toBe(`paginate: stopped after 2 pages with more to come at ${baseUrl}/authorizations?per_page=1&page=3 (set a larger maxPages, or Infinity, to read more)`);
    expect(requests).toHaveLength(2);
  });

  it('paginate yields the pages up to maxPages, then throws the PageLimitError (items empty: the caller had each page)', async () => {
    const { client } = createObservedClient({}, threePages);
    const pages: number[][] = [];
    const walk = async () => {
      for await (const items of paginate(client.listAuthorizations, {}, { maxPages: 2 })) pages.push(items.map((item) => item.id));
    };
    await expect(walk()).rejects.toMatchObject({ name: 'PageLimitError', pages: 2, items: [] });
    expect(pages).toEqual([[1], [2]]);
  });

  it('returns the whole list when it ends exactly at maxPages', async () => {
    const { client } = createObservedClient({}, threePages);
    expect((await paginateAll(client.listAuthorizations, {}, { maxPages: 3 })).map((item) => item.id)).toEqual([1, 2, 3]);
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

  it('resolves an absolute-path next link on the same origin', async () => {
    const { client, requests } = createObservedClient({}, (_, index) => json(200, page(index + 1), index === 0 ? { Link: '</api/v3/authorizations?page=2>; rel="next"' } : {}));
    await paginateAll(client.listAuthorizations);
    expect(requests.map((request) => request.url)).toEqual([`${baseUrl}/authorizations`, `${baseUrl}/authorizations?page=2`]);
  });

  // RFC 8288 §3.2 and RFC 3986 §5: against the URL of the page that carried the link, not baseUrl.
  it.each([
    ['a query-only link', ['<?page=2>', '<?page=3>'], ['/authorizations', '/authorizations?page=2', '/authorizations?page=3']],
    ['a relative path', ['<authorizations?page=2>', '<authorizations?page=3>'], ['/authorizations', '/authorizations?page=2', '/authorizations?page=3']],
    ['a dot-segment path', ['<./authorizations?page=2>', '<../v3/authorizations?page=3>'], ['/authorizations', '/authorizations?page=2', '/authorizations?page=3']],
  ])('resolves %s against the URL of the page that carried it', async (_, links, paths) => {
    const { client, requests } = createObservedClient({}, (_, index) => json(200, page(index + 1), links[index] ? { Link: `${links[index]}; rel="next"` } : {}));
    await paginateAll(client.listAuthorizations);
    expect(requests.map((request) => request.url)).toEqual(paths.map((path) => `${baseUrl}${path}`));
  });

  it('resolves against the first request with its query, for grants as well', async () => {
    const { client, requests } = createObservedClient({}, (_, index) => json(200, page(index + 1), index === 0 ? { Link: '<?per_page=1&page=2>; rel="next"' } : {}));
    await paginateAll(client.listGrants, { params: { query: { per_page: 1 } } });
    expect(requests.map((request) => request.url)).toEqual([`${baseUrl}/applications/grants?per_page=1`, `${baseUrl}/applications/grants?per_page=1&page=2`]);
  });

  it('stops with an error when a next link repeats a page already read', async () => {
    const { client, requests } = createObservedClient({}, () => json(200, page(1), link(`${baseUrl}/authorizations?page=2`)));
    await expect(paginateAll(client.listAuthorizations)).rejects.toThrow(`paginate: the next link repeats ${baseUrl}/authorizations?page=2`);
    expect(requests).toHaveLength(2);
  });

  it('compares links as URLs without their fragment: #1, #2, … do not make a page new', async () => {
    const { client, requests } = createObservedClient({}, (_, index) => json(200, page(index + 1), link(`${baseUrl}/authorizations?page=2#${index}`)));
    await expect(paginateAll(client.listAuthorizations)).rejects.toThrow(`paginate: the next link repeats ${baseUrl}/authorizations?page=2`);
    expect(requests.map((request) => request.url)).toEqual([`${baseUrl}/authorizations`, `${baseUrl}/authorizations?page=2`]);
  });

  it.each([
    ['the first page', (index: number) => (index === 0 ? `${baseUrl}/authorizations?page=2` : `${baseUrl}/authorizations`)],
    ['another spelling of the same URL', (index: number) => (index === 0 ? `${baseUrl}/authorizations?page=2` : 'https://GHES.example.com:443/api/v3/x/../authorizations?page=2')],
  ])('stops when a next link leads back to %s', async (_, next) => {
    const { client, requests } = createObservedClient({}, (_, index) => json(200, page(index + 1), link(next(index))));
    await expect(paginateAll(client.listAuthorizations)).rejects.toThrow('paginate: the next link repeats');
    expect(requests).toHaveLength(2);
  });

  /** Pages without end: each links the next. */
  const endless = (_: Request, index: number) => json(200, page(index + 1), link(`${baseUrl}/authorizations?page=${index + 2}`));

  it(`stops an endless chain after defaultMaxPages (${defaultMaxPages}) pages with an error, when no maxPages is given`, async () => {
    const { client, requests } = createObservedClient({}, endless);
    const pages: number[] = [];
    const walk = async () => {
      for await (const items of paginate(client.listAuthorizations)) pages.push(items[0]!.id);
    };
    await expect(walk()).rejects.toThrow(new PageLimitError(defaultMaxPages, `${baseUrl}/authorizations?page=${defaultMaxPages + 1}`).message);
    expect(pages).toHaveLength(defaultMaxPages);
    expect(requests).toHaveLength(defaultMaxPages);
  });

  it('reads past defaultMaxPages when maxPages says so', async () => {
    const last = defaultMaxPages + 5;
    const { client } = createObservedClient({}, (_, index) => json(200, page(index + 1), index + 1 < last ? link(`${baseUrl}/authorizations?page=${index + 2}`) : {}));
    expect(await paginateAll(client.listAuthorizations, {}, { maxPages: Infinity })).toHaveLength(last);
  });

  // A list answered with anything but a JSON array: say what the server sent, never "not iterable".
  it.each([
    ['an object', () => json(200, { message: 'Not Found' }), '200 (application/json; charset=utf-8) with {"message":"Not Found"}'],
    ['a number', () => json(200, 42), '200 (application/json; charset=utf-8) with 42'],
    ['a string', () => json(200, 'abc'), '200 (application/json; charset=utf-8) with "abc"'],
    ['null', () => json(200, null), '200 (application/json; charset=utf-8) with null'],
    ['an empty 200', () => new Response(null, { status: 200 }), '200 (no Content-Type) with an empty body'],
    [
      'an empty 200 with a Content-Length of 0',
      () => new Response('', { status: 200, headers: { 'Content-Length': '0', 'Content-Type': 'application/json' } }),
      '200 (application/json) with an empty body',
    ],
    ['a 204', () => new Response(null, { status: 204 }), '204 (no Content-Type) with an empty body'],
    ['a long object, cut short', () => json(200, { message: 'x'.repeat(500) }), `200 (application/json; charset=utf-8) with {"message":"${'x'.repeat(88)}…`],
  ])('a page that is %s is a TypeError saying what the server sent', async (_, answer, what) => {
    const { client } = createObservedClient({}, answer);
    await expect(paginateAll(client.listAuthorizations)).rejects.toThrow(new TypeError(`paginate: page 1 is not a list: the server answered ${what}`));
  });

  it('names the page that is not a list, after the pages that were', async () => {
    const { client } = createObservedClient({}, (_, index) => (index === 0 ? json(200, page(1), link(`${baseUrl}/authorizations?page=2`)) : json(200, { id: 2 })));
    const pages: unknown[] = [];
    const walk = async () => {
      for await (const items of paginate(client.listAuthorizations)) pages.push(items);
    };
    await expect(walk()).rejects.toThrow('paginate: page 2 is not a list: the server answered 200 (application/json; charset=utf-8) with {"id":2}');
    expect(pages).toHaveLength(1);
  });

  it('a next link that is not a URL is a TypeError naming it', async () => {
    const { client } = createObservedClient({}, () => json(200, page(1), { Link: '<http://[oops>; rel="next"' }));
    await expect(paginateAll(client.listAuthorizations)).rejects.toThrow(new TypeError('paginate: the next link is not a URL: http://[oops'));
  });

  it('rejects with the typed error of a failing page', async () => {
    const { client } = createObservedClient({}, (_, index) =>
      index === 0 ? json(200, page(1), link(`${baseUrl}/authorizations?page=2`)) : json(403, { message: 'Maximum number of login attempts exceeded.' }),
    );
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
    expect(parseLink('<https://ghes.example.com/api/v3/authorizations?page=2>; rel="next", <https://ghes.example.com/api/v3/authorizations?page=5>; rel="last"')).toEqual({
      next: 'https://ghes.example.com/api/v3/authorizations?page=2',
      last: 'https://ghes.example.com/api/v3/authorizations?page=5',
    });
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

  it('reads relation types case-insensitively, and only the first rel of a link', () => {
    expect(parseLink('<https://h.example/2>; REL="Next"; rel="last"')).toEqual({ next: 'https://h.example/2' });
  });

  it('keeps a comma inside a quoted parameter out of the relations', () => {
    expect(parseLink('<https://h.example/2>; title="a, b"; rel="next", <https://h.example/9>; rel=last')).toEqual({
      next: 'https://h.example/2',
      last: 'https://h.example/9',
    });
  });

  it('reads links that are not separated by a comma, and ignores a link without a closing ">"', () => {
    expect(parseLink('<https://h.example/2>; rel=next <https://h.example/9>; rel=last, <https://h.example/0; rel=first')).toEqual({
      next: 'https://h.example/2',
      last: 'https://h.example/9',
    });
  });

  // Browsers accept headers this long; the former pattern, which backtracked, took ~7 s on 64 KB of "<".
  it.each([
    ['"<" repeated', (n: number) => '<'.repeat(n)],
    ['"<>" repeated', (n: number) => '<>'.repeat(n / 2)],
    ['";" repeated after a link', (n: number) => `<a>${';'.repeat(n)}`],
    ['"; rel=" repeated', (n: number) => `<a>${'; rel='.repeat(n / 6)}`],
    ['an unterminated quoted value of backslashes', (n: number) => `<a>; rel="${'\\'.repeat(n)}`],
    ['spaces and a "<" at the end', (n: number) => `${' '.repeat(n)}<`],
    ['short links', (n: number) => '<a>; rel=next, '.repeat(n / 15)],
    ['"=" repeated after a link', (n: number) => `<a>;${'='.repeat(n)}`],
  ])('reads 64 KB of %s in time that grows no faster than its length (16 times 4 KB: at most 64 times the time; the square was 256)', (_, make) => {
    const [small, large] = [make(4 * 1024), make(64 * 1024)];
    expect(
      timeRatio(
        () => parseLink(small),
        () => parseLink(large),
      ),
    ).toBeLessThan(64);
  });

  it('gives no links for an absent or empty header', () => {
    expect(parseLink(null)).toEqual({});
    expect(parseLink(undefined)).toEqual({});
    expect(parseLink('')).toEqual({});
  });
});
