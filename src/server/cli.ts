// The command line of the package's `bin`: `ghes-oauth-authorizations mock [options]` serves the
// simulator over HTTP, with the options of `npm start` (PORT, HOST and MOCK_VERBOSE from the
// environment too; a flag wins). The options are src/server/options.ts's table, shared with
// `npm start` and `npm run proxy`. Parsing only: nothing here reads a file or opens a port, and
// every problem is an Error whose message is one line the bin prints as it is.
import { parseOptions, usageOf } from './options.js';

export const binName = 'ghes-oauth-authorizations';

export interface MockCommand {
  command: 'mock';
  port: number;
  host: string;
  verbose: boolean;
  /** A JSON file of accounts: `{ "octocat": { "password": "…", "otp": { "code": "123456" } } }`. */
  accountsFile?: string;
  /** A JSON data set to start from (what `GET /_simulator/state` answers). */
  dataFile?: string;
  /** Every answer waits this long, in ms. */
  delayMs?: number;
  /** Contract-strict request bodies: 422 for what GitHub ignored (unknown fields, an empty client_id). */
  strict?: boolean;
  /** Tokens follow from it. */
  seed?: string;
  /** The clock starts frozen at this ISO time. */
  now?: string;
  /** The state is kept in this JSON file. */
  stateFile?: string;
  /** Host names answered besides localhost, *.localhost, IP addresses and --host (DNS-rebinding guard). */
  allowedHosts?: string[];
  /** Control requests need `Authorization: Bearer <controlToken>`. */
  controlToken?: string;
  /** A JSON file of scenarios (one-shot behaviours) to queue at start. */
  scenariosFile?: string;
  /** How many requests the journal keeps (--journal-size). */
  journalSize?: number;
  /** Keep no journal (--no-journal). */
  noJournal?: boolean;
}

/** `conformance`, `import` and `proxy` parse their own options (conformance-command.ts, record-proxy.ts). */
export interface ConformanceKitCommand {
  command: 'conformance' | 'import' | 'proxy';
  args: string[];
}

export type Command = MockCommand | ConformanceKitCommand | { command: 'help' } | { command: 'version' };

export const usage = `${usageOf('mock')}
Commands: mock (the simulator). ${binName} --version prints the package version.
       ${binName} conformance --target <url> --user <name> [options]
         compares your GHES server with the simulator, safely (see conformance --help)
       ${binName} import <recording.json> [--out data.json]
         turns a recording of a server into a data set for --data
       ${binName} proxy <upstream URL> --record rec.json [--har rec.har]
         forwards to your server and records every exchange, secrets scrubbed
`;

/** Parses the bin's arguments (without `node` and the script); throws a one-line Error. */
export function parseCommandLine(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): Command {
  const [command, ...rest] = argv;
  if (command === undefined) throw new Error(`name a command: ${binName} mock [options] (see ${binName} --help)`);
  if (command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  if (command === '--version') return { command: 'version' };
  if (command === 'conformance' || command === 'import' || command === 'proxy') return { command, args: rest };
  if (command !== 'mock') throw new Error(`unknown command ${JSON.stringify(command)}: the commands are mock, conformance, import and proxy (see ${binName} --help)`);
  const parsed = parseOptions('mock', rest, env);
  if ('help' in parsed) return { command: 'help' };
  if (parsed.version) return { command: 'version' };
  const { port, host, verbose, accountsFile, dataFile, delayMs, seed, now, stateFile, strict, allowedHosts, controlToken, scenariosFile, journalSize, noJournal } = parsed;
  return {
    command: 'mock',
    port,
    host,
    verbose,
    ...(accountsFile !== undefined && { accountsFile }),
    ...(dataFile !== undefined && { dataFile }),
    ...(delayMs !== undefined && { delayMs }),
    ...(seed !== undefined && { seed }),
    ...(now !== undefined && { now }),
    ...(stateFile !== undefined && { stateFile }),
    ...(strict && { strict }),
    ...(allowedHosts !== undefined && { allowedHosts }),
    ...(controlToken !== undefined && { controlToken }),
    ...(scenariosFile !== undefined && { scenariosFile }),
    ...(journalSize !== undefined && { journalSize }),
    ...(noJournal && { noJournal }),
  };
}
