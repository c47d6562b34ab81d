// The command-line options of `npm start`, the package's bin (`ghes-oauth-authorizations mock`) and
// `npm run proxy`: one table, one parser (node:util parseArgs), one help text per command. A new
// option is one row; one that sets a createSimulator option names it (`simulatorOption`, and
// `jsonFile` for a file to read), and npm start and the bin pass it on. Parsing only: nothing here
// reads a file or opens a port, and every problem is an Error whose message is one line that names
// the option.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { delayOfText, delayRule, maxDelayMs } from '../simulator/delay.js';

/** npm start, the bin's `mock`, npm run proxy. */
export type CommandName = 'start' | 'mock' | 'proxy';

export interface OptionRow {
  /** The long option, without `--`. */
  name: string;
  /** A one-letter alias. */
  short?: string;
  type: 'string' | 'boolean';
  /** The property of the parsed options (default: the name in camelCase). */
  key?: string;
  /** How the help names the value, e.g. `<ms>`. */
  value?: string;
  /** One line. */
  help: string;
  /** Which commands take it. */
  commands: readonly CommandName[];
  /** An environment variable that gives the default (a flag wins). */
  env?: string;
  /** The value from its text; throws a message naming `flag`. */
  check?: (text: string, flag: string) => unknown;
  /** The createSimulator option it sets (npm start and the bin pass it on, checked by the simulator, an error naming the flag). */
  simulatorOption?: string;
  /** Its value is a JSON file, read at start: the simulator option gets its content. */
  jsonFile?: boolean;
}

/** The options as parsed (`parseOptions`). */
export interface ParsedOptions {
  port: number;
  host: string;
  verbose: boolean;
  static: boolean;
  accountsFile?: string;
  dataFile?: string;
  delayMs?: number;
  seed?: string;
  now?: string;
  stateFile?: string;
  strict?: boolean;
  scenariosFile?: string;
  journalSize?: number;
  noJournal?: boolean;
  allowedHosts?: string[];
  controlToken?: string;
  version?: boolean;
  /** The proxy's --record. */
  recordFile?: string;
  /** The proxy's --har. */
  harFile?: string;
  /** The proxy's upstream URL. */
  positionals: string[];
}

/** A createSimulator option the command line sets: its flag, and its value or the JSON file that holds it. */
export type SimulatorOptionEntry = { option: string; flag: string; value: unknown; file?: undefined } | { option: string; flag: string; file: string; value?: undefined };

const simulator = ['start', 'mock'] as const;
const all = ['start', 'mock', 'proxy'] as const;

export const optionTable: readonly OptionRow[] = [
  { name: 'port', type: 'string', value: '<number>', env: 'PORT', help: 'port to listen on, 0 for any free one (default: PORT or 4010)', commands: all, check: portOf },
  { name: 'host', type: 'string', value: '<address>', env: 'HOST', help: 'address to listen on (default: HOST or 127.0.0.1)', commands: all, check: hostOf },
  {
    name: 'accounts',
    key: 'accountsFile',
    type: 'string',
    value: '<file>',
    help: 'JSON accounts: { "octocat": { "password": "…", "otp": { "code": "123456" } } }',
    commands: simulator,
    check: fileName,
    simulatorOption: 'accounts',
    jsonFile: true,
  },
  {
    name: 'data',
    key: 'dataFile',
    type: 'string',
    value: '<file>',
    help: 'JSON data set to start from (the shape GET /_simulator/state answers)',
    commands: simulator,
    check: fileName,
    simulatorOption: 'data',
    jsonFile: true,
  },
  { name: 'delay', key: 'delayMs', type: 'string', value: '<ms>', help: `every answer waits this long (0-${maxDelayMs})`, commands: simulator, check: delayOf },
  { name: 'seed', type: 'string', value: '<text>', help: 'tokens follow from it: the same seed and requests give the same answers', commands: simulator, check: seedOf, simulatorOption: 'seed' },
  {
    name: 'now',
    type: 'string',
    value: '<ISO time>',
    help: 'the clock starts frozen at this time, e.g. 2026-01-01T00:00:00Z (PUT /_simulator/clock moves it)',
    commands: simulator,
    check: timeOf,
    simulatorOption: 'now',
  },
  { name: 'state-file', type: 'string', value: '<file>', help: 'keep the state in this JSON file: loaded at start, written after each change', commands: simulator, check: fileName },
  {
    name: 'scenarios',
    key: 'scenariosFile',
    type: 'string',
    value: '<file>',
    help: 'JSON scenarios to queue: [{ "operationId": "oauth-authorizations/create-authorization", "fault": 502, "times": 2 }]',
    commands: simulator,
    check: fileName,
    simulatorOption: 'scenarios',
    jsonFile: true,
  },
  { name: 'journal-size', type: 'string', value: '<n>', help: 'how many requests the journal keeps (1-100000, default 1000)', commands: simulator, check: journalSizeOf },
  { name: 'no-journal', type: 'boolean', help: 'keep no journal of requests', commands: simulator },
  {
    name: 'allowed-hosts',
    type: 'string',
    value: '<a,b>',
    help: 'Host names to answer besides localhost, *.localhost, IP addresses and --host (a hosts-file alias, a container name; .name adds subdomains)',
    commands: all,
    check: hostListOf,
  },
  {
    name: 'control-token',
    type: 'string',
    value: '<token>',
    help: 'control requests (/_simulator/…) need Authorization: Bearer <token> besides X-Simulator-Control: 1',
    commands: simulator,
    check: nonEmptyOf,
  },
  {
    name: 'strict',
    type: 'boolean',
    help: 'enforce the contract on request bodies (422 for unknown fields, an empty client_id) rather than take them as GitHub did',
    commands: simulator,
    simulatorOption: 'strict',
  },
  { name: 'static', type: 'boolean', help: "serve the docs' examples verbatim through Prism (no state)", commands: ['start'] },
  {
    name: 'record',
    key: 'recordFile',
    type: 'string',
    value: '<file>',
    help: 'write every exchange, its secrets scrubbed, to this JSON file (for import and the conformance kit)',
    commands: ['proxy'],
    check: fileName,
  },
  { name: 'har', key: 'harFile', type: 'string', value: '<file>', help: 'write the same exchanges as HAR 1.2', commands: ['proxy'], check: fileName },
  { name: 'verbose', type: 'boolean', env: 'MOCK_VERBOSE', help: 'log every request (MOCK_VERBOSE=1 does the same)', commands: all },
  { name: 'help', short: 'h', type: 'boolean', help: 'show this help', commands: all },
  { name: 'version', type: 'boolean', help: 'print the package version', commands: ['mock'] },
];

/**
 * The createSimulator options the parsed command line sets (rows with `simulatorOption`), each
 * with its flag and, for a JSON file, the file to read. --delay is the faults option's delayMs;
 * --journal-size and --no-journal the journal option.
 */
export function simulatorOptionsOf(parsed: Partial<ParsedOptions>): SimulatorOptionEntry[] {
  const set: SimulatorOptionEntry[] = [];
  for (const row of optionTable) {
    const value = (parsed as Record<string, unknown>)[keyOf(row)];
    if (!row.simulatorOption || value === undefined) continue;
    set.push(row.jsonFile ? { option: row.simulatorOption, flag: flagOf(row), file: value as string } : { option: row.simulatorOption, flag: flagOf(row), value });
  }
  if (parsed.delayMs !== undefined) set.push({ option: 'faults', flag: '--delay', value: { delayMs: parsed.delayMs } });
  // --journal-size and --no-journal are the journal option's size and off switch (never both: parseOptions refuses that).
  if (parsed.noJournal) set.push({ option: 'journal', flag: '--no-journal', value: false });
  else if (parsed.journalSize !== undefined) set.push({ option: 'journal', flag: '--journal-size', value: { size: parsed.journalSize } });
  return set;
}

/** What each command is, for its help's first lines. */
const commandLines: Record<CommandName, [usage: string, what: string]> = {
  start: ['Usage: npm start -- [options]', 'Serves the GHES OAuth Authorizations API simulator (or, with --static, Prism) on http://127.0.0.1:4010 and under /api/v3.'],
  mock: [
    'Usage: ghes-oauth-authorizations mock [options]',
    "Serves the GHES OAuth Authorizations API simulator over HTTP (state per user, 2FA accounts,\npagination, GitHub's exact bodies), on http://127.0.0.1:4010 and under /api/v3.",
  ],
  proxy: [
    'Usage: npm run proxy -- <upstream base URL> [options], e.g. npm run proxy -- https://ghes.example.com/api/v3',
    'A validating proxy: every request and response that breaks the contract is reported.',
  ],
};

const rowsOf = (command: CommandName) => optionTable.filter((row) => row.commands.includes(command));
const keyOf = (row: OptionRow) => row.key ?? row.name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
const flagOf = (row: OptionRow) => `--${row.name}`;

/** The help of one command: its usage line and one line per option. */
export function usageOf(command: CommandName): string {
  const lines = rowsOf(command).map((row) => [`${row.short ? `-${row.short}, ` : ''}${flagOf(row)}${row.value ? ` ${row.value}` : ''}`, row.help] as const);
  const width = Math.max(...lines.map(([left]) => left.length));
  const [usage, what] = commandLines[command];
  return `${usage}\n\n${what}\n\nOptions:\n${lines.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`).join('\n')}\n`;
}

/**
 * Parses one command's arguments (after the command word, if any). `env`: PORT, HOST and
 * MOCK_VERBOSE give defaults.
 */
export function parseOptions(command: CommandName, argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): { help: true } | ParsedOptions {
  const rows = rowsOf(command);
  const byName = new Map(rows.map((row) => [row.name, row]));
  const shorts = new Map(rows.filter((row) => row.short).map((row) => [row.short, row]));
  const options: NonNullable<ParseArgsConfig['options']> = Object.fromEntries(rows.map((row) => [row.name, { type: row.type, ...(row.short && { short: row.short }) }]));
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const optionList = rows.map(flagOf).join(', ');

  const given: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    // parseArgs names a known short option by its long name (-h: help).
    const row = token.rawName.startsWith('--') ? byName.get(token.name) : shorts.get(token.rawName.slice(1));
    if (!row) {
      if (token.name === 'static' && command === 'mock') throw new Error("--static is the repository's Prism mode (npm start -- --static); ghes-oauth-authorizations mock serves the simulator");
      throw new Error(`unknown option ${JSON.stringify(token.rawName)}: the options are ${optionList}`);
    }
    if (row.name === 'help') return { help: true };
    const flag = flagOf(row);
    if (flag in given) throw new Error(`${flag} is given twice`);
    if (row.type === 'boolean') {
      if (token.value !== undefined) throw new Error(`${flag} takes no value`);
      given[flag] = true;
    } else {
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith('--'))) throw new Error(`${flag} needs a value`);
      given[flag] = token.value;
    }
  }
  if (command !== 'proxy' && positionals.length > 0) throw new Error(`unexpected argument ${JSON.stringify(positionals[0])}: the options are ${optionList}`);

  const parsed: Record<string, unknown> = { static: false, verbose: false, positionals };
  for (const row of rows) {
    const flag = flagOf(row);
    if (row.type === 'boolean') {
      if (flag in given) parsed[keyOf(row)] = true;
      else if (row.env && /^(1|true|yes|on)$/i.test(env[row.env] ?? '')) parsed[keyOf(row)] = true;
      continue;
    }
    const fromFlag = given[flag] as string | undefined;
    // An empty PORT or HOST is as good as none (a flag's empty value is an error).
    const fromEnv = row.env && env[row.env] ? env[row.env] : undefined;
    const text = fromFlag ?? fromEnv;
    const name = fromFlag === undefined ? row.env : flag;
    if (text !== undefined) parsed[keyOf(row)] = row.check ? row.check(text, name as string) : text;
  }
  if (parsed.noJournal && parsed.journalSize !== undefined) throw new Error('--journal-size and --no-journal contradict each other: give one');
  parsed.port ??= 4010;
  parsed.host ??= '127.0.0.1';
  if (parsed.static) {
    const simulatorOnly = rows.find((row) => row.commands.includes('mock') && !row.commands.includes('proxy') && flagOf(row) in given && row.name !== 'version');
    if (simulatorOnly) throw new Error(`${flagOf(simulatorOnly)} works with the simulator, not with --static (Prism keeps no state)`);
  }
  return parsed as unknown as ParsedOptions;
}

// --- checks: each takes the text and the flag (or variable) it came from ----------------------

/** The one port rule (npm start, the bin's mock and proxy, npm run proxy): 0 to 65535. */
export function portOf(text: string, flag: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) throw new Error(`${flag} must be a port number (0-65535), not ${JSON.stringify(text)}`);
  return port;
}

function hostOf(text: string, flag: string) {
  if (text === '') throw new Error(`${flag} needs an address, e.g. 127.0.0.1 or 0.0.0.0`);
  return text;
}

function fileName(text: string, flag: string) {
  if (text === '') throw new Error(`${flag} needs a file name`);
  return text;
}

function hostListOf(text: string, flag: string) {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) throw new Error(`${flag} needs host names, e.g. ${flag} ghes.test,.docker.internal`);
  return names;
}

function nonEmptyOf(text: string, flag: string) {
  if (text === '') throw new Error(`${flag} needs a value`);
  return text;
}

function journalSizeOf(text: string, flag: string) {
  if (!/^\d{1,6}$/.test(text) || Number(text) < 1 || Number(text) > 100_000) throw new Error(`${flag} ${text}: must be a whole number of requests from 1 to 100000`);
  return Number(text);
}

function delayOf(text: string, flag: string) {
  const ms = delayOfText(text);
  if (ms === undefined) throw new Error(`${flag} ${text}: ${delayRule}`);
  return ms;
}

function seedOf(text: string, flag: string) {
  if (text === '' || text.length > 200) throw new Error(`${flag} needs a seed of 1 to 200 characters, e.g. --seed 42`);
  return text;
}

function timeOf(text: string, flag: string) {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(text) || Number.isNaN(Date.parse(text))) {
    throw new Error(`${flag} ${JSON.stringify(text)}: must be an ISO 8601 time with its offset, e.g. 2026-01-01T00:00:00Z`);
  }
  return text;
}
