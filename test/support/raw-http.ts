// HTTP over a bare socket (node:net), for requests fetch refuses to send: CR or LF in a header,
// raw bytes in the path, a lying Content-Length, broken chunked framing, a body cut short.
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The body, decoded as UTF-8 (and de-chunked). */
  body: string;
}

export interface RawOptions {
  /** Half-close the connection after sending, as a client that is done sending does (default false). */
  halfClose?: boolean;
  /** Reject when no complete answer arrived in this time (default 5 s). */
  timeoutMs?: number;
  /**
   * Sent after `request`, 64 KiB at a time, each write after the last has drained, until it is all
   * sent or the answer has come: an upload the server may answer (413) and close in the middle of.
   * A write the closed connection refuses (EPIPE, ECONNRESET) is not an error: the answer counts.
   */
  upload?: Buffer;
}

/**
 * Sends `request` on a new connection to `url`'s host and port and resolves with the first answer,
 * read up to its Content-Length (or its last chunk, or the server closing). A string is sent one
 * byte per character (latin1), so `'\xff'` is the byte 0xFF, not its UTF-8 encoding.
 */
export function rawExchange(url: string, request: string | Buffer, { halfClose = false, timeoutMs = 5000, upload }: RawOptions = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  const bytes = typeof request === 'string' ? Buffer.from(request, 'latin1') : request;
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    let finished = false;
    const sendUpload = async () => {
      for (let at = 0; upload && at < upload.length && !finished && socket.writable; at += 64 * 1024) {
        if (!socket.write(upload.subarray(at, at + 64 * 1024))) await new Promise((drained) => socket.once('drain', drained).once('close', drained));
      }
    };
    const socket = connect(Number(port), hostname, () => {
      if (halfClose && !upload) socket.end(bytes);
      else socket.write(bytes, () => void sendUpload());
    });
    const finish = (outcome: () => void) => {
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      outcome();
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`no complete answer within ${timeoutMs} ms; got ${JSON.stringify(received.toString('latin1'))}`))), timeoutMs);
    /** The answer once complete (a parse error rejects); undefined until then. */
    const complete = (closed: boolean) => {
      try {
        return parseAnswer(received, closed);
      } catch (error) {
        finish(() => reject(error));
        return undefined;
      }
    };
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      const answer = complete(false);
      if (answer) finish(() => resolve(answer));
    });
    socket.on('close', () => {
      const answer = complete(true);
      finish(() => (answer ? resolve(answer) : reject(new Error(`the server closed the connection without a complete answer: ${JSON.stringify(received.toString('latin1'))}`))));
    });
    // A reset after the answer is how some refusals end; the answer counts, the reset does not.
    socket.on('error', () => {});
  });
}

/** The answer in `bytes` once it is complete; with `closed`, a body without framing ends there. */
function parseAnswer(bytes: Buffer, closed: boolean): RawAnswer | undefined {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [statusLine = '', ...lines] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  if (!status) throw new Error(`not an HTTP answer: ${JSON.stringify(statusLine)}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  const rest = bytes.subarray(headEnd + 4);
  let body: Buffer | undefined;
  if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    if (rest.length >= length) body = rest.subarray(0, length);
  } else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    body = dechunk(rest);
  } else if (closed) {
    body = rest;
  }
  return body && { status, headers, body: body.toString('utf8') };
}

/** The payload of a complete chunked body; undefined until its last chunk has arrived. */
function dechunk(bytes: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (size === 0) return Buffer.concat(parts);
    if (bytes.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
