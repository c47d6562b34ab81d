// The request checks the simulator and the validating proxy share (src/simulator/request-checks.ts).
import { describe, expect, it } from 'vitest';
import { acceptsJson } from '../../src/simulator/media-type.js';
import { basicCredentials, checkRequest, parseJson } from '../../src/simulator/request-checks.js';
import { coerce, matchRoute } from '../../src/simulator/routes.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const call = (method: string, path: string, { headers = {}, body = '' }: { headers?: Record<string, string>; body?: string } = {}) => ({
  method,
  path: path.split('?')[0]!,
  search: path.split('?')[1] ?? '',
  headers: new Headers({ authorization: `Basic ${btoa('octocat:secret')}`, ...headers }),
  body: utf8(body),
});

describe('basicCredentials', () => {
  it.each([
    [`Basic ${btoa('octocat:secret')}`, { user: 'octocat', password: 'secret' }],
    [`basic   ${btoa('a:b:c')}`, { user: 'a', password: 'b:c' }],
    [`Basic ${btoa('octocat')}`, undefined],
    [`Basic ${btoa(':secret')}`, undefined],
    [`Basic ${btoa('octocat:')}`, undefined],
    ['Basic !!!', undefined],
    ['token ghp_x', undefined],
    ['Bearer x', undefined],
    [null, undefined],
  ])('%j → %j', (header, expected) => {
    expect(basicCredentials(header)).toEqual(expected);
  });

  it('reads UTF-8 user names', () => {
    const encoded = btoa(String.fromCharCode(...new TextEncoder().encode('zoë:pässword')));
    expect(basicCredentials(`Basic ${encoded}`)).toEqual({ user: 'zoë', password: 'pässword' });
  });
});

describe('acceptsJson', () => {
  it.each([null, 'application/json', 'application/vnd.github+json', 'application/vnd.github.v3', 'application/vnd.github.v3+json; charset=utf-8', '*/*', 'text/html, */*;q=0.1'])(
    '%j → true',
    (accept) => {
      expect(acceptsJson(accept)).toBe(true);
    },
  );
  it.each(['text/html', 'application/json;q=0', 'application/xml', 'application/vnd.github.v3 html'])('%j → false', (accept) => {
    expect(acceptsJson(accept)).toBe(false);
  });
});

describe('parseJson', () => {
  it('no body, whitespace, JSON, bad JSON, bad UTF-8', () => {
    expect(parseJson(new Uint8Array())).toBeUndefined();
    expect(parseJson(utf8('  \n'))).toBeUndefined();
    expect(parseJson(utf8('{"a":1}'))).toEqual({ value: { a: 1 } });
    expect(parseJson(utf8('{"a":'))).toEqual({ problem: expect.stringMatching(/^Problems parsing JSON: /) });
    expect(parseJson(new Uint8Array([0x7b, 0xff]))).toEqual({ problem: 'Problems parsing JSON: the body is not valid UTF-8' });
  });
});

describe('matchRoute and coerce', () => {
  it('finds the operation and types its path parameters', () => {
    expect(matchRoute('GET', '/authorizations/12')).toMatchObject({ route: { operation: { name: 'getAuthorization' } }, pathParameters: { authorization_id: 12 } });
    expect(matchRoute('HEAD', '/applications/grants')).toMatchObject({ route: { operation: { name: 'listGrants' } } });
    expect(matchRoute('PUT', '/authorizations/1')).toEqual({ allow: ['GET', 'DELETE', 'PATCH', 'POST', 'HEAD', 'OPTIONS'] });
    // GitHub's v3 took POST wherever it took PATCH: POST on an authorization is its update.
    expect(matchRoute('POST', '/authorizations/1')).toMatchObject({ route: { operation: { name: 'updateAuthorization' } }, pathParameters: { authorization_id: 1 } });
    expect(matchRoute('GET', '/authorizations/1.0')).toEqual({ notFound: 'authorization_id "1.0" must be integer' });
    expect(matchRoute('GET', '/nope')).toEqual({ notFound: '' });
  });

  it.each([
    ['integer', '12', 12],
    ['integer', '-3', -3],
    ['integer', '2.0', '2.0'],
    ['integer', '', ''],
    ['number', '2.5', 2.5],
    ['number', '2.', '2.'],
    ['boolean', 'true', true],
    ['string', '12', '12'],
  ] as const)('%s %j → %j', (type, text, value) => {
    expect(coerce({ type }, text)).toBe(value);
  });
});

describe('checkRequest', () => {
  it('a valid request: its route, parameters, parsed body and credentials', () => {
    const checked = checkRequest(call('PATCH', '/authorizations/1', { body: '{"note":"x"}' }));
    expect(checked).toMatchObject({ route: { operation: { name: 'updateAuthorization' } }, pathParameters: { authorization_id: 1 }, body: { note: 'x' }, credentials: { user: 'octocat' } });
  });

  it('a required body that is absent is checked as {}', () => {
    expect(checkRequest(call('PUT', '/authorizations/clients/abcde12345fghij67890'))).toMatchObject({
      refusal: { status: 422, body: { errors: [{ field: 'client_secret', code: 'missing_field' }] } },
    });
  });

  it.each([
    ['an unknown route', call('GET', '/nope'), 404, 'route'],
    ['a method the path does not serve (404, as on GitHub)', call('POST', '/applications/grants'), 404, 'route'],
    ['no credentials', { ...call('GET', '/authorizations'), headers: new Headers() }, 401, 'credentials'],
    ['an Accept without JSON', call('GET', '/authorizations', { headers: { accept: 'text/html' } }), 406, 'header'],
    ['a bad API version', call('GET', '/authorizations', { headers: { 'x-github-api-version': '1' } }), 400, 'header'],
    ['a bad page', call('GET', '/authorizations?page=0'), 422, 'query'],
    ['malformed JSON', call('POST', '/authorizations', { body: '{' }), 400, 'body'],
    ['a wrong field', call('POST', '/authorizations', { body: '{"note":1}' }), 422, 'body'],
    ['a compressed body', call('POST', '/authorizations', { body: 'x', headers: { 'content-encoding': 'gzip' } }), 415, 'header'],
  ])('%s → %i, about the %s', (_, request, status, part) => {
    expect(checkRequest(request)).toMatchObject({ refusal: { status, part } });
  });

  it('OPTIONS on a route is a 204 with Allow, not a violation', () => {
    expect(checkRequest(call('OPTIONS', '/authorizations'))).toEqual({ refusal: { status: 204, headers: { allow: 'GET, POST, HEAD, OPTIONS' }, reason: expect.any(String) } });
  });
});
