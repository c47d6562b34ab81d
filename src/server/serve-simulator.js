// The simulator over HTTP from command-line options, as `npm start` and the package's bin both
// serve it: read the --accounts, --data and --scenarios files, make the simulator, start it
// (startMockWith, as the package's startMock does), print the banner. Each problem is one line
// naming the option (and, in a file, the field).
import { simulatorBanner } from './banner.js';
import { startMockWith } from './start-mock.js';
import { readJsonOption } from './start-options.js';

/**
 * @param {{ createSimulator: (options?: object) => import('../simulator/index.js').Simulator, checkControlToken: (token: string, where: string) => string, operations: ReadonlyArray<{ method: string, path: string }> }} core the simulator module (src/simulator/)
 * @param {{ accountsFile?: string, dataFile?: string, scenariosFile?: string, delayMs?: number, seed?: string, now?: string, stateFile?: string, strict?: boolean, journalSize?: number, noJournal?: boolean, verbose: boolean, allowedHosts?: string[], controlToken?: string }} options as parsed from the command line
 * @param {{ host: string, port: number }} address
 * @param {{ fromPackage?: boolean }} [where] the bin of the installed package: no /docs, no --static
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>} listening, its banner printed
 */
export async function serveSimulator(core, options, address, { fromPackage = false } = {}) {
  const { accountsFile, dataFile, scenariosFile, delayMs, seed, now, stateFile, strict, journalSize, noJournal, verbose, allowedHosts = [], controlToken } = options;
  const token = controlToken === undefined ? undefined : core.checkControlToken(controlToken, '--control-token');
  const journal = noJournal ? false : journalSize === undefined ? undefined : { size: journalSize };
  const [accounts, data, scenarios] = await Promise.all([
    accountsFile && readJsonOption('--accounts', accountsFile),
    dataFile && readJsonOption('--data', dataFile),
    scenariosFile && readJsonOption('--scenarios', scenariosFile),
  ]);
  // Each file is checked on its own first, so that a problem names its option; then the simulator
  // starts with all of them, which a full reset returns to. (--delay, --seed and --now were checked
  // by the option parser.)
  /** @type {Array<[string, string | undefined, object]>} */
  const checks = [
    ['--accounts', accountsFile, { accounts }],
    ['--data', dataFile, { data }],
    ['--scenarios', scenariosFile, { scenarios }],
  ];
  for (const [option, file, given] of checks) {
    if (file === undefined) continue;
    try {
      core.createSimulator({ ...given, journal: false });
    } catch (error) {
      throw new Error(`${option} ${file}: ${error.message}`);
    }
  }
  const simulator = core.createSimulator({
    ...(accounts !== undefined && { accounts }),
    ...(data !== undefined && { data }),
    ...(scenarios !== undefined && { scenarios }),
    ...(delayMs !== undefined && { faults: { delayMs } }),
    ...(seed !== undefined && { seed }),
    ...(now !== undefined && { now }),
    ...(strict && { strict }),
    ...(token !== undefined && { controlToken: token }),
    ...(journal !== undefined && { journal }),
  });
  // The name it listens on is answered too (an IP address is anyway).
  const mock = await startMockWith(core, { simulator, verbose, docs: !fromPackage, ...address, allowedHosts, ...(stateFile !== undefined && { stateFile }) });
  console.log(simulatorBanner({ url: mock.url, routes: core.operations, verbose, accounts: accounts ?? {}, delayMs, fromPackage, stateFile, controlToken: token !== undefined }));
  return mock;
}
