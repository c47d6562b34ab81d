// GitHub's CORS on every answer of the API, and its fixed preflight answer; none on the control API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { stripApiPrefix } from '../simulator/api-prefix.js';
import { splitTarget } from './request-target.js';

// CORS as GitHub answers it (recorded api.github.com answers, 2022-2025; GHES documents the same
// shape): any origin, no credentials (Basic credentials travel in the Authorization header, which
// needs none), the headers GitHub exposes, and a fixed preflight answer. The simulator's own
// headers come after GitHub's. The control routes get none of it: see control-gate.ts.
export const exposedHeaders =
  'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset' +
  ', Preference-Applied, X-Simulator-Reason';
export const preflightHeaders = {
  'access-control-allow-headers':
    'Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, Accept-Encoding, X-GitHub-OTP, X-Requested-With, User-Agent, GraphQL-Features, X-Github-Next-Global-ID, X-GitHub-Api-Version' +
    ', Prefer, X-Simulator-Delay, X-Simulator-Fault',
  'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE',
  'access-control-max-age': '86400',
};

/** True for a path without `/api/v3` (receive's `path`) under the control API, which gets no CORS. */
const isControlPath = (path: string): boolean => path === '/_simulator' || path.startsWith('/_simulator/');

/** True for a request target under the control API (`/_simulator`, with or without `/api/v3`), which gets no CORS. */
export function isControlTarget(target = ''): boolean {
  return isControlPath(stripApiPrefix(splitTarget(target)?.path ?? ''));
}

const corsAnswerHeaders = Object.freeze({ 'access-control-allow-origin': '*', 'access-control-expose-headers': exposedHeaders });

/** GitHub's CORS headers for the answer to `request`, for a writer's own writeHead; undefined for the control API. */
export function corsHeaders(request: IncomingMessage): Readonly<Record<string, string>> | undefined {
  return isControlTarget(request.url) ? undefined : corsAnswerHeaders;
}

/** The same from the request's path without `/api/v3`, once receive has split it out (no second split). */
export function corsHeadersAt(path: string): Readonly<Record<string, string>> | undefined {
  return isControlPath(path) ? undefined : corsAnswerHeaders;
}

/** GitHub's CORS headers, on every answer of the API (not of the control API). */
export function applyCors(request: IncomingMessage, response: ServerResponse): void {
  const cors = corsHeaders(request);
  if (!cors) return;
  for (const [name, value] of Object.entries(cors)) response.setHeader(name, value);
}

/**
 * Answers a CORS preflight (OPTIONS with Origin and Access-Control-Request-Method) as GitHub does:
 * 204 with its fixed lists, whatever was requested; false if it is none. A preflight for the
 * control API is left to it: it refuses it (no X-Simulator-Control), with no CORS grant.
 */
export function answerPreflight(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== 'OPTIONS' || !request.headers.origin || !request.headers['access-control-request-method']) return false;
  if (isControlTarget(request.url)) return false;
  response.writeHead(204, preflightHeaders);
  response.end();
  return true;
}
