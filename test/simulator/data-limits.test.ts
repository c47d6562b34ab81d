// Data sets are closed and bounded: each hostile data set of issue 18 is refused with an error that
// names the field and the limit, through every door (load(), the data option, the MSW handlers'
// options, PUT /_simulator/state), and nothing is half loaded. What the check accepts, the
// simulator serves: a property test loads generated data sets, at the limits too, and every
// operation on them answers without a 5xx.
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getAuthorization200 } from '../../generated/examples.js';
import { createHandlers } from '../../src/msw.js';
import { serveSimulator } from '../../src/server/serve-simulator.js';
import { createSimulator, type Simulator } from '../../src/simulator/index.js';
import { fieldLimits, maxDataId } from '../../src/simulator/limits.js';
import { clientId, secret, send } from './support.js';

const authorization = (id: number, extra: object = {}) => ({ ...getAuthorization200, id, url: `http://127.0.0.1:4010/authorizations/${id}`, token: '', fingerprint: null, ...extra });
const one = (extra: object) => ({ octocat: { authorizations: [authorization(1, extra)] } });

function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

const cycle = () => {
  const app: Record<string, unknown> = { client_id: clientId, name: 'x', url: 'http://example.com' };
  app.name = app;
  return one({ app });
};

const manyUsers = Object.fromEntries(Array.from({ length: 33_907 }, (_, i) => [`u${i}`, { authorizations: [] }]));

/** Every door a data set comes in by: each must refuse it with the same message and leave the state as it was. */
const doors: [string, (data: unknown) => Promise<void>][] = [
  ['load()', async (data) => createSimulator().load(data)],
  ['createSimulator({ data })', async (data) => void createSimulator({ data: data as never })],
  ['createHandlers({ data })', async (data) => void createHandlers({ data: data as never })],
  ['createHandlers().simulator.load()', async (data) => createHandlers().simulator.load(data)],
  [
    '--data <file>',
    async (data) => {
      const file = join(tmpdir(), `data-limits-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
      await writeFile(file, JSON.stringify(data));
      try {
        // Refused before it listens: nothing to close. The error names the option and file first.
        await serveSimulator({ dataFile: file, verbose: false }, { host: '127.0.0.1', port: 0 });
      } catch (error) {
        const { message } = error as Error;
        expect(message.startsWith(`--data ${file}: `)).toBe(true);
        throw new Error(message.slice(`--data ${file}: `.length));
      } finally {
        await rm(file);
      }
    },
  ],
  [
    'PUT /_simulator/state',
    async (data) => {
      const simulator = createSimulator();
      const answer = await send(simulator, 'PUT', '/_simulator/state', { user: null, text: JSON.stringify(data), headers: { 'x-simulator-control': '1' } });
      if (answer.status !== 204) throw new Error(answer.body.message);
    },
  ],
];

const hostile: [string, () => unknown, RegExp, boolean][] = [
  // [what, data set, the error, whether JSON can carry it (PUT /_simulator/state)]
  ['an extra field holding an array nested 2,500 deep', () => one({ extra: nested(2_500) }), /^octocat\.authorizations\[0\]\.extra(\[0\])*: (nests too deep|is not a field)/, true],
  ['a misspelt field (fingerprnt)', () => one({ fingerprnt: 'x' }), /^octocat\.authorizations\[0\]\.fingerprnt: is not a field of an authorization/, true],
  ['an unknown field of the app (app.evil)', () => one({ app: { ...getAuthorization200.app, evil: '<script>' } }), /^octocat\.authorizations\[0\]\.app\.evil: is not a field of an app/, true],
  ['an id just under 2^53', () => one({ id: 2 ** 53 - 2 }), /^octocat\.authorizations\[0\]\.id: must be at most 281474976710656/, true],
  ['33,907 users (a 1 MiB data set)', () => manyUsers, /^the data set has 33907 users: at most 10000/, true],
  ['a note of 1,001 characters', () => one({ note: 'n'.repeat(fieldLimits.note + 1) }), /^octocat\.authorizations\[0\]\.note: note is too long \(maximum is 1000 characters\)/, true],
  ['101 scopes', () => one({ scopes: Array.from({ length: 101 }, (_, i) => `s${i}`) }), /^octocat\.authorizations\[0\]\.scopes: scopes has too many items \(maximum is 100\)/, true],
  ['a string of 5,000 characters', () => one({ url: `http://x/${'a'.repeat(5_000)}` }), /^octocat\.authorizations\[0\]\.url: is too long \(maximum is 2048 characters\)/, true],
  ['a user name of 300 characters', () => ({ ['u'.repeat(300)]: { authorizations: [] } }), /user name "u+"…: is too long \(maximum is 255 characters\)/, true],
  ['a token user (not null)', () => one({ user: { login: 'x' } }), /^octocat\.authorizations\[0\]\.user: must be null/, true],
  ['a cycle', cycle, /^octocat\.authorizations\[0\]\.app\.name: refers back to its own container \(a cycle/, false],
  ['a BigInt id', () => one({ id: 1n }), /^octocat\.authorizations\[0\]\.id: is bigint, which JSON cannot hold/, false],
  ['a Date', () => one({ created_at: new Date() }), /^octocat\.authorizations\[0\]\.created_at: is a Date object/, false],
  ['NaN', () => one({ id: Number.NaN }), /^octocat\.authorizations\[0\]\.id: must be a finite number/, false],
];

describe('hostile data sets are refused, named, at every door', () => {
  for (const [what, data, message, json] of hostile) {
    for (const [door, load] of doors) {
      if (!json && (door.startsWith('PUT') || door.startsWith('--data'))) continue;
      it(`${what}: ${door}`, async () => {
        await expect(load(data())).rejects.toThrow(message);
      });
    }
  }

  it('a refused data set changes nothing: the state before stays, whole', async () => {
    const simulator = createSimulator();
    await send(simulator, 'DELETE', '/authorizations/1');
    const before = simulator.state();
    // The first user is fine; the second is not: nothing of either is loaded.
    expect(() => simulator.load({ mona: { authorizations: [authorization(7)] }, octocat: { authorizations: [authorization(1, { fingerprnt: 'x' })] } })).toThrow(/fingerprnt/);
    expect(simulator.state()).toEqual(before);
  });
});

describe('at the count limits', () => {
  it('10,000 users load and are served; a new user then gets 403 full; 10,001 users are refused', async () => {
    const users = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`u${i}`, { authorizations: i === 0 ? [authorization(1)] : [] }]));
    const simulator = createSimulator({ data: users(10_000) });
    expect((await send(simulator, 'GET', '/authorizations', { user: 'u0' })).body.map((a: { id: number }) => a.id)).toEqual([1]);
    expect((await send(simulator, 'POST', '/authorizations', { user: 'u9999', body: { note: 'n' } })).status).toBe(201);
    const newcomer = await send(simulator, 'GET', '/authorizations', { user: 'newcomer' });
    expect(newcomer.status).toBe(403);
    expect(newcomer.body.message).toMatch(/^The simulator is full: it holds 10000 users/);
    expect(() => simulator.load(users(10_001))).toThrow('the data set has 10001 users: at most 10000');
  });
});

describe('ids are bounded so that creates always work', () => {
  it('a data set at the largest id loads, and creates after it get the next ids', async () => {
    const simulator = createSimulator({ data: one({ id: maxDataId }) });
    for (let i = 1; i <= 3; i++) {
      const created = await send(simulator, 'POST', '/authorizations', { body: { note: `n${i}` } });
      expect(created.status).toBe(201);
      expect(created.body.id).toBe(maxDataId + i);
    }
    expect((await send(simulator, 'GET', `/authorizations/${maxDataId + 3}`)).status).toBe(200);
  });
});

// --- accepted ⇒ servable ----------------------------------------------------------------------

const text = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constant('x'.repeat(max)),
    fc.string({ unit: 'grapheme', maxLength: 8 }).map((s) => s.repeat(Math.max(1, Math.floor(max / Math.max(1, s.length)))).slice(0, max)),
  );
const url = fc.oneof(fc.constant('http://example.com/a'), fc.constant(`https://example.com/${'p'.repeat(fieldLimits.other - 20)}`), fc.webUrl());
const time = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => `${d.toISOString().slice(0, 19)}Z`);
const scopes = fc.oneof(
  fc.constant(null),
  fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 5 }),
  fc.constant(Array.from({ length: fieldLimits.scopes }, (_, i) => `${i}`.padEnd(fieldLimits.scope, 's'))),
);
const generated = fc.record({
  // Near the largest id, with room for the creates below: their state must load again.
  id: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constant(maxDataId - 10), fc.integer({ min: 1, max: maxDataId - 10 })),
  scopes,
  note: fc.oneof(fc.constant(null), text(fieldLimits.note)),
  note_url: fc.oneof(fc.constant(null), url),
  fingerprint: fc.oneof(fc.constant(null), text(fieldLimits.fingerprint)),
  personal: fc.boolean(),
  app: fc.constantFrom(clientId, 'c'.repeat(20), 'other-app'),
  created_at: time,
  updated_at: time,
  expires_at: fc.oneof(fc.constant(null), time),
});

type Generated = typeof generated extends fc.Arbitrary<infer T> ? T : never;

/** A data set from generated authorizations: ids made distinct, and the uniqueness rules kept (the check refuses the rest). */
function dataSetOf(users: Generated[][]): Record<string, { authorizations: unknown[] }> {
  return Object.fromEntries(
    users.map((list, u) => {
      const ids = new Set<number>();
      const taken = new Set<string>();
      const authorizations = list.flatMap((g) => {
        if (ids.has(g.id)) return [];
        ids.add(g.id);
        const clientIdOf = g.personal ? '00000000000000000000' : g.app;
        const key = g.personal ? `note ${g.note}` : `${clientIdOf} ${g.fingerprint}`;
        const unique = g.personal ? g.note : g.fingerprint;
        if (unique && taken.has(key)) return [];
        if (unique) taken.add(key);
        return [
          {
            id: g.id,
            url: `http://127.0.0.1:4010/authorizations/${g.id}`,
            scopes: g.scopes,
            token: '',
            token_last_eight: 'abcdefgh',
            hashed_token: 'f'.repeat(64),
            app: { client_id: clientIdOf, name: g.personal ? (g.note ?? '') : `app ${g.app}`, url: 'http://example.com/app' },
            note: g.note,
            note_url: g.note_url,
            created_at: g.created_at,
            updated_at: g.updated_at,
            fingerprint: g.personal ? null : g.fingerprint,
            expires_at: g.expires_at,
          },
        ];
      });
      return [u === 0 ? 'octocat' : `user${u}`, { authorizations }];
    }),
  );
}

/** Every operation on the loaded state: none may answer a 5xx. */
async function exercise(simulator: Simulator, user: string): Promise<number[]> {
  const statuses: number[] = [];
  const go = async (method: string, path: string, body?: unknown) => {
    const answer = await send(simulator, method, path, { user, ...(body !== undefined && { body }) });
    statuses.push(answer.status);
    return answer;
  };
  const list = await go('GET', '/authorizations?per_page=100');
  await go('GET', '/authorizations?per_page=100&page=2');
  const ids: number[] = list.status === 200 ? list.body.map((a: { id: number }) => a.id) : [];
  for (const id of ids.slice(0, 3)) {
    await go('GET', `/authorizations/${id}`);
    await go('PATCH', `/authorizations/${id}`, { add_scopes: ['repo'] });
    await go('PATCH', `/authorizations/${id}`, { remove_scopes: ['repo', 'user'] });
    await go('PATCH', `/authorizations/${id}`, { note: 'changed', note_url: 'http://example.com/n' });
  }
  await go('POST', '/authorizations', { note: 'a new one', scopes: ['repo'] });
  await go('POST', '/authorizations', { client_id: clientId, client_secret: secret, fingerprint: 'f1' });
  await go('PUT', `/authorizations/clients/${clientId}`, { client_secret: secret });
  await go('PUT', `/authorizations/clients/${clientId}/fp`, { client_secret: secret });
  const grants = await go('GET', '/applications/grants?per_page=100');
  const grantIds: number[] = grants.status === 200 ? grants.body.map((g: { id: number }) => g.id) : [];
  for (const id of grantIds.slice(0, 2)) await go('GET', `/applications/grants/${id}`);
  if (grantIds[0] !== undefined) await go('DELETE', `/applications/grants/${grantIds[0]}`);
  if (ids[0] !== undefined) await go('DELETE', `/authorizations/${ids[0]}`);
  statuses.push((await send(simulator, 'GET', '/_simulator/state', { user: null, headers: { 'x-simulator-control': '1' } })).status);
  // What state() gives back loads again.
  createSimulator().load(simulator.state());
  return statuses;
}

describe('accepted ⇒ servable', () => {
  it('generated data sets, at the limits too: each loads, and every operation on it answers without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(generated, { maxLength: 6 }), { minLength: 1, maxLength: 3 }), async (users) => {
        const data = dataSetOf(users);
        const simulator = createSimulator();
        simulator.load(data);
        for (const user of Object.keys(data)) {
          const statuses = await exercise(simulator, user);
          expect(statuses.filter((status) => status >= 500)).toEqual([]);
        }
      }),
      { numRuns: 40 },
    );
  });
});
