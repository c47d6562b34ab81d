// The control API (/_simulator/…, no credentials) and the data sets it loads: checked whole
// before anything changes, with an error naming the bad field.
import { describe, expect, it } from 'vitest';
import { getAuthorization200 } from '../../generated/examples.js';
import { createSimulator } from '../../src/simulator/index.js';
import { send } from './support.js';

const control = (simulator: ReturnType<typeof createSimulator>, method: string, path: string, body?: unknown, prefix = '') =>
  send(simulator, method, `${prefix}/_simulator${path}`, { user: null, headers: { 'x-simulator-control': '1' }, ...(body !== undefined && { body }) });

const authorization = (id: number, extra: object = {}) => ({ ...getAuthorization200, id, url: `http://127.0.0.1:4010/authorizations/${id}`, token: '', ...extra });

describe('the control API', () => {
  it.each(['', '/api/v3'])('GET %s/_simulator/state reads the state; PUT replaces it; POST reset forgets it', async (prefix) => {
    const simulator = createSimulator();
    await send(simulator, 'DELETE', '/authorizations/1');
    const state = await control(simulator, 'GET', '/state', undefined, prefix);
    expect(state.status).toBe(200);
    expect(state.body.octocat.authorizations.map((a: any) => a.id)).toEqual([2]);
    expect((await control(simulator, 'GET', '/state?user=mona', undefined, prefix)).body).toEqual({});

    const data = { octocat: { authorizations: [authorization(5)] }, mona: { authorizations: [] } };
    expect((await control(simulator, 'PUT', '/state', data, prefix)).status).toBe(204);
    expect((await send(simulator, 'GET', '/authorizations')).body.map((a: any) => a.id)).toEqual([5]);
    expect((await send(simulator, 'GET', '/authorizations', { user: 'mona' })).body).toEqual([]);

    expect((await control(simulator, 'POST', '/reset', { user: 'mona' }, prefix)).status).toBe(204);
    expect((await send(simulator, 'GET', '/authorizations', { user: 'mona' })).body).toHaveLength(2);
    expect((await send(simulator, 'GET', '/authorizations')).body).toHaveLength(1);
    expect((await control(simulator, 'POST', '/reset', undefined, prefix)).status).toBe(204);
    expect((await send(simulator, 'GET', '/authorizations')).body).toHaveLength(2);
  });

  it("keeps no origin: a loaded url is not kept; answers and GET /_simulator/state name URLs on the request's base, state() on the contract's placeholder host", async () => {
    const simulator = createSimulator({ data: { octocat: { authorizations: [authorization(5, { url: 'https://elsewhere.example/api/v3/authorizations/99' })] } } });
    expect((await send(simulator, 'GET', '/api/v3/authorizations/5', { base: 'http://a.test' })).body.url).toBe('http://a.test/api/v3/authorizations/5');
    expect((await send(simulator, 'GET', '/authorizations/5', { base: 'http://b.test:81' })).body.url).toBe('http://b.test:81/authorizations/5');
    const created = await send(simulator, 'POST', '/api/v3/authorizations', { base: 'http://a.test', body: { note: 'n' } });
    expect(created.headers.get('location')).toBe(created.body.url);
    expect(created.body.url).toBe('http://a.test/api/v3/authorizations/6');
    const overControl = await send(simulator, 'GET', '/_simulator/state', { base: 'http://b.test:81', user: null, headers: { 'x-simulator-control': '1' } });
    expect(overControl.body.octocat.authorizations.map((a: any) => a.url)).toEqual(['http://b.test:81/authorizations/5', 'http://b.test:81/authorizations/6']);
    expect(simulator.state().octocat!.authorizations.map((a) => a.url)).toEqual(['https://HOSTNAME/api/v3/authorizations/5', 'https://HOSTNAME/api/v3/authorizations/6']);
    expect(Object.keys(simulator.state().octocat!.authorizations[0]!).slice(0, 2)).toEqual(['id', 'url']);
  });

  it('PUT/DELETE /_simulator/accounts/{user} configures two-factor authentication', async () => {
    const simulator = createSimulator();
    expect((await control(simulator, 'PUT', '/accounts/mona', { otp: { code: '123456', channel: 'sms' } })).status).toBe(204);
    const refused = await send(simulator, 'GET', '/authorizations', { user: 'mona' });
    expect(refused.headers.get('x-github-otp')).toBe('required; sms');
    expect((await control(simulator, 'DELETE', '/accounts/mona')).status).toBe(204);
    expect((await send(simulator, 'GET', '/authorizations', { user: 'mona' })).status).toBe(200);
    const bad = await control(simulator, 'PUT', '/accounts/mona', { otp: '123456' });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toBe('mona.otp: must be an object with code and optional channel, not string');
  });

  it('PUT/DELETE /_simulator/faults sets and clears faults for every request, but not for the control API', async () => {
    const simulator = createSimulator();
    expect((await control(simulator, 'PUT', '/faults', { status: 502 })).status).toBe(204);
    expect((await send(simulator, 'GET', '/authorizations')).status).toBe(502);
    expect((await control(simulator, 'GET', '/state')).status).toBe(200);
    expect((await control(simulator, 'DELETE', '/faults')).status).toBe(204);
    expect((await send(simulator, 'GET', '/authorizations')).status).toBe(200);
  });

  it('a bad data set → 422 naming the field, and nothing changes', async () => {
    const simulator = createSimulator();
    await send(simulator, 'DELETE', '/authorizations/1');
    const before = simulator.state();
    const answer = await control(simulator, 'PUT', '/state', {
      octocat: { authorizations: [authorization(1), authorization(2, { fingerprint: null }), authorization(3, { fingerprint: null, scopes: 'repo' })] },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.message).toBe('octocat.authorizations[2].scopes: must be array,null');
    expect(simulator.state()).toEqual(before);
  });

  it.each([
    ['an unknown path', 'GET', '/nope', 404, /^Not Found: the control API has no \/_simulator\/nope; it serves /],
    ['a wrong method', 'DELETE', '/state', 405, /^Method Not Allowed: \/_simulator\/state accepts GET, PUT, not DELETE$/],
    ['malformed JSON', 'PUT', '/faults', 400, /^Problems parsing JSON/],
    ['no body where one is needed', 'PUT', '/state', 422, /needs a JSON body$/],
    ['a reset of a user that is no string', 'POST', '/reset', 422, /^user: must be a string$/],
  ])('%s → %i', async (_, method, path, status, message) => {
    const simulator = createSimulator();
    const body = path === '/faults' ? undefined : path === '/reset' ? { user: 5 } : undefined;
    const answer = message.source.startsWith('^Problems')
      ? await send(simulator, method, `/_simulator${path}`, { user: null, text: '{', headers: { 'x-simulator-control': '1' } })
      : await control(simulator, method, path, body);
    expect(answer.status).toBe(status);
    expect(answer.body.message).toMatch(message);
  });
});

describe('load() and the data option', () => {
  it.each([
    [[], 'the data set must be an object of user names, not an array'],
    [{ 'a:b': { authorizations: [] } }, 'the data set\'s user name "a:b": a user name is not empty and has no colon (Basic credentials are user:password)'],
    [{ octocat: [] }, 'octocat: must be an object with authorizations, not an array'],
    [{ octocat: { authorizations: [], grants: [] } }, 'octocat.grants: is not allowed (a user holds only authorizations; grants derive from them)'],
    [{ octocat: { authorizations: {} } }, 'octocat.authorizations: must be an array, not object'],
    [{ octocat: { authorizations: [{ ...authorization(1), app: { name: 'x' } }] } }, 'octocat.authorizations[0].app.client_id: is required (and 1 more problems)'],
    [{ octocat: { authorizations: [authorization(1), authorization(1)] } }, 'octocat.authorizations[1].id: 1 is also the id of octocat.authorizations[0]'],
    [
      { octocat: { authorizations: [authorization(1), authorization(2)] } },
      'octocat.authorizations[1].fingerprint: already_exists: authorization 1 of app abcde12345fghij67890 has the fingerprint "jklmnop12345678"',
    ],
    [{ octocat: { authorizations: [authorization(0, { fingerprint: null })] } }, 'octocat.authorizations[0].id: must be >= 1'],
  ])('%#: → %s', (data, message) => {
    const simulator = createSimulator();
    expect(() => simulator.load(data)).toThrow(message);
    expect(() => createSimulator({ data: data as never })).toThrow(message);
  });

  it('a loaded state round-trips', () => {
    const simulator = createSimulator({ data: { octocat: { authorizations: [authorization(3, { fingerprint: null }), authorization(9)] } } });
    const copy = createSimulator();
    copy.load(simulator.state());
    expect(copy.state()).toEqual(simulator.state());
    expect(simulator.state('octocat').octocat!.authorizations.map((a) => a.id)).toEqual([3, 9]);
  });
});
