// The conformance kit's scenario table, run against the simulator: each step's `expect` holds, and
// every answer the table's `contract` check reads is valid against the contract. The same table is
// what the kit sends to a real server (src/conformance/run.ts), so the two cannot drift apart.
import { describe, expect, it } from 'vitest';
import { contractProblems, type Observed } from '../../src/conformance/compare.js';
import { runConformance, type Transport } from '../../src/conformance/run.js';
import { scenarios, type Step } from '../../src/conformance/scenarios.js';
import { createSimulator } from '../../src/simulator/index.js';

const app = { clientId: 'c0ffee00c0ffee00c0ff', clientSecret: 'the-kit-app-secret' };

function inProcess(accounts = {}): Transport {
  const simulator = createSimulator({ accounts });
  return { base: 'http://127.0.0.1:4010/api/v3', send: (request) => simulator.handle(request) };
}

async function runTable(transport: Transport, otp?: string) {
  const seen = new Map<string, Observed>();
  const report = await runConformance({
    target: transport,
    user: 'mona',
    password: 'right',
    app,
    ...(otp && { otp: () => otp }),
    onStep: (step, target) => seen.set(step.name, target),
  });
  return { report, seen };
}

function expectMet(step: Step, observed: Observed) {
  expect(observed.status, step.name).toBe(step.expect.status);
  const body = observed.body as { message?: string; errors?: Array<{ field: string; code: string }> } | undefined;
  if (step.expect.message !== undefined) expect(body?.message, step.name).toBe(step.expect.message);
  if (step.expect.errors !== undefined)
    expect(
      body?.errors?.map(({ field, code }) => ({ field, code })),
      step.name,
    ).toEqual(step.expect.errors);
  for (const [name, value] of Object.entries(step.expect.headers ?? {})) {
    if (value === true) expect(observed.headers[name], `${step.name} ${name}`).toBeDefined();
    else if (value === null) expect(observed.headers[name], `${step.name} ${name}`).toBeUndefined();
    else expect(observed.headers[name], `${step.name} ${name}`).toBe(value);
  }
  if (step.compare.includes('contract')) expect(contractProblems(step.request.method, step.request.path, observed), step.name).toEqual([]);
}

describe('the scenario table against the simulator', () => {
  it("meets every step's expectation on a two-factor account, and the kit finds no difference", async () => {
    const { report, seen } = await runTable(inProcess({ mona: { password: 'right', otp: { code: '123456' } } }), '123456');
    expect([...seen.keys()]).toEqual(scenarios.map((step) => step.name));
    for (const step of scenarios) expectMet(step, seen.get(step.name)!);
    expect(report.checks.filter((check) => check.outcome !== 'pass')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.cleanup.notDeleted).toEqual([]);
  });

  it('skips only the two-factor steps on an account without two-factor authentication', async () => {
    const { report, seen } = await runTable(inProcess({ mona: { password: 'right' } }));
    const ran = scenarios.filter((step) => step.needs !== 'two-factor');
    expect([...seen.keys()]).toEqual(ran.map((step) => step.name));
    for (const step of ran) expectMet(step, seen.get(step.name)!);
    expect(new Set(report.checks.filter((check) => check.outcome === 'skip').map((check) => check.step))).toEqual(new Set(['otp-challenge', 'otp-retry']));
    expect(report.ok).toBe(true);
  });
});
