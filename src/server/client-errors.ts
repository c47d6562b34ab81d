// Requests Node's HTTP parser refuses, and methods Node answers itself: a JSON answer each, after
// the answers owed before it on the connection.
import { maxHeaderSize, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { allSent, connectionOf, isClosing, requestTimeoutMs, track } from './connection-limits.js';
import { jsonContentType } from '../simulator/media-type.js';
import { sendJson } from './json-answer.js';

// Node's parser (llhttp) says what is wrong in `error.reason`, e.g. "Invalid character in chunk
// size" or "Duplicate Content-Length"; where that alone would leave a client guessing, say more.
/** A parse error as Node's server reports it (`clientError`). */
export type ParseError = Error & { code?: string; reason?: string };

const parseProblems: Record<string, (reason: string) => string> = {
  HPE_INVALID_URL: (reason) => `${reason}: percent-encode spaces, control characters and non-ASCII bytes (as UTF-8) in the URL`,
  HPE_INVALID_EOF_STATE: () => 'the connection was closed before the request was complete (its request line, headers or body were cut short)',
  HPE_PAUSED_H2_UPGRADE: () => 'this server speaks HTTP/1.1, not HTTP/2 (the request began with the HTTP/2 preface, PRI * HTTP/2.0)',
};

/** What a parse error says is wrong, for a person: `Invalid method encountered (HPE_INVALID_METHOD)`. */
export function describeParseError(error: ParseError): string {
  const reason = error.reason || error.message || 'unparseable';
  return `${parseProblems[error.code ?? '']?.(reason) ?? reason} (${error.code ?? 'no code'})`;
}

/** The 400/408/431 written for a request Node's parser refused, in JSON. */
function parseErrorAnswer(error: ParseError): string {
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
export function answerClientErrors(server: Server): void {
  // First, so that the count includes the request before its handler runs.
  server.prependListener('request', track);
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    track(request, response);
    response.setHeader('connection', 'close');
    sendJson(response, 417, { message: `Expectation Failed: Expect ${JSON.stringify(request.headers.expect)} cannot be met; the only expectation served is 100-continue` });
  });
  server.on('clientError', (error: ParseError, socket: Duplex) => {
    // Not a connection lingering after its 429 (closeLingering ended it): a request of its flood
    // that times out unread must not cut the answers it still owes.
    if (error.code === 'ECONNRESET' || (!socket.writable && !isClosing(socket))) return socket.destroy();
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

/** CONNECT is not an operation of this API; without a listener Node would just drop the socket. */
export function answerConnect(server: Server): void {
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    const body = JSON.stringify({ message: 'Method Not Allowed: CONNECT' });
    socket.end(`HTTP/1.1 405 Method Not Allowed\r\ncontent-type: ${jsonContentType}\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`);
  });
}
