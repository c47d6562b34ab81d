// The simulator over HTTP from command-line options, as `npm start` and the package's bin both
// serve it: the simulator options the command line sets (options.js's rows with simulatorOption,
// their JSON files read), the simulator made, started (startMockWith, as the package's startMock
// does), the banner printed. Each problem is one line naming the option (and, in a file, the field).
import { simulatorBanner } from './banner.js';
import { simulatorOptionsOf } from './options.js';
import { startMockWith } from './start-mock.js';
import { readJsonOption } from './start-options.js';

/**
 * @param {{ createSimulator: (options?: object) => import('../simulator/index.js').Simulator, checkControlToken: (token: string, where: string) => string, operations: ReadonlyArray<{ method: string, path: string }> }} core the simulator module (src/simulator/)
 * @param {{ accountsFile?: string, dataFile?: string, scenariosFile?: string, delayMs?: number, seed?: string, now?: string, strict?: boolean, journalSize?: number, noJournal?: boolean, stateFile?: string, verbose: boolean, allowedHosts?: string[], controlToken?: string }} options as parsed from the command line (options.js)
 * @param {{ host: string, port: number }} address
 * @param {{ fromPackage?: boolean }} [where] the bin of the installed package: no /docs, no --static
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>} listening, its banner printed
 */
export async function serveSimulator(core, options, address, { fromPackage = false } = {}) {
  const { stateFile, verbose, allowedHosts = [], controlToken } = options;
  const token = controlToken === undefined ? undefined : core.checkControlToken(controlToken, '--control-token');
  // Each simulator option the command line sets (options.js's rows), its JSON file read; each is
  // checked alone first, so that a problem names its flag (and file).
  const given = await Promise.all(
    simulatorOptionsOf(/** @type {any} */ (options)).map(async (entry) => ({ ...entry, value: entry.file === undefined ? entry.value : await readJsonOption(entry.flag, entry.file) })),
  );
  for (const { option, flag, file, value } of given) {
    try {
      core.createSimulator({ [option]: value });
    } catch (error) {
      throw new Error(`${flag}${file === undefined ? '' : ` ${file}`}: ${error.message}`);
    }
  }
  const simulator = core.createSimulator({ ...Object.fromEntries(given.map(({ option, value }) => [option, value])), ...(token !== undefined && { controlToken: token }) });
  // The name it listens on is answered too (an IP address is anyway).
  const mock = await startMockWith(core, { simulator, verbose, docs: !fromPackage, ...address, allowedHosts, ...(stateFile !== undefined && { stateFile }) });
  const accounts = given.find((entry) => entry.option === 'accounts')?.value ?? {};
  console.log(simulatorBanner({ url: mock.url, routes: core.operations, verbose, accounts, delayMs: options.delayMs, fromPackage, stateFile, controlToken: token !== undefined }));
  return mock;
}
