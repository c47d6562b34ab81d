// Delays are cancellable: a delayed request whose client goes away is dropped before it touches
// state (over HTTP and in the MSW handlers, through the request's signal), and the server's stop()
// cancels pending delays, so a test runner's process exits at once. Events, not timing: each test
// waits for the request to reach the simulator, then for the outcome.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { startMock } from '../../scripts/mock/start-mock.js';
import { createHandlers } from '../../src/msw.js';
import type { Simulator, SimulatorReply } from '../../src/simulator/index.js';

const auth = { authorization: `Basic ${btoa('octocat:secret')}`, 'content-type': 'application/json' };
const create = { method: 'POST', headers: { ...auth, 'x-simulator-delay': '60000' }, body: JSON.stringify({ note: 'never stored' }) };

/** Watches `simulator.reply`: `arrived` resolves when a request reaches it, `replied` with what it answered. */
function watch(simulator: Simulator) {
  let arrive!: () => void;
  let reply!: (reply: SimulatorReply) => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const replied = new Promise<SimulatorReply>((resolve) => (reply = resolve));
  const original = simulator.reply.bind(simulator);
  simulator.reply = (call, origin) => {
    arrive();
    const answer = original(call, origin);
    void answer.then(reply);
    return answer;
  };
  return { arrived, replied };
}

const notes = (simulator: Simulator) => simulator.state('octocat').octocat?.authorizations.map((a) => a.note) ?? [];

describe('a delayed request whose client goes away is dropped before it touches state', () => {
  it('over HTTP', async () => {
    const mock = await startMock();
    try {
      const { arrived, replied } = watch(mock.simulator);
      const client = new AbortController();
      const sent = fetch(`${mock.url}/api/v3/authorizations`, { ...create, signal: client.signal }).catch((error: Error) => error.name);
      await arrived;
      client.abort();
      expect(await sent).toBe('AbortError');
      expect(await replied).toEqual({ drop: true });
      expect(notes(mock.simulator)).not.toContain('never stored');
    } finally {
      await mock.stop();
    }
  });

  it('in the MSW handlers (the request signal)', async () => {
    const handlers = createHandlers({ baseUrl: 'https://ghes.example.test' });
    const server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: 'bypass' });
    try {
      // handle() builds the call with the request's signal, then reply() waits on it.
      const { arrived, replied } = watch(handlers.simulator);
      const client = new AbortController();
      const sent = fetch('https://ghes.example.test/api/v3/authorizations', { ...create, signal: client.signal }).catch((error: Error) => error.name);
      await arrived;
      client.abort();
      expect(await sent).toBe('AbortError');
      expect(await replied).toEqual({ drop: true });
      expect(notes(handlers.simulator)).not.toContain('never stored');
    } finally {
      server.close();
    }
  });
});

describe('stop() cancels pending delays', () => {
  it('with a request waiting 60 s, stop() resolves with nothing pending and the process exits by itself', async () => {
    const startMockFile = fileURLToPath(new URL('../../scripts/mock/start-mock.js', import.meta.url));
    // A test runner's process (Node with tsx, as npm start runs the TypeScript): start, send a request delayed 60 s, stop once it has arrived, then
    // report what still keeps the event loop alive. It must exit on its own, with nothing pending.
    const script = `
      import { startMock } from ${JSON.stringify(startMockFile)};
      const mock = await startMock();
      const original = mock.simulator.reply.bind(mock.simulator);
      let arrive;
      const arrived = new Promise((resolve) => (arrive = resolve));
      mock.simulator.reply = (call, origin) => (arrive(), original(call, origin));
      const sent = fetch(mock.url + '/api/v3/authorizations', ${JSON.stringify(create)}).then((r) => r.status, (e) => e.name);
      await arrived;
      await mock.stop();
      console.log(JSON.stringify({ client: await sent, pending: process.getActiveResourcesInfo().filter((r) => r === 'Timeout') }));
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code, output).toBe(0);
    const report = JSON.parse(output.trim().split('\n').at(-1)!);
    expect(report.client).toBe('TypeError'); // fetch failed: the connection closed with no answer
    expect(report.pending).toEqual([]);
  });
});
