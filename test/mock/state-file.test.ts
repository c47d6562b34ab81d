// startMock({ stateFile }): the state kept in a JSON file. Loaded at start when it exists; written
// (atomically) after each change and by stop(); a corrupt or foreign file stops the start with a
// message naming it, and is left byte for byte as it was.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMock } from '../../src/server/index.js';
import { persistedFormat } from '../../src/simulator/index.js';
import { basic } from './support/calls.js';
import { pollUntil } from './support/processes.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ghes-state-file-'));
  file = join(dir, 'state.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const create = (url: string, note: string) => fetch(`${url}/authorizations`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/json' }, body: JSON.stringify({ note }) });
const notes = (text: string) => (JSON.parse(text).data.octocat?.authorizations ?? []).map((a: { note: string }) => a.note);

describe('stateFile', () => {
  it('is written at start, after a change (before stop), and read back by the next start', async () => {
    const mock = await startMock({ stateFile: file, seed: 's', now: '2026-01-01T00:00:00Z' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ format: persistedFormat, version: 1, data: {} });
    expect((await create(mock.url, 'kept')).status).toBe(201);
    // Written after the change, without waiting for stop(): poll the file for it.
    await pollUntil('the write', async () => (notes(await readFile(file, 'utf8')).includes('kept') ? true : undefined));
    mock.simulator.clock.advance(1000);
    await mock.stop();
    expect(await readdir(dir)).toEqual(['state.json']);

    const again = await startMock({ stateFile: file, seed: 's', now: '2026-01-01T00:00:00Z' });
    try {
      expect(again.simulator.state('octocat').octocat!.authorizations.map((a) => a.note)).toContain('kept');
      // The frozen clock and the seeded tokens go on from where they were.
      expect(again.simulator.clock.state().now).toBe('2026-01-01T00:00:01.000Z');
      const next = await (await create(again.url, 'after')).json();
      const fresh = await startMock({ seed: 's' });
      await create(fresh.url, 'kept');
      const second = await (await create(fresh.url, 'after')).json();
      await fresh.stop();
      expect(next.token).toBe(second.token);
    } finally {
      await again.stop();
    }
  });

  it.each([
    ['corrupt', '{"format": ', /^state file .*state\.json: not JSON \(.+\); it is left as it is: fix it, or move it away to start afresh$/],
    [
      'foreign',
      '{"name": "my-app", "version": "1.0.0"}',
      /^state file .*state\.json: not a state file of this simulator \(its "format" is not "ghes-oauth-authorizations simulator state"\); it is left as it is/,
    ],
    [
      'broken data',
      JSON.stringify({ format: persistedFormat, version: 1, data: { octocat: { authorizations: [{ id: 1 }] } } }),
      /^state file .*state\.json: octocat\.authorizations\[0\]\.url: is required/,
    ],
    ['a later version', JSON.stringify({ format: persistedFormat, version: 2, data: {} }), /^state file .*state\.json: version 2: this simulator reads version 1/],
  ])('a %s file stops the start, naming it, and is never overwritten', async (_kind, text, message) => {
    await writeFile(file, text);
    await expect(startMock({ stateFile: file })).rejects.toThrow(message);
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('a file that cannot be written (no such folder) stops the start, naming it', async () => {
    const missing = join(dir, 'no-such-folder', 'state.json');
    await expect(startMock({ stateFile: missing })).rejects.toThrow(`state file ${missing}: cannot write it (ENOENT)`);
  });

  it('an existing file wins over data', async () => {
    const first = await startMock({ stateFile: file });
    await create(first.url, 'from the file');
    await first.stop();
    const second = await startMock({ stateFile: file, data: { octocat: { authorizations: [] } } });
    expect(second.simulator.state().octocat!.authorizations.map((a) => a.note)).toContain('from the file');
    await second.stop();
  });
});
