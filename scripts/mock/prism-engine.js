// Prism, in this process. The mock and the proxy call Prism's HTTP engine
// (@stoplight/prism-http 5.12.0, the exact version that @stoplight/prism-cli 5.14.2 runs) instead
// of starting `prism mock` as a child behind a front server. Measured on this 2-core machine with
// logging silenced: the CLI needs 3.3 s to start and answers GET /authorizations at p99 16 ms
// (autocannon, 10 connections); in-process Prism starts in under 1 s and answers at p99 6 ms.
// There is also no second process to stop on Ctrl-C, and no second hop per request.
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// Not named `require`: TypeScript would then type Prism's exports, which these calls do not meet.
const requireCjs = createRequire(import.meta.url);
deferFaker();
const { createInstance, getHttpOperationsFromSpec } = requireCjs('@stoplight/prism-http');

/**
 * Prism requires @faker-js/faker (every locale: 0.64 of the 1.0 s it takes to load Prism on the
 * project's machine) only to hand it to json-schema-faker for dynamic examples, which neither the
 * mock nor the proxy asks for (`dynamic: false`). Until a property of it is read, the module Prism
 * gets is a stand-in that loads the real one then (docs/decisions.md, 2026-12-08).
 */
function deferFaker() {
  const path = requireCjs.resolve('@faker-js/faker', { paths: [dirname(requireCjs.resolve('@stoplight/prism-http'))] });
  if (requireCjs.cache[path]) return;
  let real;
  const faker = () => {
    if (!real) {
      delete requireCjs.cache[path];
      real = requireCjs(path).faker;
    }
    return real;
  };
  // json-schema-faker keeps what `default` gives when Prism loads, so that is a proxy too.
  const lazyFaker = new Proxy({}, { get: (_, key) => Reflect.get(faker(), key), has: (_, key) => key in faker() });
  const standIn = new Module(path);
  standIn.filename = path;
  standIn.loaded = true;
  standIn.exports = { default: lazyFaker, faker: lazyFaker };
  requireCjs.cache[path] = standIn;
}

/** The bundled contract Prism serves. */
export const bundleFile = new URL('../../generated/openapi.json', import.meta.url);

const levels = ['trace', 'debug', 'info', 'success', 'warn', 'error', 'fatal'];

/**
 * The pino-shaped logger Prism wants. Quiet (the default) drops everything: Prism's info logging
 * costs ~40% of its throughput. Verbose prints info and above, one line each.
 */
export function prismLogger(verbose) {
  const logger = { child: () => logger };
  for (const level of levels) {
    const shown = verbose && levels.indexOf(level) >= levels.indexOf('info');
    logger[level] = shown ? (...args) => console.log(`[prism ${level}] ${args.filter((a) => typeof a === 'string').join(' ')}`) : () => {};
  }
  return logger;
}

/** Prism's view of the bundle: one operation object per method and path. */
export async function prismOperations(bundleFile) {
  const operations = await getHttpOperationsFromSpec(fileURLToPath(bundleFile));
  return new Map(operations.map((operation) => [`${operation.method} ${operation.path}`, operation]));
}

/**
 * Prism as a mock that only picks and assembles the documented response: the front checks
 * requests itself (so its errors name the real problem), and the examples are lint-checked.
 */
export function createPrismMock(verbose) {
  const prism = createInstance(
    { isProxy: false, mock: { dynamic: false }, validateRequest: false, validateResponse: false, checkSecurity: false, errors: false, upstreamProxy: undefined },
    { logger: prismLogger(verbose) },
  );
  /** Prism's response for `operation`, with the status and example chosen by `Prefer` (if any). */
  return async (operation, input, /** @type {{ code?: number, exampleKey?: string }} */ { code, exampleKey } = {}) => {
    const mock = { dynamic: false, mediaTypes: ['application/json'], ...(code && { code }), ...(exampleKey && { exampleKey }) };
    const result = await prism.request(input, [operation], { isProxy: false, mock, validateRequest: false, validateResponse: false, checkSecurity: false, errors: false })();
    if (result._tag === 'Left') throw result.left;
    return result.right.output;
  };
}

/**
 * Prism as a validating proxy: forwards every request to `upstream` and validates the upstream's
 * response against the contract. Requests are judged by the simulator's checks instead
 * (proxy-server.js), so that the proxy and the mock never disagree about one.
 * @returns a function resolving to `{ output, validations: { input, output } }`
 */
export function createPrismProxy(upstream, verbose) {
  const config = { isProxy: true, upstream, upstreamProxy: undefined, mock: { dynamic: false }, validateRequest: false, validateResponse: true, checkSecurity: false, errors: false };
  const prism = createInstance(config, { logger: prismLogger(verbose) });
  return async (operations, input) => {
    const result = await prism.request(input, operations, config)();
    if (result._tag === 'Left') throw result.left;
    return result.right;
  };
}
