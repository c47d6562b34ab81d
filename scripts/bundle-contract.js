// Bundles openapi/ in this process: the document with its $refs, and the same with every $ref
// inlined. It uses @redocly/openapi-core's Node API (1.34, the version openapi-typescript loads
// anyway) instead of two `redocly bundle` processes of the pinned CLI, which cost about 0.4 s each
// to start; test/contract/bundle.slow.test.ts proves the output byte-identical to the CLI's.
import { relative } from 'node:path';
import { bundle, loadConfig } from '@redocly/openapi-core';

/** A problem and where it is: `Can't resolve $ref: … at openapi/paths/authorizations.yaml#/get/…` */
function describe({ message, location: [where] = [] }) {
  if (!where) return message;
  return `${message} at ${relative(process.cwd(), where.source.absoluteRef)}${where.pointer ?? ''}`;
}

/** `{ bundled, dereferenced }`, the parsed documents; throws when a $ref cannot be resolved. */
export async function bundleContract({ root = 'openapi/openapi.yaml', configPath = 'redocly.yaml' } = {}) {
  const config = await loadConfig({ configPath });
  const bundleOnce = async (dereference) => {
    const { bundle: document, problems } = await bundle({ ref: root, config, dereference });
    const errors = problems.filter((problem) => problem.severity === 'error');
    if (errors.length > 0) throw new Error(`bundling ${root} failed:\n${errors.map(describe).join('\n')}`);
    return document.parsed;
  };
  const [bundled, dereferenced] = await Promise.all([bundleOnce(false), bundleOnce(true)]);
  return { bundled, dereferenced };
}
