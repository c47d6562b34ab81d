// Every operation is linear in its input and in what is stored: the time per item at 4n is about
// the time per item at n. Each case times the work at n and 4n, interleaved, best of several rounds,
// and compares time per item: linear work gives about 1, quadratic work 4 (remove_scopes did: 20,000
// scopes took 433 ms, 40,000 5.7 s). The bound (3) sits between, so a busy machine does not fail it.
import { describe, expect, it } from 'vitest';
import type { Authorization } from '../../generated/schema.js';
import { createSimulator, type Simulator } from '../../src/simulator/index.js';
import { clientId, origin, send } from './support.js';
import { storedAuthorizations } from './support/stored.js';

const bound = 3;
const rounds = 7;

/** Best time of `work(size)` per item at n and at 4n, interleaved over rounds: (per item at 4n) ÷ (per item at n). */
async function perItemRatio(n: number, work: (size: number) => Promise<void> | void): Promise<{ ratio: number; ms: [number, number] }> {
  const best = [Infinity, Infinity];
  for (let round = 0; round < rounds; round++) {
    for (const [slot, size] of [n, 4 * n].entries()) {
      const started = performance.now();
      await work(size);
      best[slot] = Math.min(best[slot]!, performance.now() - started);
    }
  }
  const ratio = best[1]! / 4 / best[0]!;
  console.log(`time per item at 4n ÷ at n: ${ratio.toFixed(2)} (${best[0]!.toFixed(1)} ms at n = ${n}, ${best[1]!.toFixed(1)} ms at 4n)`);
  return { ratio, ms: [best[0]!, best[1]!] };
}

/** `count` authorizations: half personal tokens, half spread over `apps` OAuth apps, with 50 scopes among them. */
const stored = (count: number, apps = 1): Authorization[] =>
  storedAuthorizations(count, {
    base: origin,
    app: (i) => {
      const app = `app${String(i % apps).padStart(17, '0')}`;
      return { name: `App ${app}`, client_id: app };
    },
    scopes: (i) => [`scope-${i % 50}`, 'user'],
  });

const scopeList = (size: number) => Array.from({ length: size }, (_, i) => `scope-${i}`);

describe('time per item stays flat from n to 4n', () => {
  it.each([
    ['remove_scopes', (size: number) => ({ remove_scopes: scopeList(size) })],
    ['add_scopes (repeats)', (size: number) => ({ add_scopes: scopeList(size).map((_, i) => `s${i % 50}`) })],
    ['scopes (repeats)', (size: number) => ({ scopes: scopeList(size).map((_, i) => `s${i % 50}`) })],
  ])('PATCH with %s of n = 10,000 entries', async (_, bodyOf) => {
    const simulator = createSimulator();
    const { ratio, ms } = await perItemRatio(10_000, async (size) => {
      // Several requests per timing: one at n takes a few ms, the size of a collector's pause.
      for (let i = 0; i < 10; i++) {
        const answer = await send(simulator, 'PATCH', '/authorizations/1', { body: bodyOf(size) });
        expect(answer.status).toBe(200);
      }
    });
    expect(ratio, `${ms[0].toFixed(1)} ms at n, ${ms[1].toFixed(1)} ms at 4n`).toBeLessThan(bound);
  });

  it('load() and state() of n = 5,000 authorizations', async () => {
    const data = new Map([5_000, 20_000].map((size) => [size, { octocat: { authorizations: stored(size) } }]));
    const simulator = createSimulator();
    const { ratio, ms } = await perItemRatio(5_000, (size) => {
      simulator.load(data.get(size));
      expect(simulator.state().octocat!.authorizations).toHaveLength(size);
    });
    expect(ratio, `${ms[0].toFixed(1)} ms at n, ${ms[1].toFixed(1)} ms at 4n`).toBeLessThan(bound);
  });

  it('load() of n = 5,000 authorizations in descending id order', async () => {
    const data = new Map([5_000, 20_000].map((size) => [size, { octocat: { authorizations: stored(size).reverse() } }]));
    const simulator = createSimulator();
    const { ratio, ms } = await perItemRatio(5_000, (size) => simulator.load(data.get(size)));
    expect(ratio, `${ms[0].toFixed(1)} ms at n, ${ms[1].toFixed(1)} ms at 4n`).toBeLessThan(bound);
  });

  it('the grants of n = 5,000 authorizations of 500 apps, and the list of them, all pages', async () => {
    const simulators = new Map<number, Simulator>([5_000, 20_000].map((size) => [size, createSimulator({ data: { octocat: { authorizations: stored(size, size / 10) } } })]));
    const { ratio, ms } = await perItemRatio(5_000, async (size) => {
      const simulator = simulators.get(size)!;
      // A change, so that the grants are derived again, then every page of both lists.
      const created = await send(simulator, 'POST', '/authorizations', { body: { client_id: clientId, client_secret: 's', scopes: [`${size}-${performance.now()}`] } });
      expect(created.status).toBe(201);
      const grants = await send(simulator, 'GET', '/applications/grants?per_page=100');
      expect(grants.status).toBe(200);
      const pages = Math.ceil((size + 1) / 100);
      for (let page = 1; page <= pages; page++) expect((await send(simulator, 'GET', `/authorizations?per_page=100&page=${page}`)).status).toBe(200);
      expect((await send(simulator, 'GET', `/applications/grants/${grants.body[0].id}`)).status).toBe(200);
    });
    expect(ratio, `${ms[0].toFixed(1)} ms at n, ${ms[1].toFixed(1)} ms at 4n`).toBeLessThan(bound);
  });
});
