// Puts a contract in the shape the diff compares: every local $ref inlined and every path-level
// parameter copied into the operations under it. Then each operation carries its own copy of
// each shared schema, so a change to a shared schema is judged, and reported, once per operation
// and in that operation's direction (request or response).
import { httpMethods, tokensOf } from '../../lib/contract-helpers.js';
import { InputError } from './load-contract.js';

/** The node a local `$ref` (`#/a/b`) points to; throws InputError when there is none. */
function target(document, ref, file) {
  if (!ref.startsWith('#')) throw new InputError(`${file}: $ref "${ref}" is not local; give the bundled contract (npm run build)`);
  let node = document;
  for (const segment of tokensOf(ref)) {
    if (typeof node !== 'object' || node === null || !(segment in node)) throw new InputError(`${file}: $ref "${ref}" points to nothing`);
    node = node[segment];
  }
  return node;
}

/**
 * A copy of `document` with every $ref replaced by a copy of its target, except a $ref back into
 * itself (a cycle), which stays. `cycles` tells whether any stayed.
 */
export function dereference(document, file) {
  const resolving = new Set();
  let cycles = false;
  const inline = (node) => {
    if (Array.isArray(node)) return node.map(inline);
    if (typeof node !== 'object' || node === null) return node;
    if (typeof node.$ref === 'string') {
      const { $ref, ...siblings } = node;
      if (resolving.has($ref)) {
        cycles = true;
        return node;
      }
      resolving.add($ref);
      const resolved = inline(target(document, $ref, file));
      resolving.delete($ref);
      // OpenAPI 3.1 allows summary/description (and, in schemas, keywords) beside a $ref; they win.
      return Object.keys(siblings).length === 0 ? resolved : { ...resolved, ...inline(siblings) };
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inline(value)]));
  };
  return { document: inline(document), cycles };
}

/** Header names are case-insensitive; other parameters are not. */
const parameterKey = (parameter) => `${parameter.in}:${parameter.in === 'header' ? String(parameter.name).toLowerCase() : parameter.name}`;

/** Moves each path item's `parameters` into its operations (an operation's own parameter of the same name and place wins). */
function mergePathParameters(document) {
  for (const item of Object.values(document.paths ?? {})) {
    if (!Array.isArray(item?.parameters)) continue;
    for (const method of httpMethods.filter((name) => item[name])) {
      const own = item[method].parameters ?? [];
      const ownKeys = new Set(own.map(parameterKey));
      item[method].parameters = [...item.parameters.filter((parameter) => !ownKeys.has(parameterKey(parameter))), ...own];
    }
    delete item.parameters;
  }
  return document;
}

// The component sections that are used through $refs only: once inlined, they are dead weight.
export const referencedSections = ['schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers', 'links', 'callbacks', 'pathItems'];

/** The contract as the diff compares it (a new object; `document` is left as it was). */
export function normalize(document, file) {
  const { document: inlined, cycles } = dereference(document, file);
  // A $ref kept for a cycle still points into components, so they stay then.
  if (!cycles) for (const section of referencedSections) delete inlined.components?.[section];
  return mergePathParameters(inlined);
}
