// Child processes for the benchmarks: a free port, a process whose output is read (a full pipe
// would stall it) and kept, readiness by polling, and a stop that waits for the exit.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** `count` different ports nothing listens on right now (all held open at once, so none repeats). */
export async function freePorts(count) {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((resolve, reject) => {
          const server = createServer();
          server.on('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => server.address().port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/**
 * Starts `command args`; `output()` is everything it wrote so far, `exited` resolves with its exit code.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string | undefined, env?: Record<string, string> | undefined }} [options]
 */
export function start(command, args, { cwd, env = {} } = {}) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => {
    // Bare Prism logs every request: keep the start of the log (for errors), not all of it.
    if (output.length < 100_000) output += chunk;
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? signal)));
  return { child, output: () => output, exited };
}

/** Runs `command args` to its end; resolves with its output, rejects with it when it fails. */
export async function run(command, args, options) {
  const started = start(command, args, options);
  const code = await started.exited;
  if (code !== 0) throw new Error(`${[command, ...args].join(' ')} exited with ${code}:\n${started.output()}`);
  return started.output();
}

/** Resolves once `url` answers any HTTP request; rejects if the process exits first or after `timeoutMs`. */
export async function waitUntilAnswering(started, url, timeoutMs = 60_000) {
  let exited = false;
  void started.exited.then(() => (exited = true));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`the process exited before answering at ${url}:\n${started.output()}`);
    if (
      await fetch(url).then(
        () => true,
        () => false,
      )
    )
      return;
    if (Date.now() > deadline) throw new Error(`nothing answered at ${url} after ${timeoutMs / 1000} s:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** SIGTERM, then SIGKILL if it is still running after `graceMs`; resolves once it has exited. */
export async function stop(started, graceMs = 5000) {
  if (started.child.exitCode !== null || started.child.signalCode !== null) return;
  started.child.kill('SIGTERM');
  const timer = setTimeout(() => started.child.kill('SIGKILL'), graceMs);
  await started.exited;
  clearTimeout(timer);
}

/**
 * The CPU time (user + system, in seconds) of every child process this one has waited for, so far:
 * with their own children. Linux only (/proc; clock ticks of 1/100 s); NaN elsewhere.
 * @returns {number}
 */
export function childrenCpuSeconds() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // Fields 16 and 17 of proc(5), cutime and cstime, counted from the state (field 3).
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}
