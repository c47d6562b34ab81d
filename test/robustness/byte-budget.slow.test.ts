// RSS stays bounded under a create flood with large bodies: bodies past the field limits are
// refused (422) and not kept; creates at the field limits fill a user up to the per-user budget of
// stored bytes, then get 403, and from there on memory does not grow. Counts and ratios, no clock:
// before the limits, fifteen creates with a 1 MB note grew RSS by 51 MB.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedMock, startMock } from '../../scripts/mock/start-mock.js';
import { byteLimits, fieldLimits } from '../../src/simulator/limits.js';

let mock: StartedMock;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock?.stop());

const headers = { authorization: `Basic ${btoa('flood:secret')}`, 'content-type': 'application/json' };
const create = (body: unknown) => fetch(`${mock.url}/api/v3/authorizations`, { method: 'POST', headers, body: JSON.stringify(body) }).then(async (r) => (await r.arrayBuffer(), r.status));
const megabytes = (bytes: number) => Math.round(bytes / 2 ** 20);
// Memory as it is after a full collection: garbage not yet collected is no memory held.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const rss = () => {
  gc();
  return process.memoryUsage().rss;
};
const saved = { ...byteLimits };
afterAll(() => Object.assign(byteLimits, saved));

describe('a create flood with large bodies', () => {
  it('1 MB notes: each refused with 422, none kept; memory held does not grow with the flood', async () => {
    const note = 'n'.repeat(1_000_000);
    await create({ note: 'warm-up' });
    const statuses = new Map<number, number>();
    const flood = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const status = await create({ note: `${i}${note}` });
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
      return rss();
    };
    // 100 creates, then 400 more: memory retained per request would make the second step four times the first.
    const before = rss();
    const first = await flood(100);
    const second = await flood(400);
    console.log(
      `500 creates of 1 MB: ${JSON.stringify([...statuses])}; RSS after GC ${megabytes(before)} MB, +${megabytes(first - before)} MB after 100, +${megabytes(second - first)} MB after 400 more`,
    );
    expect([...statuses]).toEqual([[422, 500]]);
    expect(mock.simulator.state('flood').flood!.authorizations.every((a) => a.note!.length <= fieldLimits.note)).toBe(true);
    // 400 MB sent in the second step; retained, RSS would grow by as much (51 MB for fifteen, before).
    expect(second - first).toBeLessThan(Math.max(first - before, 0) + 40 * 2 ** 20);
  });

  it('creates at the field limits fill the user to its byte budget, then get 403; past that, RSS stays flat', { timeout: 120_000 }, async () => {
    // A budget of 8 MiB (128 MiB by default): the same rule, in fewer requests.
    byteLimits.perUser = 8 * 2 ** 20;
    const big = (i: number) => ({
      note: `${i}-`.padEnd(fieldLimits.note, 'n'),
      note_url: `http://example.com/${'u'.repeat(fieldLimits.note_url - 30)}`,
      scopes: Array.from({ length: fieldLimits.scopes }, (_, s) => `${s}`.padEnd(fieldLimits.scope, 's')),
    });
    let stored = 0;
    let i = 0;
    for (; ; i++) {
      const status = await create(big(i));
      if (status !== 201) {
        expect(status).toBe(403);
        break;
      }
      stored++;
    }
    const full = rss();
    const refused = new Map<number, number>();
    for (let j = 0; j < stored / 2; j++) {
      const status = await create(big(i + 1 + j));
      refused.set(status, (refused.get(status) ?? 0) + 1);
    }
    const after = rss();
    const kept = JSON.stringify(mock.simulator.state('flood')).length;
    console.log(
      `${stored} creates stored (${megabytes(kept)} MB of JSON, budget ${megabytes(byteLimits.perUser)} MB), then ${Math.floor(stored / 2)} more: ${JSON.stringify([...refused])}; RSS ${megabytes(full)} MB → ${megabytes(after)} MB`,
    );
    expect([...refused]).toEqual([[403, Math.ceil(stored / 2)]]);
    expect(kept).toBeLessThan(byteLimits.perUser * 1.1);
    expect(kept).toBeGreaterThan(byteLimits.perUser * 0.8);
    // Half as many creates again, all refused: RSS grows by less than a quarter of what filling
    // took (storing them would add half; the allocator's noise is well under a quarter).
    expect(after - full).toBeLessThan(kept / 4);
  });
});
