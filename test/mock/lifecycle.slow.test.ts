// `npm start` as a process: what it prints once ready, how it stops (exit 0, nothing left
// running), and the one-line errors for a busy port or a bad option. Each test runs its own mock.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { basic } from './support/calls.js';
import { descendantsOf, freePort, isAlive, pollUntil, type Started, startNpm, startScript, stop, waitUntilReady } from './support/processes.js';

const running: Started[] = [];
const start = (options: Parameters<typeof startScript>[1]) => {
  const started = startScript('start', options);
  running.push(started);
  return started;
};
afterEach(async () => {
  await Promise.all(running.splice(0).map((started) => (started.child.exitCode === null ? stop(started, 'SIGKILL') : undefined)));
});

const portIsClosed = (url: string) =>
  fetch(url).then(
    () => undefined,
    () => true,
  );

describe('npm start', () => {
  it('prints, once ready: the URL, the ten routes, Basic, accounts, Prefer, faults, the control API, --static and the docs', async () => {
    const mock = start({ port: await freePort() });
    await waitUntilReady(mock);
    const banner = await pollUntil('the banner', () => (mock.output().includes('Ctrl-C stops') ? mock.output() : undefined));
    expect(banner).toContain(mock.url);
    expect(banner).toContain(`${mock.url}/api/v3`);
    const routes = banner.split('\n').filter((line) => /^\s+(GET|POST|PUT|PATCH|DELETE)\s+\//.test(line));
    expect(routes).toHaveLength(10);
    expect(banner).toMatch(/Basic credentials/);
    expect(banner).toContain('Prefer: code=201');
    expect(banner).toContain('Prefer: example=otp-required');
    expect(banner).toContain('--accounts <file.json>');
    expect(banner).toContain('X-Simulator-Fault: 500|502|503|drop');
    expect(banner).toContain('/_simulator/reset');
    expect(banner).toContain('GET /_simulator/requests');
    expect(banner).toContain('npm start -- --static');
    expect(banner).toContain(`${mock.url}/docs`);
    expect(banner.match(/Ctrl-C stops/g)).toHaveLength(1);
  });

  it('stops on SIGTERM: exit 0, the port closed, no process of it left', async () => {
    const mock = start({ port: await freePort() });
    await waitUntilReady(mock);
    const family = descendantsOf(mock.child.pid!);
    expect(await stop(mock, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(await portIsClosed(mock.url)).toBe(true);
    expect([mock.child.pid!, ...family].filter(isAlive)).toEqual([]);
  });

  it('stops on Ctrl-C (SIGINT) with exit 0; --verbose logs each request', async () => {
    const mock = start({ port: await freePort(), args: ['--verbose'] });
    await waitUntilReady(mock);
    await fetch(`${mock.url}/authorizations`, { headers: { authorization: basic } });
    await pollUntil('the request log line', () => (/GET \/authorizations → 200 \(\d+\.\d ms\)/.test(mock.output()) ? true : undefined));
    expect(await stop(mock, 'SIGINT')).toEqual({ code: 0, signal: null });
  });

  it('MOCK_VERBOSE=1 turns logging up too; quiet by default', async () => {
    const loud = start({ port: await freePort(), env: { MOCK_VERBOSE: '1' } });
    const quiet = start({ port: await freePort() });
    await Promise.all([waitUntilReady(loud), waitUntilReady(quiet)]);
    await Promise.all([loud, quiet].map((mock) => fetch(`${mock.url}/authorizations`, { headers: { authorization: basic } })));
    await pollUntil('the request log line', () => (loud.output().includes('GET /authorizations → 200') ? true : undefined));
    expect(quiet.output()).not.toContain('GET /authorizations →');
    expect(quiet.output()).toContain('--verbose or MOCK_VERBOSE=1');
  });

  it('SIGTERM to npm itself leaves no mock behind (npm runs it under sh, which does not pass the signal on)', async () => {
    const npm = startNpm(['start'], { port: await freePort() });
    running.push(npm);
    await waitUntilReady(npm);
    const family = descendantsOf(npm.child.pid!);
    expect(family.length).toBeGreaterThan(0);
    await stop(npm, 'SIGTERM');
    await pollUntil('every process under npm to exit', () => (family.filter(isAlive).length === 0 ? true : undefined), 10_000);
    expect(await portIsClosed(npm.url)).toBe(true);
  });
});

describe('npm start takes the options of the bin', () => {
  it('npm start -- --port N listens on N (the flag wins over PORT)', async () => {
    const port = await freePort();
    const mock = startNpm(['start', '--', '--port', String(port)], { port: 1 });
    running.push(mock);
    const url = `http://127.0.0.1:${port}`;
    await waitUntilReady({ ...mock, url });
    expect((await fetch(`${url}/authorizations`, { headers: { authorization: basic } })).status).toBe(200);
  });

  it('npm start -- --help prints every option and exits 0, serving nothing', async () => {
    const mock = start({ port: 1, args: ['--help'] });
    expect(await mock.exited).toEqual({ code: 0, signal: null });
    expect(mock.output()).toMatch(/^Usage: npm start -- \[options\]/);
    for (const option of ['--port', '--host', '--accounts', '--data', '--delay', '--seed', '--now', '--state-file', '--static', '--verbose', '--help']) expect(mock.output()).toContain(`${option} `);
  });
});

describe('one-line errors, no stack trace', () => {
  let blocker: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve())));

  it('a port already in use names the port', async () => {
    const port = await freePort();
    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen(port, '127.0.0.1', resolve));
    const mock = start({ port });
    expect((await mock.exited).code).toBe(1);
    const lines = mock.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(`error: Port ${port} is already in use on 127.0.0.1: stop what is using it, or choose another port with PORT=${port + 1}`);
  });

  it.each([
    [{ env: { PORT: 'abc' } }, 'error: PORT must be a port number (0-65535), not "abc"'],
    [
      { args: ['--prot=1'] },
      'error: unknown option "--prot": the options are --port, --host, --accounts, --data, --delay, --seed, --now, --state-file, --scenarios, --journal-size, --no-journal, --allowed-hosts, --control-token, --strict, --static, --verbose, --help',
    ],
    [{ args: ['--port', 'http'] }, 'error: --port must be a port number (0-65535), not "http"'],
    [{ args: ['--now', 'tomorrow'] }, 'error: --now "tomorrow": must be an ISO 8601 time with its offset, e.g. 2026-01-01T00:00:00Z'],
    [{ args: ['--delay', 'soon'] }, 'error: --delay soon: must be a whole number of milliseconds from 0 to 60000'],
    [{ args: ['--accounts'] }, 'error: --accounts needs a value'],
    [{ args: ['--static', '--data', 'x.json'] }, 'error: --data works with the simulator, not with --static (Prism keeps no state)'],
    [{ args: ['--accounts', 'test/no-such-file.json'] }, 'error: --accounts test/no-such-file.json: cannot read it (ENOENT)'],
  ])('%j', async (options, message) => {
    const mock = start({ port: 0, ...options });
    expect((await mock.exited).code).toBe(1);
    expect(mock.stderr().trim()).toBe(message);
  });

  describe('a bad --accounts or --data file names the file and the field', () => {
    let dir: string;
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it.each([
      ['--accounts', '{"mona": {"otp": {"code": 123456}}}', 'mona.otp.code: must be a non-empty string'],
      ['--accounts', '{"mona": {"password": "x", "admin": true}}', 'mona.admin: is not allowed (an account has password and otp)'],
      ['--data', '{"octocat": {"authorizations": [{"id": 1}]}}', 'octocat.authorizations[0].url: is required (and 10 more problems)'],
      ['--data', '{"octocat": ', 'not JSON (Unexpected end of JSON input)'],
    ])('%s %s', async (option, text, problem) => {
      dir = await mkdtemp(join(tmpdir(), 'ghes-mock-options-'));
      const file = join(dir, 'file.json');
      await writeFile(file, text);
      const mock = start({ port: 0, args: [option, file] });
      expect((await mock.exited).code).toBe(1);
      expect(mock.stderr().trim()).toBe(`error: ${option} ${file}: ${problem}`);
    });
  });
});

describe('npm start with --accounts, --data and --delay', () => {
  let dir: string;
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('serves the data, asks the configured account for its code, and names both in the banner', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ghes-mock-options-'));
    const accounts = join(dir, 'accounts.json');
    const data = join(dir, 'data.json');
    await writeFile(accounts, JSON.stringify({ mona: { password: 'right', otp: { code: '123456', channel: 'sms' } } }));
    await writeFile(data, JSON.stringify({ mona: { authorizations: [] } }));
    const mock = start({ port: await freePort(), args: ['--accounts', accounts, `--data=${data}`, '--delay', '1'] });
    await waitUntilReady(mock);
    const banner = await pollUntil('the banner', () => (mock.output().includes('Ctrl-C stops') ? mock.output() : undefined));
    expect(banner).toContain('mona: its own password, two-factor authentication (X-GitHub-OTP: 123456, channel sms)');
    expect(banner).toContain('every answer waits 1 ms: --delay');
    const mona = (password: string, otp?: string) => fetch(`${mock.url}/authorizations`, { headers: { authorization: `Basic ${btoa(`mona:${password}`)}`, ...(otp && { 'x-github-otp': otp }) } });
    expect((await mona('wrong', '123456')).status).toBe(401);
    const refused = await mona('right');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-github-otp')).toBe('required; sms');
    const answered = await mona('right', '123456');
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual([]);
  });
});
