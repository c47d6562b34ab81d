// Random sequences of the ten operations (and 2FA on and off) against the simulator over HTTP,
// compared step by step with the reference model and the contract (test/simulator/support/model.ts).
// model-based.slow.test.ts runs ten times as many under `npm run test:slow`.
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/simulator/index.js';
import { httpTarget, useMock } from './support/mock.js';
import { checkModel, type Send, type Target } from './support/model.js';

const mock = useMock();

describe.each(['/api/v3', ''] as const)('the simulator under "%s" behaves as the reference model', (prefix) => {
  it('in 50 random sequences of up to 20 steps', { timeout: 120_000 }, async () => {
    const { sequences, commands, outcomes } = await checkModel(() => httpTarget(mock(), prefix), { numRuns: 50, maxCommands: 20 });
    expect(sequences).toBe(50);
    expect(commands / sequences).toBeGreaterThan(5);
    // The sequences reach the answers that matter: creates, conflicts, 304s, 404s, 2FA refusals.
    for (const outcome of ['createAuthorization 201', 'createAuthorization 422 description already_exists', 'listAuthorizations 304', 'getAuthorization 404', 'deleteGrant 204']) {
      expect(outcomes.get(outcome), outcome).toBeGreaterThan(0);
    }
    expect([...outcomes.keys()].some((outcome) => outcome.endsWith('401 Must specify two-factor authentication OTP code.'))).toBe(true);
  });
});

describe('the same commands through Simulator.handle(), with no HTTP (as MSW handlers call it)', () => {
  it('in 20 random sequences', { timeout: 60_000 }, async () => {
    const simulator = createSimulator();
    const target: Target = { send: (request) => simulator.handle(request), baseUrl: 'http://ghes.test/api/v3', controlUrl: 'http://ghes.test/_simulator' };
    expect((await checkModel(target, { numRuns: 20, maxCommands: 20 })).sequences).toBe(20);
  });
});

/** The target with `change` between the model and the simulator. */
const broken = (change: (request: Request, send: Send) => Promise<Response>) => (): Target => {
  const target = httpTarget(mock(), '/api/v3');
  return { ...target, send: (request) => change(request, target.send) };
};
const answer = async (response: Response, edit: (body: any, headers: Headers) => unknown) => {
  const headers = new Headers(response.headers);
  const text = await response.text();
  const body = edit(text === '' ? undefined : JSON.parse(text), headers);
  headers.delete('content-length');
  return new Response(body === undefined ? null : JSON.stringify(body), { status: response.status, headers });
};

describe('the model notices a simulator that', () => {
  it.each<[string, (request: Request, send: Send) => Promise<Response>]>([
    ['forgets deletes', async (request, send) => (request.method === 'DELETE' && /\/authorizations\/\d+$/.test(request.url) ? new Response(null, { status: 204 }) : send(request))],
    ['ignores If-None-Match', (request, send) => (request.headers.delete('if-none-match'), send(request))],
    [
      'ignores per_page',
      (request, send) => {
        const url = new URL(request.url);
        url.searchParams.delete('per_page');
        return send(new Request(url, request));
      },
    ],
    ['answers a Location that is not the url', async (request, send) => answer(await send(request), (body, headers) => (headers.has('location') && headers.set('location', `${body.url}0`), body))],
    [
      'answers "Not Found: …" for an unknown id',
      async (request, send) => answer(await send(request), (body) => (body?.message === 'Not Found' ? { ...body, message: 'Not Found: no such id' } : body)),
    ],
    [
      'shows the token in a list',
      async (request, send) => answer(await send(request), (body) => (Array.isArray(body) ? body.map((item) => ('token' in item ? { ...item, token: 'gho_x' } : item)) : body)),
    ],
    [
      'does not turn two-factor authentication on',
      async (request, send) => {
        if (request.method !== 'PUT' || !request.url.includes('/_simulator/accounts/')) return send(request);
        const { otp: _otp, ...rest } = await request.json();
        return send(new Request(request.url, { method: 'PUT', headers: request.headers, body: JSON.stringify(rest) }));
      },
    ],
  ])('%s', { timeout: 120_000 }, async (_, change) => {
    const error = await checkModel(broken(change), { numRuns: 100, endOnFailure: true }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    // fast-check's failure, caused by one of the model's assertions (not by a crash of the test).
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).cause).toMatchObject({ name: 'AssertionError' });
  });
});
