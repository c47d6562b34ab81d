// A Node request as the simulator core's request checks read it (src/simulator/request-checks.ts,
// ApiCall): method, raw path (Node does not normalise it, as fetch would), query, headers, body.
// Classes, not object literals with closures: the server makes one of each per request, and the
// request journal keeps the headers until the entry is read or overwritten.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { ApiCall } from '../simulator/request-checks.js';
import type { Received } from './receive.js';

/** Node's headers, read the way fetch's Headers.get reads them: a repeated header joined by ", ". */
class NodeHeaders {
  constructor(private readonly headers: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }

  // Every header, as Headers.forEach calls back (the request journal writes them down).
  forEach(callback: (value: string, name: string) => void): void {
    const { headers } = this;
    for (const name in headers) {
      const value = headers[name];
      if (value !== undefined) callback(Array.isArray(value) ? value.join(', ') : value, name);
    }
  }
}

/** A Node request as an ApiCall; its `signal` is made when first read (only a delay reads it), not for every request. */
class NodeApiCall implements ApiCall {
  readonly method: string;
  readonly search: string;
  readonly headers: NodeHeaders;
  readonly body: Uint8Array;
  private gone: AbortSignal | undefined;

  constructor(
    request: IncomingMessage,
    { rawBody, target }: Pick<Received, 'rawBody' | 'target'>,
    readonly path: string,
    private readonly response: ServerResponse | undefined,
  ) {
    this.method = request.method as string /* always set on a server's request */;
    this.search = target.search;
    this.headers = new NodeHeaders(request.headers);
    this.body = rawBody;
  }

  /**
   * Aborted when the connection closes before the answer is written (the client went away, or
   * stop() closed every connection), so that a delayed request is dropped before it touches
   * state; undefined without the response.
   */
  get signal(): AbortSignal | undefined {
    const { response } = this;
    if (this.gone === undefined && response !== undefined) {
      const gone = new AbortController();
      if (response.destroyed) gone.abort();
      else response.once('close', () => response.writableFinished || gone.abort());
      this.gone = gone.signal;
    }
    return this.gone;
  }
}

/**
 * `received`: what receive() read. `path`: the path to check: the raw one (the simulator
 * strips /api/v3 itself) or one without the prefix. `response`: the answer's, for the call's
 * `signal` (none for a caller that only checks the request).
 */
export const apiCallOf = (request: IncomingMessage, received: Pick<Received, 'rawBody' | 'target'>, path: string = received.target.path, response?: ServerResponse): ApiCall =>
  new NodeApiCall(request, received, path, response);
