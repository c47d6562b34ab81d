// One connection, many answers: requests pipelined in one write, and clients that stop reading.
// (test/support/raw-http.ts reads the first answer only.)
import { connect, type Socket } from 'node:net';
import type { RawAnswer } from '../../support/raw-http.js';

export interface Conversation {
  /** The answers, in the order they came. */
  answers: RawAnswer[];
  /** Whether the server closed the connection (rather than the client, after `until` answers). */
  closed: boolean;
}

export interface ConversationOptions {
  /** Stop once this many answers have arrived, if the server has not closed by then. */
  until?: number;
  /**
   * Read the first chunk, then nothing more until this resolves (it gets the time the first bytes
   * arrived): a client that stops reading. Without it, everything is read as it comes.
   */
  stopReading?: (firstBytesAt: number) => Promise<unknown>;
  /** Reject when the server has neither closed nor sent `until` answers in this time (default 20 s). */
  timeoutMs?: number;
}

/** Sends `bytes` (one byte per character) in one write on a new connection to `url`, and reads the answers. */
export function converse(url: string, bytes: string, { until = Infinity, stopReading, timeoutMs = 20_000 }: ConversationOptions = {}): Promise<Conversation> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let settled = false;
    // The client's pause: the conversation ends after it, even when every answer (and the close) came in the first chunk.
    let paused: Promise<unknown> = Promise.resolve();
    const socket: Socket = connect(Number(port), hostname, () => socket.write(Buffer.from(bytes, 'latin1')));
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      paused.then(() => {
        try {
          resolve({ answers: parseAnswers(Buffer.concat(chunks), closed), closed });
        } catch (error) {
          reject(error);
        }
      }, reject);
    };
    const timer = setTimeout(() => {
      settled = true;
      socket.destroy();
      reject(new Error(`neither closed nor ${until} answers within ${timeoutMs} ms; got ${parseAnswers(Buffer.concat(chunks), false).length} answers`));
    }, timeoutMs);
    socket.once('data', () => {
      if (!stopReading) return;
      socket.pause();
      paused = stopReading(performance.now());
      paused.then(() => socket.resume(), reject);
    });
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (until !== Infinity && parseAnswers(Buffer.concat(chunks), false).length >= until) finish(false);
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => {});
  });
}

/** Every complete answer in `bytes`; with `closed`, an answer without framing ends there. */
export function parseAnswers(bytes: Buffer, closed: boolean): RawAnswer[] {
  const answers: RawAnswer[] = [];
  let at = 0;
  for (;;) {
    const headEnd = bytes.indexOf('\r\n\r\n', at);
    if (headEnd < 0) return answers;
    const [statusLine = '', ...lines] = bytes.subarray(at, headEnd).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3}) /.exec(statusLine)?.[1]);
    if (!status) throw new Error(`not an HTTP answer at byte ${at}: ${JSON.stringify(statusLine.slice(0, 80))}`);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      headers[name] = name in headers ? `${headers[name]}, ${line.slice(colon + 1).trim()}` : line.slice(colon + 1).trim();
    }
    const start = headEnd + 4;
    let body: Buffer;
    if (status === 204 || status === 304) {
      body = Buffer.alloc(0);
      at = start;
    } else if (headers['content-length'] !== undefined) {
      const end = start + Number(headers['content-length']);
      if (bytes.length < end) return answers;
      body = bytes.subarray(start, end);
      at = end;
    } else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      const parts: Buffer[] = [];
      let cursor = start;
      for (;;) {
        const lineEnd = bytes.indexOf('\r\n', cursor);
        if (lineEnd < 0) return answers;
        const size = parseInt(bytes.subarray(cursor, lineEnd).toString('latin1'), 16);
        if (bytes.length < lineEnd + 2 + size + 2) return answers;
        parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
        cursor = lineEnd + 2 + size + 2;
        if (size === 0) break;
      }
      body = Buffer.concat(parts);
      at = cursor;
    } else {
      if (!closed) return answers;
      body = bytes.subarray(start);
      at = bytes.length;
    }
    answers.push({ status, headers, body: body.toString('utf8') });
  }
}
