// The simulator over HTTP, started and stopped from a program or a test (as moto's
// ThreadedMotoServer): the package's `ghes-oauth-authorizations/server` (index.ts), `npm start`
// and the bin all start it here. Port 0 (the default) picks a free port; `url` says which.
import { createSimulator } from '../simulator/index.js';
import type { StartedMock, StartMockOptions } from './index.js';
import { closeServer, listen } from './serve.js';
import { createSimulatorServer, type Pages } from './simulator-server.js';
import { keepStateIn } from './state-file.js';

/** startMock's options (index.ts), and `pages`: what the server serves besides the API (npm start's /docs). */
export async function startMockServer(options: StartMockOptions & { pages?: Pages } = {}): Promise<StartedMock> {
  const { port = 0, host = '127.0.0.1', verbose = false, log, stateFile, pages, allowedHosts = [], floodGraceMs, simulator: given, ...simulatorOptions } = options;
  const own = Object.fromEntries(Object.entries(simulatorOptions).filter(([, value]) => value !== undefined));
  if (given && Object.keys(own).length > 0) throw new Error(`startMock: pass either simulator or ${Object.keys(own).join(', ')} (the simulator's own options), not both`);
  const simulator = given ?? createSimulator(own);
  const kept = stateFile === undefined ? undefined : await keepStateIn(stateFile, simulator);
  // The name it listens on is answered too (an IP address is anyway), against DNS rebinding.
  const server = createSimulatorServer({
    simulator,
    verbose,
    ...(pages && { pages }),
    ...(log && { log }),
    allowedHosts: [host, ...allowedHosts],
    ...(floodGraceMs !== undefined && { floodGraceMs }),
  });
  let url: string;
  try {
    url = await listen(server, { host, port });
  } catch (error) {
    await kept?.close();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    url,
    simulator,
    // Once: the server and its connections closed, then the state file written a last time.
    stop: () =>
      (stopped ??= (async () => {
        await closeServer(server);
        await kept?.close();
      })()),
  };
}
