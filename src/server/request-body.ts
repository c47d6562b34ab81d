// The request body: read whole up to a limit (413 past it, with a lingering close), and refused
// when it is sent with a transfer coding Node does not undo.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { sendJson } from './json-answer.js';

/** Larger request bodies get 413: the largest valid body of this API is well under 1 KiB. */
export const bodyLimit = 1024 * 1024;

/** The body of a request that has none: empty, shared (nothing writes to an empty buffer). */
export const noBody: Buffer = Buffer.alloc(0);

/**
 * False for a request without Content-Length or Transfer-Encoding: HTTP/1.1 says it has no body
 * (RFC 9112 §6.3), so there is nothing to wait for (Node drains the stream once the answer is out).
 */
export const hasBody = (request: IncomingMessage): boolean => request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined;

/**
 * Reads the whole body. Resolves with a Buffer; with 'too large' past `bodyLimit` (the caller
 * answers 413 with `sendTooLarge`, which drops the rest and closes); with 'aborted' when the
 * client went away or timed out first (there is no one left to answer).
 */
export function readBody(request: IncomingMessage): Promise<Buffer | 'too large' | 'aborted'> {
  return new Promise((resolve) => {
    const declared = Number(request.headers['content-length']);
    if (declared > bodyLimit) return resolve('too large');
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
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
export function sendTooLarge(request: IncomingMessage, response: ServerResponse): void {
  const socket = request.socket as Socket & { destroySoon: () => void };
  // Node would destroy the socket as soon as the answer is out: end it (FIN) and read on instead.
  socket.destroySoon = () => socket.end();
  const cut = setTimeout(() => socket.destroy(), lingerMs).unref();
  socket.once('close', () => clearTimeout(cut));
  let dropped = 0;
  request.removeAllListeners('data');
  request.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > lingerBytes) socket.destroy();
  });
  request.resume();
  response.setHeader('connection', 'close');
  sendJson(response, 413, { message: `Request body too large: the limit is ${bodyLimit} bytes` });
}

/**
 * Node undoes chunked framing and no other coding, so a body compressed in transit
 * (`Transfer-Encoding: gzip, chunked`) would be read as bytes that are no JSON: answers 400 naming
 * the coding, and true. A Content-Encoding is the simulator's checks' to judge
 * (src/simulator/request-checks.ts, GitHub's 415), as in MSW handlers, where no transport runs.
 */
export function refuseTransferCoding(request: IncomingMessage, response: ServerResponse): boolean {
  const transfer = request.headers['transfer-encoding'];
  if (transfer === undefined || transfer.trim().toLowerCase() === 'chunked') return false;
  sendJson(response, 400, { message: `Transfer-Encoding ${JSON.stringify(transfer)} is not supported: send the body chunked alone, or with a Content-Length` }, { connection: 'close' });
  return true;
}
