// The bin's conformance runs that take several processes each, as processes (slow suite):
// a run killed midway leaves its authorizations to the next run's first step, which deletes them
// and nothing else; a kit run recorded through the bin's proxy replays offline and matches. npm
// test checks both in process (kit.test.ts: a run cut off midway; recording.test.ts: a recording
// replayed as the kit's target), and runs the bin's commands in bin.test.ts.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { notePrefix } from '../../src/conformance/scenarios.js';
import { password, useBinTarget } from './support/bin.js';

const target = useBinTarget();

describe('npx ghes-oauth-authorizations conformance', () => {
  it("killed midway: the next run's first step deletes what it left, and nothing else", async () => {
    target().mock.simulator.reset('hubot');
    const run = target().run(['conformance', '--target', target().mock.url, '--user', 'hubot'], { GHES_PASSWORD: password });
    await run.line('✓ create-second status');
    run.child.kill('SIGKILL');
    await run.exited;
    const left = target().kitsLeft('hubot'); // two, unless it got further before the kill
    expect(left.length).toBeGreaterThan(0);
    const others = target()
      .mock.simulator.state('hubot')
      .hubot!.authorizations.filter((item) => !item.note?.startsWith(notePrefix));
    const second = target().run(['conformance', '--target', target().mock.url, '--user', 'hubot', '--report', 'second.json', '--junit', 'second.xml'], { GHES_PASSWORD: password });
    expect(await second.exited, second.output()).toBe(0);
    expect(second.output()).toContain(`clean-up scan: ${left.length} authorization(s) left by earlier runs deleted, ${others.length} others untouched`);
    expect(target().kitsLeft('hubot')).toEqual([]);
    expect(target().mock.simulator.state('hubot').hubot!.authorizations).toEqual(others);
  });
});

describe("a kit run recorded through the bin's proxy, replayed offline", () => {
  it('records the run, then `conformance --target rec.json` compares it again without a network or a password, and matches', async () => {
    target().mock.simulator.reset('hubot');
    const proxy = target().run(['proxy', `${target().mock.url}/api/v3`, '--record', 'kit-run.json', '--port', '0']);
    await proxy.line('Recording proxy on ');
    const url = /Recording proxy on (\S+) /.exec(proxy.output())![1]!;
    const live = target().run(['conformance', '--target', `${url}/api/v3`, '--upstream', `${target().mock.url}/api/v3`, '--user', 'hubot', '--report', 'live.json', '--junit', 'live.xml'], {
      GHES_PASSWORD: password,
    });
    expect(await live.exited, live.output()).toBe(0);
    proxy.child.kill('SIGTERM');
    expect(await proxy.exited).toBe(0);
    expect((await readFile(join(target().folder, 'kit-run.json'), 'utf8')).includes(password)).toBe(false);

    const offline = target().run(['conformance', '--target', 'kit-run.json', '--user', 'hubot', '--report', 'offline.json', '--junit', 'offline.xml']);
    expect(await offline.exited, offline.output()).toBe(0);
    const report = JSON.parse(await readFile(join(target().folder, 'offline.json'), 'utf8'));
    expect(report).toMatchObject({ ok: true, target: `${target().mock.url}/api/v3` });
    // The same checks ran and passed as in the live run.
    const outcomes = (checks: Array<{ step: string; check: string; outcome: string }>) => checks.map(({ step, check, outcome }) => `${step} ${check} ${outcome}`);
    const liveReport = JSON.parse(await readFile(join(target().folder, 'live.json'), 'utf8'));
    expect(outcomes(report.checks)).toEqual(outcomes(liveReport.checks));
  });
});
