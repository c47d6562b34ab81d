// What the mock and the validating proxy share at the HTTP level: JSON answers, CORS, the real
// server's /api/v3 prefix, bounded body reading, a JSON answer for requests Node's own parser
// rejects (after the answers owed before it), and bounds on what one connection can make the
// server hold. Bad input always gets a 4xx JSON answer, never a crash or a hang.
import { maxHeaderSize } from 'node:http';
import { isIP } from 'node:net';

export const jsonContentType = 'application/json; charset=utf-8';
export const apiPrefix = '/api/v3';
/** Larger request bodies get 413: the largest valid body of this API is well under 1 KiB. */
export const bodyLimit = 1024 * 1024;
/** A request still incomplete after this long gets 408 (Node's default is 5 minutes). */
export const requestTimeoutMs = 10_000;

// What one connection can make the mock hold. A client that sends without reading must cost a
// few MB at most and be let go in the end, whatever it sends; clients that read never meet these.
/**
 * Requests in flight on one connection (answered or being answered, not yet sent): the next one
 * gets a 429 and the connection closes after it, so the client sends the rest again on a new one
 * (RFC 9112 §9.3.2); past as many again behind that 429, the connection reads no more, and closes
 * once the answers owed have gone out (or after `floodGraceMs`, if its client does not read them). Browsers do not pipeline, nor do curl, fetch or Node's agent; clients that
 * did went 4 to 8 deep, so 16 is generous. It bounds what one write can start: 2,000 requests fit
 * in a 64 KB write, and each started request holds its answer (up to a list of 100 authorizations,
 * about 100 KB) until the client reads it.
 */
export const maxPipelined = 16;
/**
 * How long a connection that pipelined past the 429 by as many again (a flood) has to read the
 * answers owed before it is closed: Node keeps every request of the flood until then. Much less
 * than `stallTimeoutMs`, and ample for a client that reads (16 docs pages at loopback speed).
 * Also how long a connection lingers after its 429 has gone out, at most (see closeLingering).
 */
export const floodGraceMs = 5_000;
/**
 * Answer bytes waiting for a client beyond which the next request on its connection waits (its
 * handler does not start) until the client has read them: one page of the largest list many
 * times over, and much less than the docs page (2.5 MB), which is sent from one shared buffer.
 */
export const maxQueuedBytes = 1024 * 1024;
/**
 * An answer handed to the socket that has not gone out after this long closes the connection: its
 * client stopped reading. 30 s lets even a slow link take the 2.5 MB docs page (83 KB/s), and is
 * not counted while an answer is still being made (the simulator may be told to wait up to 60 s).
 */
export const stallTimeoutMs = 30_000;
/** An idle keep-alive connection closes after this long (Node's default, said here so it is a choice). */
export const keepAliveTimeoutMs = 5_000;

/**
 * Options for `http.createServer`: incomplete requests are checked every second, not every 30.
 * Node would answer an HTTP/1.1 request without Host itself, with an empty 400: `hostProblem` instead.
 */
export const serverOptions = { requestTimeout: requestTimeoutMs, connectionsCheckingInterval: 1000, requireHostHeader: false, keepAliveTimeout: keepAliveTimeoutMs };

// RFC 9110's uri-host (a bracketed IP literal, or a name or IPv4 address) and an optional port.
const hostValue = /^(\[[\dA-Fa-f:.]+\]|[\w.~!$&'()*+,;=%-]*)(:\d*)?$/;

/**
 * The 400 body RFC 9112 requires for an HTTP/1.1 request without Host, and for any request with
 * two Host headers or a Host that is no host (Node accepts all three); undefined when Host is fine.
 */
export function hostProblem(request) {
  const hosts = request.headersDistinct.host ?? [];
  if (hosts.length === 0) return request.httpVersion === '1.1' ? { message: 'Bad Request: an HTTP/1.1 request needs a Host header' } : undefined;
  if (hosts.length > 1) return { message: `Bad Request: ${hosts.length} Host headers (${hosts.map((host) => JSON.stringify(host)).join(', ')}); a request has one` };
  if (!hostValue.test(hosts[0])) return { message: `Bad Request: Host ${JSON.stringify(hosts[0])} is not a host name or address with an optional port` };
  return undefined;
}

// Against DNS rebinding (a page on attacker.example, its name made to resolve to 127.0.0.1, reaches
// the server with `Host: attacker.example`), as Vite's and webpack-dev-server's `allowedHosts` do:
// the server answers only Host names that cannot be an attacker's: localhost, *.localhost (RFC
// 6761 keeps them on this machine), IP literals (a rebinding page has a name), the name it was
// started on, and the names given with --allowed-hosts. A request with no Host (HTTP/1.0) is no
// browser's and is answered.
const allowedHostName = /^\.?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

/**
 * The host allow-list: `names` as given to --allowed-hosts (`.example.test` also allows its
 * subdomains), checked; throws an Error naming `where` for one that is no host name.
 * @param {readonly string[]} names
 * @returns {{ names: Set<string>, suffixes: string[] }}
 */
export function hostAllowList(names = [], where = '--allowed-hosts') {
  const list = { names: /** @type {Set<string>} */ (new Set()), suffixes: /** @type {string[]} */ ([]) };
  for (const given of names) {
    const name = given.trim().toLowerCase().replace(/\.$/, '');
    // An address (a listening host such as 0.0.0.0 or ::) is answered anyway.
    if (isIP(name.replace(/^\[(.*)\]$/, '$1'))) continue;
    if (name.length > 253 || !allowedHostName.test(name)) throw new Error(`${where}: ${JSON.stringify(given)} is not a host name (e.g. my-alias.test, or .example.test for it and its subdomains)`);
    if (name.startsWith('.')) list.suffixes.push(name);
    list.names.add(name.replace(/^\./, ''));
  }
  return list;
}

/** A Host's name that is an address: `[v6]` (hostValue admits only hex digits, colons and dots there) or dotted IPv4. */
function isIpLiteral(name) {
  return name.startsWith('[') || isIP(name) === 4;
}

const defaultHosts = hostAllowList();

/** The 403 body for a Host the server does not answer (see hostAllowList), or undefined. */
export function hostRefusal(request, list = defaultHosts) {
  const host = request.headers.host;
  if (!host) return undefined;
  const name = (host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '')).toLowerCase().replace(/\.$/, '');
  if (name === '' || name === 'localhost' || name.endsWith('.localhost') || isIpLiteral(name)) return undefined;
  if (list.names.has(name) || list.suffixes.some((suffix) => name.endsWith(suffix))) return undefined;
  return {
    message: `Forbidden: Host ${JSON.stringify(host)} is not a name this server answers to (against DNS rebinding it answers localhost, *.localhost, IP addresses${list.names.size > 0 ? `, ${[...list.names].join(', ')}` : ''}); to use this name, start it with --allowed-hosts ${name} (the allowedHosts option)`,
  };
}

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

export function sendJson(response, status, body, headers = {}) {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...headers, 'content-type': jsonContentType, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** Splits a request target into path and query; `undefined` when it is neither origin- nor absolute-form. */
export function splitTarget(target) {
  if (target.startsWith('/')) {
    const query = target.indexOf('?');
    return query < 0 ? { path: target, search: '' } : { path: target.slice(0, query), search: target.slice(query + 1) };
  }
  try {
    const url = new URL(target);
    return { path: url.pathname, search: url.search.slice(1) };
  } catch {
    return undefined;
  }
}

/** The request target for a log line, without the user and password an absolute-form target can carry. */
export function targetForLog(target = '') {
  return target.replace(/^([a-z][a-z\d+.-]*:\/\/)[^/?#]*@/i, '$1');
}

/** `/api/v3/authorizations` → `/authorizations`, so apps can switch between mock and server by host alone. */
export function stripApiPrefix(path) {
  if (path === apiPrefix) return '/';
  return path.startsWith(`${apiPrefix}/`) ? path.slice(apiPrefix.length) : path;
}

/** True for a request target under the control API (`/_simulator`, with or without `/api/v3`), which gets no CORS. */
export function isControlTarget(target = '') {
  const path = stripApiPrefix(splitTarget(target)?.path ?? '');
  return path === '/_simulator' || path.startsWith('/_simulator/');
}

/** GitHub's CORS headers, on every answer of the API (not of the control API). */
export function applyCors(request, response) {
  if (isControlTarget(request.url)) return;
  response.setHeader('access-control-allow-origin', '*');
  response.setHeader('access-control-expose-headers', exposedHeaders);
}

/**
 * Answers a CORS preflight (OPTIONS with Origin and Access-Control-Request-Method) as GitHub does:
 * 204 with its fixed lists, whatever was requested; false if it is none. A preflight for the
 * control API is left to it: it refuses it (no X-Simulator-Control), with no CORS grant.
 */
export function answerPreflight(request, response) {
  if (request.method !== 'OPTIONS' || !request.headers.origin || !request.headers['access-control-request-method']) return false;
  if (isControlTarget(request.url)) return false;
  response.writeHead(204, preflightHeaders);
  response.end();
  return true;
}

/**
 * Reads the whole body. Resolves with a Buffer; with 'too large' past `bodyLimit` (the caller
 * answers 413 with `sendTooLarge`, which drops the rest and closes); with 'aborted' when the
 * client went away or timed out first (there is no one left to answer).
 */
export function readBody(request) {
  return new Promise((resolve) => {
    const declared = Number(request.headers['content-length']);
    if (declared > bodyLimit) return resolve('too large');
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > bodyLimit) {
        request.removeAllListeners('data');
        request.pause();
        resolve('too large');
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', () => resolve('aborted'));
  });
}

/** After a 413, what the client may still send is read and dropped up to this many bytes, for up to `lingerMs`. */
export const lingerBytes = 16 * 1024 * 1024;
export const lingerMs = 5_000;

/**
 * Answers 413, then closes only once the client has stopped sending the rest of its body (a
 * lingering close, as Apache and nginx do): a socket closed with bytes still unread is reset, and
 * the reset can reach a busy client before it has read the answer, which is then lost. The socket
 * closes when the client closes its side; past `lingerBytes` or `lingerMs` it is cut anyway.
 */
export function sendTooLarge(request, response) {
  const { socket } = request;
  // Node would destroy the socket as soon as the answer is out: end it (FIN) and read on instead.
  socket.destroySoon = () => socket.end();
  const cut = setTimeout(() => socket.destroy(), lingerMs).unref();
  socket.once('close', () => clearTimeout(cut));
  let dropped = 0;
  request.removeAllListeners('data');
  request.on('data', (chunk) => {
    dropped += chunk.length;
    if (dropped > lingerBytes) socket.destroy();
  });
  request.resume();
  response.setHeader('connection', 'close');
  sendJson(response, 413, { message: `Request body too large: the limit is ${bodyLimit} bytes` });
}

/**
 * Node undoes chunked framing and no other coding, so a body compressed in transit
 * (`Transfer-Encoding: gzip, chunked`) or as content (`Content-Encoding: gzip`) would be read as
 * bytes that are no JSON; name the coding instead. @returns {{ status, message, headers } | undefined}
 */
export function unsupportedCoding(request, body) {
  const transfer = request.headers['transfer-encoding'];
  if (transfer !== undefined && transfer.trim().toLowerCase() !== 'chunked') {
    return { status: 400, message: `Transfer-Encoding ${JSON.stringify(transfer)} is not supported: send the body chunked alone, or with a Content-Length`, headers: { connection: 'close' } };
  }
  const content = request.headers['content-encoding'];
  if (body.length > 0 && content !== undefined && content.trim().toLowerCase() !== 'identity') {
    return { status: 415, message: `Unsupported Content-Encoding ${JSON.stringify(content)}: send the body uncompressed`, headers: { 'accept-encoding': 'identity' } };
  }
  return undefined;
}

// Node's parser (llhttp) says what is wrong in `error.reason`, e.g. "Invalid character in chunk
// size" or "Duplicate Content-Length"; where that alone would leave a client guessing, say more.
const parseProblems = {
  HPE_INVALID_URL: (reason) => `${reason}: percent-encode spaces, control characters and non-ASCII bytes (as UTF-8) in the URL`,
  HPE_INVALID_EOF_STATE: () => 'the connection was closed before the request was complete (its request line, headers or body were cut short)',
  HPE_PAUSED_H2_UPGRADE: () => 'this server speaks HTTP/1.1, not HTTP/2 (the request began with the HTTP/2 preface, PRI * HTTP/2.0)',
};

/** What a parse error says is wrong, for a person: `Invalid method encountered (HPE_INVALID_METHOD)`. */
export function describeParseError(error) {
  const reason = error.reason || error.message || 'unparseable';
  return `${parseProblems[error.code]?.(reason) ?? reason} (${error.code ?? 'no code'})`;
}

// Per connection: the answers not yet sent (in request order, as Node sends them) with their
// requests; how many answers were handed to its socket and how many went out, when one last went
// out (or began to wait), and the timer that watches them; whether it was told to close because it pipelined too deep, and how many requests
// came after that.
const connections = new WeakMap();

/** The connection state of `socket`, made on its first request. */
function connectionOf(socket) {
  let connection = connections.get(socket);
  if (!connection) {
    connection = { unsent: new Map(), handedOver: 0, sent: 0, progressAt: 0, stall: undefined, closing: false, behindRefusal: 0, flooded: false, answeredError: false };
    connections.set(socket, connection);
    socket.once('close', () => clearTimeout(connection.stall));
  }
  return connection;
}

/** Counts an answer as unsent until it has gone out (or its connection closed), and watches it once handed to the socket. */
function track(request, response) {
  const { socket } = request;
  const connection = connectionOf(socket);
  connection.unsent.set(response, request);
  response.once('prefinish', () => {
    // The first answer waiting to go out starts the clock.
    if (connection.sent === connection.handedOver) connection.progressAt = performance.now();
    connection.handedOver++;
    watchStall(socket, connection);
  });
  response.once('finish', () => {
    connection.sent++;
    connection.progressAt = performance.now();
  });
  response.once('close', () => connection.unsent.delete(response));
}

/** Closes the connection when answers handed to its socket wait and none has gone out for `stallTimeoutMs`. */
function watchStall(socket, connection, delay = stallTimeoutMs) {
  if (connection.stall || socket.destroyed) return;
  connection.stall = setTimeout(() => {
    connection.stall = undefined;
    if (connection.sent === connection.handedOver) return undefined;
    const idle = performance.now() - connection.progressAt;
    if (idle >= stallTimeoutMs) return socket.destroy();
    return watchStall(socket, connection, stallTimeoutMs - idle);
  }, delay);
  connection.stall.unref();
}

/**
 * Resolves once every answer in `responses` has gone out, or `socket` has closed.
 * @returns {Promise<void>}
 */
function allSent(socket, responses) {
  return new Promise((resolve) => {
    let left = responses.length;
    if (left === 0 || socket.destroyed) return resolve();
    const sent = () => --left === 0 && resolve();
    for (const response of responses) response.once('close', sent);
    socket.once('close', resolve);
  });
}

/** The 400/408/431 written for a request Node's parser refused, in JSON. */
function parseErrorAnswer(error) {
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', `Request headers too large: the request line (with the URL) and the headers must fit in ${maxHeaderSize / 1024} KiB`]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', `Request incomplete after ${requestTimeoutMs / 1000} s`]
        : [400, 'Bad Request', `Malformed HTTP request: ${describeParseError(error)}`];
  const body = JSON.stringify({ message });
  return `HTTP/1.1 ${status} ${reason}\r\ncontent-type: ${jsonContentType}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

/**
 * Requests Node's HTTP parser refuses (a malformed request line or header, an oversized header,
 * a timeout) never reach the handler; answer them in JSON too, then close the connection. The
 * requests before them on the connection (pipelined in the same write) get their answers first,
 * as HTTP/1.1 requires: the refusal waits until those have gone out. Requests with an Expect
 * header other than 100-continue, which Node would answer with an empty 417, get a JSON 417.
 * Also counts every answer per connection, for the limits `receive` applies.
 */
export function answerClientErrors(server) {
  // First, so that the count includes the request before its handler runs.
  server.prependListener('request', track);
  server.on('checkExpectation', (request, response) => {
    track(request, response);
    response.setHeader('connection', 'close');
    sendJson(response, 417, { message: `Expectation Failed: Expect ${JSON.stringify(request.headers.expect)} cannot be met; the only expectation served is 100-continue` });
  });
  server.on('clientError', (error, socket) => {
    // Not a connection lingering after its 429 (closeLingering ended it): a request of its flood
    // that times out unread must not cut the answers it still owes.
    if (error.code === 'ECONNRESET' || (!socket.writable && !connections.get(socket)?.closing)) return socket.destroy();
    // Once per connection: the parser reports its error again for every later chunk.
    const connection = connectionOf(socket);
    if (connection.answeredError) return undefined;
    connection.answeredError = true;
    // A connection told to close already needs no second reason.
    if (connection.closing) return undefined;
    // Owed: the answers to the requests parsed before the refused one, and any already written.
    // Not the request whose body the parser refused: it will never be answered.
    const owed = [...connection.unsent].filter(([response, request]) => request.complete || response.writableEnded).map(([response]) => response);
    return allSent(socket, owed).then(() => {
      if (socket.writable) socket.end(parseErrorAnswer(error));
      else socket.destroy();
    });
  });
}

/**
 * Resolves once `socket` has sent what it holds (drain) or closed.
 * @returns {Promise<void>}
 */
function drained(socket) {
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}

/**
 * Makes the close Node does once an answer with `Connection: close` has gone out (`destroySoon`) a
 * lingering one: the end (FIN) goes out after the answers, and the socket closes when its client
 * has closed too, or `lingerMs` later. Closed at once, a socket with bytes of its client still
 * unread (a flood, no more of which is read) is reset (RST), and the reset drops the answers the
 * kernel has not sent yet: a pipelining client that had not read them all lost the rest.
 */
function closeLingering(socket, lingerMs) {
  socket.destroySoon = () => {
    socket.end();
    const cut = setTimeout(() => socket.destroy(), lingerMs).unref();
    socket.once('close', () => clearTimeout(cut));
  };
}

/**
 * The limits on one connection (see `maxPipelined`, `maxQueuedBytes`): true when the request may
 * go on, after waiting for its client to read what is queued; false when it was answered with the
 * 429 that closes its connection, or is behind that 429 and will not be answered.
 */
async function withinLimits(request, response, graceMs = floodGraceMs) {
  const { socket } = request;
  const connection = connectionOf(socket);
  if (connection.closing) {
    // Pipelined this far past the limit, it is a flood (2,000 requests fit in one 64 KB write, and
    // Node keeps each request until its connection closes): read no more of it. The answers owed
    // (those before the 429, and the 429) still go out, in order; then the 429's
    // `Connection: close` closes the connection (or, if its client does not read them, floodGraceMs).
    if (++connection.behindRefusal > maxPipelined && !connection.flooded) {
      connection.flooded = true;
      socket.pause();
      // And keep it paused: Node resumes a socket whenever one of its requests is read or dropped
      // (each answer that goes out drops its request), which would read (and hold) the whole flood.
      socket.resume = () => socket;
      // Node holds every request it parsed from that write (about 2 KB each, 2,000 in 64 KB) until
      // the connection closes: a flooding client that does not read its answers soon loses them.
      setTimeout(() => socket.destroy(), graceMs).unref();
    }
    return false;
  }
  if (connection.unsent.size > maxPipelined) {
    connection.closing = true;
    closeLingering(socket, graceMs);
    response.setHeader('connection', 'close');
    sendJson(response, 429, {
      message: `Too Many Requests: at most ${maxPipelined} requests are answered at a time on one connection; this one and those pipelined after it were not processed: send them again on a new connection`,
    });
    return false;
  }
  if (socket.writableLength > maxQueuedBytes) await drained(socket);
  return !socket.destroyed;
}

/**
 * What every request gets before routing, in the mock and the proxy alike: the connection's limits,
 * the Host allow-list (`allowedHosts`, from hostAllowList), CORS and preflight, the body (size limit, abort), the Host header and the request target. When one of them fails the
 * request is answered here and the result is undefined; otherwise it is what routing needs.
 * @returns {Promise<{ rawBody: Buffer, target: { path: string, search: string }, path: string } | undefined>}
 */
export async function receive(request, response, { allowedHosts = defaultHosts, floodGraceMs: graceMs = floodGraceMs } = {}) {
  if (!(await withinLimits(request, response, graceMs))) return undefined;
  // Before CORS: a refused Host gets nothing else (a malformed one gets its 400 below).
  const refusedHost = hostProblem(request) ? undefined : hostRefusal(request, allowedHosts);
  if (refusedHost) return void sendJson(response, 403, refusedHost);
  applyCors(request, response);
  if (answerPreflight(request, response)) return undefined;
  const rawBody = await readBody(request);
  if (rawBody === 'aborted') return undefined;
  if (rawBody === 'too large') return void sendTooLarge(request, response);
  const badHost = hostProblem(request);
  if (badHost) return void sendJson(response, 400, badHost);
  const target = splitTarget(request.url ?? '');
  if (!target) return void sendJson(response, 400, { message: `Bad Request: ${JSON.stringify(request.url)} is not a request target` });
  return { rawBody, target, path: stripApiPrefix(target.path) };
}
