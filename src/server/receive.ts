// The front every request passes before routing; each step is a module of its own
// (connection-limits, host-check, cors, request-body, request-target).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { stripApiPrefix } from '../simulator/api-prefix.js';
import { floodGraceMs, withinLimits } from './connection-limits.js';
import { answerPreflight, applyCors } from './cors.js';
import { defaultHosts, type HostAllowList, hostProblem, hostRefusal } from './host-check.js';
import { sendJson } from './json-answer.js';
import { hasBody, noBody, readBody, sendTooLarge } from './request-body.js';
import { type RequestTarget, splitTarget } from './request-target.js';

/** What `receive` read: the body's bytes, the request target, and its path without /api/v3. */
export interface Received {
  rawBody: Buffer;
  target: RequestTarget;
  path: string;
}

export interface ReceiveOptions {
  /** From hostAllowList (default: none besides localhost, *.localhost and IP addresses). */
  allowedHosts?: HostAllowList;
  floodGraceMs?: number;
  /**
   * The caller puts `corsHeaders(request)` in its own writeHead (and applyCors before any other
   * answer it writes), so CORS is set here only on the answers written here: a header set before
   * writeHead sends every header of the answer through setHeader, Node's slower path.
   */
  corsOnWrite?: boolean;
}

/**
 * What every request gets before routing, in the mock and the proxy alike: the connection's limits,
 * the Host allow-list (`allowedHosts`, from hostAllowList), CORS and preflight, the body (size
 * limit, abort), the Host header and the request target. When one of them fails the request is
 * answered here and the result is undefined; otherwise it is what routing needs.
 */
export async function receive(
  request: IncomingMessage,
  response: ServerResponse,
  { allowedHosts = defaultHosts, floodGraceMs: graceMs = floodGraceMs, corsOnWrite = false }: ReceiveOptions = {},
): Promise<Received | undefined> {
  // Awaited only when it must wait (a client that does not read what is queued).
  const within = withinLimits(request, response, graceMs);
  if (within !== true && !(await within)) return undefined;
  // Before CORS: a refused Host gets nothing else (a malformed one gets its 400 below).
  const badHost = hostProblem(request);
  const refusedHost = badHost ? undefined : hostRefusal(request, allowedHosts);
  if (refusedHost) return void sendJson(response, 403, refusedHost);
  if (!corsOnWrite) applyCors(request, response);
  if (request.method === 'OPTIONS') {
    if (corsOnWrite) applyCors(request, response);
    if (answerPreflight(request, response)) return undefined;
  }
  const rawBody = hasBody(request) ? await readBody(request) : noBody;
  if (rawBody === 'aborted') return undefined;
  // Every answer written here from now on carries CORS.
  if (rawBody === 'too large') return answer(request, response, corsOnWrite, () => sendTooLarge(request, response));
  if (badHost) return answer(request, response, corsOnWrite, () => sendJson(response, 400, badHost));
  const target = splitTarget(request.url ?? '');
  if (!target) return answer(request, response, corsOnWrite, () => sendJson(response, 400, { message: `Bad Request: ${JSON.stringify(request.url)} is not a request target` }));
  return { rawBody, target, path: stripApiPrefix(target.path) };
}

/** Writes an answer of receive's own, with CORS when the caller would have put it in its writeHead (corsOnWrite). */
function answer(request: IncomingMessage, response: ServerResponse, corsOnWrite: boolean, write: () => void): undefined {
  if (corsOnWrite) applyCors(request, response);
  write();
  return undefined;
}
