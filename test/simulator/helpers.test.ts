// The simulator's small pure functions: pages and Link, ETags, URL rewriting, header-safe reasons,
// the account check.
import { describe, expect, it } from 'vitest';
import { etagOf, headerSafe, matchesEtag } from '../../src/simulator/index.js';
import { paginate } from '../../src/simulator/pagination.js';
import { credentialRefusal } from '../../src/simulator/accounts.js';
import { rewriteUrls } from '../../src/simulator/urls.js';

const items = Array.from({ length: 7 }, (_, i) => i + 1);
const url = (query: string) => new URL(`http://127.0.0.1:4010/api/v3/authorizations${query}`);

describe('paginate', () => {
  it.each([
    ['', items, undefined],
    ['?per_page=3', [1, 2, 3], 'next=2 last=3'],
    ['?per_page=3&page=2', [4, 5, 6], 'prev=1 next=3 last=3 first=1'],
    ['?per_page=3&page=3', [7], 'prev=2 first=1'],
    ['?per_page=3&page=9', [], 'prev=3 first=1'],
    ['?per_page=100', items, undefined],
  ])('%s → %j, Link %s', (query, expected, links) => {
    const page = paginate(items, url(query));
    expect(page.items).toEqual(expected);
    const rels = page.link
      ?.split(', ')
      .map((part) => `${/rel="(\w+)"/.exec(part)![1]}=${/[?&]page=(\d+)/.exec(part)![1]}`)
      .join(' ');
    expect(rels).toBe(links);
  });

  it('keeps the other query parameters, and the origin and prefix of the request', () => {
    expect(paginate(items, url('?client_id=abc&per_page=5')).link).toBe(
      '<http://127.0.0.1:4010/api/v3/authorizations?client_id=abc&per_page=5&page=2>; rel="next", <http://127.0.0.1:4010/api/v3/authorizations?client_id=abc&per_page=5&page=2>; rel="last"',
    );
  });
});

describe('ETags', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('are weak, stable for the same bytes, and change with any byte', () => {
    const etag = etagOf(bytes('{"id":1,"note":"a"}'));
    expect(etag).toMatch(/^W\/"[0-9a-f]{16}"$/);
    expect(etagOf(bytes('{"id":1,"note":"a"}'))).toBe(etag);
    expect(etagOf(bytes('{"id":1,"note":"b"}'))).not.toBe(etag);
    expect(etagOf(bytes('{"id":1,"note":"a"} '))).not.toBe(etag);
    expect(new Set(Array.from({ length: 1000 }, (_, i) => etagOf(bytes(`{"id":${i}}`)))).size).toBe(1000);
  });

  it('are the same wherever the bytes lie in memory (aligned to a word or not), as they were first written', () => {
    const list = bytes(JSON.stringify(Array.from({ length: 30 }, (_, i) => ({ id: i, note: `n${i}` }))));
    // Values from the first implementation (a DataView read of every word): a cached ETag must still match.
    expect(etagOf(bytes('{"id":1,"note":"a"}'))).toBe('W/"3f8d5753467bc632"');
    expect(etagOf(list)).toBe('W/"813c5c42cc14cda6"');
    for (const offset of [1, 2, 3, 4]) {
      const shifted = new Uint8Array(list.length + offset);
      shifted.set(list, offset);
      expect(etagOf(shifted.subarray(offset))).toBe('W/"813c5c42cc14cda6"');
    }
  });

  it.each([
    ['W/"abc"', true],
    ['"abc"', true],
    ['W/"x", W/"abc"', true],
    ['*', true],
    ['W/"abd"', false],
    ['', false],
  ])('If-None-Match %j matches W/"abc": %s', (header, expected) => {
    expect(matchesEtag(header, 'W/"abc"')).toBe(expected);
  });
});

describe('rewriteUrls', () => {
  it("puts the examples' placeholder hosts on the base, in JSON and in header text", () => {
    const base = 'http://localhost:9/api/v3';
    expect(rewriteUrls({ url: 'https://HOSTNAME/authorizations/1', list: ['https://enterprise.octocat.com/api/v3/authorizations/2'], app: { url: 'http://my-github-app.com' }, n: 1 }, base)).toEqual({
      url: `${base}/authorizations/1`,
      list: [`${base}/authorizations/2`],
      app: { url: 'http://my-github-app.com' },
      n: 1,
    });
    expect(rewriteUrls('<https://HOSTNAME/api/v3/authorizations?page=2>; rel="next"', base)).toBe(`<${base}/authorizations?page=2>; rel="next"`);
  });
});

describe('headerSafe', () => {
  it('escapes what a header cannot carry and bounds the length', () => {
    expect(headerSafe('a "b"\r\n\u00e9\u{1f600}')).toBe('a "b"\\u000d\\u000a\\u00e9\\ud83d\\ude00');
    expect(headerSafe('x'.repeat(5000))).toHaveLength(1000);
  });
});

describe('credentialRefusal', () => {
  it('passes an unconfigured user, checks the password first, then the one-time password', () => {
    expect(credentialRefusal(undefined, 'anything', null)).toBeUndefined();
    expect(credentialRefusal({ password: 'p' }, 'q', null)).toMatchObject({ status: 401, body: { message: 'Bad credentials' } });
    expect(credentialRefusal({ password: 'p', otp: { code: '1' } }, 'q', '1')).toMatchObject({ body: { message: 'Bad credentials' } });
    expect(credentialRefusal({ password: 'p', otp: { code: '1' } }, 'p', null)).toMatchObject({ status: 401, headers: { 'x-github-otp': 'required; app' } });
    expect(credentialRefusal({ otp: { code: '1', channel: 'sms' } }, 'p', '2')).toMatchObject({ headers: { 'x-github-otp': 'required; sms' } });
    expect(credentialRefusal({ password: 'p', otp: { code: '1' } }, 'p', ' 1 ')).toBeUndefined();
  });
});
