// The GHES OAuth Authorizations simulator: a fake server, in memory, that behaves like the real one
// (state per user, GitHub's exact bodies, pagination, ETag, two-factor accounts, faults), on fetch's
// Request and Response, so it runs in Node, in browsers and in MSW handlers alike. The HTTP server
// of `npm start` (scripts/mock/) is a thin transport around it.
//
// The parts, after moto: model.ts (state and rules, no HTTP), responses.ts (request → model →
// answer), routes.ts (which operation), request-checks.ts (what every request must be),
// leniency.ts (bodies as GitHub took them), media-type.ts (X-GitHub-Media-Type), token-format.ts
// (GitHub's tokens), errors.ts (GitHub's error bodies), control.ts (the control API for tests),
// journal.ts and har.ts (the request journal and its HAR export), scenarios.ts (one-shot behaviours),
// urls.ts (an answer's URLs), accounts.ts (accounts and the credential check), faults.ts (faults).
import { Accounts, type AccountConfig } from './accounts.js';
import type { Answer } from './answer.js';
import { checkData } from './data.js';
import { checkFaults, delay, faultAnswer, type FaultConfig, faultFor, scenarioFaults } from './faults.js';
import { controlAnswer, controlPrefix } from './control.js';
import { requestLimits } from './limits.js';
import { githubMediaType, jsonContentType, mediaTypeFor } from './media-type.js';
import { AuthorizationsBackend, type SimulatorData, type StoredData } from './model.js';
import { type Clock, createClock } from './clock.js';
import { checkSeed, createRandom } from './random.js';
import { persistedState, type PersistedState, restorePersisted } from './persistence.js';
import { checkControlToken, controlRefusal } from './control-gate.js';
import { checkJournalOption, Journal, type JournalEntry, type JournalFilter, type JournalOption, type Trace } from './journal.js';
import { type ApiCall, basicCredentials, type CheckOptions, checkRequest } from './request-checks.js';
import { matchRoute, type OperationFact } from './routes.js';
import { checkScenarios, type QueuedScenario, type Scenario, ScenarioQueue } from './scenarios.js';
import { operationAnswer, preferredAnswer } from './responses.js';
import { stateBase, withUrl } from './urls.js';
import { apiPrefix, stripApiPrefix } from './api-prefix.js';

export type { AccountConfig } from './accounts.js';
export type { FaultConfig } from './faults.js';
export type { SimulatorData } from './model.js';
export type { Clock, ClockChange, ClockState } from './clock.js';
export type { PersistedState } from './persistence.js';
export { parsePersisted, persistedFormat } from './persistence.js';
export type { ApiCall } from './request-checks.js';
export type { JournalEntry, JournalFilter, JournalOption } from './journal.js';
export type { QueuedScenario, Scenario } from './scenarios.js';
export { checkRequest } from './request-checks.js';
export { checkControlToken, controlHeader } from './control-gate.js';
export { chooseResponse, maxPreferLength, parsePrefer, preferTarget } from './prefer.js';
export { operations } from '../../generated/simulator-contract.js';

export interface SimulatorOptions {
  /**
   * Accounts by user name. Any user name with a non-empty password works unless configured here:
   * `password` makes only that password work (another: 401 Bad credentials); `otp` turns on
   * two-factor authentication (requests need `X-GitHub-OTP: <code>`; without it or with another
   * code: 401 "Must specify two-factor authentication OTP code." and `X-GitHub-OTP: required; <channel>`).
   */
  accounts?: Record<string, AccountConfig>;
  /** Initial data per user name, the shape `state()` returns; checked like `load()`. */
  data?: SimulatorData;
  /** Faults applied to every API request (the X-Simulator-Delay and X-Simulator-Fault headers override them per request). */
  faults?: FaultConfig;
  /**
   * Enforce the contract on request bodies: a field the operation does not know, or an empty
   * `client_id`/`client_secret` on a create, is 422 naming it. Default false: taken as GitHub took
   * them (ignored; empty as absent), each change named in X-Simulator-Reason.
   */
  strict?: boolean;
  /**
   * Tokens (the only random part of an answer) follow from the seed: the same seed and the same
   * requests give the same answers byte for byte. Without it, tokens come from crypto.getRandomValues.
   */
  seed?: string | number;
  /** The clock starts frozen at this time (ISO 8601 with its offset): created_at and updated_at say it. Default: the wall clock. */
  now?: string | Date;
  /** When set, control requests (/_simulator/…) need `Authorization: Bearer <controlToken>` besides `X-Simulator-Control` (see control-gate.ts). */
  controlToken?: string;
  /** The request journal: on by default, keeping the last 1,000 API requests; `{ size }` keeps another number, `false` turns it off. */
  journal?: JournalOption;
  /** One-shot behaviours, used in order as requests match them (see scenarios.ts). */
  scenarios?: Scenario[];
}

export interface Simulator {
  /** Answers one API or control request. URLs in the answer are on `request.url`'s origin and prefix. */
  handle(request: Request): Promise<Response>;
  /**
   * The same for a request a transport has taken apart (Node's server uses it: a raw path that
   * fetch would normalise, a method fetch refuses). `origin` is where the request came in.
   */
  handleCall(call: ApiCall, origin: string): Promise<Response>;
  /** The same answer as plain data, for a transport that writes it itself (Node's server: no Response to build and read back). */
  reply(call: ApiCall, origin: string): Promise<SimulatorReply>;
  /**
   * With no argument, a full reset: everything as the simulator was started (data, accounts,
   * faults, scenarios, the journal emptied, the clock and a seeded token source started over).
   * With a user name, forget that user's data only.
   */
  reset(user?: string): void;
  /** Replace all state from a data set, checked first: throws an Error naming the bad field, and changes nothing. */
  load(data: unknown): void;
  /** The state, as plain JSON: all users, or one (`{}` for a user with no state yet). Round-trips through load(). */
  state(user?: string): SimulatorData;
  /** Add or change an account (password / otp); `undefined` removes its configuration. */
  setAccount(user: string, config: AccountConfig | undefined): void;
  /** Set or clear (undefined) the faults for all requests. */
  setFaults(faults: FaultConfig | undefined): void;
  /** The clock of created_at and updated_at: `clock.set({ now })`, `freeze()`, `advance(ms)`, `state()`. A full reset() restarts it as configured. */
  readonly clock: Clock;
  /** Everything a restart needs (the data, the clock when frozen, a seeded source's position), as plain JSON: what a state file holds. */
  persisted(): PersistedState;
  /** Takes back what `persisted()` gave (checked whole first: throws an Error naming the field, and changes nothing). */
  restore(saved: unknown): void;
  /** Calls `listener` after each change that may have changed the state (a request other than GET, HEAD or OPTIONS, or a method here); returns the way to stop. */
  onChange(listener: () => void): () => void;
  /** The configured accounts, passwords and one-time codes masked. */
  accounts(): Record<string, AccountConfig>;
  /** The faults applied to every request (`{}`: none). */
  faults(): FaultConfig;
  /** The journal's entries that match `filter`, oldest first; throws when the journal is off. */
  requests(filter?: JournalFilter): JournalEntry[];
  /** Empties the journal (a full reset does too); throws when it is off. */
  clearRequests(): void;
  /** The scenarios still queued, in order, with the uses each has left. */
  scenarios(): QueuedScenario[];
  /** Appends scenarios to the queue, checked first: throws an Error naming the bad field, and queues none. */
  addScenarios(scenarios: Scenario | Scenario[]): void;
  /** Replaces the queue (undefined: empties it), checked first as addScenarios. */
  setScenarios(scenarios: Scenario | Scenario[] | undefined): void;
}

/** An answer as plain data: what `handleCall` puts in its Response, or a dropped connection. */
export type SimulatorReply = { status: number; headers: Record<string, string>; body: Uint8Array<ArrayBuffer> | null } | { drop: true };

export { apiPrefix } from './api-prefix.js';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A new simulator, with its own state; throws an Error naming the bad field of `options`. */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const seed = options.seed === undefined ? undefined : checkSeed(options.seed, 'options.seed');
  const random = createRandom(seed);
  const clock = createClock(options.now);
  const backend = new AuthorizationsBackend(random, clock);
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  const accounts = new Accounts(options.accounts);
  const strict = options.strict ?? false;
  if (typeof strict !== 'boolean') throw new Error(`options.strict: must be true or false, not ${JSON.stringify(strict)}`);
  let faults: FaultConfig | undefined = options.faults === undefined ? undefined : checkFaults(options.faults, 'options.faults');
  // Checked once: a full reset puts back this copy (the caller may change theirs).
  const initialData = options.data === undefined ? undefined : structuredClone(checkData(options.data));
  if (initialData !== undefined) backend.replace(initialData);
  const controlToken = options.controlToken === undefined ? undefined : checkControlToken(options.controlToken, 'options.controlToken');
  const journalSize = checkJournalOption(options.journal, 'options.journal');
  // Entries are stamped by the simulator's clock, so a frozen clock gives a reproducible journal too.
  const journal = journalSize === 0 ? undefined : new Journal(journalSize, () => clock.now().getTime());
  const scenarios = new ScenarioQueue(options.scenarios === undefined ? [] : checkScenarios(options.scenarios));
  const initialFaults = faults;
  // The checks' hooks into the accounts and the model: made once, not for every request.
  const checkOptions: CheckOptions = {
    authenticate: ({ user, password }, headers) => accounts.refusal(user, password, headers.get('x-github-otp')),
    issued: (token) => backend.holdsToken(token),
    strict,
  };

  const simulator: Simulator = {
    async handle(request) {
      const url = new URL(request.url);
      // The limits the HTTP server's parser and body reader apply, with the same answers (431, 413).
      const tooLarge = headerBytes(request, url) > requestLimits.headerBytes ? tooLargeHeaders() : undefined;
      if (tooLarge) return tooLarge;
      const body = await readBody(request);
      if (!body) return transportAnswer(413, `Request body too large: the limit is ${requestLimits.bodyBytes} bytes`);
      return simulator.handleCall({ method: request.method, path: url.pathname, search: url.search.slice(1), headers: request.headers, body, signal: request.signal }, url.origin);
    },

    async handleCall(call, origin) {
      const reply = await simulator.reply(call, origin);
      return 'drop' in reply ? Response.error() : new Response(reply.body, { status: reply.status, headers: reply.headers });
    },

    async reply(call, origin) {
      const path = stripApiPrefix(call.path);
      const base = path === call.path ? origin : `${origin}${apiPrefix}`;
      const method = call.method.toUpperCase();
      // Not a spread of `call`: that would read its `signal`, which a transport may make only when read (a delay).
      const apiCall: ApiCall = { method: call.method, path, search: call.search, headers: call.headers, body: call.body };

      if (path === controlPrefix || path.startsWith(`${controlPrefix}/`)) {
        // GET /_simulator/state names its URLs on the request's base, as the API's answers do.
        const controlled = { ...simulator, state: (user?: string) => stateOn(base, user) };
        const reply = toReply(controlRefusal(apiCall, controlToken) ?? controlAnswer(controlled, apiCall), method);
        if (!safeMethods.has(method)) changed();
        return reply;
      }

      if (!journal) return answerApi(call, apiCall, base, method, {});
      const trace: Trace = {};
      const startedAt = journal.clock();
      const started = performance.now();
      const reply = await answerApi(call, apiCall, base, method, trace);
      journal.record(call, origin, withRequestFacts(trace, method, apiCall), 'drop' in reply ? 0 : reply.status, 'drop' in reply ? {} : reply.headers, startedAt, performance.now() - started);
      return reply;
    },

    reset(user) {
      if (user !== undefined) backend.reset(user);
      else for (const restore of restores) restore();
      changed();
    },
    load(data) {
      backend.replace(checkData(data));
      changed();
    },
    state: (user) => stateOn(stateBase, user),
    setAccount(user, config) {
      accounts.set(user, config);
      changed();
    },
    setFaults(next) {
      faults = next === undefined ? undefined : checkFaults(next);
      changed();
    },
    clock: {
      ...clock,
      set(change) {
        clock.set(change);
        changed();
      },
      freeze: () => simulator.clock.set({ frozen: true }),
      advance: (ms) => simulator.clock.set({ advanceMs: ms }),
      restart() {
        clock.restart();
        changed();
      },
    },
    persisted: () => persistedState(stateOn(stateBase), clock.state(), random.position()),
    restore(saved) {
      restorePersisted(saved, { load: (data) => backend.replace(data), clock, random });
      changed();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    accounts: () => accounts.masked(),
    faults: () => ({ ...faults }),
    requests(filter) {
      if (!journal) throw new Error(journalOff);
      return journal.entries(filter);
    },
    clearRequests() {
      if (!journal) throw new Error(journalOff);
      journal.clear();
    },
    scenarios: () => scenarios.list(),
    addScenarios: (list) => scenarios.add(checkScenarios(list)),
    setScenarios(list) {
      const checked = list === undefined ? [] : checkScenarios(list);
      scenarios.clear();
      scenarios.add(checked);
    },
  };

  // What a full reset puts back, each piece as the simulator started (a new piece of state adds its restore here).
  const restores: Array<() => void> = [
    () => (initialData === undefined ? backend.reset() : backend.replace(initialData)),
    () => accounts.restart(),
    () => (faults = initialFaults),
    () => scenarios.restore(),
    () => journal?.clear(),
    () => clock.restart(),
    () => random.restart(),
  ];

  /** The answer to an API request (not the control API's): scenario, faults, credentials and checks, the model. */
  async function answerApi(call: ApiCall, apiCall: ApiCall, base: string, method: string, trace: Trace): Promise<SimulatorReply> {
    const { path } = apiCall;
    // Every answer of the API says which media type it is in, as GitHub's did.
    const mediaType = mediaTypeFor(call.headers.get('accept'));
    const scenario = scenarios.size === 0 ? undefined : scenarios.take(method, operationAt(method, path), basicCredentials(call.headers.get('authorization'))?.user);
    if (scenario) trace.scenario = { id: scenario.id, description: scenario.description };

    const fault = faultFor(scenario ? scenarioFaults(faults, scenario) : faults, call.headers);
    if ('refusal' in fault) return toReply(fault.refusal, method, { mediaType });
    if (fault.delayMs || fault.drop || fault.status) trace.fault = fault;
    // A client that goes away while it waits is dropped here, before its request touches state.
    if (fault.delayMs && !(await delay(fault.delayMs, call.signal))) return { drop: true };
    if (fault.drop) return { drop: true };
    if (fault.status) return toReply(faultAnswer(fault.status), method, { mediaType });
    if (scenario?.prefer) {
      const operation = operationAt(method, path)!;
      trace.operationId = operation.operationId;
      return toReply(preferredAnswer(operation, scenario.prefer, base)!, method, { mediaType, deprecated: operation.deprecated });
    }

    // Credentials and the one-time password first, on every path, as on the server (request-checks.ts).
    const checked = checkRequest(apiCall, checkOptions);
    if ('refusal' in checked) return toReply(checked.refusal, method, { mediaType });
    const { operation } = checked.route;
    trace.operationId = operation.operationId;
    trace.user = checked.credentials.user;
    const answered: ApiHeaders = { mediaType, deprecated: operation.deprecated };
    const prefer = call.headers.get('prefer');
    const forced = prefer === null ? undefined : preferredAnswer(operation, prefer, base);
    if (forced) return toReply(forced, method, answered, { authenticated: true });
    const answer = await operationAnswer(backend, checked, { base, path, search: call.search, headers: call.headers });
    if (checked.lenient.length > 0) answer.reason += ` (as GitHub took the body: ${checked.lenient.join('; ')})`;
    if (!safeMethods.has(method) && answer.status < 400) changed();
    return toReply(answer, method, answered, { authenticated: true, ifNoneMatch: operation.method === 'get' ? call.headers.get('if-none-match') : undefined, write: operation.method !== 'get' });
  }

  /** The trace with what the journal says of any request: its operation, user, and whether its X-GitHub-OTP was right. */
  function withRequestFacts(trace: Trace, method: string, apiCall: ApiCall): Trace {
    if (trace.operationId === undefined) trace.operationId = operationAt(method, apiCall.path)?.operationId ?? null;
    // Known already when the checks passed (their credentials); read again only for a refusal or a fault.
    const user = trace.user === undefined ? (basicCredentials(apiCall.headers.get('authorization'))?.user ?? null) : trace.user;
    trace.user = user;
    const otp = apiCall.headers.get('x-github-otp');
    // Judged now: the account's code may change before the entry is read.
    const code = otp === null || user === null ? undefined : accounts.get(user)?.otp?.code;
    if (otp !== null && code !== undefined) trace.otpRight = otp.trim() === code;
    return trace;
  }

  /** The state as plain JSON, its URLs on `base` (the model keeps none). */
  function stateOn(base: string, user?: string): SimulatorData {
    return renderData(backend.state(user), base);
  }

  return simulator;
}

/** Every stored authorization as answered, its `url` on `base`. */
function renderData(data: StoredData, base: string): SimulatorData {
  return Object.fromEntries(Object.entries(data).map(([user, { authorizations }]) => [user, { authorizations: authorizations.map((a) => withUrl(a, base)) }]));
}

const journalOff = 'the request journal is off (journal: false, --no-journal): start the simulator with it on to read it';

/** The operation at a method and path (the /api/v3 prefix removed), if any. */
function operationAt(method: string, path: string): OperationFact | undefined {
  const match = matchRoute(method, path);
  return 'route' in match ? match.route.operation : undefined;
}

// --- utils -----------------------------------------------------------------------------------

/** About the bytes of the request line and headers, as an HTTP/1.1 parser counts them. */
function headerBytes(request: Request, url: URL): number {
  let bytes = request.method.length + url.pathname.length + url.search.length + 11; // ' ', ' HTTP/1.1\r\n'
  request.headers.forEach((value, name) => {
    bytes += name.length + value.length + 4; // ': ', '\r\n'
  });
  return bytes;
}

const tooLargeHeaders = () => transportAnswer(431, `Request headers too large: the request line (with the URL) and the headers must fit in ${requestLimits.headerBytes / 1024} KiB`);

/** An answer of the transport's own (the HTTP server's, in src/server/): `{ message }`, and the connection closes. */
function transportAnswer(status: number, message: string): Response {
  return new Response(JSON.stringify({ message }), { status, headers: { 'content-type': jsonContentType, connection: 'close' } });
}

/** The body's bytes, read no further than the limit: undefined past it (a Content-Length over it is not read at all). */
async function readBody(request: Request): Promise<Uint8Array | undefined> {
  if (Number(request.headers.get('content-length')) > requestLimits.bodyBytes) return undefined;
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > requestLimits.bodyBytes) {
      // Not awaited: a stream another reader tees (MSW's) settles its cancel only once that reader is done.
      reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
}

const encoder = new TextEncoder();

/**
 * The API's deprecation, as @octokit/request reads it ("scheduled to be removed on <Sunset>"): the
 * removal date GitHub announced for this API, 2020-11-13 (no recorded GHES answer carries either header).
 */
const sunset = 'Fri, 13 Nov 2020 00:00:00 GMT';

/** What an API answer's first headers say: its media type (X-GitHub-Media-Type), and Deprecation and Sunset for a deprecated operation. */
interface ApiHeaders {
  mediaType: string;
  deprecated?: boolean | undefined;
}

/** What GitHub sent on an authenticated answer with a body (recorded 2014-2020): caches keep it private, a minute. */
const privateCache = 'private, max-age=60, s-maxage=60';

interface ReplyOptions {
  /** An answer to good credentials: Cache-Control on its 200, 201 and 304. */
  authenticated?: boolean;
  /** A GET's If-None-Match (null: none sent): ETag on its 200, and 304 when it matches. */
  ifNoneMatch?: string | null | undefined;
  /** A write: ETag on its 200 (weak) or 201 (strong), as GitHub's recorded answers. */
  write?: boolean;
}

/**
 * The reply for an answer: JSON as GitHub labels it, the reason in X-Simulator-Reason, ETag and
 * Cache-Control as GitHub sent them. `api`: an API answer's first headers (none for the control API's).
 */
function toReply(answer: Answer, method: string, api?: ApiHeaders, { authenticated = false, ifNoneMatch, write = false }: ReplyOptions = {}): SimulatorReply {
  // In this order on the wire: the API's headers, the answer's own, the reason. Assigned one by one
  // (an answer's own header of the same name takes the earlier place), not spread: spreading is V8's slow path.
  const headers: Record<string, string> = api === undefined ? {} : api.deprecated ? { 'x-github-media-type': api.mediaType, deprecation: 'true', sunset } : { 'x-github-media-type': api.mediaType };
  if (answer.headers !== undefined) for (const name in answer.headers) headers[name] = answer.headers[name]!;
  headers['x-simulator-reason'] = headerSafe(answer.reason);
  const bytes = answer.encoded ?? (answer.body === undefined ? undefined : encoder.encode(JSON.stringify(answer.body)));
  if (bytes === undefined) return { status: answer.status, headers, body: null };
  if (authenticated && (answer.status === 200 || answer.status === 201)) headers['cache-control'] = privateCache;
  if (ifNoneMatch !== undefined && answer.status === 200) {
    const etag = etagOf(bytes);
    headers.etag = etag;
    if (ifNoneMatch !== null && matchesEtag(ifNoneMatch, etag)) {
      headers['x-simulator-reason'] = headerSafe(`not modified since ${etag}: ${answer.reason}`);
      return { status: 304, headers, body: null };
    }
  } else if (write && (answer.status === 200 || answer.status === 201)) {
    const etag = etagOf(bytes);
    headers.etag = answer.status === 201 ? etag.slice(2) : etag;
  }
  headers['content-type'] = jsonContentType;
  headers['x-github-media-type'] ??= githubMediaType;
  headers['content-length'] = String(bytes.length);
  return { status: answer.status, headers, body: method === 'HEAD' ? null : bytes };
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** A weak ETag from the body's bytes: two 32-bit hashes (murmur-style, a word at a time), fast, and a change is never missed in practice. */
export function etagOf(bytes: Uint8Array): string {
  let a = 0x811c9dc5 ^ bytes.length;
  let b = 0x01000193;
  const words = bytes.length >>> 2;
  // The words little-endian: through an Int32Array where the platform is and the bytes are aligned
  // (the same bits as DataView's, several times faster on a list's kilobytes), else a DataView.
  // Two loops, not one that picks per word: the single loop took twice as long on a 20 KB list.
  if (littleEndian && bytes.byteOffset % 4 === 0) {
    const ints = new Int32Array(bytes.buffer, bytes.byteOffset, words);
    for (let i = 0; i < words; i++) {
      const word = ints[i]!;
      a = Math.imul(a ^ word, 0x5bd1e995);
      a ^= a >>> 15;
      b = Math.imul(b ^ word, 0x27d4eb2d);
      b ^= b >>> 13;
    }
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < words; i++) {
      const word = view.getUint32(i * 4, true);
      a = Math.imul(a ^ word, 0x5bd1e995);
      a ^= a >>> 15;
      b = Math.imul(b ^ word, 0x27d4eb2d);
      b ^= b >>> 13;
    }
  }
  for (let i = words * 4; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i]!, 0x5bd1e995);
    b = Math.imul(b ^ bytes[i]!, 0x27d4eb2d);
  }
  return `W/"${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}"`;
}

/** If-None-Match: `*`, or a list of entity tags compared weakly (RFC 9110 §13.1.2). */
export function matchesEtag(header: string, etag: string): boolean {
  const opaque = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || opaque(trimmed) === opaque(etag);
  });
}

const printable = /^[\x20-\x7e]*$/;

/** Header text: printable ASCII only (others escaped as \uXXXX), at most 1,000 characters. */
export function headerSafe(text: string): string {
  if (text.length <= 1000 && printable.test(text)) return text;
  const shown = text.length > 1000 ? `${text.slice(0, 997)}...` : text;
  let safe = '';
  for (let i = 0; i < shown.length; i++) {
    const code = shown.charCodeAt(i);
    safe += code >= 0x20 && code <= 0x7e ? shown[i] : `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return safe;
}
