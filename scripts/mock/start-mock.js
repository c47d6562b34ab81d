// The simulator over HTTP, started and stopped from a test runner (as moto's ThreadedMotoServer):
//   const mock = await startMock({ accounts: { octocat: { otp: { code: '123456' } } } });
//   … fetch(`${mock.url}/api/v3/authorizations`) …, mock.simulator.reset(), …
//   await mock.stop();
// Port 0 (the default) picks a free port; `url` says which.
import { loadSimulator } from './load-simulator.js';
import { listen, closeServer } from '../../src/server/serve.js';
import { createSimulatorServer } from '../../src/server/simulator-server.js';

/**
 * @param {{ port?: number, host?: string, accounts?: object, data?: object, faults?: object, strict?: boolean, verbose?: boolean, log?: (line: string) => void }} [options]
 * @returns {Promise<{ url: string, simulator: import('../../src/simulator/index.ts').Simulator, stop: () => Promise<void> }>}
 */
export async function startMock({ port = 0, host = '127.0.0.1', accounts, data, faults, strict, verbose = false, log } = {}) {
  const { createSimulator } = await loadSimulator();
  const simulator = createSimulator({ ...(accounts && { accounts }), ...(data && { data }), ...(faults && { faults }), ...(strict && { strict }) });
  const server = createSimulatorServer({ simulator, verbose, ...(log && { log }) });
  const url = await listen(server, { host, port });
  return { url, simulator, stop: () => closeServer(server) };
}
