#!/usr/bin/env node
/// <reference types="node" />
// `npx ghes-oauth-authorizations mock [options]`: the simulator over HTTP from the installed
// package, with nothing beyond its runtime dependencies. The server, options, banner and one-line
// errors of `npm start` (src/server/ is its transport too); the Prism mode (--static) and the docs
// page stay in the repository.
import { readFileSync } from 'node:fs';
import { conformanceMain, importMain, terminalAsk } from './conformance-command.js';
import { parseCommandLine, usage } from './cli.js';
import { createRecordingProxy, parseProxyArgs, proxyUsage } from './record-proxy.js';
import { closeServer, exitOnSignals, fail, listen } from './serve.js';
import { serveSimulator } from './serve-simulator.js';

let command: ReturnType<typeof parseCommandLine> | undefined;
try {
  command = parseCommandLine(process.argv.slice(2), process.env);
} catch (error) {
  fail(error as Error);
}

if (command?.command === 'help') process.stdout.write(usage);
else if (command?.command === 'version') {
  console.log((JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version);
} else if (command?.command === 'conformance' || command?.command === 'import') {
  // The first Ctrl-C stops the kit after the request under way and lets it clean up; a second quits
  // (the next run's first step deletes what is left).
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    console.error('stopping after the request under way, then deleting what the kit created (Ctrl-C again quits now)');
    controller.abort();
  });
  const io = { env: process.env, out: (line: string) => console.log(line), err: (line: string) => console.error(line), signal: controller.signal, ...(terminalAsk() && { ask: terminalAsk()! }) };
  process.exitCode = command.command === 'conformance' ? await conformanceMain(command.args, io) : await importMain(command.args, io);
} else if (command?.command === 'proxy') {
  let options: ReturnType<typeof parseProxyArgs> | undefined;
  try {
    options = parseProxyArgs(command.args, process.env);
  } catch (error) {
    fail(error as Error);
  }
  if (options && 'help' in options) process.stdout.write(proxyUsage);
  else if (options) {
    const server = createRecordingProxy(options);
    exitOnSignals(() => closeServer(server));
    try {
      const url = await listen(server, { host: options.host, port: options.port });
      console.log(
        `Recording proxy on ${url} (and ${url}/api/v3) → ${options.upstream.href}${options.record ? `, recording to ${options.record}` : ''}${options.har ? ` and ${options.har}` : ''}. Ctrl-C stops.`,
      );
    } catch (error) {
      fail(error as Error);
    }
  }
} else if (command?.command === 'mock') {
  let mock: { stop(): Promise<void> } | undefined;
  exitOnSignals(async () => {
    await mock?.stop();
  });
  try {
    mock = await serveSimulator(command, { host: command.host, port: command.port });
  } catch (error) {
    fail(error as Error);
  }
}
