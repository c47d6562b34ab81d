// Seed and clock: with a seed, tokens follow from it; with a frozen clock, created_at and
// updated_at say its time; so a seeded, clock-frozen session gives the same bytes every time. The
// clock is set, frozen and advanced in process and over the control API (/_simulator/clock).
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/msw.js';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { createClock } from '../../src/simulator/clock.js';
import { createRandom, pooledRandom, poolSize } from '../../src/simulator/random.js';

const origin = 'http://127.0.0.1:4010';
const auth = { authorization: `Basic ${btoa('octocat:secret')}`, 'content-type': 'application/json' };

/** A session a frontend's test might run: creates (personal and app), an update, lists, a delete. */
async function session(simulator: Simulator): Promise<string> {
  const calls: Array<[string, string, unknown?]> = [
    ['POST', '/api/v3/authorizations', { note: 'ci', scopes: ['repo'] }],
    ['PUT', '/api/v3/authorizations/clients/0123456789abcdefabcd', { client_secret: '3ef4ad510c59ad37bac6bb4f80047fb3aee3cc7f', scopes: ['user'] }],
    ['PUT', '/api/v3/authorizations/clients/0123456789abcdefabcd/fp-1', { client_secret: '3ef4ad510c59ad37bac6bb4f80047fb3aee3cc7f' }],
    ['POST', '/_simulator/clock', { advanceMs: 180_000 }],
    ['PATCH', '/api/v3/authorizations/3', { add_scopes: ['gist'] }],
    ['GET', '/api/v3/authorizations?per_page=2&page=2'],
    ['GET', '/api/v3/applications/grants'],
    ['DELETE', '/api/v3/authorizations/4'],
    ['GET', '/api/v3/authorizations'],
  ];
  let transcript = '';
  for (const [method, path, body] of calls) {
    const response = await simulator.handle(
      new Request(`${origin}${path}`, { method, headers: path.startsWith('/_simulator/') ? { ...auth, 'x-simulator-control': '1' } : auth, ...(body !== undefined && { body: JSON.stringify(body) }) }),
    );
    transcript += `${method} ${path} → ${response.status}\n${[...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n')}\n\n${await response.text()}\n\n`;
  }
  return transcript;
}

const seeded: SimulatorOptions = { seed: 'snapshot', now: '2026-01-02T03:04:05Z' };

describe('a seeded, clock-frozen session', () => {
  it('gives identical bytes twice (two simulators, and one after a full reset)', async () => {
    const simulator = createSimulator(seeded);
    const first = await session(simulator);
    expect(await session(createSimulator(seeded))).toBe(first);
    simulator.reset();
    expect(await session(simulator)).toBe(first);
    // What the snapshot holds: the seed's tokens and the clock's times.
    expect(first).toMatch(/"token":"ghp_[A-Za-z0-9]{36}"/);
    expect(first).toContain('"created_at":"2026-01-02T03:04:05Z"');
    expect(first).toContain('"updated_at":"2026-01-02T03:07:05Z"');
  });

  it('another seed gives other tokens; no seed gives other tokens each time', async () => {
    const tokens = async (options: SimulatorOptions) => (await session(createSimulator(options))).match(/gh[op]_[A-Za-z0-9]{36}/g);
    const base = await tokens(seeded);
    expect(base).toHaveLength(3);
    expect(await tokens({ ...seeded, seed: 'other' })).not.toEqual(base);
    const unseeded = await tokens({ now: seeded.now! });
    expect(await tokens({ now: seeded.now! })).not.toEqual(unseeded);
  });

  it('the seed works the same through the MSW handlers', async () => {
    const handlers = createHandlers({ ...seeded, baseUrl: `${origin}/api/v3` });
    const server = setupServer(
      ...handlers,
      http.all('*', () => new Response('unhandled', { status: 599 })),
    );
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const created = await fetch(`${origin}/api/v3/authorizations`, { method: 'POST', headers: auth, body: JSON.stringify({ note: 'ci', scopes: ['repo'] }) });
      const direct = await createSimulator(seeded).handle(new Request(`${origin}/api/v3/authorizations`, { method: 'POST', headers: auth, body: JSON.stringify({ note: 'ci', scopes: ['repo'] }) }));
      expect(await created.text()).toBe(await direct.text());
    } finally {
      server.close();
    }
  });
});

describe("the platform source's pool", () => {
  it('hands out every byte the platform gave once, in order, across refills, each draw a fresh array', () => {
    // Each fill is told apart: fill k writes k*7 + i (mod 256) at position i.
    let fills = 0;
    const given: number[] = [];
    const random = pooledRandom((pool) => {
      for (let i = 0; i < pool.length; i++) {
        pool[i] = (fills * 7 + i) % 256;
        given.push(pool[i]!);
      }
      fills++;
    });
    const drawn: number[] = [];
    const arrays = new Set<Uint8Array>();
    while (drawn.length < 3 * poolSize + 5) {
      const bytes = random.bytes(30);
      arrays.add(bytes);
      drawn.push(...bytes);
    }
    expect(fills).toBe(4);
    expect(drawn).toEqual(given.slice(0, drawn.length));
    expect(arrays.size).toBe(Math.ceil((3 * poolSize + 5) / 30));
  });
});

describe('the seeded source', () => {
  it('saves and resumes its position; restart goes back to its first byte', () => {
    const random = createRandom('x');
    const first = random.bytes(10);
    const position = random.position()!;
    const next = random.bytes(10);
    random.restart();
    expect(random.bytes(10)).toEqual(first);
    random.resume(position);
    expect(random.bytes(10)).toEqual(next);
    expect(() => random.resume('sfc32:zz')).toThrow('random position "sfc32:zz": not one a seeded simulator wrote');
  });

  it('a seed is 1 to 200 characters or a whole number', () => {
    expect(() => createSimulator({ seed: '' })).toThrow('options.seed: must be a string of 1 to 200 characters or a whole number, not ""');
    expect(() => createSimulator({ seed: 1.5 })).toThrow('options.seed: must be');
    expect(createSimulator({ seed: 42 }).persisted().random).toBe(createSimulator({ seed: '42' }).persisted().random);
  });
});

describe('the clock', () => {
  const create = async (simulator: Simulator, note: string) =>
    (await simulator.handle(new Request(`${origin}/authorizations`, { method: 'POST', headers: auth, body: JSON.stringify({ note }) }))).json();
  const control = async (simulator: Simulator, method: string, body?: unknown) => {
    const response = await simulator.handle(new Request(`${origin}/_simulator/clock`, { method, headers: { 'x-simulator-control': '1' }, ...(body !== undefined && { body: JSON.stringify(body) }) }));
    return { status: response.status, body: await response.json() };
  };

  it('runs with the wall clock by default', async () => {
    // Between two readings of the wall clock taken around it (created_at keeps whole seconds).
    const before = Math.floor(Date.now() / 1000) * 1000;
    const simulator = createSimulator();
    const { created_at } = await create(simulator, 'now');
    const after = Date.now();
    expect(Date.parse(created_at)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(created_at)).toBeLessThanOrEqual(after);
    expect(simulator.clock.state().frozen).toBe(false);
  });

  it('in process: set, freeze, advance; created_at and updated_at follow', async () => {
    const simulator = createSimulator();
    simulator.clock.set({ now: '2030-05-06T07:08:09Z' });
    expect(simulator.clock.state()).toEqual({ now: '2030-05-06T07:08:09.000Z', frozen: true });
    const created = await create(simulator, 'a');
    expect([created.created_at, created.updated_at]).toEqual(['2030-05-06T07:08:09Z', '2030-05-06T07:08:09Z']);
    simulator.clock.advance(61_000);
    const patched = await (await simulator.handle(new Request(`${origin}/authorizations/${created.id}`, { method: 'PATCH', headers: auth, body: '{"note":"b"}' }))).json();
    expect([patched.created_at, patched.updated_at]).toEqual(['2030-05-06T07:08:09Z', '2030-05-06T07:09:10Z']);
    simulator.clock.set({ frozen: false });
    expect(simulator.clock.state().frozen).toBe(false);
    // Running again from where it stood, not from the wall clock (how far it then moves: the
    // createClock test below, on a wall clock of its own).
    expect(Date.parse(simulator.clock.state().now)).toBeGreaterThanOrEqual(Date.parse('2030-05-06T07:09:10Z'));
    simulator.clock.freeze();
    expect(simulator.clock.state().frozen).toBe(true);
  });

  it('let go, the clock runs on from where it stood, as the wall clock moves', () => {
    let wall = Date.parse('2026-01-01T00:00:00Z');
    const clock = createClock('2030-05-06T07:09:10Z', () => wall);
    wall += 5_000;
    expect(clock.state().now).toBe('2030-05-06T07:09:10.000Z');
    clock.set({ frozen: false });
    wall += 1_234;
    expect(clock.state()).toEqual({ now: '2030-05-06T07:09:11.234Z', frozen: false });
  });

  it('over HTTP: GET, PUT sets, POST advances; a bad change is a 422 naming the field and changes nothing', async () => {
    const simulator = createSimulator({ now: '2026-01-01T00:00:00Z' });
    expect(await control(simulator, 'GET')).toEqual({ status: 200, body: { now: '2026-01-01T00:00:00.000Z', frozen: true } });
    expect(await control(simulator, 'PUT', { now: '2027-01-01T00:00:00+02:00' })).toEqual({ status: 200, body: { now: '2026-12-31T22:00:00.000Z', frozen: true } });
    expect(await control(simulator, 'POST', { advanceMs: 1000 })).toEqual({ status: 200, body: { now: '2026-12-31T22:00:01.000Z', frozen: true } });
    for (const [body, message] of [
      [{ now: 'yesterday' }, 'now: must be an ISO 8601 time with its offset between 1970 and 9999, e.g. 2026-01-01T00:00:00Z, not "yesterday"'],
      [{ advanceMs: -5 }, 'advanceMs: must be a whole number of milliseconds from 0 to 3153600000000, not -5'],
      [{ frozen: 'yes' }, 'frozen: must be true or false, not "yes"'],
      [{ speed: 2 }, 'speed: is not allowed (a clock change has now, frozen and advanceMs)'],
      [{ now: '2028-01-01T00:00:00Z', advanceMs: 'x' }, 'advanceMs: must be a whole number of milliseconds from 0 to 3153600000000, not "x"'],
    ] as const) {
      expect(await control(simulator, 'PUT', body)).toEqual({ status: 422, body: { message } });
    }
    expect(simulator.clock.state().now).toBe('2026-12-31T22:00:01.000Z');
    expect((await control(simulator, 'DELETE')).status).toBe(405);
  });

  it('a full reset restarts it as configured; a reset of one user does not', async () => {
    const simulator = createSimulator({ now: '2026-01-01T00:00:00Z' });
    simulator.clock.advance(5000);
    simulator.reset('octocat');
    expect(simulator.clock.state().now).toBe('2026-01-01T00:00:05.000Z');
    simulator.reset();
    expect(simulator.clock.state().now).toBe('2026-01-01T00:00:00.000Z');
  });

  it('through the MSW handlers: GET, PUT and POST /_simulator/clock answer as in process', async () => {
    const handlers = createHandlers({ baseUrl: `${origin}/api/v3`, now: '2026-01-01T00:00:00Z' });
    const server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const call = async (method: string, body?: unknown) => {
        const response = await fetch(`${origin}/_simulator/clock`, { method, headers: { 'x-simulator-control': '1' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
        return { status: response.status, body: await response.json() };
      };
      expect(await call('GET')).toEqual({ status: 200, body: { now: '2026-01-01T00:00:00.000Z', frozen: true } });
      expect(await call('PUT', { now: '2026-03-01T00:00:00Z' })).toEqual({ status: 200, body: { now: '2026-03-01T00:00:00.000Z', frozen: true } });
      expect(await call('POST', { advanceMs: 1000 })).toEqual({ status: 200, body: { now: '2026-03-01T00:00:01.000Z', frozen: true } });
      expect(handlers.simulator.clock.state().now).toBe('2026-03-01T00:00:01.000Z');
    } finally {
      server.close();
    }
  });

  it('a bad now at start names the option', () => {
    expect(() => createSimulator({ now: '2026-13-01T00:00:00Z' })).toThrow('now: must be an ISO 8601 time');
  });
});
