// Bounds on what one connection can make the server hold: requests in flight (pipelining), answer
// bytes waiting for a client that does not read, a stalled answer, and timeouts.
import type { IncomingMessage, ServerOptions, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { sendJson } from './json-answer.js';

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
export const serverOptions: ServerOptions = { requestTimeout: requestTimeoutMs, connectionsCheckingInterval: 1000, requireHostHeader: false, keepAliveTimeout: keepAliveTimeoutMs };

// Per connection: the answers not yet sent (in request order, as Node sends them) with their
// requests; how many answers were handed to its socket and how many went out, when one last went
// out (or began to wait), and the timer that watches them; whether it was told to close because it pipelined too deep, and how many requests
// came after that.
interface Connection {
  unsent: Map<ServerResponse, IncomingMessage>;
  handedOver: number;
  sent: number;
  progressAt: number;
  stall: NodeJS.Timeout | undefined;
  closing: boolean;
  behindRefusal: number;
  flooded: boolean;
  answeredError: boolean;
}
const connections = new WeakMap<Duplex, Connection>();

/** The connection state of `socket`, made on its first request. */
/** True once the connection was told to close (its 429 is owed or sent). */
export const isClosing = (socket: Duplex): boolean => connections.get(socket)?.closing ?? false;

/** The connection's record, made on first use. */
export function connectionOf(socket: Duplex): Connection {
  let connection = connections.get(socket);
  if (!connection) {
    const made: Connection = { unsent: new Map(), handedOver: 0, sent: 0, progressAt: 0, stall: undefined, closing: false, behindRefusal: 0, flooded: false, answeredError: false };
    connection = made;
    connections.set(socket, made);
    socket.once('close', () => clearTimeout(made.stall));
  }
  return connection;
}

/** Counts an answer as unsent until it has gone out (or its connection closed), and watches it once handed to the socket. */
export function track(request: IncomingMessage, response: ServerResponse): void {
  const connection = connectionOf(request.socket);
  connection.unsent.set(response, request);
  // Listeners shared by every answer (each is emitted once): no closures, no once wrappers per request.
  tracked.set(response, connection);
  response.on('prefinish', handedOver);
  response.on('finish', sent);
  response.on('close', closed);
}

// The connection of each tracked answer, for its listeners.
const tracked = new WeakMap<ServerResponse, Connection>();

function handedOver(this: ServerResponse): void {
  const connection = tracked.get(this)!;
  // The first answer waiting to go out starts the clock.
  if (connection.sent === connection.handedOver) connection.progressAt = performance.now();
  connection.handedOver++;
  watchStall(this.req.socket, connection);
}

function sent(this: ServerResponse): void {
  const connection = tracked.get(this)!;
  connection.sent++;
  connection.progressAt = performance.now();
}

function closed(this: ServerResponse): void {
  tracked.get(this)!.unsent.delete(this);
}

/** Closes the connection when answers handed to its socket wait and none has gone out for `stallTimeoutMs`. */
function watchStall(socket: Duplex, connection: Connection, delay = stallTimeoutMs): void {
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

/** Resolves once every answer in `responses` has gone out, or `socket` has closed. */
export function allSent(socket: Duplex, responses: ServerResponse[]): Promise<void> {
  return new Promise((resolve) => {
    let left = responses.length;
    if (left === 0 || socket.destroyed) return resolve();
    const sent = () => --left === 0 && resolve();
    for (const response of responses) response.once('close', sent);
    socket.once('close', () => resolve());
  });
}

/** Resolves once `socket` has sent what it holds (drain) or closed. */
function drained(socket: Duplex): Promise<void> {
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
function closeLingering(socket: Socket, lingerMs: number): void {
  socket.destroySoon = () => {
    socket.end();
    const cut = setTimeout(() => socket.destroy(), lingerMs).unref();
    socket.once('close', () => clearTimeout(cut));
  };
}

/**
 * The limits on one connection (see `maxPipelined`, `maxQueuedBytes`): true when the request may
 * go on (a promise of it when it must first wait for its client to read what is queued); false
 * when it was answered with the 429 that closes its connection, or is behind that 429 and will not
 * be answered.
 */
export function withinLimits(request: IncomingMessage, response: ServerResponse, graceMs = floodGraceMs): boolean | Promise<boolean> {
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
  // A promise only when the request must wait: most go on at once.
  if (socket.writableLength > maxQueuedBytes) return drained(socket).then(() => !socket.destroyed);
  return !socket.destroyed;
}
