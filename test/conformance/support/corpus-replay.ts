// A replay server of the server-truth corpus (GitHub's recorded answers, test/fixtures/server-truth/
// on the truth-corpus branch, issue 17), as the kit's target: each request is answered with a
// recorded exchange of the same method and route, the latest one whose status is what a simulator
// would answer (a simulator that does not know the recorded ids: its 404 for an id counts as a
// success), else the latest of any status; a request that carries a token prefers one recorded
// with a token. A route the corpus never recorded: a 404 that says so.
import type { Transport } from '../../../src/conformance/run.js';
import { createSimulator } from '../../../src/simulator/index.js';

export interface CorpusExchange {
  id: string;
  route: string;
  provenance: { recorded: string };
  request: { method: string; path: string; headers: Record<string, string> };
  response: { status: number; headers: Record<string, string>; body: unknown };
}

/** The recordings are of api.github.com, whose paths have no /api/v3. */
export const corpusBase = 'https://api.github.com';

export function corpusReplay(exchanges: readonly CorpusExchange[], account: { user: string; password: string }): Transport & { answered: string[] } {
  const routes = [...new Set(exchanges.map((exchange) => exchange.route))].map((route) => ({ route, pattern: new RegExp(`^/${route.replace(/\{[^}]+\}/g, '[^/]+')}$`) }));
  const shadow = createSimulator({ accounts: { [account.user]: { password: account.password } } });
  const answered: string[] = [];
  return {
    base: corpusBase,
    answered,
    async send(request) {
      const url = new URL(request.url);
      const route = routes.find(({ pattern }) => pattern.test(url.pathname))?.route;
      const shadowStatus = (await shadow.handle(request.clone())).status;
      const wanted = (status: number) => (shadowStatus === 404 && /\/\d+$/.test(url.pathname) ? status >= 200 && status < 300 : status === shadowStatus);
      const token = (headers: { get(name: string): string | null } | Record<string, string>) =>
        /^(token|bearer) /i.test(('get' in headers && typeof headers.get === 'function' ? headers.get('authorization') : (headers as Record<string, string>).authorization) ?? '');
      const candidates = exchanges.filter((exchange) => exchange.route === route && exchange.request.method === request.method);
      const sameAuth = candidates.filter((exchange) => token(exchange.request.headers) === token(request.headers));
      const pool = sameAuth.length > 0 ? sameAuth : candidates;
      const chosen = [...pool].sort((a, b) => Number(wanted(b.response.status)) - Number(wanted(a.response.status)) || b.provenance.recorded.localeCompare(a.provenance.recorded))[0];
      if (!chosen) return Response.json({ message: `the corpus has no exchange for ${request.method} ${url.pathname}` }, { status: 404 });
      answered.push(chosen.id);
      const { status, headers, body } = chosen.response;
      return new Response(status === 204 || status === 304 || body === null ? null : JSON.stringify(body), { status, headers });
    },
  };
}
