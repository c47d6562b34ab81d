// The simulator's rules that come from GitHub's recorded answers rather than from the docs pages
// (docs/decisions.md, 2026-12-07), in this process: strict mode as an option of createSimulator and
// of the MSW handlers, case-insensitive user names, X-GitHub-Media-Type, the order of the checks.
import { describe, expect, it, vi } from 'vitest';
import { startMock } from '../../scripts/mock/start-mock.js';
import { createHandlers } from '../../src/msw.js';
import { createSimulator } from '../../src/simulator/index.js';
import { mediaTypeFor } from '../../src/simulator/media-type.js';
import { basicFor, clientId, secret, send } from './support.js';

const github3Authorize = { note: 'github3.py', note_url: '', client_id: '', client_secret: '', scopes: ['gist'] };

describe('strict: true', () => {
  it("createSimulator: each body GitHub took is the contract's 422 again, naming the field; without it, 201 or 200 and the change named", async () => {
    const cases: Array<[string, string, unknown, string, string]> = [
      ['POST', '/authorizations', github3Authorize, 'client_id', 'client_id is empty'],
      ['POST', '/authorizations', { note: 'x', scope: 'repo' }, 'scope', 'scope is not a field of this request'],
      ['PUT', `/authorizations/clients/${clientId}`, { client_id: clientId, client_secret: secret }, 'client_id', 'client_id is not a field of this request'],
      ['POST', '/authorizations/1', { rm_scopes: ['repo'] }, 'rm_scopes', 'rm_scopes is not a field of this request'],
    ];
    const strict = createSimulator({ strict: true });
    const lenient = createSimulator();
    for (const [method, path, body, field, message] of cases) {
      const refused = await send(strict, method, path, { body });
      expect(refused.status, `${method} ${path}`).toBe(422);
      expect(refused.body.errors, `${method} ${path}`).toEqual([{ resource: 'OauthAccess', field, code: 'invalid', message }]);
      const taken = await send(lenient, method, path, { body });
      expect([200, 201], `${method} ${path}: ${taken.text}`).toContain(taken.status);
      expect(taken.headers.get('x-simulator-reason'), `${method} ${path}`).toContain(`as GitHub took the body: ${field}`);
    }
  });

  it('the MSW handlers take it too (createHandlers({ strict: true }))', async () => {
    const handlers = createHandlers({ strict: true });
    const refused = await send(handlers.simulator, 'POST', '/api/v3/authorizations', { body: github3Authorize });
    expect(refused.status).toBe(422);
    const lenient = await send(createHandlers().simulator, 'POST', '/api/v3/authorizations', { body: github3Authorize });
    expect(lenient.status).toBe(201);
  });

  it('must be a boolean', () => {
    expect(() => createSimulator({ strict: 'yes' as unknown as boolean })).toThrow('options.strict: must be true or false, not "yes"');
  });
});

describe('user names are case-insensitive, as GitHub logins', () => {
  it('MONA is mona: the same password, the same two-factor code, the same state, kept under the name first seen', async () => {
    const simulator = createSimulator({ accounts: { mona: { password: 'right', otp: { code: '123456' } } } });
    expect((await send(simulator, 'GET', '/authorizations', { user: 'MONA', password: 'wrong', headers: { 'x-github-otp': '123456' } })).body.message).toBe('Bad credentials');
    expect((await send(simulator, 'GET', '/authorizations', { user: 'MONA', password: 'right' })).body.message).toBe('Must specify two-factor authentication OTP code.');
    const created = await send(simulator, 'POST', '/authorizations', { user: 'Mona', password: 'right', headers: { 'x-github-otp': '123456' }, body: { note: 'first seen as Mona' } });
    expect(created.status).toBe(201);
    const listed = await send(simulator, 'GET', '/authorizations', { user: 'mona', password: 'right', headers: { 'x-github-otp': '123456' } });
    expect(listed.body.map((a: { id: number }) => a.id)).toContain(created.body.id);
    expect(Object.keys(simulator.state())).toEqual(['Mona']);
    expect(Object.keys(simulator.state('MONA'))).toEqual(['Mona']);
    simulator.reset('mONA');
    expect(simulator.state()).toEqual({});
    simulator.setAccount('MONA', undefined);
    expect((await send(simulator, 'GET', '/authorizations', { user: 'mona', password: 'any' })).status).toBe(200);
  });

  it('accounts or a data set that name one user twice are refused, naming both', () => {
    expect(() => createSimulator({ accounts: { mona: {}, MONA: {} } })).toThrow('the accounts\' user name "MONA": the same user as "mona" (user names are case-insensitive, as on GitHub)');
    expect(() => createSimulator({ data: { mona: { authorizations: [] }, Mona: { authorizations: [] } } })).toThrow('the data set\'s user name "Mona": the same user as "mona"');
  });
});

describe('X-GitHub-Media-Type', () => {
  it.each([
    [null, 'github.v3; format=json'],
    ['application/vnd.github+json', 'github.v3; format=json'],
    ['application/vnd.github.v3+json', 'github.v3; format=json'],
    ['application/vnd.github.v3.full+json', 'github.v3; param=full; format=json'],
    ['application/vnd.github.squirrel-girl-preview+json', 'github.squirrel-girl-preview; format=json'],
    ['application/vnd.github.raw+json', 'github.v3; param=raw; format=json'],
    ['text/html, application/vnd.github.v3.text+json;q=0.5', 'github.v3; param=text; format=json'],
    ['*/*', 'github.v3; format=json'],
  ])('Accept %j → %s', (accept, mediaType) => {
    expect(mediaTypeFor(accept)).toBe(mediaType);
  });

  it('is on every answer of the API, refusals and 204 included', async () => {
    const simulator = createSimulator();
    const accept = { accept: 'application/vnd.github.v3.full+json' };
    for (const [method, path, user] of [
      ['GET', '/authorizations', null],
      ['GET', '/nope', 'octocat'],
      ['DELETE', '/authorizations/1', 'octocat'],
      ['DELETE', '/authorizations/1', 'octocat'],
    ] as const) {
      const answer = await send(simulator, method, path, { user, headers: accept });
      expect(answer.headers.get('x-github-media-type'), `${method} ${path} → ${answer.status}`).toBe('github.v3; param=full; format=json');
    }
  });
});

describe('the order of the checks', () => {
  it('credentials and the OTP before the route; then 404 for a method the path does not serve; POST on an authorization is its update', async () => {
    const simulator = createSimulator({ accounts: { texted: { otp: { code: '445566', channel: 'sms' } } } });
    const probe = await send(simulator, 'PATCH', '/authorizations', { user: 'texted' });
    expect([probe.status, probe.headers.get('x-github-otp')]).toEqual([401, 'required; sms']);
    const coded = await send(simulator, 'PATCH', '/authorizations', { user: 'texted', headers: { 'x-github-otp': '445566' } });
    expect([coded.status, coded.body.message, coded.headers.get('allow')]).toEqual([404, 'Not Found', null]);
    const update = await send(simulator, 'POST', '/authorizations/1', { user: 'texted', headers: { 'x-github-otp': '445566' }, body: { note: 'by POST' } });
    expect([update.status, update.body.note]).toEqual([200, 'by POST']);
  });

  it("a token: 403 while the simulator holds it (any user's), 401 Bad credentials once revoked or never issued", async () => {
    const simulator = createSimulator();
    const created = await send(simulator, 'POST', '/authorizations', { user: 'issuer', body: { note: 'a token' } });
    const asToken = () => send(simulator, 'GET', '/applications/grants', { user: null, headers: { authorization: `token ${created.body.token}` } });
    expect([(await asToken()).status, (await asToken()).body.message]).toEqual([403, 'This API can only be accessed with username and password Basic Auth']);
    // Good credentials still meet the router: a path or method the API does not have is 404.
    for (const [method, path] of [
      ['GET', '/nope'],
      ['PATCH', '/authorizations'],
    ] as const) {
      const stray = await send(simulator, method, path, { user: null, headers: { authorization: `token ${created.body.token}` } });
      expect([stray.status, stray.body.message], `${method} ${path}`).toEqual([404, 'Not Found']);
    }
    await send(simulator, 'DELETE', `/authorizations/${created.body.id}`, { user: 'issuer' });
    expect([(await asToken()).status, (await asToken()).body.message]).toEqual([401, 'Bad credentials']);
  });
});

describe('the --verbose log', () => {
  it('names each field GitHub ignored or took otherwise, as X-Simulator-Reason does', async () => {
    const lines: string[] = [];
    const mock = await startMock({ verbose: true, log: (line) => void lines.push(line) });
    try {
      const response = await fetch(`${mock.url}/api/v3/authorizations`, {
        method: 'POST',
        headers: { authorization: basicFor('verbose-truth'), 'content-type': 'application/json' },
        body: JSON.stringify({ note: 'logged', client_id: '', scope: 'repo' }),
      });
      expect(response.status).toBe(201);
      const reason = response.headers.get('x-simulator-reason')!;
      expect(reason).toContain('as GitHub took the body: client_id "" taken as absent; scope ignored (not a field of this request)');
      await vi.waitFor(() => expect(lines.some((line) => line.startsWith('POST /api/v3/authorizations → 201'))).toBe(true));
      expect(lines.find((line) => line.startsWith('POST /api/v3/authorizations → 201'))).toContain(reason);
    } finally {
      await mock.stop();
    }
  });
});
