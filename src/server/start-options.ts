// The options of `npm start`, read and checked before anything starts (the table is options.js's,
// shared with the bin and the proxy): each problem is one line that names the option (and, in a
// file, the field), and nothing is served.
import { readFile } from 'node:fs/promises';
import { parseOptions, usageOf } from './options.js';

export const usage = usageOf('start');

/** `argv`: the arguments after the script; `{ help: true }` for --help. */
export function parseStartOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): ReturnType<typeof parseOptions> {
  return parseOptions('start', argv, env);
}

/** The parsed JSON of `file`, or a one-line error naming the option and the file. */
export async function readJsonOption(option: string, file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`${option} ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${option} ${file}: not JSON (${(error as Error).message})`);
  }
}
