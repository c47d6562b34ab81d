// The request journal: what each entry says of a request, its redaction of secrets, its filters,
// its bound, its off switch, and its HAR 1.2 export; in process, and over HTTP (startMock).
import { describe, expect, it } from 'vitest';
import { createSimulator, type JournalEntry } from '../../src/simulator/index.js';
import { send } from './support.js';
import { useMock } from './support/mock.js';
import { checkHar } from './support/har.js';
import { controlFetch } from '../support/control.js';

const accounts = { mona: { password: 'mona-pass-1234', otp: { code: '424242' } } };
const control = (simulator: ReturnType<typeof createSimulator>, method: string, path: string, body?: unknown) =>
  send(simulator, method, `/_simulator${path}`, { user: null, headers: { 'x-simulator-control': '1' }, ...(body !== undefined && { body }) });

describe('the journal, in process', () => {
  it('writes down each API request: time, method, path and query, operation, user, status, duration, headers, body', async () => {
    const simulator = createSimulator();
    const before = Date.now();
    const created = await send(simulator, 'POST', '/api/v3/authorizations?x=1', { body: { scopes: ['repo'], note: 'journal' }, headers: { 'x-custom': 'kept' } });
    expect(created.status).toBe(201);
    const [entry] = simulator.requests();
    expect(entry).toMatchObject({
      id: 1,
      method: 'POST',
      path: '/api/v3/authorizations',
      query: 'x=1',
      operationId: 'oauth-authorizations/create-authorization',
      user: 'octocat',
      status: 201,
      headers: { authorization: 'Basic octocat', 'x-custom': 'kept', accept: 'application/vnd.github+json' },
      body: { scopes: ['repo'], note: 'journal' },
      response: { headers: { location: created.body.url } },
    });
    expect(Date.parse(entry!.time)).toBeGreaterThanOrEqual(before - 1000);
    expect(entry!.durationMs).toBeGreaterThanOrEqual(0);
    // The token of the answer is nowhere in it.
    expect(JSON.stringify(entry)).not.toContain(created.body.token);
    expect(JSON.stringify(entry)).not.toContain(created.body.token.slice(4));
  });

  it('redacts: Authorization is its scheme and user, X-GitHub-OTP sent and right or wrong, secrets in bodies and queries masked', async () => {
    const simulator = createSimulator({ accounts });
    await send(simulator, 'GET', '/authorizations', { user: 'mona', password: 'mona-pass-1234', headers: { 'x-github-otp': '424242' } });
    await send(simulator, 'GET', '/authorizations', { user: 'mona', password: 'mona-pass-1234', headers: { 'x-github-otp': '999999' } });
    await send(simulator, 'GET', '/authorizations', { headers: { 'x-github-otp': '123123' } });
    await send(simulator, 'GET', '/authorizations', { user: null, headers: { authorization: 'token ghp_abcdefabcdefabcdefabcdefabcdefabcdef', cookie: 'session=cookie-secret' } });
    await send(simulator, 'PUT', '/authorizations/clients/abcde12345fghij67890?client_secret=query-secret-1', {
      body: { client_secret: 'body-secret-12345', nested: [{ password: 'deep-password-1' }] },
    });
    await send(simulator, 'POST', '/authorizations', { text: 'client_secret=form-secret-123' });
    const entries = simulator.requests();
    expect(entries.map((entry) => entry.headers.authorization)).toEqual(['Basic mona', 'Basic mona', 'Basic octocat', 'token [masked]', 'Basic octocat', 'Basic octocat']);
    expect(entries.slice(0, 3).map((entry) => [entry.status, entry.headers['x-github-otp']])).toEqual([
      [200, 'sent, right'],
      [401, 'sent, wrong'],
      [200, 'sent (the account has no two-factor authentication)'],
    ]);
    expect(entries[3]!.headers.cookie).toBe('[masked]');
    expect(entries[4]).toMatchObject({ query: 'client_secret=%5Bmasked%5D', body: { client_secret: '[masked]', nested: [{ password: '[masked]' }] } });
    expect(entries[5]).toMatchObject({ bodyNote: '29 bytes, not JSON, not kept' });
    expect(entries[5]).not.toHaveProperty('body');
    const text = JSON.stringify(entries);
    for (const secret of [
      'mona-pass-1234',
      '424242',
      '999999',
      '123123',
      'ghp_abcdef',
      'cookie-secret',
      'query-secret-1',
      'body-secret-12345',
      'deep-password-1',
      'form-secret-123',
      btoa('octocat:secret'),
      btoa('mona:mona-pass-1234'),
    ]) {
      expect(text, secret).not.toContain(secret);
    }
  });

  it('says which fault applied, and writes down a dropped connection as status 0', async () => {
    const simulator = createSimulator({ faults: { status: 503 } });
    await send(simulator, 'GET', '/authorizations');
    await send(simulator, 'GET', '/authorizations', { headers: { 'x-simulator-fault': 'none' } });
    await simulator.handle(new Request('http://127.0.0.1:4010/authorizations', { headers: { 'x-simulator-fault': 'drop' } })).catch(() => undefined);
    expect(simulator.requests().map(({ status, fault }) => ({ status, fault }))).toEqual([
      { status: 503, fault: { status: 503 } },
      { status: 200, fault: undefined },
      { status: 0, fault: { drop: true } },
    ]);
  });

  it('filters by user, operationId (either name), method, status (or class) and since; a bad filter is an Error naming it', async () => {
    const simulator = createSimulator();
    await send(simulator, 'GET', '/authorizations');
    await send(simulator, 'GET', '/authorizations/999', { user: 'mona' });
    await send(simulator, 'POST', '/authorizations', { user: 'mona', body: { note: 'x' } });
    await send(simulator, 'GET', '/nowhere');
    const ids = (filter: Parameters<typeof simulator.requests>[0]) => simulator.requests(filter).map((entry) => entry.id);
    expect(ids({})).toEqual([1, 2, 3, 4]);
    expect(ids({ user: 'mona' })).toEqual([2, 3]);
    expect(ids({ operationId: 'getAuthorization' })).toEqual([2]);
    expect(ids({ operationId: 'oauth-authorizations/create-authorization' })).toEqual([3]);
    expect(ids({ method: 'get' })).toEqual([1, 2, 4]);
    expect(ids({ status: 404 })).toEqual([2, 4]);
    expect(ids({ status: '2xx' })).toEqual([1, 3]);
    const since = simulator.requests()[2]!.time;
    expect(ids({ since })).toEqual(expect.arrayContaining([3, 4]));
    expect(simulator.requests({ since }).every((entry) => entry.time >= since)).toBe(true);
    expect(ids({ since: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(simulator.requests()[3]!.operationId).toBeNull();
    expect(() => simulator.requests({ status: 'teapot' })).toThrow('status: must be a status such as 404, or a class such as 4xx, not "teapot"');
    expect(() => simulator.requests({ since: 'yesterday' })).toThrow(/^since: must be a time in ISO 8601/);
    expect(() => simulator.requests({ colour: 'red' } as never)).toThrow('colour: is no filter (the filters are user, operationId, method, status, since)');
    expect(() => simulator.requests({ operationId: 'createAuthorizations' })).toThrow(/^operationId: "createAuthorizations" is no operation of this API; it has listGrants, /);
  });

  it('is a ring: it keeps the last `size` requests, and leaves out the control API', async () => {
    const simulator = createSimulator({ journal: { size: 3 } });
    for (let i = 0; i < 5; i++) await send(simulator, 'GET', `/authorizations?page=${i + 1}`);
    await control(simulator, 'GET', '/state');
    expect(simulator.requests().map((entry) => [entry.id, entry.query])).toEqual([
      [3, 'page=3'],
      [4, 'page=4'],
      [5, 'page=5'],
    ]);
  });

  it('keeps headers as they came, each entry its own, in a ring slot used again: empty values, repeated names, a line feed a custom transport let through', async () => {
    const simulator = createSimulator({ journal: { size: 2 } });
    // A transport's own headers object (handleCall): no Headers to refuse a line feed.
    const headers = (entries: Array<[string, string]>) => ({
      get: (name: string) => entries.find(([key]) => key === name.toLowerCase())?.[1] ?? null,
      forEach: (callback: (value: string, name: string) => void) => {
        for (const [name, value] of entries) callback(value, name);
      },
    });
    const call = (entries: Array<[string, string]>) => ({ method: 'GET', path: '/authorizations', search: '', headers: headers(entries), body: new Uint8Array(0) });
    const basic = `Basic ${btoa('octocat:pass')}`;
    await simulator.handleCall(
      call([
        ['authorization', basic],
        ['x-empty', ''],
        ['x-two', 'a, b'],
      ]),
      'http://localhost',
    );
    await simulator.handleCall(
      call([
        ['authorization', basic],
        ['x-line', 'one\ntwo'],
      ]),
      'http://localhost',
    );
    await simulator.handleCall(call([['authorization', basic]]), 'http://localhost');
    expect(simulator.requests().map((entry) => entry.headers)).toEqual([{ authorization: 'Basic octocat', 'x-line': 'one\ntwo' }, { authorization: 'Basic octocat' }]);
    expect(simulator.requests().map((entry) => entry.response.headers['x-simulator-reason'])).toEqual(["the user's authorizations", "the user's authorizations"]);
    const again = createSimulator({ journal: { size: 2 } });
    await again.handleCall(
      call([
        ['authorization', basic],
        ['x-empty', ''],
        ['x-two', 'a, b'],
      ]),
      'http://localhost',
    );
    expect(again.requests()[0]!.headers).toEqual({ authorization: 'Basic octocat', 'x-empty': '', 'x-two': 'a, b' });
    expect(again.requests()[0]!.response.headers).toMatchObject({ 'x-github-media-type': 'github.v3; format=json', 'content-type': 'application/json; charset=utf-8' });
  });

  it('can be turned off; reading it then says so', async () => {
    const simulator = createSimulator({ journal: false });
    await send(simulator, 'GET', '/authorizations');
    expect(() => simulator.requests()).toThrow('the request journal is off (journal: false, --no-journal): start the simulator with it on to read it');
    const answer = await control(simulator, 'GET', '/requests');
    expect(answer.status).toBe(422);
    expect(answer.body.message).toMatch(/^the request journal is off/);
    expect(() => createSimulator({ journal: { size: 0 } })).toThrow('options.journal.size: must be a whole number from 1 to 100000');
    expect(() => createSimulator({ journal: true as never })).toThrow('options.journal: must be false (off) or an object with size, not true');
  });

  it('a full reset empties it; DELETE /_simulator/requests does too', async () => {
    const simulator = createSimulator();
    await send(simulator, 'GET', '/authorizations');
    simulator.reset('octocat');
    expect(simulator.requests()).toHaveLength(1);
    simulator.reset();
    expect(simulator.requests()).toEqual([]);
    await send(simulator, 'GET', '/authorizations');
    expect((await control(simulator, 'DELETE', '/requests')).status).toBe(204);
    expect(simulator.requests()).toEqual([]);
  });

  it('GET /_simulator/requests.har is HAR 1.2, with the filters of /requests', async () => {
    const simulator = createSimulator();
    await send(simulator, 'POST', '/api/v3/authorizations?a=b', { body: { note: 'har', scopes: [] } });
    await send(simulator, 'GET', '/authorizations/1');
    const har = await control(simulator, 'GET', '/requests.har');
    expect(har.status).toBe(200);
    expect(har.headers.get('content-disposition')).toBe('attachment; filename="simulator.har"');
    expect(checkHar(har.body)).toEqual([]);
    expect(har.body.log.entries).toHaveLength(2);
    expect(har.body.log.entries[0]).toMatchObject({
      request: {
        method: 'POST',
        url: 'http://127.0.0.1:4010/api/v3/authorizations?a=b',
        queryString: [{ name: 'a', value: 'b' }],
        postData: { mimeType: 'application/json', text: '{"note":"har","scopes":[]}' },
      },
      response: { status: 201, statusText: 'Created' },
      _operationId: 'oauth-authorizations/create-authorization',
      _user: 'octocat',
    });
    expect(har.body.log.entries[0].response.redirectURL).toBe(har.body.log.entries[0].response.headers.find((h: { name: string }) => h.name === 'location').value);
    const filtered = await control(simulator, 'GET', '/requests.har?method=GET');
    expect(filtered.body.log.entries.map((entry: any) => entry.request.method)).toEqual(['GET']);
  });

  it('the HAR check notices a log that is not HAR 1.2', () => {
    expect(checkHar({ log: { version: '1.1', creator: { name: 'x', version: '1' }, entries: [{ startedDateTime: 'now', time: 1, request: {}, response: {}, cache: {}, timings: {} }] } })).toEqual(
      expect.arrayContaining([
        'log.version: must be "1.2"',
        'log.entries[0].startedDateTime: must be an ISO 8601 date',
        'log.entries[0].request.method: must be a string',
        'log.entries[0].timings.wait: must be a number',
      ]),
    );
  });
});

describe('the journal over HTTP (the server of npm start)', () => {
  const mock = useMock({ accounts });

  it('GET /_simulator/requests answers the entries, filtered; the headers Node received are redacted', async () => {
    const { url } = mock();
    const user = `journal-${Math.random().toString(36).slice(2, 8)}`;
    const authorization = `Basic ${btoa(`${user}:http-secret-99`)}`;
    const created = await fetch(`${url}/api/v3/authorizations`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'over http', scopes: [] }),
    });
    expect(created.status).toBe(201);
    const token = (await created.json()).token as string;
    await fetch(`${url}/authorizations/1`, { headers: { authorization: `Basic ${btoa('mona:mona-pass-1234')}`, 'x-github-otp': '000000' } });
    const answer = await controlFetch(`${url}/_simulator/requests?user=${user}&operationId=createAuthorization`);
    expect(answer.status).toBe(200);
    const entries = (await answer.json()) as JournalEntry[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      method: 'POST',
      path: '/api/v3/authorizations',
      status: 201,
      user,
      body: { note: 'over http', scopes: [] },
      headers: { authorization: `Basic ${user}`, host: new URL(url).host },
    });
    const mona = (await (await controlFetch(`${url}/_simulator/requests?user=mona&status=401`)).json()) as JournalEntry[];
    expect(mona.at(-1)!.headers['x-github-otp']).toBe('sent, wrong');
    const all = await (await controlFetch(`${url}/_simulator/requests`)).text();
    for (const secret of [token, 'http-secret-99', 'mona-pass-1234', authorization.slice(6)]) expect(all).not.toContain(secret);
  });

  it('a bad filter is a 422 naming it; requests.har is HAR 1.2', async () => {
    const { url } = mock();
    const bad = await controlFetch(`${url}/_simulator/requests?status=2xy`);
    expect(bad.status).toBe(422);
    expect((await bad.json()).message).toBe('status: must be a status such as 404, or a class such as 4xx, not "2xy"');
    const twice = await controlFetch(`${url}/_simulator/requests?user=a&user=b`);
    expect((await twice.json()).message).toBe('user: is given twice');
    const har = await controlFetch(`${url}/api/v3/_simulator/requests.har`);
    expect(har.status).toBe(200);
    expect(checkHar(await har.json())).toEqual([]);
  });
});
