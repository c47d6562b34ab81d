// A full reset returns everything to the configuration the simulator started with (data,
// accounts, faults, scenarios, journal), in process and over HTTP; a per-user reset forgets one
// user's data only. Accounts and faults read back with passwords and codes masked.
import { describe, expect, it } from 'vitest';
import { getAuthorization200 } from '../../generated/examples.js';
import { createSimulator } from '../../src/simulator/index.js';
import { send } from './support.js';
import { useMock } from './support/mock.js';
import { controlFetch } from '../support/control.js';

const authorization = (id: number) => ({ ...getAuthorization200, id, url: `http://127.0.0.1:4010/authorizations/${id}`, token: '' });
const started = {
  accounts: { mona: { password: 'mona-pass-1234', otp: { code: '424242', channel: 'sms' as const } } },
  data: { octocat: { authorizations: [authorization(7)] } },
  faults: { delayMs: 1 },
  scenarios: [{ operationId: 'deleteGrant', fault: 500 as const }],
};

/** Changes every piece of state the simulator has. */
async function changeEverything(simulator: ReturnType<typeof createSimulator>) {
  await send(simulator, 'POST', '/authorizations', { body: { note: 'made in a test', scopes: [] } });
  simulator.setAccount('octocat', { password: 'only-this-one' });
  simulator.setAccount('mona', undefined);
  simulator.setFaults({ status: 503 });
  simulator.setScenarios([{ fault: 502 }]);
}

describe('full reset, in process', () => {
  it('reset() puts back the data, accounts, faults and scenarios it started with, and empties the journal', async () => {
    const simulator = createSimulator(started);
    const before = { state: simulator.state(), accounts: simulator.accounts(), faults: simulator.faults(), scenarios: simulator.scenarios() };
    await changeEverything(simulator);
    expect(simulator.faults()).toEqual({ status: 503 });
    expect((await send(simulator, 'GET', '/authorizations')).status).toBe(502);
    expect(simulator.requests().length).toBeGreaterThan(0);

    simulator.reset();
    expect({ state: simulator.state(), accounts: simulator.accounts(), faults: simulator.faults(), scenarios: simulator.scenarios().map(({ id: _, ...rest }) => rest) }).toEqual({
      ...before,
      scenarios: before.scenarios.map(({ id: _, ...rest }) => rest),
    });
    expect(simulator.requests()).toEqual([]);
    // And it behaves as it started: the account needs its code, the data is the data set.
    expect((await send(simulator, 'GET', '/authorizations', { user: 'mona', password: 'mona-pass-1234' })).status).toBe(401);
    expect((await send(simulator, 'GET', '/authorizations')).body.map((a: { id: number }) => a.id)).toEqual([7]);
  });

  it("the data set it started with is its own copy: changing the caller's object changes no reset", async () => {
    const data = structuredClone(started.data);
    const simulator = createSimulator({ data });
    data.octocat.authorizations[0]!.id = 99;
    simulator.reset();
    expect(simulator.state().octocat!.authorizations.map((a) => a.id)).toEqual([7]);
  });

  it("reset(user) forgets that user's data only", async () => {
    const simulator = createSimulator(started);
    await changeEverything(simulator);
    simulator.reset('octocat');
    expect(simulator.state('octocat')).toEqual({});
    expect(simulator.faults()).toEqual({ status: 503 });
    expect(simulator.accounts()).toEqual({ octocat: { password: '[masked]' } });
  });

  it('accounts() and faults() read back, passwords and codes masked', () => {
    const simulator = createSimulator(started);
    expect(simulator.accounts()).toEqual({ mona: { password: '[masked]', otp: { code: '[masked]', channel: 'sms' } } });
    expect(simulator.faults()).toEqual({ delayMs: 1 });
    simulator.setFaults(undefined);
    expect(simulator.faults()).toEqual({});
    expect(JSON.stringify(simulator.accounts())).not.toMatch(/mona-pass|424242/);
  });
});

describe('full reset and read-backs over HTTP', () => {
  const mock = useMock({ accounts: started.accounts });

  it('POST /_simulator/reset with no body (or {}) resets everything; {"user": …} one user\'s data; GET accounts and faults read back masked', async () => {
    const { url } = mock();
    const control = (method: string, path: string, body?: unknown) =>
      controlFetch(`${url}/_simulator${path}`, { method, ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
    expect((await control('PUT', '/accounts/later', { password: 'later-pass-777' })).status).toBe(204);
    expect((await control('PUT', '/faults', { status: 502 })).status).toBe(204);
    expect((await control('POST', '/scenarios', { fault: 503 })).status).toBe(204);
    const accounts = await control('GET', '/accounts');
    expect(accounts.status).toBe(200);
    const text = await accounts.text();
    expect(JSON.parse(text)).toEqual({ mona: { password: '[masked]', otp: { code: '[masked]', channel: 'sms' } }, later: { password: '[masked]' } });
    expect(text).not.toMatch(/later-pass-777|mona-pass-1234|424242/);
    expect(await (await control('GET', '/faults')).json()).toEqual({ status: 502 });

    // One user's reset touches that user's data only (octocat has none yet: a 400, and nothing reset).
    expect((await control('POST', '/reset', { user: 'octocat' })).status).toBe(400);
    expect(await (await control('GET', '/faults')).json()).toEqual({ status: 502 });
    expect((await control('POST', '/reset', {})).status).toBe(204);
    expect(await (await control('GET', '/faults')).json()).toEqual({});
    expect(await (await control('GET', '/accounts')).json()).toEqual({ mona: { password: '[masked]', otp: { code: '[masked]', channel: 'sms' } } });
    expect(await (await control('GET', '/scenarios')).json()).toEqual([]);
    expect(await (await control('GET', '/requests')).json()).toEqual([]);
    const wrong = await control('POST', '/reset', { all: true });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).message).toBe('the body of a reset is {} (everything as the simulator started) or {"user": "<name>"} (that user\'s data)');
  });

  it('GET /_simulator/accounts and /faults accept GET only', async () => {
    const { url } = mock();
    const answer = await controlFetch(`${url}/_simulator/accounts`, { method: 'DELETE' });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, OPTIONS');
  });
});
