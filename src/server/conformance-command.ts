/// <reference types="node" />
// The bin's `conformance` and `import` commands (Node only): options, the password and two-factor
// code from the environment, a command or a prompt (never from an argument), Ctrl-C, report files,
// the exit code. Every problem is one line; the password, code and tokens are never printed.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { importRecording } from '../conformance/import.js';
import { replayTransport } from '../conformance/replay.js';
import { jsonReport, junitReport } from '../conformance/reports.js';
import { runConformance, type ConformanceOptions } from '../conformance/run.js';

export const conformanceUsage = `Usage: ghes-oauth-authorizations conformance --target <url | recording.json> --user <name> [options]

Runs the conformance scenarios against your server and against this package's simulator, and
compares every answer (status, message, errors[], fields and types, token rules, Location, Link,
ETag, X-GitHub-OTP, X-GitHub-Media-Type, Cache-Control, the contract). Safe on a production server:
it creates only authorizations whose note starts with "ghes-oauth-authorizations-kit ", deletes
them all (also on failure and Ctrl-C), and touches nothing else. See docs/conformance.md.

The password comes from GHES_PASSWORD or a prompt, never from an argument.

Options:
  --target <url>          the API's base URL, e.g. https://ghes.example.com/api/v3 (or a recording of a kit run)
  --user <name>           the user whose authorizations the kit creates and deletes
  --otp-command <cmd>     a command that prints the current two-factor code (else a prompt, when asked)
  --client-id <id>        an OAuth app only the kit uses (its secret from GHES_CLIENT_SECRET or a prompt):
                          enables get-or-create and the grants' steps
  --report <file.json>    the JSON report (default conformance-report.json)
  --junit <file.xml>      the JUnit report (default conformance-report.xml)
  --dry-run               list the requests and the budget, send nothing
  --insecure              allow a plain-http target that is not this machine
  --max-pages <n>         pages of 100 authorizations the clean-up scan reads at most (default 10)
  --upstream <url>        the server's own base URL, when --target is a proxy in front of it
Exit code: 0 when the target matches, 1 when it differs, 2 when the run could not be made.
`;

export const importUsage = `Usage: ghes-oauth-authorizations import <recording.json> [--out <data.json>]

Turns a recording (npm run proxy -- <url> --record rec.json) into a data set the simulator loads
(mock --data data.json): what the server held for each user at the end of the recording.
`;

export interface ConformanceCommand {
  target: string;
  user: string;
  otpCommand?: string;
  clientId?: string;
  report: string;
  junit: string;
  dryRun: boolean;
  insecure: boolean;
  maxPages: number;
  upstream: string[];
}

/** The conformance command's arguments as node:util's parseArgs reads them; throws a one-line Error. */
function readConformanceArgs(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        target: { type: 'string' },
        user: { type: 'string' },
        'otp-command': { type: 'string' },
        'client-id': { type: 'string' },
        report: { type: 'string', default: 'conformance-report.json' },
        junit: { type: 'string', default: 'conformance-report.xml' },
        'dry-run': { type: 'boolean', default: false },
        insecure: { type: 'boolean', default: false },
        'max-pages': { type: 'string', default: '10' },
        upstream: { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new Error(`${(error as Error).message.split('\n')[0]} (see conformance --help)`);
  }
}

/** The command's options; throws a one-line Error. */
export function parseConformanceArgs(argv: readonly string[]): ConformanceCommand | { help: true } {
  if (argv.some((argument) => /^--(password|pass|otp|otp-code|client-secret)(=|$)/.test(argument))) {
    throw new Error(
      'secrets are never arguments (they would be in your shell history and the process list): the password comes from GHES_PASSWORD or the prompt, the code from --otp-command or the prompt, the client secret from GHES_CLIENT_SECRET or the prompt',
    );
  }
  const { values } = readConformanceArgs(argv);
  if (values.help) return { help: true };
  if (!values.target) throw new Error("--target is required: the API's base URL, e.g. https://ghes.example.com/api/v3");
  if (!values.user) throw new Error('--user is required: the user whose authorizations the kit creates and deletes');
  if (!/^\d{1,3}$/.test(values['max-pages']!) || Number(values['max-pages']) < 1) throw new Error(`--max-pages ${values['max-pages']}: must be a whole number from 1 to 999`);
  return {
    target: values.target,
    user: values.user,
    ...(values['otp-command'] !== undefined && { otpCommand: values['otp-command'] }),
    ...(values['client-id'] !== undefined && { clientId: values['client-id'] }),
    report: values.report!,
    junit: values.junit!,
    dryRun: values['dry-run']!,
    insecure: values.insecure!,
    maxPages: Number(values['max-pages']),
    upstream: values.upstream!,
  };
}

export interface CommandIo {
  env: Readonly<Record<string, string | undefined>>;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Asks for a secret without echoing it; undefined when there is no terminal to ask on. */
  ask?: (question: string) => Promise<string>;
  /** Aborts the run (the bin wires Ctrl-C to it). */
  signal?: AbortSignal;
}

/** `conformance …`: runs the kit, writes the reports; resolves with the exit code. */
export async function conformanceMain(argv: readonly string[], io: CommandIo): Promise<number> {
  let command: ReturnType<typeof parseConformanceArgs>;
  try {
    command = parseConformanceArgs(argv);
  } catch (error) {
    io.err(`error: ${(error as Error).message}`);
    return 2;
  }
  if ('help' in command) {
    io.out(conformanceUsage);
    return 0;
  }
  try {
    const isFile = !/^https?:\/\//i.test(command.target) && existsSync(command.target);
    let options: ConformanceOptions;
    if (isFile) {
      // A recording of a kit run: compared offline; nothing is sent anywhere, no secret is needed.
      const replay = replayTransport(JSON.parse(await readFile(command.target, 'utf8')), command.target);
      options = {
        target: replay,
        runId: replay.runId,
        user: command.user,
        password: 'replay',
        otp: () => 'replay',
        ...(command.clientId && { app: { clientId: command.clientId, clientSecret: 'replay' } }),
      };
    } else {
      const password = command.dryRun ? 'dry-run' : io.env.GHES_PASSWORD || (await ask(io, `Password for ${command.user} (not shown): `));
      const clientSecret =
        command.clientId === undefined || command.dryRun ? undefined : io.env.GHES_CLIENT_SECRET || (await ask(io, `Client secret of the OAuth app ${command.clientId} (not shown): `));
      options = {
        target: command.target,
        user: command.user,
        password,
        otp: otpSource(command.otpCommand, io),
        insecure: command.insecure,
        upstream: command.upstream,
        ...(command.clientId !== undefined && { app: { clientId: command.clientId, clientSecret: clientSecret ?? 'dry-run' } }),
      };
    }
    const report = await runConformance({ ...options, dryRun: command.dryRun, maxPages: command.maxPages, log: io.out, ...(io.signal && { signal: io.signal }) });
    if (!command.dryRun) {
      await writeFile(command.report, jsonReport(report));
      await writeFile(command.junit, junitReport(report));
      io.out(`reports: ${command.report}, ${command.junit}`);
    }
    if (report.error && !report.interrupted) io.err(`error: ${report.error}`);
    return report.ok ? 0 : report.error && !report.interrupted && report.checks.length === 0 ? 2 : 1;
  } catch (error) {
    io.err(`error: ${(error as Error).message}`);
    return 2;
  }
}

/** `import <recording.json> [--out data.json]`: the data set, on stdout or in a file; resolves with the exit code. */
export async function importMain(argv: readonly string[], io: CommandIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    if (values.help) {
      io.out(importUsage);
      return 0;
    }
    if (positionals.length !== 1) throw new Error('name one recording: import <recording.json> [--out data.json]');
    const file = positionals[0]!;
    let recording: unknown;
    try {
      recording = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new Error(`${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const text = `${JSON.stringify(importRecording(recording, file), null, 2)}\n`;
    if (values.out) await writeFile(values.out, text);
    else io.out(text.trimEnd());
    return 0;
  } catch (error) {
    io.err(`error: ${(error as Error).message.split('\n')[0]}`);
    return 2;
  }
}

/** The two-factor code: from the command (run each time it is needed), or asked, and reused while it can be valid (25 s). */
function otpSource(command: string | undefined, io: CommandIo): () => Promise<string> {
  if (command !== undefined) {
    return () =>
      new Promise((resolve, reject) => {
        execFile(process.platform === 'win32' ? 'cmd' : '/bin/sh', [process.platform === 'win32' ? '/c' : '-c', command], { timeout: 30_000, windowsHide: true }, (error, stdout) => {
          const code = String(stdout).trim();
          // Its output is never shown: it is the code.
          if (error) reject(new Error(`--otp-command failed (${error.code ?? error.signal ?? 'error'}); its output is not shown`));
          else if (!/^[\x21-\x7e]{1,64}$/.test(code)) reject(new Error('--otp-command printed no code (one line of printable characters)'));
          else resolve(code);
        });
      });
  }
  let asked: { code: string; at: number } | undefined;
  return async () => {
    if (asked && Date.now() - asked.at < 25_000) return asked.code;
    asked = { code: await ask(io, 'Two-factor code: '), at: Date.now() };
    return asked.code;
  };
}

async function ask(io: CommandIo, question: string): Promise<string> {
  if (!io.ask) throw new Error(`${question.replace(/[: (].*$/, '')}: no terminal to ask on; set GHES_PASSWORD (and GHES_CLIENT_SECRET, --otp-command) in the environment`);
  const answer = await io.ask(question);
  if (answer === '') throw new Error('nothing was typed');
  return answer;
}

/** A prompt on the terminal that does not echo what is typed; undefined without a terminal. */
export function terminalAsk(): CommandIo['ask'] {
  if (!process.stdin.isTTY) return undefined;
  return (question) =>
    new Promise((resolve) => {
      const prompt = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
      process.stderr.write(question);
      // Nothing typed is echoed.
      (prompt as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => {};
      prompt.question('', (answer) => {
        prompt.close();
        process.stderr.write('\n');
        resolve(answer);
      });
    });
}
