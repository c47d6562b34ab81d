// The simulator through its one entry, `handle(new Request(…))`, in this process: what a client
// sees. Every answer of an operation is checked against the contract for its status.
import { describe, expect, it } from 'vitest';
import { getAuthorization200, getOrCreateAuthorizationForApp201, notFound, otpRequired, requiresAuthentication } from '../../generated/examples.js';
import { createSimulator } from '../../src/simulator/index.js';
import { contractErrors } from '../mock/support/calls.js';
import { clientId, origin, secret, send } from './support.js';

const linkTargets = (link: string | null) =>
  Object.fromEntries(
    (link ?? '')
      .split(', ')
      .filter(Boolean)
      .map((part) => [/rel="(\w+)"/.exec(part)![1], /^<([^>]*)>/.exec(part)![1]]),
  );

describe('URLs are on the origin and prefix the request came in on', () => {
  it.each([
    ['http://127.0.0.1:4010', '/api/v3'],
    ['http://127.0.0.1:4010', ''],
    ['http://localhost:9999', '/api/v3'],
  ])('%s%s', async (base, prefix) => {
    const simulator = createSimulator();
    const created = await send(simulator, 'POST', `${prefix}/authorizations`, { base, body: { note: 'here' } });
    expect(created.status).toBe(201);
    expect(created.body.url).toBe(`${base}${prefix}/authorizations/${created.body.id}`);
    expect(created.headers.get('location')).toBe(created.body.url);
    const listed = await send(simulator, 'GET', `${prefix}/authorizations?per_page=1`, { base });
    expect(listed.body[0].url).toBe(`${base}${prefix}/authorizations/1`);
    expect(linkTargets(listed.headers.get('link')).next).toBe(`${base}${prefix}/authorizations?per_page=1&page=2`);
    expect((await send(simulator, 'GET', `${prefix}/applications/grants`, { base })).body[0].url).toBe(`${base}${prefix}/applications/grants/1`);
  });
});

describe('the operations', () => {
  it('create → listed → get (no token) → update → delete → 404 "Not Found"', async () => {
    const simulator = createSimulator();
    const created = await send(simulator, 'POST', '/api/v3/authorizations', { body: { note: 'release script', scopes: ['repo'] } });
    expect(created.status).toBe(201);
    expect(contractErrors('create-authorization', 201, created.body)).toEqual([]);
    expect(created.body.token).toMatch(/^ghp_[A-Za-z0-9]{36}$/);
    const id = created.body.id;

    const list = await send(simulator, 'GET', '/api/v3/authorizations');
    expect(contractErrors('list-authorizations', 200, list.body)).toEqual([]);
    expect(list.body.map((a: any) => a.id)).toContain(id);
    expect(list.body.every((a: any) => !('expires_at' in a))).toBe(true);

    const got = await send(simulator, 'GET', `/api/v3/authorizations/${id}`);
    expect(contractErrors('get-authorization', 200, got.body)).toEqual([]);
    expect(got.body).toEqual({ ...created.body, token: '' });

    const updated = await send(simulator, 'PATCH', `/api/v3/authorizations/${id}`, { body: { add_scopes: ['user'] } });
    expect(updated.status).toBe(200);
    expect(contractErrors('update-authorization', 200, updated.body)).toEqual([]);
    expect(updated.body.scopes).toEqual(['repo', 'user']);

    expect((await send(simulator, 'DELETE', `/api/v3/authorizations/${id}`)).status).toBe(204);
    const gone = await send(simulator, 'GET', `/api/v3/authorizations/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual(notFound);
    expect(gone.headers.get('x-simulator-reason')).toBe(`the user has no authorization ${id}`);
  });

  it('get-or-create for an app: 201 with Location and the token, then 200 with the same authorization and no token', async () => {
    const simulator = createSimulator();
    const first = await send(simulator, 'PUT', `/authorizations/clients/${clientId}`, { body: { client_secret: secret } });
    expect(first.status).toBe(201);
    expect(contractErrors('get-or-create-authorization-for-app', 201, first.body)).toEqual([]);
    expect(first.headers.get('location')).toBe(first.body.url);
    expect(first.body.token).toMatch(/^gho_/);
    const again = await send(simulator, 'PUT', `/authorizations/clients/${clientId}`, { body: { client_secret: secret } });
    expect(again.status).toBe(200);
    expect(again.headers.get('location')).toBeNull();
    expect(again.body).toEqual({ ...first.body, token: '' });
  });

  it('get-or-create for an app and fingerprint: 200 for the seeded one, 201 for a new fingerprint', async () => {
    const simulator = createSimulator();
    const seeded = await send(simulator, 'PUT', `/authorizations/clients/${clientId}/${getAuthorization200.fingerprint}`, { body: { client_secret: secret } });
    expect(seeded.status).toBe(200);
    expect(contractErrors('get-or-create-authorization-for-app-and-fingerprint', 200, seeded.body)).toEqual([]);
    expect(seeded.body.id).toBe(1);
    const created = await send(simulator, 'PUT', `/authorizations/clients/${clientId}/laptop`, { body: { client_secret: secret } });
    expect(created.status).toBe(201);
    expect(created.body.fingerprint).toBe('laptop');
  });

  it('grants: filter by client_id, get, delete (with its authorizations)', async () => {
    const simulator = createSimulator();
    expect((await send(simulator, 'GET', `/applications/grants?client_id=${clientId}`)).body).toHaveLength(1);
    expect((await send(simulator, 'GET', '/applications/grants?client_id=nobody')).body).toEqual([]);
    expect((await send(simulator, 'GET', `/authorizations?client_id=${clientId}`)).body.map((a: any) => a.id)).toEqual([1]);
    const grant = await send(simulator, 'GET', '/applications/grants/1');
    expect(contractErrors('get-grant', 200, grant.body)).toEqual([]);
    expect((await send(simulator, 'DELETE', '/applications/grants/1')).status).toBe(204);
    expect((await send(simulator, 'GET', '/applications/grants/1')).status).toBe(404);
    expect((await send(simulator, 'GET', '/authorizations/1')).status).toBe(404);
  });

  it("the conflicts the contract documents are its examples' shapes", async () => {
    const simulator = createSimulator();
    const note = await send(simulator, 'POST', '/authorizations', { body: { note: 'My personal access token' } });
    expect(note.status).toBe(422);
    expect(contractErrors('create-authorization', 422, note.body)).toEqual([]);
    // GitHub's name for the note, in GitHub's key order (recorded answers, 2014; docs/decisions.md).
    expect(JSON.stringify(note.body.errors)).toBe('[{"resource":"OauthAccess","code":"already_exists","field":"description"}]');
    const fingerprint = await send(simulator, 'POST', '/authorizations', { body: { client_id: clientId, client_secret: secret, fingerprint: getAuthorization200.fingerprint } });
    expect(JSON.stringify(fingerprint.body.errors)).toBe('[{"resource":"OauthAccess","code":"already_exists","field":"fingerprint"}]');
  });

  it('50 concurrent creates → 50 distinct ids, all listed', async () => {
    const simulator = createSimulator();
    const created = await Promise.all(Array.from({ length: 50 }, (_, i) => send(simulator, 'POST', '/authorizations', { body: { note: `n${i}` } })));
    const ids = created.map((answer) => answer.body.id);
    expect(new Set(ids).size).toBe(50);
    const listed = await send(simulator, 'GET', '/authorizations?per_page=100');
    expect(listed.body.map((a: any) => a.id)).toEqual(expect.arrayContaining(ids));
  });
});

describe('pagination', () => {
  it('page and per_page slice the list; Link names prev, next, last and first as GitHub writes them', async () => {
    const simulator = createSimulator();
    for (const note of ['a', 'b', 'c']) await send(simulator, 'POST', '/authorizations', { body: { note } });
    const first = await send(simulator, 'GET', '/api/v3/authorizations?per_page=2');
    expect(first.body.map((a: any) => a.id)).toEqual([1, 2]);
    expect(first.headers.get('link')).toBe(`<${origin}/api/v3/authorizations?per_page=2&page=2>; rel="next", <${origin}/api/v3/authorizations?per_page=2&page=3>; rel="last"`);
    const middle = await send(simulator, 'GET', '/api/v3/authorizations?per_page=2&page=2');
    expect(middle.body.map((a: any) => a.id)).toEqual([3, 4]);
    expect(Object.keys(linkTargets(middle.headers.get('link')))).toEqual(['prev', 'next', 'last', 'first']);
    const last = await send(simulator, 'GET', '/api/v3/authorizations?page=3&per_page=2');
    expect(last.body.map((a: any) => a.id)).toEqual([5]);
    expect(linkTargets(last.headers.get('link'))).toEqual({ prev: `${origin}/api/v3/authorizations?page=2&per_page=2`, first: `${origin}/api/v3/authorizations?page=1&per_page=2` });
  });

  it('no Link when everything fits; 30 a page by default', async () => {
    const simulator = createSimulator();
    expect((await send(simulator, 'GET', '/authorizations')).headers.get('link')).toBeNull();
    for (let i = 0; i < 30; i++) await send(simulator, 'POST', '/authorizations', { body: { note: `n${i}` } });
    const page = await send(simulator, 'GET', '/authorizations');
    expect(page.body).toHaveLength(30);
    expect(linkTargets(page.headers.get('link')).last).toBe(`${origin}/authorizations?page=2`);
  });
});

describe('conditional requests', () => {
  it('a GET carries an ETag; If-None-Match with it → 304 without a body; a change gives a new ETag', async () => {
    const simulator = createSimulator();
    const first = await send(simulator, 'GET', '/authorizations/1');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[0-9a-f]{16}"$/);
    const unchanged = await send(simulator, 'GET', '/authorizations/1', { headers: { 'if-none-match': etag } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');
    expect(unchanged.headers.get('etag')).toBe(etag);
    await send(simulator, 'PATCH', '/authorizations/1', { body: { note: 'changed' } });
    const changed = await send(simulator, 'GET', '/authorizations/1', { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it("HEAD answers the GET's status and headers without a body", async () => {
    const simulator = createSimulator();
    const head = await send(simulator, 'HEAD', '/authorizations/1');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('etag')).toBe((await send(simulator, 'GET', '/authorizations/1')).headers.get('etag'));
  });
});

describe('accounts', () => {
  it('any user with a non-empty password, unless configured; a configured password → 401 Bad credentials', async () => {
    const simulator = createSimulator({ accounts: { mona: { password: 'right' } } });
    expect((await send(simulator, 'GET', '/authorizations', { user: 'anyone', password: 'x' })).status).toBe(200);
    const wrong = await send(simulator, 'GET', '/authorizations', { user: 'mona', password: 'wrong' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ message: 'Bad credentials', documentation_url: requiresAuthentication.documentation_url });
    expect(wrong.headers.get('www-authenticate')).toBe('Basic realm="GitHub"');
    expect(wrong.headers.get('x-github-otp')).toBeNull();
    expect((await send(simulator, 'GET', '/authorizations', { user: 'mona', password: 'right' })).status).toBe(200);
  });

  it.each(['app', 'sms'] as const)('two-factor (%s): no code or a wrong one → 401 with X-GitHub-OTP; the right one works', async (channel) => {
    const simulator = createSimulator({ accounts: { mona: { otp: { code: '123456', channel } } } });
    for (const headers of [{}, { 'x-github-otp': '654321' }]) {
      const refused = await send(simulator, 'POST', '/authorizations', { user: 'mona', body: { note: 'x' }, headers });
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual(otpRequired);
      expect(refused.headers.get('x-github-otp')).toBe(`required; ${channel}`);
    }
    expect((await send(simulator, 'POST', '/authorizations', { user: 'mona', body: { note: 'x' }, headers: { 'x-github-otp': '123456' } })).status).toBe(201);
  });

  it('credentials come first: a two-factor account without its code gets the 401 even for a bad body or parameter', async () => {
    const simulator = createSimulator({ accounts: { mona: { otp: { code: '1' } } } });
    expect((await send(simulator, 'PATCH', '/authorizations/1', { user: 'mona', body: { scopes: 'repo' } })).status).toBe(401);
    expect((await send(simulator, 'GET', '/authorizations?per_page=500', { user: 'mona' })).headers.get('x-github-otp')).toBe('required; app');
    expect((await send(simulator, 'PATCH', '/authorizations/1', { user: 'mona', body: { scopes: 'repo' }, headers: { 'x-github-otp': '1' } })).status).toBe(422);
  });

  it('setAccount turns it on and off; a bad configuration names its field', () => {
    const simulator = createSimulator();
    simulator.setAccount('mona', { otp: { code: '1' } });
    simulator.setAccount('mona', undefined);
    expect(() => simulator.setAccount('mona', { otp: { code: '' } } as never)).toThrow('mona.otp.code: must be a non-empty string');
    expect(() => simulator.setAccount('mona', { pasword: 'x' } as never)).toThrow('mona.pasword: is not allowed');
    expect(() => createSimulator({ accounts: { mona: { otp: { code: '1', channel: 'email' } } } as never })).toThrow('mona.otp.channel: must be "app" or "sms"');
  });
});

describe("GitHub's exact bodies; the diagnosis in X-Simulator-Reason", () => {
  it.each([
    ['an unknown route', 'GET', '/nope', /^no operation at GET \/nope: this API serves /],
    ['an id that is no integer', 'GET', '/authorizations/abc', /authorization_id "abc" must be integer/],
    ['an unknown id', 'GET', '/authorizations/99', /^the user has no authorization 99$/],
    ['an unknown grant', 'DELETE', '/applications/grants/2', /^the user has no grant 2/],
  ])('%s → 404 {"message":"Not Found"}', async (_, method, path, reason) => {
    const answer = await send(createSimulator(), method, path);
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual(notFound);
    expect(answer.headers.get('x-simulator-reason')).toMatch(reason);
  });

  it('no credentials → 401 Requires authentication with the Basic challenge', async () => {
    const answer = await send(createSimulator(), 'GET', '/authorizations', { user: null });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual(requiresAuthentication);
    expect(answer.headers.get('www-authenticate')).toBe('Basic realm="GitHub"');
  });

  it('an invalid body → 422 Validation Failed naming each field', async () => {
    const answer = await send(createSimulator(), 'PATCH', '/authorizations/1', { body: { scopes: ['a'], add_scopes: ['b'] } });
    expect(answer.status).toBe(422);
    expect(answer.body.message).toBe('Validation Failed');
    expect(answer.body.errors.map((e: any) => [e.resource, e.field, e.code]).sort()).toEqual([
      ['OauthAccess', 'add_scopes', 'invalid'],
      ['OauthAccess', 'scopes', 'invalid'],
    ]);
  });

  it('a reason with bytes a header cannot carry is escaped', async () => {
    const answer = await send(createSimulator(), 'GET', '/authorizations/%C3%A9%0D%0A');
    expect(answer.headers.get('x-simulator-reason')).toContain('authorization_id "\\u00e9\\r\\n" must be integer');
  });
});

describe("Prefer forces a documented example, on the request's origin, and changes nothing", () => {
  it('code=201 on get-or-create: the 201 example with its URLs rewritten', async () => {
    const simulator = createSimulator();
    const answer = await send(simulator, 'PUT', `/api/v3/authorizations/clients/${clientId}`, { body: { client_secret: secret }, headers: { prefer: 'code=201' } });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ ...getOrCreateAuthorizationForApp201, url: getOrCreateAuthorizationForApp201.url.replace('https://HOSTNAME', `${origin}/api/v3`) });
    expect(answer.headers.get('location')).toMatch(new RegExp(`^${origin}/api/v3/`));
    expect(answer.headers.get('preference-applied')).toBe('code=201');
    expect((await send(simulator, 'GET', `/authorizations?client_id=${clientId}`)).body).toHaveLength(1);
  });

  it('example=otp-required: 401 with X-GitHub-OTP; an unknown example → 400 listing them', async () => {
    const simulator = createSimulator();
    const otp = await send(simulator, 'GET', '/authorizations/1', { headers: { prefer: 'example=otp-required' } });
    expect(otp.status).toBe(401);
    expect(otp.body).toEqual(otpRequired);
    expect(otp.headers.get('x-github-otp')).toBe('required; app');
    const unknown = await send(simulator, 'GET', '/authorizations/1', { headers: { prefer: 'example=nope' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/^Prefer: example=nope is not an example of get-authorization; it has /);
  });
});

describe('faults', () => {
  it('X-Simulator-Fault: a 5xx with a GitHub-shaped body, or a dropped connection (a network error)', async () => {
    const simulator = createSimulator();
    const failed = await send(simulator, 'GET', '/authorizations', { headers: { 'x-simulator-fault': '503' } });
    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({ message: 'Service Unavailable', documentation_url: notFound.documentation_url });
    const dropped = await simulator.handle(new Request(`${origin}/authorizations`, { headers: { 'x-simulator-fault': 'drop' } }));
    expect(dropped.type).toBe('error');
  });

  it('faults for every request (setFaults), overridden per request (X-Simulator-Fault: none), cleared', async () => {
    const simulator = createSimulator({ faults: { status: 500 } });
    expect((await send(simulator, 'GET', '/authorizations')).status).toBe(500);
    expect((await send(simulator, 'GET', '/authorizations', { headers: { 'x-simulator-fault': 'none' } })).status).toBe(200);
    simulator.setFaults({ drop: true });
    expect((await simulator.handle(new Request(`${origin}/authorizations`))).type).toBe('error');
    simulator.setFaults(undefined);
    expect((await send(simulator, 'GET', '/authorizations')).status).toBe(200);
  });

  it('a delay holds the answer at least that long: a timer of nearly as long, set before the request, ends first', async () => {
    const simulator = createSimulator();
    expect((await send(simulator, 'GET', '/authorizations')).status).toBe(200); // the first request's work done, undelayed
    const timer = new Promise((resolve) => setTimeout(() => resolve('the timer'), 55));
    const answer = send(simulator, 'GET', '/authorizations', { headers: { 'x-simulator-delay': '60' } });
    expect(await Promise.race([timer, answer.then(() => 'the answer')])).toBe('the timer');
    expect((await answer).status).toBe(200);
  });

  it.each([
    ['x-simulator-delay', 'soon', /^Bad X-Simulator-Delay header "soon"/],
    ['x-simulator-delay', '600000', /from 0 to 60000/],
    ['x-simulator-fault', '404', /^Bad X-Simulator-Fault header "404": must be a status from 500 to 599, drop, or none$/],
  ])('%s: %s → 400 saying what it takes', async (name, value, message) => {
    const answer = await send(createSimulator(), 'GET', '/authorizations', { headers: { [name]: value } });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(message);
  });

  it('a bad fault configuration names its field', () => {
    expect(() => createSimulator({ faults: { status: 404 } })).toThrow('options.faults.status: must be a server error status, 500 to 599');
    expect(() => createSimulator().setFaults({ delayMs: -1 })).toThrow('faults.delayMs: must be a whole number of milliseconds from 0 to 60000');
  });
});
