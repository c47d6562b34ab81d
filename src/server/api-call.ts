// A Node request as the simulator core's request checks read it (src/simulator/request-checks.ts,
// ApiCall): method, raw path (Node does not normalise it, as fetch would), query, headers, body.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Received } from './receive.js';

/** Node's headers, read the way fetch's Headers.get reads them: a repeated header joined by ", ". */
export const headerReader = (headers: IncomingHttpHeaders) => ({
  get(name: string): string | null {
    const value = headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  },
  // Every header, as Headers.forEach calls back (the request journal writes them down).
  forEach(callback: (value: string, name: string) => void): void {
    for (const name in headers) {
      const value = headers[name];
      if (value !== undefined) callback(Array.isArray(value) ? value.join(', ') : value, name);
    }
  },
});

/**
 * `received`: what receive() read. `path`: the path to check: the raw one (the simulator
 * strips /api/v3 itself) or one without the prefix.
 */
export const apiCallOf = (request: IncomingMessage, { rawBody, target }: Pick<Received, 'rawBody' | 'target'>, path: string = target.path) => ({
  method: request.method as string /* always set on a server's request */,
  path,
  search: target.search,
  headers: headerReader(request.headers),
  body: rawBody,
});
