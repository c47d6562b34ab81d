// The validating proxy: every request goes on to the real server as sent (minus the /api/v3
// prefix, which the upstream base URL carries); the request is judged by the simulator's own
// checks (src/simulator/request-checks.ts, the precompiled validators: the mock and the proxy
// cannot disagree about a request), Prism validates the upstream's response against the
// contract, and each exchange that breaks it is reported, one line per violation. The app gets
// the upstream's answer unchanged, so it keeps working while you read.
import { createServer } from 'node:http';
import { apiCallOf } from '../../src/server/api-call.js';
import { scrubExchange } from '../../src/conformance/recording.js';
import { checkRequest } from '../../src/simulator/index.js';
import { answerClientErrors } from '../../src/server/client-errors.js';
import { serverOptions } from '../../src/server/connection-limits.js';
import { errorLine } from '../../src/server/error-line.js';
import { hostAllowList } from '../../src/server/host-check.js';
import { sendJson } from '../../src/server/json-answer.js';
import { receive } from '../../src/server/receive.js';
import { targetForLog } from '../../src/server/request-target.js';
import { bundleFile, createPrismProxy, prismOperations } from './prism-engine.js';

const severities = ['error', 'warning', 'info', 'hint'];
// Hop-by-hop and framing headers: Node and node-fetch set their own.
const notForwarded = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'upgrade']);
const notReturned = new Set(['connection', 'keep-alive', 'content-length', 'transfer-encoding', 'content-encoding']);

/**
 * The request's violations, from the refusal the simulator's checks gave it (none when it passed):
 * one line per offending field, e.g. `request body.note: note must be string (error)`.
 */
export function describeRequestViolations(refusal) {
  if (!refusal || refusal.status < 400) return [];
  const { part, body, reason } = refusal;
  if (refusal.status === 422 && (part === 'body' || part === 'query')) {
    return body.errors.map((item) => `request ${[part, item.field].filter(Boolean).join('.')}: ${item.message ?? item.code} (error)`);
  }
  if (part === 'route') return [`request: no operation of the contract has this method and path (${reason}) (error)`];
  if (part === 'credentials') return ['request: no Basic credentials, which every operation requires (error)'];
  return [`request ${part}: ${body?.message ?? reason} (error)`];
}

/** One line per violation of the upstream's response, e.g. `response body.scopes: must be array (error)`. */
export function describeResponseViolations(violations) {
  return violations.map(({ path = [], message, severity }) => `${['response', path.join('.')].filter(Boolean).join(' ')}: ${message} (${severities[severity] ?? severity})`);
}

/**
 * @param {{ upstream: URL, verbose?: boolean, report?: (line: string) => void, allowedHosts?: readonly string[], record?: (exchange: object) => void }} options
 *   `record` gets every exchange, scrubbed of secrets (src/conformance/recording.js), for --record
 * @returns {Promise<import('node:http').Server>} not yet listening
 */
export async function createProxyServer({ upstream, verbose = false, report = console.log, allowedHosts = [], record }) {
  const hosts = hostAllowList(allowedHosts);
  const prism = await prismOperations(bundleFile);
  const operations = [...prism.values()];
  const proxy = createPrismProxy(upstream, verbose);

  async function handle(request, response) {
    const received = await receive(request, response, { allowedHosts: hosts });
    if (!received) return;
    const { rawBody, target, path } = received;

    const query = {};
    for (const [name, value] of new URLSearchParams(target.search)) query[name] = name in query ? [query[name], value].flat() : value;
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !notForwarded.has(name)));
    const text = rawBody.toString('utf8');
    let body;
    try {
      body = text === '' ? undefined : JSON.parse(text);
      // GitHub reads the body as JSON whatever Content-Type says (curl -d sends a form type), so
      // Prism validates it as JSON too, and the upstream is told what it is.
      if (body !== undefined) headers['content-type'] = 'application/json';
    } catch {
      body = text; // forwarded as sent; Prism reports that it is not the JSON the contract wants
    }

    const exchange = `${request.method} ${target.path}`;
    let result;
    try {
      result = await proxy(operations, { method: request.method.toLowerCase(), url: { path, query }, headers, body });
    } catch (error) {
      report(`✗ ${exchange}: the upstream ${upstream.href} did not answer: ${error.detail ?? error.message}`);
      return sendJson(response, 502, { message: `Bad Gateway: ${upstream.href} did not answer: ${error.detail ?? error.message}` });
    }
    const { output, validations } = result;
    const checked = checkRequest(apiCallOf(request, received, path));
    const violations = [...describeRequestViolations('refusal' in checked ? checked.refusal : undefined), ...describeResponseViolations(validations.output)];
    if (violations.length > 0) report([`✗ ${exchange} → ${output.statusCode} breaks the contract:`, ...violations.map((line) => `    ${line}`)].join('\n'));
    else if (verbose) report(`✓ ${exchange} → ${output.statusCode}`);

    record?.(
      scrubExchange({
        startedAt: new Date().toISOString(),
        method: request.method,
        path: `${path}${target.search ? `?${target.search}` : ''}`,
        requestHeaders: request.headers,
        requestBody: text,
        status: output.statusCode,
        responseHeaders: output.headers ?? {},
        responseBody: output.body === undefined || output.body === null ? undefined : typeof output.body === 'string' ? output.body : JSON.stringify(output.body),
      }),
    );
    const outHeaders = Object.fromEntries(Object.entries(output.headers ?? {}).filter(([name]) => !notReturned.has(name.toLowerCase())));
    const outBody = output.body === undefined || output.body === null || output.body === '' ? undefined : typeof output.body === 'string' ? output.body : JSON.stringify(output.body);
    response.writeHead(output.statusCode, outBody === undefined ? outHeaders : { ...outHeaders, 'content-length': Buffer.byteLength(outBody) });
    response.end(outBody);
  }

  const server = createServer(serverOptions, (request, response) => {
    handle(request, response).catch((error) => {
      console.error(`proxy error on ${request.method} ${targetForLog(request.url).slice(0, 200)}: ${errorLine(error)}`);
      if (!response.headersSent) sendJson(response, 500, { message: `Proxy error: ${error.message}` });
      else response.destroy();
    });
  });
  answerClientErrors(server);
  return server;
}
