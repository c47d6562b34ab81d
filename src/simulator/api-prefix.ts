// The real server's API root, /api/v3: the simulator serves every path with and without it (as
// GHES does under /api/v3), so that an app switches between the mock and the server by host alone.
// The one home of the prefix, for the core (index.ts), the MSW handlers and the Node server.

export const apiPrefix = '/api/v3';

/** `/api/v3/authorizations` → `/authorizations`, `/api/v3` → `/`; any other path is itself. */
export function stripApiPrefix(path: string): string {
  if (path === apiPrefix) return '/';
  return path.startsWith(`${apiPrefix}/`) ? path.slice(apiPrefix.length) : path;
}
