// A bug in the simulator (a 500) logs one line: the error and its stack as file paths and lines of
// the TypeScript sources, bounded in length. Under Node with tsx, as `npm start` runs it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { errorLine, maxErrorLineLength } from '../../src/server/error-line.js';

const here = (path: string) => pathToFileURL(join(process.cwd(), path)).href;

describe('errorLine', () => {
  it('joins the frames on one line', () => {
    const error = new TypeError('x is not a function');
    error.stack = `TypeError: x is not a function\n    at faultFor (file:///srv/src/simulator/index.ts:404:25)\n    at handle (file:///srv/src/server/simulator-server.ts:49:35)\n`;
    expect(errorLine(error)).toBe('TypeError: x is not a function ← at faultFor (file:///srv/src/simulator/index.ts:404:25) ← at handle (file:///srv/src/server/simulator-server.ts:49:35)');
  });

  it('is bounded, whatever the message and the depth of the stack', () => {
    const error = new Error('m'.repeat(100_000));
    error.stack = `Error: ${error.message}\n${Array.from({ length: 5000 }, (_, i) => `    at f${i} (/srv/a.js:${i}:1)`).join('\n')}`;
    const line = errorLine(error);
    expect(line.length).toBeLessThanOrEqual(maxErrorLineLength);
    expect(line).not.toContain('\n');
    expect(line).toMatch(/ ← \(\d+ more frames\)$/);
    expect(errorLine('a thrown string')).toBe('a thrown string');
  });
});

describe('a 500 from the core, under Node as npm start runs it', () => {
  it('logs one line naming src/simulator/*.ts files and lines, with no bundle text', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ghes-error-log-'));
    try {
      // The core's reply, called with no headers: a TypeError inside the bundle, as a bug would be.
      const script = join(folder, 'serve.mjs');
      await writeFile(
        script,
        `import { createSimulator } from ${JSON.stringify(here('src/simulator/index.js'))};
import { createSimulatorServer } from ${JSON.stringify(here('src/server/simulator-server.js'))};
import { listen, closeServer } from ${JSON.stringify(here('src/server/serve.js'))};
const simulator = createSimulator();
const reply = simulator.reply;
simulator.reply = (call, origin) => reply({ ...call, headers: undefined }, origin);
const server = createSimulatorServer({ simulator });
const url = await listen(server, { host: '127.0.0.1', port: 0 });
const response = await fetch(url + '/authorizations');
console.log(JSON.stringify({ status: response.status, body: await response.json() }));
await closeServer(server);
`,
      );
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { cwd: process.cwd() });
      expect(JSON.parse(stdout)).toEqual({ status: 500, body: { message: "Simulator error: Cannot read properties of undefined (reading 'get')" } });
      const lines = stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]!.length).toBeLessThanOrEqual(maxErrorLineLength + 300);
      expect(lines[0]).toMatch(/^simulator error on GET \/authorizations: TypeError: Cannot read properties of undefined \(reading 'get'\) ← at \S+ \(\/\S+\/src\/simulator\/index\.ts:\d+:\d+\)/);
      expect(lines[0]).not.toMatch(/data:|base64/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
