// The simulator over HTTP from command-line options, as `npm start` and the package's bin both
// serve it: the simulator options the command line sets (options.ts's rows with simulatorOption,
// their JSON files read), the simulator made, started (startMockServer, as the package's startMock
// does), the banner printed. Each problem is one line naming the option (and, in a file, the field).
import { readFile } from 'node:fs/promises';
import { checkControlToken, createSimulator, operations, type AccountConfig } from '../simulator/index.js';
import type { StartedMock } from './index.js';
import { simulatorBanner } from './banner.js';
import { simulatorOptionsOf, type ParsedOptions } from './options.js';
import type { Pages } from './simulator-server.js';
import { startMockServer } from './start-mock.js';

/** The options serveSimulator reads, as parsed from the command line (options.ts). */
export type ServeOptions = Pick<ParsedOptions, 'verbose'> & Partial<Omit<ParsedOptions, 'verbose' | 'port' | 'host' | 'static' | 'positionals'>>;

/** What the caller adds: npm start's /docs page and its lines in the banner (the bin adds none). */
export interface ServeExtras {
  pages?: Pages;
  /** Lines for the banner, given the server's URL. */
  bannerLines?: (url: string) => string;
}

/** The parsed JSON of `file`, or a one-line error naming the option and the file. */
export async function readJsonOption(option: string, file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`${option} ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${option} ${file}: not JSON (${(error as Error).message})`);
  }
}

/** Listening, its banner printed. */
export async function serveSimulator(options: ServeOptions, address: { host: string; port: number }, { pages, bannerLines }: ServeExtras = {}): Promise<StartedMock> {
  const { stateFile, verbose, allowedHosts = [], controlToken } = options;
  const token = controlToken === undefined ? undefined : checkControlToken(controlToken, '--control-token');
  // Each simulator option the command line sets (options.ts's rows), its JSON file read; each is
  // checked alone first, so that a problem names its flag (and file).
  const given = await Promise.all(simulatorOptionsOf(options).map(async (entry) => ({ ...entry, value: entry.file === undefined ? entry.value : await readJsonOption(entry.flag, entry.file) })));
  for (const { option, flag, file, value } of given) {
    try {
      createSimulator({ [option]: value });
    } catch (error) {
      throw new Error(`${flag}${file === undefined ? '' : ` ${file}`}: ${(error as Error).message}`);
    }
  }
  const simulator = createSimulator({ ...Object.fromEntries(given.map(({ option, value }) => [option, value])), ...(token !== undefined && { controlToken: token }) });
  // The name it listens on is answered too (an IP address is anyway).
  const mock = await startMockServer({ simulator, verbose, ...address, allowedHosts, ...(pages && { pages }), ...(stateFile !== undefined && { stateFile }) });
  // Checked by createSimulator above.
  const accounts = (given.find((entry) => entry.option === 'accounts')?.value ?? {}) as Record<string, AccountConfig>;
  console.log(
    simulatorBanner({
      url: mock.url,
      routes: operations,
      verbose,
      accounts,
      delayMs: options.delayMs,
      stateFile,
      controlToken: token !== undefined,
      ...(bannerLines && { more: bannerLines(mock.url) }),
    }),
  );
  return mock;
}
