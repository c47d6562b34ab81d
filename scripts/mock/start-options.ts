// The options of `npm start`, read and checked before anything starts (the table is
// src/server/options.ts's, shared with the bin and the proxy): each problem is one line that names
// the option, and nothing is served.
import { parseOptions, usageOf } from '../../src/server/options.js';

export const usage = usageOf('start');

/** `argv`: the arguments after the script; `{ help: true }` for --help. */
export function parseStartOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): ReturnType<typeof parseOptions> {
  return parseOptions('start', argv, env);
}
