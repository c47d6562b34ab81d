// Byte budgets: a stored field past its limit gets GitHub's 422 ("note is too long (maximum is …
// characters)", code custom, as GitHub words it for an issue's body), and a user or the whole
// simulator past its budget of stored bytes gets the simulator's 403 "full". Nothing is stored either way.
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/simulator/index.js';
import { byteLimits, fieldLimits } from '../../src/simulator/limits.js';
import { clientId, secret, send } from './support.js';

const saved = { ...byteLimits };
afterEach(() => Object.assign(byteLimits, saved));

describe('field limits', () => {
  it.each([
    ['note', { note: 'n'.repeat(fieldLimits.note + 1) }, 'note is too long (maximum is 1000 characters)'],
    ['note_url', { note: 'x', note_url: `http://example.com/${'u'.repeat(fieldLimits.note_url)}` }, 'note_url is too long (maximum is 2048 characters)'],
    ['fingerprint', { client_id: clientId, client_secret: secret, fingerprint: 'f'.repeat(fieldLimits.fingerprint + 1) }, 'fingerprint is too long (maximum is 255 characters)'],
    ['scopes', { note: 'x', scopes: Array.from({ length: fieldLimits.scopes + 1 }, (_, i) => `s${i}`) }, 'scopes has too many items (maximum is 100)'],
    ['scopes', { note: 'x', scopes: ['s'.repeat(fieldLimits.scope + 1)] }, 'a scope is too long (maximum is 100 characters)'],
  ])('a create past the %s limit: 422 naming it, nothing stored', async (field, body, message) => {
    const simulator = createSimulator();
    await send(simulator, 'GET', '/authorizations'); // the user's state, seeded
    const before = simulator.state();
    const answer = await send(simulator, 'POST', '/authorizations', { body });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([{ resource: expect.any(String), field, code: 'custom', message }]);
    expect(simulator.state()).toEqual(before);
  });

  it('at the limits, a create is stored; an update past one is refused and changes nothing', async () => {
    const simulator = createSimulator();
    const created = await send(simulator, 'POST', '/authorizations', {
      body: { note: 'n'.repeat(fieldLimits.note), scopes: Array.from({ length: fieldLimits.scopes }, (_, i) => `${i}`.padEnd(fieldLimits.scope, 's')) },
    });
    expect(created.status).toBe(201);
    const before = simulator.state();
    const added = await send(simulator, 'PATCH', `/authorizations/${created.body.id}`, { body: { add_scopes: ['one more'] } });
    expect(added.status).toBe(422);
    expect(added.body.errors[0].message).toBe('scopes has too many items (maximum is 100)');
    expect(simulator.state()).toEqual(before);
  });
});

describe('budgets of stored bytes', () => {
  it('a user past the per-user budget gets 403 full, and nothing is stored; another user still can create', async () => {
    byteLimits.perUser = 20_000;
    const simulator = createSimulator();
    let created = 0;
    let refused: Awaited<ReturnType<typeof send>> | undefined;
    while (!refused && created < 1000) {
      const answer = await send(simulator, 'POST', '/authorizations', { body: { note: `${created}`.padEnd(fieldLimits.note, 'n') } });
      if (answer.status === 201) created++;
      else refused = answer;
    }
    expect(created).toBeGreaterThan(5);
    expect(created).toBeLessThan(20);
    expect(refused!.status).toBe(403);
    expect(refused!.body.message).toMatch(/^The simulator is full: the user holds \d+ bytes of authorizations and may hold 20000\./);
    const before = simulator.state();
    expect((await send(simulator, 'POST', '/authorizations', { body: { note: 'n'.repeat(fieldLimits.note) } })).status).toBe(403);
    // Past the room left (under a create's size): a long note and note_url.
    expect(
      (await send(simulator, 'PATCH', '/authorizations/1', { body: { note: 'n'.repeat(fieldLimits.note), note_url: `https://example.com/${'u'.repeat(fieldLimits.note_url - 20)}` } })).status,
    ).toBe(403);
    expect(simulator.state()).toEqual(before);
    // A small change still fits, a delete makes room.
    expect((await send(simulator, 'DELETE', '/authorizations/1')).status).toBe(204);
    expect((await send(simulator, 'POST', '/authorizations', { user: 'mona', body: { note: 'n'.repeat(fieldLimits.note) } })).status).toBe(201);
  });

  it('the whole simulator past its budget gets 403 full; a reset makes room', async () => {
    byteLimits.total = 30_000;
    const simulator = createSimulator();
    const statuses: number[] = [];
    for (let user = 0; user < 30; user++) statuses.push((await send(simulator, 'POST', '/authorizations', { user: `user${user}`, body: { note: 'n'.repeat(fieldLimits.note) } })).status);
    expect(statuses).toContain(201);
    expect(statuses.at(-1)).toBe(403);
    const last = await send(simulator, 'POST', '/authorizations', { user: 'user0', body: { note: 'x'.repeat(fieldLimits.note) } });
    expect(last.body.message).toMatch(/^The simulator is full: it holds \d+ bytes of authorizations and may hold 30000\./);
    simulator.reset();
    expect((await send(simulator, 'POST', '/authorizations', { user: 'user0', body: { note: 'y' } })).status).toBe(201);
  });

  it('user names count: long names fill the whole budget like anything stored', async () => {
    byteLimits.total = 200_000;
    const simulator = createSimulator();
    const statuses: number[] = [];
    for (let user = 0; user < 30; user++) statuses.push((await send(simulator, 'GET', '/authorizations', { user: `${user}-`.padEnd(10_000, 'u') })).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.at(-1)).toBe(403);
  });

  it('a data set over a budget is refused, named', () => {
    byteLimits.perUser = 5_000;
    const authorizations = Array.from({ length: 20 }, (_, i) => ({
      id: i + 1,
      url: `http://x/authorizations/${i + 1}`,
      scopes: [],
      token: '',
      token_last_eight: null,
      hashed_token: null,
      app: { client_id: '00000000000000000000', name: `n${i}`, url: 'http://x' },
      note: `n${i}`.padEnd(500, 'n'),
      note_url: null,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      fingerprint: null,
      expires_at: null,
    }));
    expect(() => createSimulator().load({ octocat: { authorizations } })).toThrow(/^octocat\.authorizations: about \d+ bytes, more than a user may hold \(5000 bytes\)$/);
  });
});
