// The simulator over HTTP from command-line options, as `npm start` and the package's bin both
// serve it: read the --accounts and --data files, make the simulator, start it (startMockWith, as
// the package's startMock does), print the banner. Each problem is one line naming the option
// (and, in a file, the field).
import { simulatorBanner } from './banner.js';
import { startMockWith } from './start-mock.js';
import { readJsonOption } from './start-options.js';

/**
 * @param {{ createSimulator: (options?: object) => import('../simulator/index.js').Simulator, operations: ReadonlyArray<{ method: string, path: string }> }} core the simulator module (src/simulator/)
 * @param {{ accountsFile?: string, dataFile?: string, delayMs?: number, seed?: string, now?: string, stateFile?: string, strict?: boolean, verbose: boolean }} options as parsed from the command line
 * @param {{ host: string, port: number }} address
 * @param {{ fromPackage?: boolean }} [where] the bin of the installed package: no /docs, no --static
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>} listening, its banner printed
 */
export async function serveSimulator(core, { accountsFile, dataFile, delayMs, seed, now, stateFile, strict, verbose }, address, { fromPackage = false } = {}) {
  const [accounts, data] = await Promise.all([accountsFile && readJsonOption('--accounts', accountsFile), dataFile && readJsonOption('--data', dataFile)]);
  let simulator;
  try {
    simulator = core.createSimulator({ ...(accounts !== undefined && { accounts }), ...(delayMs !== undefined && { faults: { delayMs } }), ...(seed !== undefined && { seed }), ...(now !== undefined && { now }), ...(strict && { strict }) });
  } catch (error) {
    // The option parser has checked --delay, --seed and --now: what is left is the accounts file.
    throw new Error(`--accounts ${accountsFile}: ${error.message}`);
  }
  if (data !== undefined) {
    try {
      simulator.load(data);
    } catch (error) {
      throw new Error(`--data ${dataFile}: ${error.message}`);
    }
  }
  const mock = await startMockWith(core, { simulator, verbose, docs: !fromPackage, ...address, ...(stateFile !== undefined && { stateFile }) });
  console.log(simulatorBanner({ url: mock.url, routes: core.operations, verbose, accounts: accounts ?? {}, delayMs, fromPackage, stateFile }));
  return mock;
}
