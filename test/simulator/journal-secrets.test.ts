// The journal never holds a secret: after a full model-based run (random sequences of the ten
// operations, two-factor accounts with passwords and codes, OAuth app creates with client
// secrets), every journal entry and the HAR export are searched for every password, OTP code,
// client secret and token the run sent or was answered, and must hold none.
import { describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../src/simulator/index.js';
import { useMock } from './support/mock.js';
import { checkModel, type Target } from './support/model.js';

/** Records every secret a request carries and an answer reveals, around `send`. */
function collecting(target: Target) {
  const secrets = new Set<string>();
  let apiRequests = 0;
  const send: Target['send'] = async (request) => {
    const control = request.url.startsWith(target.controlUrl);
    if (!control) apiRequests++;
    const authorization = request.headers.get('authorization');
    if (authorization?.startsWith('Basic ')) {
      const encoded = authorization.slice(6);
      secrets.add(encoded);
      secrets.add(atob(encoded).split(':').slice(1).join(':'));
    }
    const otp = request.headers.get('x-github-otp');
    if (otp) secrets.add(otp);
    const text = await request.clone().text();
    if (text) {
      const body = JSON.parse(text);
      for (const value of [body.client_secret, body.password, body.otp?.code]) if (typeof value === 'string') secrets.add(value);
    }
    const response = await target.send(request);
    const answer = await response.clone().text();
    if (answer.startsWith('{') || answer.startsWith('[')) {
      for (const item of [JSON.parse(answer)].flat()) if (typeof item?.token === 'string' && item.token !== '') secrets.add(item.token);
    }
    return response;
  };
  return { target: { ...target, send }, secrets, apiRequests: () => apiRequests };
}

/** The secrets found in `text`, each as a whole word (a password "secret" is not the key "client_secret"). */
const leaks = (text: string, secrets: Set<string>) => [...secrets].filter((secret) => new RegExp(`(?<![A-Za-z0-9_+/=])${secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_+/=])`).test(text));

async function runAndSearch(simulator: Simulator, target: Target, numRuns: number) {
  const run = collecting(target);
  const { sequences } = await checkModel(run.target, { numRuns, maxCommands: 20 });
  expect(sequences).toBe(numRuns);
  const entries = simulator.requests();
  // Every API request is in it (nothing left out, so nothing unsearched).
  expect(entries).toHaveLength(run.apiRequests());
  // The run had secrets of every kind to leak: passwords, codes, client secrets, tokens.
  expect([...run.secrets].some((secret) => /^\d{6}$/.test(secret))).toBe(true);
  expect([...run.secrets].some((secret) => /^gh[op]_/.test(secret))).toBe(true);
  expect([...run.secrets].some((secret) => /^password-\d+$/.test(secret))).toBe(true);
  expect([...run.secrets].some((secret) => /^x{40}$/.test(secret))).toBe(true);
  for (const entry of entries) expect(leaks(JSON.stringify(entry), run.secrets), `entry ${entry.id}: ${entry.method} ${entry.path}`).toEqual([]);
  const har = await simulator.handle(new Request('http://ghes.test/_simulator/requests.har'));
  expect(leaks(await har.text(), run.secrets)).toEqual([]);
  // The search finds a secret where there is one.
  expect(leaks(`{"x":"${[...run.secrets][0]}"}`, run.secrets)).toHaveLength(1);
}

describe('the journal holds no secret after a full model-based run', () => {
  it('in process (as the MSW handlers run it)', { timeout: 120_000 }, async () => {
    const simulator = createSimulator({ journal: { size: 100_000 } });
    const target: Target = { send: (request) => simulator.handle(request), baseUrl: 'http://ghes.test/api/v3', controlUrl: 'http://ghes.test/_simulator' };
    await runAndSearch(simulator, target, 30);
  });

  const mock = useMock({ journal: { size: 100_000 } });
  it('over HTTP (the headers as Node received them)', { timeout: 120_000 }, async () => {
    const { url, simulator } = mock();
    await runAndSearch(simulator, { send: (request) => fetch(request), baseUrl: `${url}/api/v3`, controlUrl: `${url}/_simulator` }, 30);
  });
});
