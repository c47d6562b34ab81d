// Runs the mock and the proxy the way `npm start` and `npm run proxy` do (the command lines are
// read from package.json), on a free port; waits for them by polling; stops them and waits for
// the process to exit.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../..', import.meta.url));
const scripts: Record<string, string> = JSON.parse(readFileSync(new URL('package.json', `file://${root}/`), 'utf8')).scripts;

export interface Started {
  child: ChildProcess;
  url: string;
  /** Everything written to stdout and stderr so far. */
  output: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts an npm script's command (`node …` runs on this Node) with PORT and HOST set. */
export function startScript(script: 'start' | 'proxy', { port, args = [], env = {} }: { port: number; args?: string[]; env?: Record<string, string> }): Started {
  const [command = '', ...scriptArgs] = (scripts[script] ?? '').split(' ');
  const child = spawn(command === 'node' ? process.execPath : command, [...scriptArgs, ...args], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
  });
  return track(child, `http://127.0.0.1:${port}`);
}

/** Starts `npm <args>` itself, for what only npm's own process tree shows. */
export function startNpm(args: string[], { port }: { port: number }): Started {
  const child = spawn('npm', args, { cwd: root, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' } });
  return track(child, `http://127.0.0.1:${port}`);
}

function track(child: ChildProcess, url: string): Started {
  let output = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => {
    output += chunk;
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, url, output: () => output, stderr: () => stderr, exited };
}

/**
 * Polls `check` until it returns a value (not undefined); fails after `timeoutMs`, a hang guard
 * just under the tests' own (vitest.config.ts), so that a hang names what it waited for. It was
 * 20 s: under `npm run test:under-load`, `npm start` took longer than that to answer once.
 */
export async function pollUntil<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 110_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Resolves once the server answers any HTTP request; rejects (with its output) if it exits first. */
export async function waitUntilReady(started: Started): Promise<void> {
  let exited = false;
  void started.exited.then(() => (exited = true));
  await pollUntil(`${started.url} to answer`, async () => {
    if (exited) throw new Error(`the process exited before answering:\n${started.output()}`);
    return fetch(`${started.url}/`).then(
      () => true,
      () => undefined,
    );
  });
}

export async function stop(started: Started, signal: NodeJS.Signals = 'SIGTERM') {
  started.child.kill(signal);
  return started.exited;
}

/** The pids of every process below `pid` (Linux `ps`). */
export function descendantsOf(pid: number): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const below = (parent: number): number[] => table.filter(([, ppid]) => ppid === parent).flatMap(([child]) => [child, ...below(child)]);
  return below(pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
