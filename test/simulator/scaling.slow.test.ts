// What a request costs must not grow with what the user holds: a create checks notes and
// fingerprints and counts an app's tokens through indexes, and a list looks at its page only.
// Each check times the same work for a user holding 10 authorizations and one holding 20,000,
// interleaved in rounds, best round of each, in one run; the bound is generous (a scan of every
// authorization made it 10 to 50 times slower). A ratio of times still moves when the machine is
// loaded, so it is the slow suite's (npm run test:slow), beside linear-time.slow.test.ts.
import { describe, expect, it } from 'vitest';
import type { Authorization } from '../../generated/schema.js';
import { createSimulator } from '../../src/simulator/index.js';
import { AuthorizationsBackend, issueToken, type SimulatorData } from '../../src/simulator/model.js';
import { clientId, origin, send } from './support.js';
import { storedAuthorizations } from './support/stored.js';

const base = `${origin}/api/v3`;
const bound = 5;
const rounds = 7;

/** `count` authorizations: half personal tokens (distinct notes), half one OAuth app's (distinct fingerprints and scopes). */
const stored = (count: number): Authorization[] => storedAuthorizations(count, { base, app: () => ({ name: 'An app', client_id: clientId }), scopes: (i) => [`scope-${i + 1}`] });

const dataOf = (count: number): SimulatorData => ({ octocat: { authorizations: stored(count) } });

/** The best of `rounds` timings of `work` for the small and the large holder, interleaved: large ÷ small. */
async function ratio(work: (which: 'small' | 'large', round: number) => Promise<void> | void): Promise<number> {
  const best = { small: Infinity, large: Infinity };
  for (let round = 0; round < rounds; round++) {
    for (const which of ['small', 'large'] as const) {
      const started = performance.now();
      await work(which, round);
      best[which] = Math.min(best[which], performance.now() - started);
    }
  }
  return best.large / best.small;
}

describe('a request costs the same with 10 or 20,000 stored authorizations', () => {
  it('creates: a personal token (unique note), an OAuth app token (unique fingerprint), and the eleventh token of an app that revokes the oldest', async () => {
    const backends = { small: new AuthorizationsBackend(), large: new AuthorizationsBackend() };
    backends.small.replace(dataOf(10));
    backends.large.replace(dataOf(20_000));
    const personal = await issueToken('ghp_');
    const app = await issueToken('gho_');
    const perRound = 200;
    const measured = await ratio((which, round) => {
      const backend = backends[which];
      for (let i = 0; i < perRound; i++) {
        const n = `${round}-${i}`;
        backend.createAuthorization('octocat', { note: `new ${n}` }, personal);
        backend.createAuthorization('octocat', { client_id: clientId, client_secret: 'secret', fingerprint: `new-${n}`, scopes: [`new-${n}`] }, app);
        backend.createAuthorization('octocat', { client_id: clientId, client_secret: 'secret', scopes: ['repo', 'user'] }, app);
      }
    });
    // Each kind did what it should: the notes and fingerprints were new, and the same scopes stop at ten.
    const listed = backends.large.listAuthorizations('octocat', clientId).filter((a) => a.scopes?.join(' ') === 'repo user');
    expect(listed).toHaveLength(10);
    expect(backends.large.countAuthorizations('octocat')).toBe(20_000 + rounds * perRound * 2 + 10);
    expect(measured).toBeLessThan(bound);
  });

  it('GET /authorizations: a page, and a page of one app (client_id)', async () => {
    const simulators = { small: createSimulator({ data: dataOf(10) }), large: createSimulator({ data: dataOf(20_000) }) };
    for (const query of ['?per_page=5&page=2', `?client_id=${clientId}&per_page=5`]) {
      const first = await send(simulators.large, 'GET', `/api/v3/authorizations${query}`);
      expect(first.status).toBe(200);
      expect(first.body).toHaveLength(5);
      const measured = await ratio(async (which) => {
        for (let i = 0; i < 50; i++) await send(simulators[which], 'GET', `/api/v3/authorizations${query}`);
      });
      expect(measured, query).toBeLessThan(bound);
    }
  });
});
