// The package's bin, `ghes-oauth-authorizations mock`, as a process: its banner, a client's flow
// against it, and the one-line errors of npm start. Bundled from source once for the project
// (test/support/bin-bundle.ts; the consumer check runs the one the packed tarball installs).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createClient, GitHubApiError } from '../../src/index.js';

let folder: string;
const binFile = inject('binFile');

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ghes-oauth-bin-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function runBin(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [binFile, ...args], { env: { ...process.env, PORT: '', HOST: '', MOCK_VERBOSE: '', ...env } });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

/** Resolves with the URL the banner names, once it is printed. */
async function bannerUrl(run: Run): Promise<string> {
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
    const url = /^ {2}(http:\/\/\S+) {4}and the same under/m.exec(run.output())?.[1];
    if (url) return url;
    if (run.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no banner:\n${run.output()}`);
}

describe('ghes-oauth-authorizations mock', () => {
  it('serves the simulator: banner, accounts from a file, a client flow with 2FA; SIGTERM exits 0', { timeout: 120_000 }, async () => {
    const accounts = join(folder, 'accounts.json');
    await writeFile(accounts, JSON.stringify({ mona: { password: 'secret', otp: { code: '424242' } } }));
    const mock = runBin(['mock', '--port', '0', '--accounts', accounts]);
    const url = await bannerUrl(mock);
    expect(mock.output()).toContain('mona: its own password, two-factor authentication (X-GitHub-OTP: 424242, channel app)');
    // The installed package has neither the Prism mode nor the docs page: the banner names neither.
    expect(mock.output()).not.toMatch(/--static|\/docs/);

    const asked: string[] = [];
    const client = createClient({ baseUrl: `${url}/api/v3`, username: 'mona', password: 'secret', otp: (channel) => (asked.push(channel), '424242') });
    const { status, data } = await client.createAuthorization({ body: { scopes: ['repo'], note: 'from the bin' } });
    expect(status).toBe(201);
    expect(data.url).toBe(`${url}/api/v3/authorizations/${data.id}`);
    expect(asked).toEqual(['app']);
    expect((await client.listAuthorizations()).data.map(({ id }) => id)).toContain(data.id);
    expect((await client.deleteAuthorization({ params: { path: { authorization_id: data.id } } })).status).toBe(204);
    const error = await client.getAuthorization({ params: { path: { authorization_id: data.id } } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error).toMatchObject({ status: 404, message: 'Not Found' });

    mock.child.kill('SIGTERM');
    expect(await mock.exited).toBe(0);
  });

  it('--help prints the usage and exits 0', async () => {
    const help = runBin(['--help']);
    expect(await help.exited).toBe(0);
    expect(help.output()).toMatch(/^Usage: ghes-oauth-authorizations mock \[options\]/);
  });

  it.each([
    [
      ['mock', '--prot', '1'],
      'error: unknown option "--prot": the options are --port, --host, --accounts, --data, --delay, --seed, --now, --state-file, --scenarios, --journal-size, --no-journal, --allowed-hosts, --control-token, --strict, --verbose, --help, --version',
    ],
    [['mock', '--delay', 'soon'], 'error: --delay soon: must be a whole number of milliseconds from 0 to 60000'],
    [['mock', '--accounts', '/nonexistent/accounts.json'], 'error: --accounts /nonexistent/accounts.json: cannot read it (ENOENT)'],
    [['mock', '--port', '0', '--control-token', 'short'], 'error: --control-token: must be 8 to 256 characters of A-Z a-z 0-9 - . _ ~ + / (a bearer token), optionally ending in ='],
    [['mock', '--port', '0', '--allowed-hosts', 'dev box'], 'error: --allowed-hosts: "dev box" is not a host name (e.g. my-alias.test, or .example.test for it and its subdomains)'],
    [[], 'error: name a command: ghes-oauth-authorizations mock [options] (see ghes-oauth-authorizations --help)'],
  ])('%j: one line, exit 1', async (args, line) => {
    const run = runBin(args);
    expect(await run.exited).toBe(1);
    expect(run.output()).toBe(`${line}\n`);
  });

  it('a bad account in the file is named, and nothing is served', async () => {
    const accounts = join(folder, 'bad-accounts.json');
    await writeFile(accounts, JSON.stringify({ mona: { otp: { code: '' } } }));
    const run = runBin(['mock', '--port', '0', '--accounts', accounts]);
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(new RegExp(`^error: --accounts ${accounts.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: mona\\.otp\\.code: .+\\n$`));
  });

  it('a busy port is one line naming it', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const run = runBin(['mock', '--port', String(port)]);
      expect(await run.exited).toBe(1);
      expect(run.output()).toBe(`error: Port ${port} is already in use on 127.0.0.1: stop what is using it, or choose another port with PORT=${port + 1}\n`);
    } finally {
      taken.close();
    }
  });
});
