// The one option table of npm start, the bin and npm run proxy (src/server/options.ts): each
// command takes its rows and lists each of them in its --help; the checks are the same everywhere.
import { describe, expect, it } from 'vitest';
import { optionTable, parseOptions, simulatorOptionsOf, usageOf } from '../../src/server/options.js';

const commands = ['start', 'mock', 'proxy'] as const;

describe('the option table', () => {
  it.each(commands)('%s --help lists every option it takes, and only those', (command) => {
    const help = usageOf(command);
    for (const row of optionTable) {
      if (row.commands.includes(command)) expect(help).toContain(`--${row.name}`);
      else expect(help).not.toContain(`--${row.name} `);
    }
  });

  it.each(commands)('%s: --help and -h ask for the help', (command) => {
    expect(parseOptions(command, ['--help'])).toEqual({ help: true });
    expect(parseOptions(command, ['-h'])).toEqual({ help: true });
  });

  it('npm start and the bin read the same options the same way', () => {
    const argv = ['--port', '4011', '--host=::1', '--delay', '5', '--seed', 's', '--now', '2026-01-01T00:00:00Z', '--state-file', 'f.json', '--verbose'];
    const expected = { port: 4011, host: '::1', delayMs: 5, seed: 's', now: '2026-01-01T00:00:00Z', stateFile: 'f.json', verbose: true, static: false, positionals: [] };
    expect(parseOptions('start', argv)).toEqual(expected);
    expect(parseOptions('mock', argv)).toEqual(expected);
  });

  it('the proxy takes its upstream as a positional, and the listening options', () => {
    expect(parseOptions('proxy', ['https://ghes.example.com/api/v3', '--port', '0', '--verbose'], { HOST: '::1' })).toEqual({
      port: 0,
      host: '::1',
      verbose: true,
      static: false,
      positionals: ['https://ghes.example.com/api/v3'],
    });
    expect(() => parseOptions('proxy', ['--data', 'x.json'])).toThrow('unknown option "--data": the options are --port, --host, --allowed-hosts, --record, --har, --verbose, --help');
  });

  it.each([
    [
      'start',
      ['extra'],
      'unexpected argument "extra": the options are --port, --host, --accounts, --data, --delay, --seed, --now, --state-file, --scenarios, --journal-size, --no-journal, --allowed-hosts, --control-token, --strict, --static, --verbose, --help',
    ],
    ['start', ['--verbose=yes'], '--verbose takes no value'],
    ['start', ['--static', '--seed', '1'], '--seed works with the simulator, not with --static (Prism keeps no state)'],
    ['mock', ['--seed='], '--seed needs a seed of 1 to 200 characters, e.g. --seed 42'],
    ['mock', ['--now', '2026-01-01'], '--now "2026-01-01": must be an ISO 8601 time with its offset, e.g. 2026-01-01T00:00:00Z'],
    ['mock', ['--state-file='], '--state-file needs a file name'],
  ] as const)('%s %j: %s', (command, argv, message) => {
    expect(() => parseOptions(command, argv)).toThrow(new Error(message));
  });
});

describe('simulatorOptionsOf', () => {
  it('passes each row with a simulator option on, a JSON file as its file, --delay as faults', () => {
    const parsed = parseOptions('mock', ['--accounts', 'a.json', '--seed', '9', '--now', '2026-01-01T00:00:00Z', '--delay', '10']);
    if ('help' in parsed) throw new Error('not help');
    expect(simulatorOptionsOf(parsed)).toEqual([
      { option: 'accounts', flag: '--accounts', file: 'a.json' },
      { option: 'seed', flag: '--seed', value: '9' },
      { option: 'now', flag: '--now', value: '2026-01-01T00:00:00Z' },
      { option: 'faults', flag: '--delay', value: { delayMs: 10 } },
    ]);
  });
});
