// The command line of the package's `bin`: `ghes-oauth-authorizations mock [options]` serves the
// simulator over HTTP, with the options of `npm start` (PORT, HOST and MOCK_VERBOSE from the
// environment too; a flag wins). Parsing only: nothing here reads a file or opens a port, and every
// problem is an Error whose message is one line the bin prints as it is.

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
}

/** `conformance`, `import` and `proxy` parse their own options (conformance-command.ts, record-proxy.ts). */
export interface ConformanceKitCommand {
  command: 'conformance' | 'import' | 'proxy';
  args: string[];
}

export type Command = MockCommand | ConformanceKitCommand | { command: 'help' } | { command: 'version' };

export const usage = `Usage: ${binName} mock [options]

Serves the GHES OAuth Authorizations API simulator over HTTP (state per user, 2FA accounts,
pagination, GitHub's exact bodies), on http://127.0.0.1:4010 and under /api/v3.

Options:
  --port <number>     port to listen on, 0 for any free one (default: PORT or 4010)
  --host <address>    address to listen on (default: HOST or 127.0.0.1)
  --accounts <file>   JSON accounts: { "octocat": { "password": "…", "otp": { "code": "123456" } } }
  --data <file>       JSON data set to start from (the shape GET /_simulator/state answers)
  --delay <ms>        every answer waits this long (0-60000)
  --verbose           log every request (MOCK_VERBOSE=1 does the same)
  -h, --help          show this help
  --version           print the package version

       ${binName} conformance --target <url> --user <name> [options]
         compares your GHES server with the simulator, safely (see conformance --help)
       ${binName} import <recording.json> [--out data.json]
         turns a recording of a server into a data set for --data
       ${binName} proxy <upstream URL> --record rec.json [--har rec.har]
         forwards to your server and records every exchange, secrets scrubbed
`;

const valued = ['--port', '--host', '--accounts', '--data', '--delay'] as const;
type Valued = (typeof valued)[number];
const optionList = [...valued, '--verbose', '--help'].join(', ');

/** Parses the bin's arguments (without `node` and the script); throws a one-line Error. */
export function parseCommandLine(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): Command {
  const [command, ...rest] = argv;
  if (command === undefined) throw new Error(`name a command: ${binName} mock [options] (see ${binName} --help)`);
  if (command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  if (command === '--version') return { command: 'version' };
  if (command === 'conformance' || command === 'import' || command === 'proxy') return { command, args: rest };
  if (command !== 'mock') throw new Error(`unknown command ${JSON.stringify(command)}: the commands are mock, conformance, import and proxy (see ${binName} --help)`);

  const values: Partial<Record<Valued, string>> = {};
  let verbose = /^(1|true|yes|on)$/i.test(env.MOCK_VERBOSE ?? '');
  for (let index = 0; index < rest.length; index += 1) {
    const argument = rest[index]!;
    if (argument === '--help' || argument === '-h') return { command: 'help' };
    if (argument === '--verbose') {
      verbose = true;
      continue;
    }
    const equals = argument.indexOf('=');
    const name = equals > 0 ? argument.slice(0, equals) : argument;
    if (name === '--static') throw new Error(`--static is the repository's Prism mode (npm start -- --static); ${binName} mock serves the simulator`);
    if (!(valued as readonly string[]).includes(name)) {
      throw new Error(`unknown option ${JSON.stringify(argument)}: the options are ${optionList}`);
    }
    const value = equals > 0 ? argument.slice(equals + 1) : rest[++index];
    if (value === undefined || (equals < 0 && value.startsWith('--'))) throw new Error(`${name} needs a value`);
    if (name in values) throw new Error(`${name} is given twice`);
    values[name as Valued] = value;
  }

  const port = portOf(values['--port'] ?? env.PORT, values['--port'] === undefined ? 'PORT' : '--port');
  const host = values['--host'] ?? (env.HOST || '127.0.0.1');
  if (host === '') throw new Error('--host needs an address, e.g. 127.0.0.1 or 0.0.0.0');
  const delay = values['--delay'];
  // As npm start's --delay: up to a minute, long enough for any spinner.
  if (delay !== undefined && (!/^\d{1,6}$/.test(delay) || Number(delay) > 60_000)) throw new Error(`--delay ${delay}: must be a whole number of milliseconds from 0 to 60000`);
  return {
    command: 'mock',
    port,
    host,
    verbose,
    ...(values['--accounts'] !== undefined && { accountsFile: nonEmpty('--accounts', values['--accounts']) }),
    ...(values['--data'] !== undefined && { dataFile: nonEmpty('--data', values['--data']) }),
    ...(delay !== undefined && { delayMs: Number(delay) }),
  };
}

function portOf(value: string | undefined, name: string): number {
  if (value === undefined || value === '') return 4010;
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) throw new Error(`${name} must be a port number (0-65535), not ${JSON.stringify(value)}`);
  return port;
}

function nonEmpty(name: string, value: string): string {
  if (value === '') throw new Error(`${name} needs a file name`);
  return value;
}
