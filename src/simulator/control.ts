// The control API, for tests: under /_simulator/ (with or without /api/v3), apart from the API's own
// routes, and needing no credentials (like Mockoon's admin API). It acts on the same state the API
// does, through the Simulator's own methods.
import { toHar } from './har.js';
import { filterOfQuery, type JournalEntry, type JournalFilter } from './journal.js';
import type { Answer } from './answer.js';
import type { ApiCall } from './request-checks.js';
import { parseJson } from './request-checks.js';

/** The methods of the simulator the control API calls (see index.ts). */
export interface Controllable {
  reset(user?: string): void;
  load(data: unknown): void;
  state(user?: string): unknown;
  setAccount(user: string, config: unknown): void;
  setFaults(faults: unknown): void;
  clock: { state(): unknown; set(change: never): void };
  accounts(): unknown;
  faults(): unknown;
  requests(filter?: JournalFilter): JournalEntry[];
  clearRequests(): void;
  scenarios(): unknown;
  addScenarios(scenarios: unknown): void;
  setScenarios(scenarios: unknown): void;
}

/** Who made the HAR export (its `creator`). */
const harCreator = { name: 'ghes-oauth-authorizations simulator', version: '1' };

export const controlPrefix = '/_simulator';

const routes = [
  'POST /_simulator/reset[?user=…] (no body or {}: everything as started; {"user": …} or ?user=: one user\'s data)',
  'GET /_simulator/state[?user=…]',
  'PUT /_simulator/state (body: a data set)',
  'GET /_simulator/accounts',
  'PUT|DELETE /_simulator/accounts/{user}',
  'GET|PUT|DELETE /_simulator/faults',
  'GET|PUT|POST /_simulator/clock (body: {"now"?, "frozen"?, "advanceMs"?})',
  'GET|DELETE /_simulator/requests[?user=…&operationId=…&method=…&status=…&since=…]',
  'GET /_simulator/requests.har[?…]',
  'GET|POST|PUT|DELETE /_simulator/scenarios',
].join(', ');

/** A reset of a user who is not there: a 400, since nothing in the body is malformed. */
class UnknownUser extends Error {}

const done = (reason: string): Answer => ({ status: 204, reason });
const problem = (status: number, message: string): Answer => ({ status, body: { message }, reason: message });

/** Answers `call`, whose path starts with /_simulator (the /api/v3 prefix already removed). */
export function controlAnswer(simulator: Controllable, call: ApiCall): Answer {
  const method = call.method.toUpperCase();
  const path = call.path.slice(controlPrefix.length);
  const allowed = (methods: string, handlers: Record<string, () => Answer>): Answer => {
    const handler = handlers[method];
    if (handler) return handler();
    if (method === 'OPTIONS') return { status: 204, headers: { allow: `${methods}, OPTIONS` }, reason: `${call.path} accepts ${methods}` };
    return { ...problem(405, `Method Not Allowed: ${call.path} accepts ${methods}, not ${call.method}`), headers: { allow: `${methods}, OPTIONS` } };
  };
  // Every change is checked whole before anything is changed; a problem is a 422 naming the field.
  const withBody = (apply: (body: unknown) => void, required: boolean): Answer => {
    const parsed = parseJson(call.body);
    if (parsed && 'problem' in parsed) return problem(400, parsed.problem);
    if (!parsed && required) return problem(422, `${call.method} ${call.path} needs a JSON body`);
    try {
      apply(parsed?.value);
    } catch (error) {
      return problem(error instanceof UnknownUser ? 400 : 422, (error as Error).message);
    }
    return done(`${call.method} ${call.path}`);
  };

  if (path === '/reset') {
    return allowed('POST', {
      POST: () =>
        withBody((body) => {
          if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body) || Object.keys(body).some((key) => key !== 'user'))) {
            throw new Error('the body of a reset is {} (everything as the simulator started) or {"user": "<name>"} (that user\'s data)');
          }
          const { user } = (body ?? {}) as { user?: unknown };
          if (user !== undefined && typeof user !== 'string') throw new Error('user: must be a string');
          // `?user=` names the user as the body does (and never means everyone).
          const inQuery = new URLSearchParams(call.search).getAll('user');
          if (inQuery.length > 1 || (inQuery.length === 1 && user !== undefined && user !== inQuery[0])) throw new UnknownUser('name one user to reset, in ?user= or in the body');
          const who = inQuery[0] ?? user;
          if (who !== undefined && !(who in (simulator.state(who) as object))) throw new UnknownUser(`no user ${JSON.stringify(who)} has state to reset (GET /_simulator/state lists them)`);
          simulator.reset(who);
        }, false),
    });
  }
  if (path === '/state') {
    return allowed('GET, PUT', {
      GET: () => {
        const user = new URLSearchParams(call.search).get('user');
        return { status: 200, body: simulator.state(user ?? undefined), reason: user === null ? 'the state of every user' : `the state of ${user}` };
      },
      PUT: () => withBody((body) => simulator.load(body), true),
    });
  }
  // Read-backs and the journal: a problem (a bad filter, the journal off) is a 422 that names it.
  const read = (what: string, value: () => unknown, headers?: Record<string, string>): Answer => {
    try {
      return { status: 200, body: value(), reason: what, ...(headers && { headers }) };
    } catch (error) {
      return problem(422, (error as Error).message);
    }
  };
  const doneOr = (what: string, action: () => void): Answer => {
    try {
      action();
    } catch (error) {
      return problem(422, (error as Error).message);
    }
    return done(what);
  };
  if (path === '/requests') {
    return allowed('GET, DELETE', {
      GET: () => read('the journal', () => simulator.requests(filterOfQuery(call.search))),
      DELETE: () => doneOr('the journal is empty', () => simulator.clearRequests()),
    });
  }
  if (path === '/requests.har') {
    return allowed('GET', {
      GET: () => read('the journal as HAR 1.2', () => toHar(simulator.requests(filterOfQuery(call.search)), harCreator), { 'content-disposition': 'attachment; filename="simulator.har"' }),
    });
  }
  if (path === '/scenarios') {
    return allowed('GET, POST, PUT, DELETE', {
      GET: () => read('the scenarios queued', () => simulator.scenarios()),
      POST: () => withBody((body) => simulator.addScenarios(body), true),
      PUT: () => withBody((body) => simulator.setScenarios(body), true),
      DELETE: () => {
        simulator.setScenarios(undefined);
        return done('no scenarios');
      },
    });
  }
  if (path === '/accounts') {
    return allowed('GET', { GET: () => read('the accounts, passwords and codes masked', () => simulator.accounts()) });
  }
  if (path === '/faults') {
    return allowed('GET, PUT, DELETE', {
      GET: () => read('the faults', () => simulator.faults()),
      PUT: () => withBody((body) => simulator.setFaults(body), true),
      DELETE: () => {
        simulator.setFaults(undefined);
        return done('no faults');
      },
    });
  }
  if (path === '/clock') {
    const clockState = (reason: string): Answer => ({ status: 200, body: simulator.clock.state(), reason });
    // PUT and POST both change it: {"now": …} sets (and freezes), {"frozen": …}, {"advanceMs": …}.
    const change = () => {
      const applied = withBody((body) => simulator.clock.set(body as never), true);
      return applied.status === 204 ? clockState(`${call.method} ${call.path}`) : applied;
    };
    return allowed('GET, PUT, POST', { GET: () => clockState('the clock'), PUT: change, POST: change });
  }
  if (path.startsWith('/accounts/') && path.length > '/accounts/'.length && !path.slice('/accounts/'.length).includes('/')) {
    let user: string;
    try {
      user = decodeURIComponent(path.slice('/accounts/'.length));
    } catch {
      return problem(404, `Not Found: the user name in ${call.path} is not valid percent-encoded UTF-8`);
    }
    return allowed('PUT, DELETE', {
      PUT: () => withBody((body) => simulator.setAccount(user, body), true),
      DELETE: () => {
        try {
          simulator.setAccount(user, undefined);
        } catch (error) {
          return problem(422, (error as Error).message);
        }
        return done(`${user} has no account configuration`);
      },
    });
  }
  return problem(404, `Not Found: the control API has no ${call.path}; it serves ${routes}`);
}
