// The journal, scenarios, full reset and read-backs through the MSW handlers (setupServer and
// fetch), as an app's unit tests use them: `handlers.simulator` in process, and the control API on
// the handlers' origin.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/index.js';
import { createHandlers } from '../../src/msw.js';
import type { JournalEntry } from '../../src/simulator/index.js';
import { checkHar } from '../simulator/support/har.js';
import { controlFetch } from '../support/control.js';

const origin = 'https://ghes-journal.example.test';
const baseUrl = `${origin}/api/v3`;
const handlers = createHandlers({ baseUrl, accounts: { mona: { password: 'mona-pass-1234', otp: { code: '424242' } } } });
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => handlers.simulator.reset());
afterAll(() => server.close());

const basic = (user: string, password: string) => `Basic ${btoa(`${user}:${password}`)}`;
const createAs = (user: string, password: string, note: string, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl}/authorizations`, {
    method: 'POST',
    headers: { authorization: basic(user, password), 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ note, scopes: ['repo'] }),
  });

describe('the guide (docs/frontend-testing.md), as written', () => {
  it('"retries the create with the one-time code": the journal shows the 401, then the retry with the right code', async () => {
    handlers.simulator.setAccount('mona', { otp: { code: '123456' } });
    const client = createClient({ baseUrl, username: 'mona', password: 'secret', otp: async () => '123456' });
    await client.createAuthorization({ body: { scopes: ['repo'], note: 'ci' } });
    const creates = handlers.simulator.requests({ user: 'mona', operationId: 'createAuthorization' });
    expect(creates.map((request) => [request.status, request.headers['x-github-otp']])).toEqual([
      [401, undefined],
      [201, 'sent, right'],
    ]);
    expect(creates[1]?.body).toEqual({ scopes: ['repo'], note: 'ci' });
  });

  it('"the next two creates fail with 502, then it works"', async () => {
    handlers.simulator.addScenarios({ operationId: 'createAuthorization', fault: 502, times: 2 });
    for (let attempt = 0; attempt < 3; attempt++) await createAs('octocat', 'pw', `retry ${attempt}`);
    expect(handlers.simulator.requests({ operationId: 'createAuthorization' }).map((request) => request.status)).toEqual([502, 502, 201]);
    expect(handlers.simulator.scenarios()).toEqual([]);
  });
});

describe('the MSW handlers keep the journal', () => {
  it('handlers.simulator.requests() and GET /_simulator/requests answer the same entries, redacted', async () => {
    const created = await createAs('octocat', 'msw-secret-55', 'from msw');
    const { token } = await created.json();
    await createAs('mona', 'mona-pass-1234', 'no code');
    const inProcess = handlers.simulator.requests({ operationId: 'createAuthorization' });
    expect(inProcess.map((entry) => [entry.user, entry.status, entry.headers.authorization, entry.body])).toEqual([
      ['octocat', 201, 'Basic octocat', { note: 'from msw', scopes: ['repo'] }],
      ['mona', 401, 'Basic mona', { note: 'no code', scopes: ['repo'] }],
    ]);
    const overFetch = (await (await controlFetch(`${origin}/_simulator/requests?operationId=createAuthorization`)).json()) as JournalEntry[];
    expect(overFetch).toEqual(inProcess);
    expect(JSON.stringify(overFetch)).not.toMatch(new RegExp(`${token}|msw-secret-55|mona-pass-1234`));
    const har = await (await controlFetch(`${origin}/_simulator/requests.har`)).json();
    expect(checkHar(har)).toEqual([]);
    expect(har.log.entries[0].request.url).toBe(`${baseUrl}/authorizations`);
  });

  it('a scenario through the handlers: the next create fails with 502, then it works; the journal says which applied', async () => {
    const queued = await controlFetch(`${origin}/_simulator/scenarios`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operationId: 'createAuthorization', fault: 502 }),
    });
    expect(queued.status).toBe(204);
    expect([(await createAs('octocat', 'pw', 'one')).status, (await createAs('octocat', 'pw', 'two')).status]).toEqual([502, 201]);
    expect(handlers.simulator.requests().map((entry) => entry.scenario?.id ?? null)).toEqual([handlers.simulator.requests()[0]!.scenario!.id, null]);
  });

  it('a full reset through the handlers puts back the accounts and faults, empties the journal and the scenarios', async () => {
    handlers.simulator.setAccount('mona', undefined);
    handlers.simulator.setFaults({ status: 503 });
    handlers.simulator.addScenarios({ fault: 500 });
    await fetch(`${baseUrl}/authorizations`, { headers: { authorization: basic('octocat', 'pw') } });
    expect((await controlFetch(`${origin}/_simulator/reset`, { method: 'POST' })).status).toBe(204);
    expect(await (await controlFetch(`${origin}/_simulator/accounts`)).json()).toEqual({ mona: { password: '[masked]', otp: { code: '[masked]' } } });
    expect(await (await controlFetch(`${origin}/_simulator/faults`)).json()).toEqual({});
    expect(handlers.simulator.scenarios()).toEqual([]);
    expect(handlers.simulator.requests()).toEqual([]);
    expect((await fetch(`${baseUrl}/authorizations`, { headers: { authorization: basic('mona', 'mona-pass-1234') } })).status).toBe(401);
  });
});
