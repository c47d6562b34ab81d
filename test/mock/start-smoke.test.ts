// `npm start`'s own command, spawned as a user runs it, once per transport: the simulator and
// `--static` (Prism). The other mock tests talk to the same servers started in process
// (global-setup.ts); this is the one check that the command itself starts, serves and stops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, githubHeaders } from './support/calls.js';
import { freePort, type Started, startScript, stop, waitUntilReady } from './support/processes.js';

const started: Record<string, Started> = {};
beforeAll(async () => {
  started.simulator = startScript('start', { port: await freePort() });
  started.static = startScript('start', { port: await freePort(), args: ['--static'] });
  await Promise.all(Object.values(started).map(waitUntilReady));
});
afterAll(async () => {
  for (const mock of Object.values(started)) await stop(mock);
});

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

  it('exits 0 on SIGTERM', async () => {
    const { code, signal } = await stop(started[transport]!);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });
});
