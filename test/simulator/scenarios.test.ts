// Scenarios: one-shot behaviours used in order as requests match them, then normal service; set at
// start, in process and over HTTP; checked whole (a named error, nothing queued); the journal says
// which one applied.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveSimulator } from '../../src/server/serve-simulator.js';
import { createSimulator } from '../../src/simulator/index.js';
import { send } from './support.js';
import { useMock } from './support/mock.js';
import { controlFetch } from '../support/control.js';

const create = (simulator: ReturnType<typeof createSimulator>, note: string, user = 'octocat') => send(simulator, 'POST', '/authorizations', { user, body: { note, scopes: [] } });

describe('scenarios, in process', () => {
  it('"the next two creates fail with 502, then it works"; other operations are not touched', async () => {
    const simulator = createSimulator({ scenarios: [{ operationId: 'createAuthorization', fault: 502, times: 2 }] });
    expect((await send(simulator, 'GET', '/authorizations')).status).toBe(200);
    expect((await create(simulator, 'a')).status).toBe(502);
    expect((await create(simulator, 'b')).status).toBe(502);
    expect((await create(simulator, 'c')).status).toBe(201);
    expect(simulator.scenarios()).toEqual([]);
    expect(simulator.requests({ operationId: 'createAuthorization' }).map((entry) => [entry.status, entry.scenario?.description])).toEqual([
      [502, 'scenario 1 (createAuthorization): fault 502 (1 of 2)'],
      [502, 'scenario 1 (createAuthorization): fault 502 (2 of 2)'],
      [201, undefined],
    ]);
  });

  it('are used in order, each by the first request that matches its operation, method and user', async () => {
    const simulator = createSimulator();
    simulator.addScenarios([
      { operationId: 'oauth-authorizations/get-authorization', user: 'mona', status: 404 },
      { method: 'POST', fault: 'drop' },
      { operationId: 'getAuthorization', example: 'otp-required' },
      { user: 'mona', fault: 503 },
    ]);
    const forced = await send(simulator, 'GET', '/authorizations/1');
    expect([forced.status, forced.body.message, forced.headers.get('preference-applied')]).toEqual([401, 'Must specify two-factor authentication OTP code.', 'code=401, example=otp-required']);
    expect(simulator.scenarios().map((scenario) => scenario.id)).toEqual([1, 2, 4]);
    expect((await send(simulator, 'GET', '/authorizations/1', { user: 'mona' })).status).toBe(404);
    expect((await send(simulator, 'GET', '/authorizations', { user: 'mona' })).status).toBe(503);
    expect((await create(simulator, 'dropped')).status).toBe(0); // Response.error(): a network error
    expect(simulator.scenarios()).toEqual([]);
    expect((await send(simulator, 'GET', '/authorizations/1', { user: 'mona' })).status).toBe(200);
    expect(simulator.requests().map((entry) => entry.scenario?.id)).toEqual([3, 1, 4, 2, undefined]);
  });

  it('a delay, then the normal answer', async () => {
    const simulator = createSimulator({ scenarios: [{ operationId: 'listAuthorizations', delayMs: 30 }] });
    const answer = await send(simulator, 'GET', '/authorizations');
    expect(answer.status).toBe(200);
    expect(simulator.requests()[0]).toMatchObject({ fault: { delayMs: 30 }, scenario: { id: 1 } });
    expect(simulator.requests()[0]!.durationMs).toBeGreaterThanOrEqual(29);
  });

  it.each<[string, unknown, string]>([
    ['an unknown operation', { operationId: 'makeCoffee', fault: 500 }, 'scenarios[0].operationId: "makeCoffee" is no operation of this API; it has listGrants, getGrant,'],
    [
      'a method the operation never has',
      { operationId: 'createAuthorization', method: 'GET', fault: 500 },
      'scenarios[0].method: createAuthorization is POST, never GET: the scenario would never apply',
    ],
    ['a status the operation does not document', { operationId: 'getGrant', status: 201 }, 'scenarios[0]: code=201 is not a response of get-grant; it answers'],
    ['an example it does not have', { operationId: 'getGrant', example: 'nope' }, 'scenarios[0]: example=nope is not an example of get-grant;'],
    ['a fault that is no server error', { fault: 404 }, 'scenarios[0].fault: must be a server error status (500 to 599) or "drop"'],
    ['nothing to do', { operationId: 'getGrant' }, 'scenarios[0]: says nothing to do: give delayMs, fault, status or example'],
    ['a status without an operation', { status: 404 }, 'scenarios[0]: status and example need operationId'],
    ['an unknown field', { operationId: 'getGrant', fault: 500, when: 'now' }, 'scenarios[0].when: is not allowed'],
    ['times of 0', { fault: 500, times: 0 }, 'scenarios[0].times: must be a whole number from 1 to 1000'],
    ['a delay over a minute', { delayMs: 60_001 }, 'scenarios[0].delayMs: must be a whole number of milliseconds from 0 to 60000'],
  ])('%s → a named error, and nothing is queued', (_, scenario, message) => {
    const simulator = createSimulator({ scenarios: [{ fault: 500 }] });
    expect(() => simulator.addScenarios([{ delayMs: 1 }, scenario as never])).toThrow(message.replace('scenarios[0]', 'scenarios[1]'));
    expect(simulator.scenarios()).toHaveLength(1);
    expect(() => createSimulator({ scenarios: [scenario as never] })).toThrow(message);
  });

  it('setScenarios replaces the queue; a full reset puts back the scenarios the simulator started with', async () => {
    const simulator = createSimulator({ scenarios: [{ operationId: 'deleteGrant', fault: 500 }] });
    simulator.setScenarios([{ fault: 502 }, { fault: 503 }]);
    expect(simulator.scenarios().map((scenario) => scenario.fault)).toEqual([502, 503]);
    expect((await send(simulator, 'GET', '/authorizations')).status).toBe(502);
    simulator.reset();
    expect(simulator.scenarios()).toMatchObject([{ operationId: 'deleteGrant', fault: 500, remaining: 1 }]);
    simulator.setScenarios(undefined);
    expect(simulator.scenarios()).toEqual([]);
  });
});

describe('scenarios over HTTP', () => {
  const mock = useMock();

  it('POST /_simulator/scenarios queues, GET reads the queue, PUT replaces, DELETE empties; a bad one is a 422 that names it', async () => {
    const { url } = mock();
    const user = `scenario-${Math.random().toString(36).slice(2, 8)}`;
    const json = (method: string, body?: unknown) =>
      controlFetch(`${url}/_simulator/scenarios`, { method, headers: { 'content-type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
    expect((await json('POST', { operationId: 'createAuthorization', user, fault: 502, times: 2 })).status).toBe(204);
    expect(await (await json('GET')).json()).toMatchObject([{ operationId: 'createAuthorization', user, fault: 502, times: 2, remaining: 2 }]);
    const createAs = () => fetch(`${url}/api/v3/authorizations`, { method: 'POST', headers: { authorization: `Basic ${btoa(`${user}:pw`)}` }, body: JSON.stringify({ note: `n${Math.random()}` }) });
    expect([(await createAs()).status, (await createAs()).status, (await createAs()).status]).toEqual([502, 502, 201]);
    const bad = await json('POST', [{ fault: 500 }, { fault: 'sometimes' }]);
    expect(bad.status).toBe(422);
    expect((await bad.json()).message).toBe('scenarios[1].fault: must be a server error status (500 to 599) or "drop"');
    expect(await (await json('GET')).json()).toEqual([]);
    expect((await json('PUT', [{ fault: 500, user }])).status).toBe(204);
    expect((await json('DELETE')).status).toBe(204);
    expect(await (await json('GET')).json()).toEqual([]);
    const applied = (await (await controlFetch(`${url}/_simulator/requests?user=${user}&status=502`)).json()) as Array<{ scenario: { id: number } }>;
    expect(applied).toHaveLength(2);
  });

  it('--scenarios file.json queues them at start; a bad file stops the start with its name and the field', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'scenarios-'));
    const good = join(folder, 'good.json');
    const bad = join(folder, 'bad.json');
    await writeFile(good, JSON.stringify([{ operationId: 'listAuthorizations', fault: 503 }]));
    await writeFile(bad, JSON.stringify([{ operationId: 'listAuthorizations', fault: 404 }]));
    await expect(serveSimulator({ scenariosFile: bad, verbose: false }, { host: '127.0.0.1', port: 0 })).rejects.toThrow(
      `--scenarios ${bad}: scenarios[0].fault: must be a server error status (500 to 599) or "drop"`,
    );
    const log = console.log;
    console.log = () => undefined;
    const mock = await serveSimulator({ scenariosFile: good, verbose: false }, { host: '127.0.0.1', port: 0 }).finally(() => (console.log = log));
    try {
      const list = () => fetch(`${mock.url}/authorizations`, { headers: { authorization: `Basic ${btoa('octocat:pw')}` } }).then((response) => response.status);
      expect([await list(), await list()]).toEqual([503, 200]);
    } finally {
      await mock.stop();
    }
  });
});
