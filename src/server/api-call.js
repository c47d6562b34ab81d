// A Node request as the simulator core's request checks read it (src/simulator/request-checks.ts,
// ApiCall): method, raw path (Node does not normalise it, as fetch would), query, headers, body.

/** Node's headers, read the way fetch's Headers.get reads them: a repeated header joined by ", ". */
export const headerReader = (headers) => ({
  get(name) {
    const value = headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  },
  // Every header, as Headers.forEach calls back (the request journal writes them down).
  forEach(callback) {
    for (const name in headers) {
      const value = headers[name];
      if (value !== undefined) callback(Array.isArray(value) ? value.join(', ') : value, name);
    }
  },
});

/**
 * @param {import('node:http').IncomingMessage} request
 * @param {{ rawBody: Buffer, target: { path: string, search: string } }} received what http-kit's receive() read
 * @param {string} path the path to check: the raw one (the simulator strips /api/v3 itself) or one without the prefix
 */
export const apiCallOf = (request, { rawBody, target }, path = target.path) => ({ method: /** @type {string} */ (request.method) /* always set on a server's request */, path, search: target.search, headers: headerReader(request.headers), body: rawBody });
