// The HTTP transport of the simulator (the default of `npm start`): a Node server that does what
// only a server can (CORS and preflights, bounded bodies, the Host header, parser errors, /docs)
// and hands every other request to the simulator core (src/simulator/), writing its reply back.
// URLs in the answers are on the origin the request came in on (its Host header).
import { createServer } from 'node:http';
import { apiCallOf } from './api-call.js';
import { createDocsHandler, docsPaths } from './docs.js';
import { errorLine } from './error-line.js';
import { answerClientErrors, applyCors, corsHeaders, hostAllowList, receive, sendJson, serverOptions, targetForLog, unsupportedCoding } from './http-kit.js';

/** The origin a request came in on: its Host, or the address it reached when it sent none (HTTP/1.0). */
function originOf(request) {
  const host = request.headers.host;
  if (host) return `http://${host}`;
  const { localAddress, localPort } = request.socket;
  return `http://${localAddress?.includes(':') ? `[${localAddress}]` : localAddress}:${localPort}`;
}

/** Writes the simulator's reply; an injected dropped connection destroys the socket. `date`: the simulator's clock, as GitHub's Date header. */
function writeReply(reply, response, date, cors) {
  if (reply.drop) return void response.destroy();
  // Straight into writeHead, CORS first, with no setHeader per header (nothing was set before: receive's corsOnWrite).
  // Date from the simulator's clock (Node's own would be the wall clock): a frozen clock gives the same bytes.
  response.writeHead(reply.status, cors ? { ...cors, date, ...reply.headers } : { date, ...reply.headers });
  response.end(reply.body ?? undefined);
}

/**
 * `call` with its `signal`: aborted when the connection closes before the answer is written (the
 * client went away, or stop() closed every connection), so that a delayed request is dropped
 * before it touches state. Made when first read (only a delay reads it), not for every request.
 */
function withSignal(call, response) {
  let signal;
  return {
    ...call,
    get signal() {
      if (signal) return signal;
      if (response.destroyed) return (signal = AbortSignal.abort());
      const gone = new AbortController();
      response.once('close', () => response.writableFinished || gone.abort());
      return (signal = gone.signal);
    },
  };
}

// What the verbose log says about an answer: writeHead's headers cannot be read back.
const reasons = new WeakMap();

/**
 * @param {{ simulator: import('../simulator/index.js').Simulator, verbose?: boolean, log?: (line: string) => void, docs?: boolean, allowedHosts?: readonly string[], floodGraceMs?: number }} options
 *   `docs: false` (the installed package, which does not ship the docs page): /docs is no route of its own;
 *   `allowedHosts`: Host names answered besides localhost, *.localhost and IP addresses (the name it listens on, --allowed-hosts);
 *   `floodGraceMs`: how long a flooding client that does not read keeps its connection (http-kit's floodGraceMs by default)
 * @returns {import('node:http').Server} not yet listening
 */
export function createSimulatorServer({ simulator, verbose = false, log = console.log, docs = true, allowedHosts = [], floodGraceMs }) {
  const serveDocs = docs ? createDocsHandler() : undefined;
  const hosts = hostAllowList(allowedHosts);

  async function handle(request, response) {
    const received = await receive(request, response, { allowedHosts: hosts, corsOnWrite: true, ...(floodGraceMs !== undefined && { floodGraceMs }) });
    if (!received) return;
    const { rawBody, path } = received;
    // A transfer coding is the transport's to refuse; a Content-Encoding the core refuses itself (415,
    // GitHub-shaped), as it does in MSW handlers, where no transport runs.
    const coding = unsupportedCoding(request, rawBody);
    if (coding && coding.status !== 415) return void (applyCors(request, response), sendJson(response, coding.status, { message: coding.message }, coding.headers));
    if (serveDocs && docsPaths.has(path)) return void (applyCors(request, response), serveDocs(request, response));
    const reply = await simulator.reply(withSignal(apiCallOf(request, received), response), originOf(request));
    if (verbose && !('drop' in reply)) reasons.set(response, reply.headers['x-simulator-reason']);
    writeReply(reply, response, simulator.clock.now().toUTCString(), corsHeaders(request));
  }

  const server = createServer(serverOptions, (request, response) => {
    const started = verbose ? performance.now() : 0;
    if (verbose) {
      response.on('close', () => {
        const reason = reasons.get(response);
        const status = response.headersSent ? response.statusCode : 'connection dropped';
        log(`${request.method} ${targetForLog(request.url)} → ${status} (${(performance.now() - started).toFixed(1)} ms)${reason ? `: ${reason}` : ''}`);
      });
    }
    handle(request, response).catch((error) => {
      // A bug in the simulator, not in the request: say so, once, and keep serving.
      console.error(`simulator error on ${request.method} ${targetForLog(request.url).slice(0, 200)}: ${errorLine(error)}`);
      if (!response.headersSent) {
        applyCors(request, response);
        sendJson(response, 500, { message: `Simulator error: ${String(error?.message ?? error).slice(0, 500)}` });
      } else response.destroy();
    });
  });
  answerClientErrors(server);
  // CONNECT is not an operation of this API; without a listener Node would just drop the socket.
  server.on('connect', (_request, socket) => {
    const body = JSON.stringify({ message: 'Method Not Allowed: CONNECT' });
    socket.end(`HTTP/1.1 405 Method Not Allowed\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`);
  });
  return server;
}
