// The bin's command line: the options of `npm start`, PORT/HOST/MOCK_VERBOSE as defaults, and a
// one-line error naming the problem for anything else.
import { describe, expect, it } from 'vitest';
import { parseCommandLine, usage } from '../../src/server/cli.js';

const defaults = { command: 'mock', port: 4010, host: '127.0.0.1', verbose: false };

describe('parseCommandLine', () => {
  it('mock alone: port 4010 on 127.0.0.1, quiet, no accounts, data or faults', () => {
    expect(parseCommandLine(['mock'])).toEqual(defaults);
  });

  it.each([
    [['mock', '--port', '4011'], { port: 4011 }],
    [['mock', '--port=0'], { port: 0 }],
    [['mock', '--host', '0.0.0.0', '--verbose'], { host: '0.0.0.0', verbose: true }],
    [['mock', '--accounts', 'accounts.json', '--data=seed.json'], { accountsFile: 'accounts.json', dataFile: 'seed.json' }],
    [['mock', '--delay', '250'], { delayMs: 250 }],
    [['mock', '--delay=0'], { delayMs: 0 }],
    [['mock', '--seed', 'abc', '--now', '2026-01-01T00:00:00Z', '--state-file', 'state.json'], { seed: 'abc', now: '2026-01-01T00:00:00Z', stateFile: 'state.json' }],
    [['mock', '--scenarios', 'scenarios.json'], { scenariosFile: 'scenarios.json' }],
    [['mock', '--journal-size', '50'], { journalSize: 50 }],
    [['mock', '--no-journal'], { noJournal: true }],
    [['mock', '--strict'], { strict: true }],
  ])('%j', (argv, expected) => {
    expect(parseCommandLine(argv)).toEqual({ ...defaults, ...expected });
  });

  it('takes PORT, HOST and MOCK_VERBOSE from the environment, as npm start does; a flag wins', () => {
    const env = { PORT: '8080', HOST: '::1', MOCK_VERBOSE: 'yes' };
    expect(parseCommandLine(['mock'], env)).toEqual({ ...defaults, port: 8080, host: '::1', verbose: true });
    expect(parseCommandLine(['mock', '--port', '9090', '--host', '127.0.0.2'], env)).toMatchObject({ port: 9090, host: '127.0.0.2' });
    expect(parseCommandLine(['mock'], { PORT: '', HOST: '' })).toEqual(defaults);
  });

  it.each([
    [['--help'], 'help'],
    [['-h'], 'help'],
    [['help'], 'help'],
    [['mock', '--port', '1', '--help'], 'help'],
    [['--version'], 'version'],
  ])('%j → %s', (argv, command) => {
    expect(parseCommandLine(argv)).toEqual({ command });
  });

  it.each([
    [[], 'name a command: ghes-oauth-authorizations mock [options] (see ghes-oauth-authorizations --help)'],
    [['serve'], 'unknown command "serve": the commands are mock, conformance, import and proxy (see ghes-oauth-authorizations --help)'],
    [
      ['mock', '--prot', '1'],
      'unknown option "--prot": the options are --port, --host, --accounts, --data, --delay, --seed, --now, --state-file, --scenarios, --journal-size, --no-journal, --allowed-hosts, --control-token, --strict, --verbose, --help, --version',
    ],
    [['mock', '--static'], "--static is the repository's Prism mode (npm start -- --static); ghes-oauth-authorizations mock serves the simulator"],
    [['mock', '--port'], '--port needs a value'],
    [['mock', '--port', '--verbose'], '--port needs a value'],
    [['mock', '--port', 'http'], '--port must be a port number (0-65535), not "http"'],
    [['mock', '--port', '65536'], '--port must be a port number (0-65535), not "65536"'],
    [['mock', '--port', '-1'], '--port must be a port number (0-65535), not "-1"'],
    [['mock', '--port=1.5'], '--port must be a port number (0-65535), not "1.5"'],
    [['mock', '--port', '1', '--port', '2'], '--port is given twice'],
    [['mock', '--host='], '--host needs an address, e.g. 127.0.0.1 or 0.0.0.0'],
    [['mock', '--accounts='], '--accounts needs a file name'],
    [['mock', '--delay', 'soon'], '--delay soon: must be a whole number of milliseconds from 0 to 60000'],
    [['mock', '--delay', '60001'], '--delay 60001: must be a whole number of milliseconds from 0 to 60000'],
    [['mock', '--journal-size', '0'], '--journal-size 0: must be a whole number of requests from 1 to 100000'],
    [['mock', '--journal-size', 'lots'], '--journal-size lots: must be a whole number of requests from 1 to 100000'],
    [['mock', '--no-journal', '--journal-size', '5'], '--journal-size and --no-journal contradict each other: give one'],
    [['mock', '--scenarios='], '--scenarios needs a file name'],
  ])('%j: %s', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(new Error(message));
  });

  it('a bad PORT from the environment is named as PORT', () => {
    expect(() => parseCommandLine(['mock'], { PORT: 'x' })).toThrow(new Error('PORT must be a port number (0-65535), not "x"'));
  });

  it('the help lists every option the parser takes', () => {
    for (const option of ['--port', '--host', '--accounts', '--data', '--delay', '--seed', '--now', '--state-file', '--verbose', '--help', '--version']) {
      expect(usage).toContain(`${option} `);
    }
  });
});
