// Redocly's diff does not compare example payloads (a media type's `example` and `examples.*.value`).
// They never break a client, but the mock serves them, so a change to one is still worth listing.
import { httpMethods } from '../../lib/contract-helpers.js';
import { isDeepStrictEqual } from 'node:util';

/** Every example payload of a normalized contract, keyed `METHOD path` → location → value. */
function examplePayloads(document) {
  const found = new Map();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of httpMethods.filter((name) => item?.[name])) {
      const operation = item[method];
      const payloads = new Map();
      const bodies = [['requestBody', operation.requestBody], ...Object.entries(operation.responses ?? {}).map(([status, response]) => [`responses/${status}`, response])];
      for (const [at, body] of bodies) {
        for (const [type, media] of Object.entries(body?.content ?? {})) {
          if (media?.example !== undefined) payloads.set(`${at}/content/${type}/example`, media.example);
          for (const [name, example] of Object.entries(media?.examples ?? {})) payloads.set(`${at}/content/${type}/examples/${name}/value`, example?.value);
        }
      }
      found.set(`${method.toUpperCase()} ${path}`, { operationId: operation.operationId ?? null, payloads });
    }
  }
  return found;
}

/** Non-breaking items for the example payloads that were added, removed or changed in operations both contracts have. */
export function exampleChanges(base, revision) {
  const before = examplePayloads(base);
  const items = [];
  for (const [operation, { operationId, payloads: after }] of examplePayloads(revision)) {
    const old = before.get(operation)?.payloads;
    if (!old) continue; // a new operation is reported as a whole
    for (const location of new Set([...old.keys(), ...after.keys()])) {
      const kind = !old.has(location) ? 'added' : !after.has(location) ? 'removed' : isDeepStrictEqual(old.get(location), after.get(location)) ? undefined : 'changed';
      // Redocly itself reports a named example that comes or goes, but not the `example` keyword.
      if (kind === 'changed' || (kind && location.endsWith('/example'))) items.push({ rule: `example-${kind}`, operation, operationId, location, message: `Example payload was ${kind}.` });
    }
  }
  return items;
}
