// The commands spawned as a user runs them, at once: `npm start` once per transport (the simulator
// and `--static`, Prism) and `npm run proxy`. The other mock tests talk to the same servers started
// in process (global-setup.ts, proxy.test.ts); this is the one check that each command itself
// starts, serves and stops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, githubHeaders, mockUrl } from './support/calls.js';
import { freePort, pollUntil, type Started, startScript, stop, waitUntilReady } from './support/processes.js';

const started: Record<string, Started> = {};
beforeAll(async () => {
  started.simulator = startScript('start', { port: await freePort() });
  started.static = startScript('start', { port: await freePort(), args: ['--static'] });
  started.proxy = startScript('proxy', { port: await freePort(), args: ['--verbose', `${mockUrl()}/api/v3`] });
  await Promise.all(Object.values(started).map(waitUntilReady));
});
afterAll(async () => {
  for (const command of Object.values(started)) await stop(command);
});

/** SIGTERM, then exit code 0 and no signal; the command's output is the failure's message. */
async function exitsCleanly(command: Started) {
  const { code, signal } = await stop(command);
  expect({ code, signal }, command.output()).toEqual({ code: 0, signal: null });
}

describe.each(['simulator', 'static'])('npm start (%s)', (transport) => {
  it('serves the API under /api/v3 and the docs page', async () => {
    const { url } = started[transport]!;
    const list = await fetch(`${url}/api/v3/authorizations`, { headers: { authorization: basic, ...githubHeaders } });
    expect(list.status).toBe(200);
    expect(Array.isArray(await list.json())).toBe(true);
    const docs = await fetch(`${url}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('<html');
  });

  it('exits 0 on SIGTERM', () => exitsCleanly(started[transport]!));
});

describe('npm run proxy -- --verbose <upstream>', () => {
  it('forwards to the upstream, and prints each exchange on its output: one that conforms, one that breaks the contract', async () => {
    const { url, output } = started.proxy!;
    const list = await fetch(`${url}/api/v3/authorizations`, { headers: { authorization: basic, ...githubHeaders } });
    expect(list.status).toBe(200);
    expect(Array.isArray(await list.json())).toBe(true);
    await pollUntil('the conforming exchange', () => (/^✓ GET \/api\/v3\/authorizations → 200$/m.test(output()) ? true : undefined));
    await fetch(`${url}/api/v3/authorizations/1`, { headers: { authorization: 'token ghp_x', ...githubHeaders } });
    await pollUntil('the report', () => (/^✗ GET \/api\/v3\/authorizations\/1 → \d+ breaks the contract:\n {4}request: no Basic credentials/m.test(output()) ? true : undefined));
  });

  it('exits 0 on SIGTERM', () => exitsCleanly(started.proxy!));
});
