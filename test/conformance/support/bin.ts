// The bin's `conformance`, `import` and `proxy` commands as processes (the bin bundled once,
// test/support/bin-bundle.ts), run in a scratch folder against a simulator started in process with
// two accounts: mona, with two-factor authentication, and hubot.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { startMock, type StartedMock } from '../../../scripts/mock/start-mock.js';
import { notePrefix } from '../../../src/conformance/scenarios.js';

export const password = 'the-real-password-3';
export const otp = '135790';

export interface Run {
  child: ChildProcess;
  output: () => string;
  /** The exit code, or -1 when a signal ended it. */
  exited: Promise<number | null>;
  /** Resolves once the output has a line that starts with `start`. */
  line: (start: string) => Promise<void>;
}

export interface BinTarget {
  /** The scratch folder: the runs' working directory. */
  folder: string;
  mock: StartedMock;
  /** Runs the bin with `args` in the folder; GHES_PASSWORD and GHES_CLIENT_SECRET are empty unless `env` sets them. */
  run: (args: string[], env?: Record<string, string>) => Run;
  /** The authorizations of the kit's (by their note) that `user` still holds. */
  kitsLeft: (user: string) => Array<{ note?: string | null }>;
  stop: () => Promise<void>;
}

/** The file's target: started before its tests, stopped after them. */
export function useBinTarget(): () => BinTarget {
  let target: BinTarget | undefined;
  beforeAll(async () => {
    target = await startBinTarget();
  });
  afterAll(() => target?.stop());
  return () => target!;
}

async function startBinTarget(): Promise<BinTarget> {
  const folder = await mkdtemp(join(tmpdir(), 'ghes-oauth-conformance-'));
  const mock = await startMock({ accounts: { mona: { password, otp: { code: otp } }, hubot: { password } } });
  const binFile = inject('binFile');
  const run = (args: string[], env: Record<string, string> = {}): Run => {
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
  };
  return {
    folder,
    mock,
    run,
    kitsLeft: (user) => (mock.simulator.state(user)[user]?.authorizations ?? []).filter((item) => item.note?.startsWith(notePrefix)),
    stop: async () => {
      await mock.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
