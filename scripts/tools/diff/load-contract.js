// Reads one bundled contract for the diff and refuses anything that is not an OpenAPI 3.x
// document, with a one-line message that names the file and the problem.
import { readFile } from 'node:fs/promises';

/** Bad input: the CLI prints the message alone and exits 2. */
export class InputError extends Error {}

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The parsed document at `path`; throws InputError when it is missing, not JSON or not OpenAPI 3.x. */
export async function loadContract(path) {
  let text;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = { ENOENT: 'no such file', EISDIR: 'is a directory, not a file', EACCES: 'not readable' }[error.code];
    throw new InputError(`${path}: ${reason ?? `cannot be read (${error.code ?? error.message})`}`);
  }
  let document;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: not JSON (${error.message})`);
  }
  if (!isObject(document)) throw new InputError(`${path}: not an OpenAPI 3.x document (the JSON is not an object)`);
  if (typeof document.openapi !== 'string') {
    const found = document.swagger ? `Swagger ${document.swagger}` : 'no "openapi" field';
    throw new InputError(`${path}: not an OpenAPI 3.x document (${found})`);
  }
  if (!/^3\.\d+\.\d+/.test(document.openapi)) throw new InputError(`${path}: not an OpenAPI 3.x document ("openapi": "${document.openapi}")`);
  if (document.paths !== undefined && !isObject(document.paths)) throw new InputError(`${path}: "paths" is not an object`);
  return document;
}
