// ghes-oauth-authorizations/msw: the simulator as MSW request handlers, for frontend tests that
// intercept requests (vitest with jsdom or happy-dom, Storybook, the browser's service worker)
// instead of starting a server. Every request under the base URL goes to the simulator core, which
// answers as `npm start` does: state per user, 2FA accounts, pagination, ETag/304, GitHub's exact
// bodies, `Prefer` examples, request validation with the precompiled validators.
import { http, type HttpHandler } from 'msw';
import { apiPrefix } from './simulator/api-prefix.js';
import { createSimulator, parsePersisted, type Simulator, type SimulatorOptions } from './simulator/index.js';

export type { AccountConfig, FaultConfig, Simulator, SimulatorData, SimulatorOptions } from './simulator/index.js';

export interface HandlersOptions extends SimulatorOptions {
  /**
   * The API root your app calls, as it passes it to `createClient`: `https://ghes.example.com/api/v3`
   * (or the origin alone, for an app that calls the API without /api/v3). Default: /api/v3 on every
   * origin.
   */
  baseUrl?: string;
  /** Answer from this simulator (e.g. one shared with other handlers) rather than a new one. */
  simulator?: Simulator;
  /**
   * Keep the state across page loads in this storage (e.g. the browser's `localStorage`): read when
   * the handlers are made (a corrupt or foreign entry throws, naming the key, and is left as it
   * is), written after each change.
   */
  storage?: SimulatorStorage;
  /** The storage key. Default `ghes-oauth-authorizations:simulator`. */
  storageKey?: string;
}

/** Where the state is kept: `localStorage` and `sessionStorage` are such. */
export interface SimulatorStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The handlers, to spread into `setupServer(...)` or `setupWorker(...)`, and the simulator behind them. */
export type SimulatorHandlers = HttpHandler[] & { readonly simulator: Simulator };

/**
 * MSW request handlers that answer every request under `baseUrl` (and the simulator's control API
 * under `/_simulator/` on the same origin) from one simulator: `handlers.simulator.reset()` forgets
 * all state, e.g. in `afterEach`.
 */
export function createHandlers(options: HandlersOptions = {}): SimulatorHandlers {
  const { baseUrl, simulator: given, storage, storageKey = 'ghes-oauth-authorizations:simulator', ...simulatorOptions } = options;
  if (given && Object.keys(simulatorOptions).length > 0) {
    throw new Error(`createHandlers: pass either simulator or ${Object.keys(simulatorOptions).join(', ')} (the simulator's own options), not both`);
  }
  const simulator = given ?? createSimulator(simulatorOptions);
  const { origin, prefix } = rootOf(baseUrl);
  if (storage) keepStateIn(storage, storageKey, simulator);
  const answer = ({ request }: { request: Request }) => simulator.handle(request);
  // The API under the base URL, and the control API beside it (the simulator also serves it under
  // /api/v3). A base URL without a path covers the whole origin.
  const paths = prefix ? [prefix, '/_simulator'] : [''];
  const handlers = paths.map((path) => http.all(underRoot(origin, path), answer));
  return Object.assign(handlers, { simulator });
}

/**
 * `origin` + `path` and everything under it, as a RegExp with no capturing group: MSW decodes what
 * a path pattern captures (decodeURIComponent), so a malformed escape (`%FF`) threw a URIError
 * there (a 500) before the simulator could answer 404 as the server does. `*`: any origin.
 */
function underRoot(origin: string, path: string): RegExp {
  const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const originPattern = origin === '*' ? '[a-z][a-z0-9+.-]*://[^/]+' : escapeRegExp(origin);
  return new RegExp(`^${originPattern}${escapeRegExp(path)}(?:/.*)?$`, 'i');
}

/** `https://ghes.example.com/api/v3` → its origin and path prefix; throws a one-line Error for anything else. */
function rootOf(baseUrl: string | undefined): { origin: string; prefix: string } {
  if (baseUrl === undefined) return { origin: '*', prefix: apiPrefix };
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`createHandlers: baseUrl must be an absolute http(s) URL such as https://ghes.example.com/api/v3, not ${JSON.stringify(baseUrl)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`createHandlers: baseUrl must be an http(s) URL, not an ${url.protocol} one`);
  if (url.username || url.password || url.search || url.hash) throw new Error('createHandlers: baseUrl is an origin and a path only (no credentials, query or fragment)');
  const prefix = url.pathname.replace(/\/+$/, '');
  if (prefix !== '' && prefix !== apiPrefix) {
    throw new Error(`createHandlers: the simulator serves the API at the root or under ${apiPrefix}, as GHES does; baseUrl's path is ${JSON.stringify(url.pathname)}`);
  }
  return { origin: url.origin, prefix };
}

/** Restores the simulator from `storage[key]` (when there), then writes it there after each change. */
function keepStateIn(storage: SimulatorStorage, key: string, simulator: Simulator): void {
  const saved = storage.getItem(key);
  if (saved !== null) {
    try {
      simulator.restore(parsePersisted(saved));
    } catch (error) {
      throw new Error(`createHandlers: storage ${JSON.stringify(key)}: ${(error as Error).message}; it is left as it is: fix or remove it to start afresh`);
    }
  }
  simulator.onChange(() => {
    try {
      storage.setItem(key, JSON.stringify(simulator.persisted()));
    } catch (error) {
      // A full storage (QuotaExceededError) must not fail the request that changed the state.
      console.warn(`createHandlers: storage ${JSON.stringify(key)}: cannot write the state (${(error as Error).message})`);
    }
  });
}
