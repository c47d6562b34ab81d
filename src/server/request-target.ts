// The request target (origin-form `/path?query` or absolute-form `http://host/path?query`), split
// for routing and cleaned for the log.

/** A request target's path and query (without its `?`). */
export interface RequestTarget {
  path: string;
  search: string;
}

/** Splits a request target into path and query; `undefined` when it is neither origin- nor absolute-form. */
export function splitTarget(target: string): RequestTarget | undefined {
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
export function targetForLog(target = ''): string {
  return target.replace(/^([a-z][a-z\d+.-]*:\/\/)[^/?#]*@/i, '$1');
}
