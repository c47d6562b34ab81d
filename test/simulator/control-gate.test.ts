// The gate in front of every control route (src/simulator/control-gate.ts): a control request needs
// X-Simulator-Control, and the bearer control token when one is configured; whatever it refuses
// changes nothing. In-process use needs neither. Also reset?user=, which names one user.
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/simulator/index.js';
import { send } from './support.js';

const token = 'k3y-for-the-control-plane';
const control = { 'x-simulator-control': '1' };

/** Every control route, with a body where it takes one. */
const routes: Array<[string, string, unknown?]> = [
  ['GET', '/_simulator/state'],
  ['PUT', '/_simulator/state', {}],
  ['POST', '/_simulator/reset'],
  ['PUT', '/_simulator/faults', { drop: true }],
  ['DELETE', '/_simulator/faults'],
  ['PUT', '/_simulator/accounts/octocat', { password: 'x' }],
  ['DELETE', '/_simulator/accounts/mona'],
  ['GET', '/_simulator/nope'],
  ['OPTIONS', '/_simulator/state'],
];

/** A simulator with some state, a configured account and no faults, and a way to see all three. */
async function seeded(options = {}) {
  const simulator = createSimulator({ accounts: { mona: { otp: { code: '123456' } } }, ...options });
  await send(simulator, 'DELETE', '/authorizations/1');
  const snapshot = async () => ({
    state: simulator.state(),
    // The account and the faults, as the API shows them: mona needs her code, octocat's request is answered.
    mona: (await send(simulator, 'GET', '/authorizations/2', { user: 'mona' })).status,
    octocat: (await send(simulator, 'GET', '/authorizations/2')).status,
  });
  return { simulator, before: await snapshot(), snapshot };
}

describe('the control gate', () => {
  it.each(['', '/api/v3'])('without X-Simulator-Control, every control route under "%s" is a 403 that names the header, and nothing changes', async (prefix) => {
    const { simulator, before, snapshot } = await seeded();
    expect(before).toMatchObject({ mona: 401, octocat: 200 });
    for (const [method, path, body] of routes) {
      const answer = await send(simulator, method, `${prefix}${path}`, { user: null, ...(body !== undefined && { body }) });
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body.message).toBe('Forbidden: a control request needs the header X-Simulator-Control: 1 (a web page on another origin cannot send it, so it cannot drive the simulator)');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('with it, the control API works as before; the API itself never needs it', async () => {
    const { simulator } = await seeded();
    expect((await send(simulator, 'POST', '/_simulator/reset', { user: null, headers: control })).status).toBe(204);
    expect((await send(simulator, 'GET', '/api/v3/_simulator/state', { user: null, headers: control })).body).toEqual({});
    expect((await send(simulator, 'GET', '/authorizations')).status).toBe(200);
  });

  describe('with a control token', () => {
    it.each([
      ['no Authorization', {}, 'Requires authentication: this simulator was started with a control token; send Authorization: Bearer <token> on control requests'],
      [
        'Basic credentials',
        { authorization: `Basic ${btoa('octocat:secret')}` },
        'Requires authentication: this simulator was started with a control token; send Authorization: Bearer <token> on control requests',
      ],
      ['another bearer token', { authorization: 'Bearer k3y-for-the-control-planf' }, 'Bad credentials: the bearer token is not the control token this simulator was started with'],
      ['the token with a character more', { authorization: `Bearer ${token}x` }, 'Bad credentials: the bearer token is not the control token this simulator was started with'],
    ])('%s: every control route is a 401 with a Bearer challenge, and nothing changes', async (_, headers, message) => {
      const { simulator, before, snapshot } = await seeded({ controlToken: token });
      for (const [method, path, body] of routes) {
        const answer = await send(simulator, method, path, { user: null, headers: { ...control, ...headers }, ...(body !== undefined && { body }) });
        expect(answer.status, `${method} ${path}`).toBe(401);
        expect(answer.body.message).toBe(message);
        expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="simulator control"');
        expect(`${answer.text} ${[...answer.headers.values()].join(' ')}`).not.toContain(token);
      }
      expect(await snapshot()).toEqual(before);
    });

    it('the token opens every route, under /api/v3 too; the header is still needed; in-process use needs neither', async () => {
      const { simulator } = await seeded({ controlToken: token });
      const bearer = { authorization: `bearer ${token}` };
      expect((await send(simulator, 'PUT', '/api/v3/_simulator/faults', { user: null, headers: { ...control, ...bearer }, body: { status: 503 } })).status).toBe(204);
      expect((await send(simulator, 'GET', '/authorizations')).status).toBe(503);
      expect((await send(simulator, 'DELETE', '/_simulator/faults', { user: null, headers: bearer })).status).toBe(403);
      simulator.setFaults(undefined);
      simulator.reset();
      expect(simulator.state()).toEqual({});
      expect((await send(simulator, 'GET', '/authorizations')).status).toBe(200);
    });

    it.each([['short'], ['has space in it'], [''], [42]])('a token that is no bearer token (%j) is refused, named', (bad) => {
      expect(() => createSimulator({ controlToken: bad as string })).toThrow(/^options\.controlToken: must be 8 to 256 characters/);
    });
  });
});

describe('POST /_simulator/reset?user=', () => {
  const reset = (simulator: ReturnType<typeof createSimulator>, query: string, body?: unknown) =>
    send(simulator, 'POST', `/_simulator/reset${query}`, { user: null, headers: control, ...(body !== undefined && { body }) });

  it('resets that user only', async () => {
    const simulator = createSimulator();
    await send(simulator, 'DELETE', '/authorizations/1');
    await send(simulator, 'DELETE', '/authorizations/1', { user: 'victim' });
    expect((await reset(simulator, '?user=victim')).status).toBe(204);
    expect(Object.keys(simulator.state())).toEqual(['octocat']);
  });

  it.each([
    ['a user with no state', '?user=nobody', undefined, 'no user "nobody" has state to reset (GET /_simulator/state lists them)'],
    ['two users', '?user=octocat&user=victim', undefined, 'name one user to reset, in ?user= or in the body'],
    ['another user in the body', '?user=octocat', { user: 'victim' }, 'name one user to reset, in ?user= or in the body'],
    ['a user with no state, in the body', '', { user: 'nobody' }, 'no user "nobody" has state to reset (GET /_simulator/state lists them)'],
  ])('%s: 400, and nobody is reset', async (_, query, body, message) => {
    const simulator = createSimulator();
    await send(simulator, 'DELETE', '/authorizations/1');
    await send(simulator, 'DELETE', '/authorizations/1', { user: 'victim' });
    const before = simulator.state();
    const answer = await reset(simulator, query, body);
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe(message);
    expect(simulator.state()).toEqual(before);
  });
});
