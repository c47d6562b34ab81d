// The validating proxy: every request goes on to the real server as sent (minus the /api/v3
// prefix, which the upstream base URL carries), Prism validates the request and the upstream's
// response against the contract, and each exchange that breaks it is reported, one line per
// violation. The app gets the upstream's answer unchanged, so it keeps working while you read.
import { createServer } from 'node:http';
import { bundleFile } from './contract-routes.js';
import { answerClientErrors, receive, sendJson, serverOptions, targetForLog } from './http-kit.js';
import { createPrismProxy, prismOperations } from './prism-engine.js';

const severities = ['error', 'warning', 'info', 'hint'];
// Hop-by-hop and framing headers: Node and node-fetch set their own.
const notForwarded = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'upgrade']);
const notReturned = new Set(['connection', 'keep-alive', 'content-length', 'transfer-encoding', 'content-encoding']);

/** One line per violation, e.g. `response body.scopes: must be array (error)`. */
export function describeViolations(validations) {
  return [
    ...validations.input.map((violation) => ['request', violation]),
    ...validations.output.map((violation) => ['response', violation]),
  ].map(([side, { path = [], message, severity }]) => {
    const where = [side, path.join('.')].filter(Boolean).join(' ');
    const what = message === 'Selected route not found' ? 'no operation of the contract has this method and path' : message;
    return `${where}: ${what} (${severities[severity] ?? severity})`;
  });
}

/**
 * @param {{ upstream: URL, verbose?: boolean, report?: (line: string) => void }} options
 * @returns {Promise<import('node:http').Server>} not yet listening
 */
export async function createProxyServer({ upstream, verbose = false, report = console.log }) {
  const operations = [...(await prismOperations(bundleFile)).values()];
  const proxy = createPrismProxy(upstream, verbose);

  async function handle(request, response) {
    const received = await receive(request, response);
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
    const violations = describeViolations(validations);
    if (violations.length > 0) report([`✗ ${exchange} → ${output.statusCode} breaks the contract:`, ...violations.map((line) => `    ${line}`)].join('\n'));
    else if (verbose) report(`✓ ${exchange} → ${output.statusCode}`);

    const outHeaders = Object.fromEntries(Object.entries(output.headers ?? {}).filter(([name]) => !notReturned.has(name.toLowerCase())));
    const outBody = output.body === undefined || output.body === null || output.body === '' ? undefined : typeof output.body === 'string' ? output.body : JSON.stringify(output.body);
    response.writeHead(output.statusCode, outBody === undefined ? outHeaders : { ...outHeaders, 'content-length': Buffer.byteLength(outBody) });
    response.end(outBody);
  }

  const server = createServer(serverOptions, (request, response) => {
    handle(request, response).catch((error) => {
      console.error(`proxy error on ${request.method} ${targetForLog(request.url)}: ${error.stack ?? error}`);
      if (!response.headersSent) sendJson(response, 500, { message: `Proxy error: ${error.message}` });
      else response.destroy();
    });
  });
  answerClientErrors(server);
  return server;
}
