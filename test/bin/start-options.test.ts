// npm start's options for the journal and scenarios (the rest of its options: test/mock/lifecycle.slow.test.ts).
import { describe, expect, it } from 'vitest';
import { parseStartOptions } from '../../scripts/mock/start-options.js';

describe('parseStartOptions: --scenarios, --journal-size, --no-journal', () => {
  it.each([
    [['--scenarios', 'scenarios.json'], { scenariosFile: 'scenarios.json' }],
    [['--journal-size=20'], { journalSize: 20 }],
    [['--no-journal'], { noJournal: true }],
  ])('%j', (argv, expected) => {
    expect(parseStartOptions(argv, {})).toEqual({ static: false, verbose: false, port: 4010, host: '127.0.0.1', positionals: [], ...expected });
  });

  it.each([
    [['--journal-size', '100001'], '--journal-size 100001: must be a whole number of requests from 1 to 100000'],
    [['--no-journal', '--journal-size', '3'], '--journal-size and --no-journal contradict each other: give one'],
    [['--no-journal=yes'], '--no-journal takes no value'],
    [['--static', '--no-journal'], '--no-journal works with the simulator, not with --static (Prism keeps no state)'],
    [['--static', '--scenarios', 'f.json'], '--scenarios works with the simulator, not with --static (Prism keeps no state)'],
  ])('%j: %s', (argv, message) => {
    expect(() => parseStartOptions(argv, {})).toThrow(new Error(message));
  });
});
