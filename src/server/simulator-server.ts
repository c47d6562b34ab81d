// The HTTP transport of the simulator (the default of `npm start`): a Node server that does what
// only a server can (CORS and preflights, bounded bodies, the Host header, parser errors, and the
// pages its caller adds, such as npm start's /docs) and hands every other request to the simulator
// core (src/simulator/), writing its reply back.
// URLs in the answers are on the origin the request came in on (its Host header).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Simulator, SimulatorReply } from '../simulator/index.js';
import { apiCallOf } from './api-call.js';
import { errorLine } from './error-line.js';
import { answerClientErrors, answerConnect } from './client-errors.js';
import { serverOptions } from './connection-limits.js';
import { applyCors, corsHeadersAt } from './cors.js';
import { hostAllowList } from './host-check.js';
import { sendJson } from './json-answer.js';
import { type ReceiveOptions, receive } from './receive.js';
import { refuseTransferCoding } from './request-body.js';
import { logRequest } from './request-log.js';
import { targetForLog } from './request-target.js';

/** The origin a request came in on: its Host, or the address it reached when it sent none (HTTP/1.0). */
function originOf(request: IncomingMessage): string {
  const host = request.headers.host;
  if (host) return `http://${host}`;
  const { localAddress, localPort } = request.socket;
  return `http://${localAddress?.includes(':') ? `[${localAddress}]` : localAddress}:${localPort}`;
}

/** Writes the simulator's reply; an injected dropped connection destroys the socket. `date`: the simulator's clock, as GitHub's Date header. */
function writeReply(reply: SimulatorReply, response: ServerResponse, date: string, cors: Readonly<Record<string, string>> | undefined): void {
  if ('drop' in reply) return void response.destroy();
  // Straight into writeHead, CORS first, with no setHeader per header (nothing was set before: receive's corsOnWrite),
  // as a flat list of names and values: no object is made for Node to walk again.
  // Date from the simulator's clock (Node's own would be the wall clock): a frozen clock gives the same bytes.
  const headers: string[] = [];
  if (cors) for (const name in cors) headers.push(name, cors[name]!);
  headers.push('date', date);
  const answered = reply.headers;
  for (const name in answered) headers.push(name, answered[name]!);
  response.writeHead(reply.status, headers);
  if (reply.body) response.end(reply.body);
  else response.end();
}

// What the verbose log says about an answer: writeHead's headers cannot be read back.
const reasons = new WeakMap<ServerResponse, string | undefined>();

/** A handler for a path the server serves besides the API. */
export type PageHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;
/** Pages by path (without /api/v3), e.g. npm start's /docs. */
export type Pages = ReadonlyMap<string, PageHandler>;

export interface SimulatorServerOptions {
  simulator: Simulator;
  verbose?: boolean;
  log?: (line: string) => void;
  /** What is served besides the API (npm start's /docs; the package serves none). */
  pages?: Pages;
  /** Host names answered besides localhost, *.localhost and IP addresses (the name it listens on, --allowed-hosts). */
  allowedHosts?: readonly string[];
  /** How long a flooding client that does not read keeps its connection (connection-limits.ts's floodGraceMs by default). */
  floodGraceMs?: number;
}

/** The server, not yet listening. */
export function createSimulatorServer({ simulator, verbose = false, log = console.log, pages, allowedHosts = [], floodGraceMs }: SimulatorServerOptions): Server {
  const receiveOptions: ReceiveOptions = { allowedHosts: hostAllowList(allowedHosts), corsOnWrite: true, ...(floodGraceMs !== undefined && { floodGraceMs }) };

  // Catches its own errors (no `.catch` closure and promise per request).
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const received = await receive(request, response, receiveOptions);
      if (!received) return;
      const { path } = received;
      const page = pages?.get(path);
      // Answers written by others than writeReply take CORS the slow way (see receive's corsOnWrite).
      if (page || request.headers['transfer-encoding'] !== undefined) applyCors(request, response);
      if (refuseTransferCoding(request, response)) return;
      if (page) {
        await page(request, response);
        return;
      }
      const reply = await simulator.reply(apiCallOf(request, received, received.target.path, response), originOf(request));
      if (verbose && !('drop' in reply)) reasons.set(response, reply.headers['x-simulator-reason']);
      writeReply(reply, response, simulator.clock.now().toUTCString(), corsHeadersAt(path));
    } catch (error) {
      // A bug in the simulator, not in the request: say so, once, and keep serving.
      console.error(`simulator error on ${request.method} ${targetForLog(request.url).slice(0, 200)}: ${errorLine(error)}`);
      if (response.headersSent) return void response.destroy();
      applyCors(request, response);
      sendJson(response, 500, { message: `Simulator error: ${String(error instanceof Error ? error.message : error).slice(0, 500)}` });
    }
  }

  const server = createServer(serverOptions, (request, response) => {
    if (verbose) logRequest(request, response, log, () => reasons.get(response));
    void handle(request, response);
  });
  answerClientErrors(server);
  answerConnect(server);
  return server;
}
