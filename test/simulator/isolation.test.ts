// State per user name: concurrent creates for one user each get their own id and all stay; two
// users never see each other's changes.
import { describe, expect, it } from 'vitest';
import { basicAuthorization, freshUser, useMock } from './support/mock.js';

const mock = useMock();

function api(user: string, method: string, path: string, body?: unknown) {
  return fetch(`${mock().url}/api/v3${path}`, {
    method,
    headers: { authorization: basicAuthorization(user), accept: 'application/vnd.github+json', ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

async function listIds(user: string, path = '/authorizations'): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; ; page++) {
    const response = await api(user, 'GET', `${path}?per_page=100&page=${page}`);
    expect(response.status).toBe(200);
    const items = (await response.json()) as Array<{ id: number }>;
    ids.push(...items.map((item) => item.id));
    if (!response.headers.get('link')?.includes('rel="next"')) return ids;
  }
}

describe('isolation and concurrency', () => {
  it('50 concurrent creates for one user: 50 distinct ids, all listed', async () => {
    const user = freshUser('concurrent');
    const before = await listIds(user);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, n) => api(user, 'POST', '/authorizations', { note: `concurrent ${n}`, scopes: ['repo'] })));
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
    const created = (await Promise.all(answers.map((answer) => answer.json()))) as Array<{ id: number; note: string }>;
    const ids = created.map((authorization) => authorization.id);
    expect(new Set(ids).size).toBe(50);
    expect(new Set(created.map((authorization) => authorization.note)).size).toBe(50);
    const listed = await listIds(user);
    expect(listed.sort((a, b) => a - b)).toEqual([...before, ...ids].sort((a, b) => a - b));
  });

  it('50 concurrent get-or-creates for one app: one 201, forty-nine 200 with the same authorization', async () => {
    const user = freshUser('concurrent-get-or-create');
    const answers = await Promise.all(Array.from({ length: 50 }, () => api(user, 'PUT', '/authorizations/clients/isolationapp00000001', { client_secret: 's'.repeat(40) })));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([...Array(49).fill(200), 201].sort());
    const ids = new Set(((await Promise.all(answers.map((answer) => answer.json()))) as Array<{ id: number }>).map((a) => a.id));
    expect(ids.size).toBe(1);
  });

  it("two user names never see each other's data", async () => {
    const [alice, bob] = [freshUser('alice'), freshUser('bob')];
    const seeded = await listIds(bob);
    const created = (await (await api(alice, 'POST', '/authorizations', { note: 'alice only' })).json()) as { id: number };
    const app = (await (await api(alice, 'PUT', '/authorizations/clients/isolationapp00000002', { client_secret: 's'.repeat(40) })).json()) as { id: number };
    // Bob's data is his seed, unchanged; alice's new ids are unknown to him.
    expect(await listIds(bob)).toEqual(seeded);
    expect((await api(bob, 'GET', `/authorizations/${created.id}`)).status).toBe(404);
    expect((await api(bob, 'GET', '/applications/grants?client_id=isolationapp00000002')).status).toBe(200);
    expect(await (await api(bob, 'GET', '/applications/grants?client_id=isolationapp00000002')).json()).toEqual([]);
    expect((await api(bob, 'DELETE', `/authorizations/${app.id}`)).status).toBe(404);
    // Bob deleting everything he has leaves alice's as they were.
    const aliceBefore = await listIds(alice);
    for (const id of seeded) expect((await api(bob, 'DELETE', `/authorizations/${id}`)).status).toBe(204);
    expect(await listIds(bob)).toEqual([]);
    expect(await listIds(alice)).toEqual(aliceBefore);
    expect(aliceBefore).toEqual(expect.arrayContaining([created.id, app.id]));
  });

  it('resetting one user forgets only their data', async () => {
    const [carol, dave] = [freshUser('carol'), freshUser('dave')];
    const seed = await listIds(carol);
    await api(carol, 'POST', '/authorizations', { note: 'carol' });
    await api(dave, 'POST', '/authorizations', { note: 'dave' });
    const daveBefore = await listIds(dave);
    const reset = await fetch(`${mock().url}/_simulator/reset`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-simulator-control': '1' }, body: JSON.stringify({ user: carol }) });
    expect(reset.status).toBe(204);
    expect(await listIds(carol)).toEqual(seed);
    expect(await listIds(dave)).toEqual(daveBefore);
  });
});
