// The simulator over HTTP from command-line options, as `npm start` and the package's bin both
// serve it: read the --accounts and --data files, make the simulator, listen, print the banner.
// Each problem is one line naming the option (and, in a file, the field).
import { simulatorBanner } from './banner.js';
import { listen } from './serve.js';
import { createSimulatorServer } from './simulator-server.js';
import { readJsonOption } from './start-options.js';

/**
 * @param {{ createSimulator: Function, operations: ReadonlyArray<{ method: string, path: string }> }} core the simulator module (src/simulator/)
 * @param {{ accountsFile?: string, dataFile?: string, delayMs?: number, strict?: boolean, verbose: boolean }} options as parsed from the command line
 * @param {{ host: string, port: number }} address
 * @param {{ fromPackage?: boolean }} [where] the bin of the installed package: no /docs, no --static
 * @returns {Promise<import('node:http').Server>} listening, its banner printed
 */
export async function serveSimulator({ createSimulator, operations }, { accountsFile, dataFile, delayMs, strict, verbose }, address, { fromPackage = false } = {}) {
  const [accounts, data] = await Promise.all([accountsFile && readJsonOption('--accounts', accountsFile), dataFile && readJsonOption('--data', dataFile)]);
  let simulator;
  try {
    simulator = createSimulator({ ...(accounts !== undefined && { accounts }), ...(delayMs !== undefined && { faults: { delayMs } }), ...(strict && { strict }) });
  } catch (error) {
    throw new Error(`--accounts ${accountsFile}: ${error.message}`);
  }
  if (data !== undefined) {
    try {
      simulator.load(data);
    } catch (error) {
      throw new Error(`--data ${dataFile}: ${error.message}`);
    }
  }
  const server = createSimulatorServer({ simulator, verbose, docs: !fromPackage });
  const url = await listen(server, address);
  console.log(simulatorBanner({ url, routes: operations, verbose, accounts: accounts ?? {}, delayMs, fromPackage }));
  return server;
}
