// The bin's recording proxy takes its port by the one port rule of every command (options.ts's
// portOf): the same messages as npm start and the bin's mock.
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/server/cli.js';
import { parseProxyArgs } from '../../src/server/record-proxy.js';

const upstream = 'https://ghes.example.com/api/v3';

describe('proxy <upstream> --port', () => {
  it('takes --port, else PORT, else 4010', () => {
    expect(parseProxyArgs([upstream, '--port', '0'])).toMatchObject({ port: 0 });
    expect(parseProxyArgs([upstream], { PORT: '4321' })).toMatchObject({ port: 4321 });
    expect(parseProxyArgs([upstream, '--port', '5000'], { PORT: '4321' })).toMatchObject({ port: 5000 });
    expect(parseProxyArgs([upstream], { PORT: '' })).toMatchObject({ port: 4010 });
  });

  it.each([
    [['--port', '65536'], {}],
    [['--port', 'http'], {}],
    [['--port', '1.5'], {}],
    [[], { PORT: 'x' }],
  ])('%j %j: refused with the message of the mock command', (args, env) => {
    const mockMessage = (() => {
      try {
        parseCommandLine(['mock', ...args], env);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    })();
    expect(mockMessage).toMatch(/must be a port number \(0-65535\)/);
    expect(() => parseProxyArgs([upstream, ...args], env)).toThrow(new Error(mockMessage));
  });
});
