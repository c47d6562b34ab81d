// The errors the mock answers itself, in the contract's error shapes and GitHub's own words: 401
// without Basic credentials (Requires authentication) or with wrong ones (Bad credentials), 403 for
// a token the simulator issued, 422 naming the real offending fields, 404 "Not Found" (the reason
// in X-Simulator-Reason) also for a method a path does not serve, 400 for malformed JSON, 406, 413.
// Never a 5xx.
import { describe, expect, it } from 'vitest';
import { rawExchange } from '../support/raw-http.js';
import { basic, callFor, calls, contractErrors, example, freshUser, githubHeaders, headerExample, mockUrl, readJson, send, sendAs, sendTo, strictMockUrl } from './support/calls.js';

describe('authentication: only Basic works', () => {
  const unauthenticated: Array<[string, Record<string, string>, string]> = [
    ['no credentials', {}, 'Requires authentication'],
    ['a token the simulator did not issue (Authorization: token …)', { authorization: 'token ghp_16C7e42F292c6912E7710c838347Ae178B4a' }, 'Bad credentials'],
    ['a Bearer token the simulator did not issue', { authorization: 'Bearer ghp_16C7e42F292c6912E7710c838347Ae178B4a' }, 'Bad credentials'],
    ['Basic without a password', { authorization: `Basic ${btoa('octocat')}` }, 'Bad credentials'],
    ['Basic that is not base64', { authorization: 'Basic !!!' }, 'Bad credentials'],
  ];

  describe.each(unauthenticated)('%s', (_, credentials, message) => {
    it.each(calls)(`$operation → 401 ${message} with a Basic challenge`, async (call) => {
      const response = await fetch(`${mockUrl()}${call.path}`, {
        method: call.method,
        headers: { ...githubHeaders, ...credentials },
        ...(call.body !== undefined && { body: JSON.stringify(call.body) }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(headerExample('www-authenticate'));
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
      expect(response.headers.get('x-github-otp')).toBeNull(); // that one means "send your one-time password"
      const body = await readJson(response);
      expect(body).toEqual({ ...example('requires-authentication'), message });
      expect(contractErrors(call.operation, 401, body)).toEqual([]);
    });
  });

  it('a live token the simulator issued, as `token …` or `Bearer …` → 403 "This API can only be accessed with username and password Basic Auth"; revoked → 401', async () => {
    const user = freshUser('token-403');
    const created = await readJson(await sendAs(user, { method: 'POST', path: '/authorizations', body: { note: 'token on these routes' } }));
    for (const scheme of ['token', 'Bearer']) {
      const response = await send({ method: 'GET', path: '/authorizations' }, { authorization: `${scheme} ${created.token}` });
      expect(response.status).toBe(403);
      const body = await readJson(response);
      expect(body).toEqual({ message: 'This API can only be accessed with username and password Basic Auth', documentation_url: example('not-found').documentation_url });
      expect(contractErrors('list-authorizations', 403, body)).toEqual([]);
    }
    expect((await sendAs(user, { method: 'DELETE', path: `/authorizations/${created.id}` })).status).toBe(204);
    const revoked = await send({ method: 'GET', path: '/authorizations' }, { authorization: `token ${created.token}` });
    expect(revoked.status).toBe(401);
    expect((await readJson(revoked)).message).toBe('Bad credentials');
  });

  it('wrong credentials are judged before the route: 401 Bad credentials on an unknown path and on a method the path does not serve', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['PATCH', '/authorizations'],
      ['POST', '/applications/grants'],
    ] as const) {
      const response = await send({ method, path }, { authorization: 'token ghp_16C7e42F292c6912E7710c838347Ae178B4a' });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect((await readJson(response)).message).toBe('Bad credentials');
    }
  });
});

describe('422 names the real offending fields', () => {
  const create = callFor('create-authorization');
  const forApp = callFor('get-or-create-authorization-for-app');
  const forFingerprint = callFor('get-or-create-authorization-for-app-and-fingerprint');
  const update = callFor('update-authorization');
  const cases: Array<[string, typeof create, unknown, Array<{ field: string; code: string }>]> = [
    ['missing client_secret (app)', forApp, { note: 'no secret' }, [{ field: 'client_secret', code: 'missing_field' }]],
    ['missing client_secret (app and fingerprint)', forFingerprint, { scopes: ['repo'] }, [{ field: 'client_secret', code: 'missing_field' }]],
    ['no body at all where one is required', forApp, undefined, [{ field: 'client_secret', code: 'missing_field' }]],
    ['a note of the wrong type', create, { note: 42 }, [{ field: 'note', code: 'invalid' }]],
    ['scopes that are not strings', create, { scopes: ['repo', 7] }, [{ field: 'scopes.1', code: 'invalid' }]],
    [
      'two scope keys in an update',
      update,
      { add_scopes: ['repo'], remove_scopes: ['user'] },
      [
        { field: 'add_scopes', code: 'invalid' },
        { field: 'remove_scopes', code: 'invalid' },
      ],
    ],
    ['an over-long client_id', create, { client_id: 'abcde12345fghij678901', client_secret: 'x' }, [{ field: 'client_id', code: 'invalid' }]],
    [
      'several problems at once',
      forApp,
      { client_secret: 5, note: 7 },
      [
        { field: 'client_secret', code: 'invalid' },
        { field: 'note', code: 'invalid' },
      ],
    ],
  ];

  it.each(cases)('%s', async (_, call, body, expected) => {
    const response = await send({ ...call, body });
    expect(response.status).toBe(422);
    const answer = await readJson(response);
    expect(contractErrors(call.operation, 422, answer)).toEqual([]);
    expect(answer.message).toBe('Validation Failed');
    const found = answer.errors.map(({ field, code }: any) => ({ field, code }));
    expect(found.sort((a: any, b: any) => a.field.localeCompare(b.field))).toEqual(expected);
    for (const error of answer.errors) expect(error.message).toContain(error.field);
  });

  it('an unknown field is ignored, as GitHub did, and named in X-Simulator-Reason; `npm start -- --strict` refuses it with 422 naming it', async () => {
    const body = { note: `unknown field ${freshUser()}`, token: 'ghp_x' };
    const lenient = await send({ ...create, body });
    expect(lenient.status).toBe(201);
    expect(lenient.headers.get('x-simulator-reason')).toContain('token ignored (not a field of this request)');
    const strict = await sendTo(strictMockUrl(), { ...create, body });
    expect(strict.status).toBe(422);
    const answer = await readJson(strict);
    expect(contractErrors('create-authorization', 422, answer)).toEqual([]);
    expect(answer.errors).toEqual([{ resource: 'OauthAccess', field: 'token', code: 'invalid', message: 'token is not a field of this request' }]);
  });

  it('says why two scope keys are refused', async () => {
    const answer = await readJson(await send({ ...update, body: { scopes: ['repo'], add_scopes: ['user'] } }));
    expect(answer.errors.map((e: any) => e.message).sort()).toEqual(['add_scopes cannot be sent together with scopes', 'scopes cannot be sent together with add_scopes']);
  });

  it('a query parameter out of range → 422 naming it', async () => {
    const response = await send({ method: 'GET', path: '/authorizations?per_page=500' });
    expect(response.status).toBe(422);
    expect((await readJson(response)).errors).toEqual([expect.objectContaining({ field: 'per_page', message: 'per_page must be <= 100' })]);
  });
});

describe('requests that match no operation, or that are not JSON', () => {
  it.each(['/nope', '/authorizations/1/extra', '/api/v3/nope', '/authorizations/', '/'])("GET %s → GitHub's 404, saying in X-Simulator-Reason that there is no such operation", async (path) => {
    const response = await send({ method: 'GET', path });
    expect(response.status).toBe(404);
    const body = await readJson(response);
    expect(contractErrors('list-grants', 404, body)).toEqual([]);
    expect(body).toEqual(example('not-found'));
    expect(response.headers.get('x-simulator-reason')).toMatch(new RegExp(`^no operation at GET ${path.replace('/api/v3', '')}: `));
  });

  it.each([
    ['/authorizations/abc', 'authorization_id "abc" must be integer'],
    ['/applications/grants/0', 'grant_id "0" must be >= 1'],
    ['/authorizations/99999', 'the user has no authorization 99999'],
  ])("GET %s → GitHub's 404, naming the reason in X-Simulator-Reason", async (path, reason) => {
    const response = await send({ method: 'GET', path });
    expect(response.status).toBe(404);
    expect(await readJson(response)).toEqual(example('not-found'));
    expect(response.headers.get('x-simulator-reason')).toContain(reason);
  });

  it('PUT /authorizations/clients/{too short} → 404 naming client_id', async () => {
    const response = await send({ ...callFor('get-or-create-authorization-for-app'), path: '/authorizations/clients/short' });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-simulator-reason')).toContain('client_id "short" must NOT have fewer than 20 characters');
  });

  it.each([
    ['PUT', '/authorizations/1', 'GET, DELETE, PATCH, POST, HEAD, OPTIONS'],
    ['POST', '/applications/grants', 'GET, HEAD, OPTIONS'],
    ['DELETE', '/authorizations', 'GET, POST, HEAD, OPTIONS'],
    ['GET', '/authorizations/clients/abcde12345fghij67890', 'PUT, OPTIONS'],
  ])('%s %s → 404 Not Found as on GitHub, X-Simulator-Reason naming what the path serves: %s', async (method, path, allow) => {
    const response = await send({ method, path });
    expect(response.status).toBe(404);
    expect(response.headers.get('allow')).toBeNull();
    const body = await readJson(response);
    expect(body).toEqual(example('not-found'));
    expect(response.headers.get('x-simulator-reason')).toBe(`${path} serves ${allow}, not ${method}: GitHub answers 404 Not Found`);
  });

  it('OPTIONS (not a preflight) → 204 with Allow', async () => {
    const response = await fetch(`${mockUrl()}/authorizations/1`, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('GET, DELETE, PATCH, POST, HEAD, OPTIONS');
  });

  it.each(['{"note":', '{note: "x"}', "{'note':'x'}", '[1,'])('malformed JSON %j → 400 "Problems parsing JSON"', async (text) => {
    const response = await fetch(`${mockUrl()}/authorizations`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/json' }, body: text });
    expect(response.status).toBe(400);
    const body = await readJson(response);
    expect(contractErrors('create-authorization', 400, body)).toEqual([]);
    expect(body.message).toMatch(/^Problems parsing JSON: /);
  });

  it('a body that is not UTF-8 → 400 saying so', async () => {
    const response = await fetch(`${mockUrl()}/authorizations`, { method: 'POST', headers: { authorization: basic }, body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) });
    expect(response.status).toBe(400);
    expect((await readJson(response)).message).toBe('Problems parsing JSON: the body is not valid UTF-8');
  });

  it('a JSON body that is no object → 422 about the body', async () => {
    const response = await send({ ...callFor('create-authorization'), body: ['note'] });
    expect(response.status).toBe(422);
    expect((await readJson(response)).errors).toEqual([{ resource: 'OauthAccess', code: 'invalid', message: 'the body must be object' }]);
  });

  // The mock answers and closes without reading the rest, so the client's own write may fail (EPIPE
  // on some Node lines): the upload is read as a raw exchange, where only the answer counts.
  const oversized = Buffer.from(`{"note":"${'x'.repeat(2 * 1024 * 1024)}"}`);
  it.each([
    ['declared in Content-Length', `Content-Length: ${oversized.length}`, oversized],
    ['chunked, with no length declared', 'Transfer-Encoding: chunked', Buffer.concat([Buffer.from(`${oversized.length.toString(16)}\r\n`), oversized, Buffer.from('\r\n0\r\n\r\n')])],
  ])('an oversized body, %s → 413 with the limit', async (_, framing, upload) => {
    const head = `POST /authorizations HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${basic}\r\nContent-Type: application/json\r\n${framing}\r\n\r\n`;
    const answer = await rawExchange(mockUrl(), head, { upload, timeoutMs: 20_000 });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).message).toMatch(/^Request body too large: the limit is \d+ bytes$/);
  });

  it('Accept that admits no JSON → 406 saying the API answers in JSON', async () => {
    const response = await send({ method: 'GET', path: '/authorizations' }, { accept: 'text/html' });
    expect(response.status).toBe(406);
    expect((await readJson(response)).message).toContain('answers only in JSON');
  });

  it('an unknown X-GitHub-Api-Version → 400 naming the version it serves', async () => {
    const response = await send({ method: 'GET', path: '/authorizations' }, { 'x-github-api-version': '2099-01-01' });
    expect(response.status).toBe(400);
    expect((await readJson(response)).message).toBe('Bad X-GitHub-Api-Version header "2099-01-01": must be "2022-11-28"');
  });
});

describe('Accept headers GitHub serves JSON for', () => {
  it.each([
    'application/vnd.github+json',
    'application/vnd.github.v3+json',
    'application/vnd.github.v3+json; charset=utf-8',
    'application/vnd.github+json;q=0.9, text/html',
    'application/vnd.github.v3',
    'application/json',
    '*/*',
    'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  ])('%s → 200', async (accept) => {
    const response = await send({ method: 'GET', path: '/authorizations/1' }, { accept });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('application/json;q=0 alone admits nothing → 406', async () => {
    expect((await send({ method: 'GET', path: '/authorizations/1' }, { accept: 'application/json;q=0' })).status).toBe(406);
  });
});
