// `npx ghes-oauth-authorizations conformance` and `import` as processes (the bin, bundled from
// source): a run against a running simulator exits 0 and writes both reports, with no secret in
// them or in its output; Ctrl-C midway still deletes what it created; a run killed midway leaves
// its authorizations to the next run's first step, which deletes them and nothing else; secrets
// as arguments are refused; --dry-run sends nothing; import writes a data set the simulator loads.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type StartedMock } from '../../scripts/mock/start-mock.js';
import { createRecording } from '../../src/conformance/recording.js';
import { notePrefix } from '../../src/conformance/scenarios.js';
import { createSimulator } from '../../src/simulator/index.js';

const password = 'the-real-password-3';
const otp = '135790';
let folder: string;
let binFile: string;
let mock: StartedMock;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ghes-oauth-conformance-'));
  binFile = join(folder, 'bin.mjs');
  await build({ entryPoints: ['src/server/bin.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: binFile, logLevel: 'silent' });
  mock = await startMock({ accounts: { mona: { password, otp: { code: otp } }, hubot: { password } } });
});

afterAll(async () => {
  await mock?.stop();
  await rm(folder, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves once the output has a line that starts with `start`. */
  line: (start: string) => Promise<void>;
}

function runBin(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [binFile, ...args], { cwd: folder, env: { ...process.env, GHES_PASSWORD: '', GHES_CLIENT_SECRET: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters: Array<() => void> = [];
  const onData = (chunk: Buffer) => {
    output += chunk;
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return {
    child,
    output: () => output,
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null)))),
    line: (start) =>
      new Promise((resolve) => {
        const check = () => output.split('\n').some((line) => line.startsWith(start)) && resolve();
        waiters.push(check);
        check();
      }),
  };
}

const kitsLeft = (user: string) => (mock.simulator.state(user)[user]?.authorizations ?? []).filter((item) => item.note?.startsWith(notePrefix));

describe('npx ghes-oauth-authorizations conformance', () => {
  it('against a running simulator (two-factor, --otp-command): exits 0, writes both reports, prints no secret', async () => {
    const run = runBin(
      ['conformance', '--target', `${mock.url}/api/v3`, '--user', 'mona', '--otp-command', `echo ${otp}`, '--client-id', 'c0ffee00c0ffee00c0ff', '--report', 'r.json', '--junit', 'r.xml'],
      {
        GHES_PASSWORD: password,
        GHES_CLIENT_SECRET: 'kit-secret-3',
      },
    );
    expect(await run.exited, run.output()).toBe(0);
    const json = await readFile(join(folder, 'r.json'), 'utf8');
    const junit = await readFile(join(folder, 'r.xml'), 'utf8');
    expect(JSON.parse(json)).toMatchObject({ ok: true, twoFactor: true, user: 'mona' });
    expect(junit).toMatch(/<testsuites name="ghes-oauth-authorizations conformance" tests="\d+" failures="0" skipped="0">/);
    expect(run.output()).toMatch(/^conformance: .* at most \d+ requests/m);
    expect(run.output()).toMatch(/^✓ pages link$/m);
    for (const text of [json, junit, run.output()]) for (const secret of [password, otp, 'kit-secret-3', btoa(`mona:${password}`)]) expect(text.includes(secret)).toBe(false);
    expect(kitsLeft('mona')).toEqual([]);
  });

  it('Ctrl-C midway: stops, deletes what it created, exits 1', async () => {
    // Answers 100 ms late, so that the signal surely lands while more than twenty requests remain.
    const slow = await startMock({ accounts: { hubot: { password } }, faults: { delayMs: 100 } });
    try {
      const run = runBin(['conformance', '--target', slow.url, '--user', 'hubot'], { GHES_PASSWORD: password });
      await run.line('✓ create-second status');
      run.child.kill('SIGINT');
      expect(await run.exited).toBe(1);
      expect(run.output()).toMatch(/^stopped: interrupted; cleaning up$/m);
      expect(run.output()).toMatch(/^clean-up: nothing of the kit's is left \(2 deleted now/m);
      expect(slow.simulator.state('hubot').hubot!.authorizations.filter((item) => item.note?.startsWith(notePrefix))).toEqual([]);
    } finally {
      await slow.stop();
    }
  });

  it("killed midway: the next run's first step deletes what it left, and nothing else", async () => {
    mock.simulator.reset('hubot');
    const run = runBin(['conformance', '--target', mock.url, '--user', 'hubot'], { GHES_PASSWORD: password });
    await run.line('✓ create-second status');
    run.child.kill('SIGKILL');
    await run.exited;
    const left = kitsLeft('hubot'); // two, unless it got further before the kill
    expect(left.length).toBeGreaterThan(0);
    const others = mock.simulator.state('hubot').hubot!.authorizations.filter((item) => !item.note?.startsWith(notePrefix));
    const second = runBin(['conformance', '--target', mock.url, '--user', 'hubot', '--report', 'second.json', '--junit', 'second.xml'], { GHES_PASSWORD: password });
    expect(await second.exited, second.output()).toBe(0);
    expect(second.output()).toContain(`clean-up scan: ${left.length} authorization(s) left by earlier runs deleted, ${others.length} others untouched`);
    expect(kitsLeft('hubot')).toEqual([]);
    expect(mock.simulator.state('hubot').hubot!.authorizations).toEqual(others);
  });

  it('refuses a password as an argument, and a plain-http target on another machine', async () => {
    const withPassword = runBin(['conformance', '--target', mock.url, '--user', 'hubot', '--password', password]);
    expect(await withPassword.exited).toBe(2);
    expect(withPassword.output()).toMatch(/^error: secrets are never arguments/);
    expect(withPassword.output()).not.toContain(password);
    const plain = runBin(['conformance', '--target', 'http://ghes.example.com/api/v3', '--user', 'hubot'], { GHES_PASSWORD: password });
    expect(await plain.exited).toBe(2);
    expect(plain.output()).toMatch(/plain http .* --insecure/);
    const noTerminal = runBin(['conformance', '--target', mock.url, '--user', 'hubot']);
    expect(await noTerminal.exited).toBe(2);
    expect(noTerminal.output()).toMatch(/no terminal to ask on; set GHES_PASSWORD/);
  });

  it('--dry-run prints the budget and the steps, sends nothing', async () => {
    const before = JSON.stringify(mock.simulator.state());
    const run = runBin(['conformance', '--target', 'https://ghes.example.com/api/v3', '--user', 'hubot', '--dry-run']);
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/at most \d+ requests/);
    expect(run.output()).toMatch(/^ {2}create: POST \/authorizations — /m);
    expect(run.output()).toMatch(/get-or-create: PUT \/authorizations\/clients\/\{clientId\} \(skipped: no OAuth app given\)/);
    expect(JSON.stringify(mock.simulator.state())).toBe(before);
  });
});

describe('npx ghes-oauth-authorizations import', () => {
  it('writes the data set a recording ends with, which the simulator loads', async () => {
    const recording = createRecording('https://ghes.example.com/api/v3');
    const created = createSimulator();
    const answer = await created.handle(
      new Request('https://ghes.example.com/api/v3/authorizations', {
        method: 'POST',
        headers: { authorization: `Basic ${btoa('mona:x')}` },
        body: JSON.stringify({ note: 'kept', scopes: ['repo'] }),
      }),
    );
    recording.exchanges.push({
      request: { method: 'POST', path: '/authorizations', user: 'mona', headers: {}, body: { note: 'kept', scopes: ['repo'] } },
      response: { status: 201, headers: {}, body: await answer.json() },
    } as never);
    await writeFile(join(folder, 'rec.json'), JSON.stringify(recording));
    const run = runBin(['import', 'rec.json', '--out', 'data.json']);
    expect(await run.exited, run.output()).toBe(0);
    const data = JSON.parse(await readFile(join(folder, 'data.json'), 'utf8'));
    expect(
      createSimulator({ data })
        .state('mona')
        .mona!.authorizations.map((item) => item.note),
    ).toEqual(['kept']);
    const bad = runBin(['import', 'missing.json']);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/^error: missing\.json: ENOENT/);
  });
});

describe('npx ghes-oauth-authorizations proxy --record', () => {
  it('forwards unchanged, records every exchange scrubbed (JSON and HAR), and the import gives the same list', async () => {
    const run = runBin(['proxy', `${mock.url}/api/v3`, '--record', 'proxied.json', '--har', 'proxied.har', '--port', '0']);
    await run.line('Recording proxy on ');
    const url = /Recording proxy on (\S+) /.exec(run.output())![1]!;
    const headers = { authorization: `Basic ${btoa(`mona:${password}`)}`, 'x-github-otp': otp, accept: 'application/vnd.github+json' };
    const created = await (await fetch(`${url}/api/v3/authorizations`, { method: 'POST', headers, body: JSON.stringify({ note: 'through the proxy', scopes: ['repo'] }) })).json();
    expect(created.token).toMatch(/^ghp_\w{36}$/);
    const direct = await (await fetch(`${mock.url}/api/v3/authorizations`, { headers })).text();
    const proxied = await (await fetch(`${url}/api/v3/authorizations`, { headers })).text();
    expect(proxied).toBe(direct);
    expect(run.output()).toMatch(/^✓ POST \/authorizations → 201$/m);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);

    const recorded = await readFile(join(folder, 'proxied.json'), 'utf8');
    const harText = await readFile(join(folder, 'proxied.har'), 'utf8');
    for (const text of [recorded, harText, run.output()]) for (const secret of [password, otp, created.token, btoa(`mona:${password}`)]) expect(text.includes(secret)).toBe(false);
    expect(JSON.parse(harText).log.entries).toHaveLength(2);
    const imported = runBin(['import', 'proxied.json']);
    expect(await imported.exited).toBe(0);
    const fresh = createSimulator({ data: JSON.parse(imported.output()) });
    const answer = await fresh.handle(new Request(`${mock.url}/api/v3/authorizations`, { headers: { authorization: headers.authorization } }));
    expect(await answer.text()).toBe(direct);
  });
});

describe("a kit run recorded through the bin's proxy, replayed offline", () => {
  it('records the run, then `conformance --target rec.json` compares it again without a network or a password, and matches', async () => {
    mock.simulator.reset('hubot');
    const proxy = runBin(['proxy', `${mock.url}/api/v3`, '--record', 'kit-run.json', '--port', '0']);
    await proxy.line('Recording proxy on ');
    const url = /Recording proxy on (\S+) /.exec(proxy.output())![1]!;
    const live = runBin(['conformance', '--target', `${url}/api/v3`, '--upstream', `${mock.url}/api/v3`, '--user', 'hubot', '--report', 'live.json', '--junit', 'live.xml'], {
      GHES_PASSWORD: password,
    });
    expect(await live.exited, live.output()).toBe(0);
    proxy.child.kill('SIGTERM');
    expect(await proxy.exited).toBe(0);
    expect((await readFile(join(folder, 'kit-run.json'), 'utf8')).includes(password)).toBe(false);

    const offline = runBin(['conformance', '--target', 'kit-run.json', '--user', 'hubot', '--report', 'offline.json', '--junit', 'offline.xml']);
    expect(await offline.exited, offline.output()).toBe(0);
    const report = JSON.parse(await readFile(join(folder, 'offline.json'), 'utf8'));
    expect(report).toMatchObject({ ok: true, target: `${mock.url}/api/v3` });
    // The same checks ran and passed as in the live run.
    const outcomes = (checks: Array<{ step: string; check: string; outcome: string }>) => checks.map(({ step, check, outcome }) => `${step} ${check} ${outcome}`);
    const liveReport = JSON.parse(await readFile(join(folder, 'live.json'), 'utf8'));
    expect(outcomes(report.checks)).toEqual(outcomes(liveReport.checks));
  });
});
