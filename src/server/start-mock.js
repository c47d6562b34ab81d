// The simulator over HTTP, started and stopped from a program or a test (as moto's
// ThreadedMotoServer): the package's `ghes-oauth-authorizations/server` (index.ts), `npm start`
// and the bin all start it here. Port 0 (the default) picks a free port; `url` says which.
import { listen, closeServer } from './serve.js';
import { createSimulatorServer } from './simulator-server.js';
import { keepStateIn } from './state-file.js';

/**
 * @param {{ createSimulator: (options?: object) => import('../simulator/index.js').Simulator }} core the simulator module (src/simulator/), as the caller loaded it
 * @param {import('./index.js').StartMockOptions & { docs?: boolean }} [options] see index.ts; `docs`: serve /docs (the repository's page)
 * @returns {Promise<{ url: string, simulator: import('../simulator/index.js').Simulator, stop: () => Promise<void> }>}
 */
export async function startMockWith(core, options = {}) {
  const { port = 0, host = '127.0.0.1', verbose = false, log, stateFile, docs = false, allowedHosts = [], floodGraceMs, simulator: given, ...simulatorOptions } = options;
  const own = Object.fromEntries(Object.entries(simulatorOptions).filter(([, value]) => value !== undefined));
  if (given && Object.keys(own).length > 0) throw new Error(`startMock: pass either simulator or ${Object.keys(own).join(', ')} (the simulator's own options), not both`);
  const simulator = given ?? core.createSimulator(own);
  const kept = stateFile === undefined ? undefined : await keepStateIn(stateFile, simulator);
  // The name it listens on is answered too (an IP address is anyway), against DNS rebinding.
  const server = createSimulatorServer({ simulator, verbose, docs, ...(log && { log }), allowedHosts: [host, ...allowedHosts], ...(floodGraceMs !== undefined && { floodGraceMs }) });
  let url;
  try {
    url = await listen(server, { host, port });
  } catch (error) {
    await kept?.close();
    throw error;
  }
  let stopped;
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
