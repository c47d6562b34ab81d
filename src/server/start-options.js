// The options of `npm start`, read and checked before anything starts: each problem is one line
// that names the option (and, in a file, the field), and nothing is served.
import { readFile } from 'node:fs/promises';

/** As the simulator's (src/simulator/data.ts): a minute is long enough for any spinner. */
const maxDelayMs = 60_000;

export const usage = 'the options are --static, --accounts <file.json>, --data <file.json>, --delay <ms>, --strict, --verbose';

/**
 * @param {string[]} argv the arguments after the script
 * @returns {{ static: boolean, verbose: boolean, strict?: boolean, accountsFile?: string, dataFile?: string, delayMs?: number }}
 */
export function parseStartOptions(argv, env = process.env) {
  const options = { static: false, verbose: /^(1|true|yes|on)$/i.test(env.MOCK_VERBOSE ?? '') };
  const valued = { '--accounts': 'accountsFile', '--data': 'dataFile', '--delay': 'delayMs' };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    const equals = argument.indexOf('=');
    const name = equals > 0 ? argument.slice(0, equals) : argument;
    if (name === '--verbose' || name === '--static') {
      if (equals > 0) throw new Error(`${name} takes no value`);
      options[name.slice(2)] = true;
    } else if (name === '--strict') {
      // Contract-strict request bodies (422 for unknown fields, empty client_id) instead of GitHub's leniency.
      if (equals > 0) throw new Error(`${name} takes no value`);
      options.strict = true;
    } else if (name in valued) {
      const value = equals > 0 ? argument.slice(equals + 1) : argv[++i];
      if (value === undefined || value === '') throw new Error(`${name} needs a value`);
      options[valued[name]] = value;
    } else throw new Error(`unknown option ${argument}: ${usage}`);
  }
  if (options.delayMs !== undefined) {
    const delay = options.delayMs;
    if (!/^\d{1,6}$/.test(delay) || Number(delay) > maxDelayMs) throw new Error(`--delay ${delay}: must be a whole number of milliseconds from 0 to ${maxDelayMs}`);
    options.delayMs = Number(delay);
  }
  if (options.static) {
    const simulatorOnly = ['accountsFile', 'dataFile', 'delayMs', 'strict'].find((key) => options[key] !== undefined);
    if (simulatorOnly) throw new Error(`--${{ accountsFile: 'accounts', dataFile: 'data', delayMs: 'delay', strict: 'strict' }[simulatorOnly]} works with the simulator, not with --static (Prism keeps no state)`);
  }
  return options;
}

/** The parsed JSON of `file`, or a one-line error naming the option and the file. */
export async function readJsonOption(option, file) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`${option} ${file}: cannot read it (${error.code ?? error.message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${option} ${file}: not JSON (${error.message})`);
  }
}
