#!/usr/bin/env node
/// <reference types="node" />
// `npx ghes-oauth-authorizations mock [options]`: the simulator over HTTP from the installed
// package, with nothing beyond its runtime dependencies. The server, options, banner and one-line
// errors of `npm start` (src/server/ is its transport too); the Prism mode (--static) and the docs
// page stay in the repository.
import { readFileSync } from 'node:fs';
import * as core from '../simulator/index.js';
import { parseCommandLine, usage } from './cli.js';
import { exitOnSignals, fail } from './serve.js';
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
} else if (command?.command === 'mock') {
  let mock: { stop(): Promise<void> } | undefined;
  exitOnSignals(async () => {
    await mock?.stop();
  });
  try {
    mock = await serveSimulator(core, command, { host: command.host, port: command.port }, { fromPackage: true });
  } catch (error) {
    fail(error as Error);
  }
}
