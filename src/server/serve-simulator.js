// The simulator over HTTP from command-line options, as `npm start` and the package's bin both
// serve it: read the --accounts, --data and --scenarios files, make the simulator, listen, print the banner.
// Each problem is one line naming the option (and, in a file, the field).
import { simulatorBanner } from './banner.js';
import { listen } from './serve.js';
import { createSimulatorServer } from './simulator-server.js';
import { readJsonOption } from './start-options.js';

/**
 * @param {{ createSimulator: Function, operations: ReadonlyArray<{ method: string, path: string }> }} core the simulator module (src/simulator/)
 * @param {{ accountsFile?: string, dataFile?: string, delayMs?: number, scenariosFile?: string, journal?: false | { size: number }, verbose: boolean }} options as parsed from the command line
 * @param {{ host: string, port: number }} address
 * @param {{ fromPackage?: boolean }} [where] the bin of the installed package: no /docs, no --static
 * @returns {Promise<import('node:http').Server>} listening, its banner printed
 */
export async function serveSimulator({ createSimulator, operations }, { accountsFile, dataFile, delayMs, scenariosFile, journal, verbose }, address, { fromPackage = false } = {}) {
  const [accounts, data, scenarios] = await Promise.all([
    accountsFile && readJsonOption('--accounts', accountsFile),
    dataFile && readJsonOption('--data', dataFile),
    scenariosFile && readJsonOption('--scenarios', scenariosFile),
  ]);
  // Each file is checked on its own first, so that a problem names its option; then the simulator
  // starts with all of them, which a full reset returns to.
  /** @type {Array<[string, string | undefined, object]>} */
  const checks = [
    ['--accounts', accountsFile, { accounts }],
    ['--data', dataFile, { data }],
    ['--scenarios', scenariosFile, { scenarios }],
  ];
  for (const [option, file, given] of checks) {
    if (file === undefined) continue;
    try {
      createSimulator({ ...given, journal: false });
    } catch (error) {
      throw new Error(`${option} ${file}: ${error.message}`);
    }
  }
  const simulator = createSimulator({
    ...(accounts !== undefined && { accounts }),
    ...(data !== undefined && { data }),
    ...(scenarios !== undefined && { scenarios }),
    ...(delayMs !== undefined && { faults: { delayMs } }),
    ...(journal !== undefined && { journal }),
  });
  const server = createSimulatorServer({ simulator, verbose, docs: !fromPackage });
  const url = await listen(server, address);
  console.log(simulatorBanner({ url, routes: operations, verbose, accounts: accounts ?? {}, delayMs, fromPackage }));
  return server;
}
