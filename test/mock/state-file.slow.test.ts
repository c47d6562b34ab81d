// npm start --state-file as a process: what was written before SIGTERM, or before a SIGKILL once
// the write has landed (the file is polled for it), is all there after a restart; a foreign file
// stops the start with one line naming it, and is left as it was.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { basic } from './support/calls.js';
import { freePort, pollUntil, type Started, startScript, stop, waitUntilReady } from './support/processes.js';

const running: Started[] = [];
let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ghes-state-process-'));
  file = join(dir, 'state.json');
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((started) => (started.child.exitCode === null && started.child.signalCode === null ? stop(started, 'SIGKILL') : undefined)));
  await rm(dir, { recursive: true, force: true });
});

const start = async () => {
  const started = startScript('start', { port: await freePort(), args: ['--state-file', file, '--seed', 'restart', '--now', '2026-05-01T00:00:00Z'] });
  running.push(started);
  await waitUntilReady(started);
  return started;
};
const json = { authorization: basic, 'content-type': 'application/json' };
/** Creates, updates and deletes: the changes a restart must keep. */
async function write(url: string) {
  const created = await (await fetch(`${url}/authorizations`, { method: 'POST', headers: json, body: '{"note":"survivor","scopes":["repo"]}' })).json();
  expect((await fetch(`${url}/authorizations/${created.id}`, { method: 'PATCH', headers: json, body: '{"add_scopes":["gist"]}' })).status).toBe(200);
  expect((await fetch(`${url}/authorizations/1`, { method: 'DELETE', headers: json })).status).toBe(204);
  expect((await fetch(`${url}/_simulator/clock`, { method: 'POST', headers: { 'x-simulator-control': '1' }, body: '{"advanceMs":3600000}' })).status).toBe(200);
  return created.id as number;
}
async function expectKept(url: string, id: number) {
  const kept = await (await fetch(`${url}/authorizations/${id}`, { headers: json })).json();
  expect(kept).toMatchObject({ note: 'survivor', scopes: ['repo', 'gist'], created_at: '2026-05-01T00:00:00Z' });
  expect((await fetch(`${url}/authorizations/1`, { headers: json })).status).toBe(404);
  expect(await (await fetch(`${url}/_simulator/clock`, { headers: { 'x-simulator-control': '1' } })).json()).toEqual({ now: '2026-05-01T01:00:00.000Z', frozen: true });
}
const fileSays = async (check: (text: string) => boolean) => pollUntil('the state file to be written', async () => (check(await readFile(file, 'utf8').catch(() => '')) ? true : undefined));

describe('npm start --state-file', () => {
  it('SIGTERM writes it; the next start finds everything', async () => {
    const first = await start();
    const id = await write(first.url);
    expect(await stop(first, 'SIGTERM')).toEqual({ code: 0, signal: null });
    const second = await start();
    await expectKept(second.url, id);
  });

  it('SIGKILL once the write has landed: the next start finds everything', async () => {
    const first = await start();
    const id = await write(first.url);
    // The last change (the clock) is in the file: the write landed; nothing is left to lose.
    await fileSays((text) => text.includes('"now":"2026-05-01T01:00:00.000Z"') && text.includes('survivor'));
    expect(await stop(first, 'SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    const second = await start();
    await expectKept(second.url, id);
  });

  it('a foreign file stops the start with one line naming it, and is left as it was', async () => {
    const foreign = '{"name": "not a state file"}\n';
    await writeFile(file, foreign);
    const started = startScript('start', { port: await freePort(), args: ['--state-file', file] });
    running.push(started);
    expect((await started.exited).code).toBe(1);
    expect(started.stderr().trim()).toBe(
      `error: state file ${file}: not a state file of this simulator (its "format" is not "ghes-oauth-authorizations simulator state"); it is left as it is: fix it, or move it away to start afresh`,
    );
    expect(await readFile(file, 'utf8')).toBe(foreign);
  });
});
