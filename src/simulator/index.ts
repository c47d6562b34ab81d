// The GHES OAuth Authorizations simulator: a fake server, in memory, that behaves like the real one
// (state per user, GitHub's exact bodies, pagination, ETag, two-factor accounts, faults), on fetch's
// Request and Response, so it runs in Node, in browsers and in MSW handlers alike. The HTTP server
// of `npm start` (scripts/mock/) is a thin transport around it.
//
// The parts, after moto: model.ts (state and rules, no HTTP), responses.ts (request → model →
// answer), routes.ts (which operation), request-checks.ts (what every request must be),
// errors.ts (GitHub's error bodies), control.ts (the control API for tests), journal.ts and har.ts
// (the request journal and its HAR export), scenarios.ts (one-shot behaviours).
import { type AccountConfig, checkAccount, checkAccounts, checkData, checkFaults, checkUserName, type FaultConfig, maxDelayMs } from './data.js';
import { bodies } from './errors.js';
import { controlAnswer, controlPrefix } from './control.js';
import { checkJournalOption, Journal, type JournalEntry, type JournalFilter, type JournalOption, masked, type Trace } from './journal.js';
import { AuthorizationsBackend, type SimulatorData } from './model.js';
import { type ApiCall, basicCredentials, checkRequest, githubMediaType, type Refusal } from './request-checks.js';
import { matchRoute, type OperationFact } from './routes.js';
import { checkScenarios, type QueuedScenario, type Scenario, ScenarioQueue, type ScenarioUse } from './scenarios.js';
import { checkAccount as accountRefusal, operationAnswer, preferredAnswer } from './responses.js';

export type { AccountConfig, FaultConfig } from './data.js';
export type { SimulatorData } from './model.js';
export type { ApiCall } from './request-checks.js';
export type { JournalEntry, JournalFilter, JournalOption } from './journal.js';
export type { QueuedScenario, Scenario } from './scenarios.js';
export { checkRequest } from './request-checks.js';
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
   * With no argument, everything back as the simulator started: data, accounts, faults, scenarios,
   * and an empty journal. With a user name, that user's data only (accounts and the rest stay).
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

export const apiPrefix = '/api/v3';
const jsonType = 'application/json; charset=utf-8';

/** A new simulator, with its own state; throws an Error naming the bad field of `options`. */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const backend = new AuthorizationsBackend();
  const accounts = new Map<string, AccountConfig>(Object.entries(options.accounts === undefined ? {} : checkAccounts(options.accounts)));
  let faults: FaultConfig | undefined = options.faults === undefined ? undefined : checkFaults(options.faults, 'options.faults');
  if (options.data !== undefined) backend.replace(checkData(options.data));
  const journalSize = checkJournalOption(options.journal, 'options.journal');
  const journal = journalSize === 0 ? undefined : new Journal(journalSize);
  const scenarios = new ScenarioQueue(options.scenarios === undefined ? [] : checkScenarios(options.scenarios));
  // What the simulator started with, for a full reset (data as a copy: the caller may change theirs).
  const initial = { data: options.data === undefined ? undefined : structuredClone(options.data), accounts: new Map(accounts), faults };

  const simulator: Simulator = {
    async handle(request) {
      const url = new URL(request.url);
      const body = new Uint8Array(await request.arrayBuffer());
      return simulator.handleCall({ method: request.method, path: url.pathname, search: url.search.slice(1), headers: request.headers, body }, url.origin);
    },

    async handleCall(call, origin) {
      const reply = await simulator.reply(call, origin);
      return 'drop' in reply ? Response.error() : new Response(reply.body, { status: reply.status, headers: reply.headers });
    },

    async reply(call, origin) {
      const prefixed = call.path === apiPrefix || call.path.startsWith(`${apiPrefix}/`);
      const path = prefixed ? call.path.slice(apiPrefix.length) || '/' : call.path;
      const base = prefixed ? `${origin}${apiPrefix}` : origin;
      const method = call.method.toUpperCase();
      const api = { ...call, path };

      if (path === controlPrefix || path.startsWith(`${controlPrefix}/`)) return toReply(controlAnswer(simulator, api), method);
      if (!journal) return answerApi(call, api, base, method, {});
      const trace: Trace = {};
      const startedAt = journal.clock();
      const started = performance.now();
      const reply = await answerApi(call, api, base, method, trace);
      journal.record(call, origin, withRequestFacts(trace, method, api), 'drop' in reply ? 0 : reply.status, 'drop' in reply ? {} : reply.headers, startedAt, performance.now() - started);
      return reply;
    },

    reset(user) {
      if (user !== undefined) return backend.reset(user);
      for (const restore of restores) restore();
    },
    load: (data) => backend.replace(checkData(data)),
    state: (user) => backend.state(user),
    setAccount(user, config) {
      checkUserName(user);
      if (config === undefined) accounts.delete(user);
      else accounts.set(user, checkAccount(config, user));
    },
    setFaults(next) {
      faults = next === undefined ? undefined : checkFaults(next);
    },
    accounts: () => Object.fromEntries([...accounts].map(([user, config]) => [user, maskAccount(config)])),
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
    () => (initial.data === undefined ? backend.reset() : backend.replace(initial.data)),
    () => {
      accounts.clear();
      for (const [user, config] of initial.accounts) accounts.set(user, config);
    },
    () => (faults = initial.faults),
    () => scenarios.restore(),
    () => journal?.clear(),
  ];

  /** The answer to an API request (not the control API's): scenario, faults, checks, the model. */
  async function answerApi(call: ApiCall, api: ApiCall, base: string, method: string, trace: Trace): Promise<SimulatorReply> {
    const path = api.path;
    const scenario = scenarios.size === 0 ? undefined : scenarios.take(method, operationAt(method, path), basicCredentials(call.headers.get('authorization'))?.user);
    if (scenario) trace.scenario = { id: scenario.id, description: scenario.description };

    const fault = faultFor(scenario ? scenarioFaults(faults, scenario) : faults, call.headers);
    if ('refusal' in fault) return toReply(fault.refusal, method);
    if (fault.delayMs || fault.drop || fault.status) trace.fault = fault;
    if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.drop) return { drop: true };
    if (fault.status) return toReply({ status: fault.status, body: bodies.serverFailure(fault.status), reason: `injected fault ${fault.status}` }, method);
    if (scenario?.prefer) {
      const operation = operationAt(method, path)!;
      trace.operationId = operation.operationId;
      return toReply(preferredAnswer(operation, scenario.prefer, base)!, method, operation.deprecated ? { deprecation: 'true' } : {});
    }

    // Credentials first, as on the server: a two-factor account without its code gets the 401
    // whatever else is wrong with the request.
    const checked = checkRequest(api, ({ user, password }, headers) => accountRefusal(accounts.get(user), password, headers.get('x-github-otp')));
    if ('refusal' in checked) return toReply(checked.refusal, method);
    const { operation } = checked.route;
    trace.operationId = operation.operationId;
    const deprecated = operation.deprecated ? { deprecation: 'true' } : {};
    const forced = preferredAnswer(operation, call.headers.get('prefer'), base);
    if (forced) return toReply(forced, method, deprecated);
    const answer = await operationAnswer(backend, checked, { base, path, search: call.search, headers: call.headers });
    return toReply(answer, method, deprecated, operation.method === 'get' ? call.headers.get('if-none-match') : undefined);
  }

  /** The trace with what the journal says of any request: its operation, user, and whether its X-GitHub-OTP was right. */
  function withRequestFacts(trace: Trace, method: string, api: ApiCall): Trace {
    if (trace.operationId === undefined) trace.operationId = operationAt(method, api.path)?.operationId ?? null;
    const user = basicCredentials(api.headers.get('authorization'))?.user ?? null;
    trace.user = user;
    const otp = api.headers.get('x-github-otp');
    const code = user === null ? undefined : accounts.get(user)?.otp?.code;
    if (otp !== null && code !== undefined) trace.otpRight = otp.trim() === code;
    return trace;
  }

  return simulator;
}

const journalOff = 'the request journal is off (journal: false, --no-journal): start the simulator with it on to read it';

/** The operation at a method and path (the /api/v3 prefix removed), if any. */
function operationAt(method: string, path: string): OperationFact | undefined {
  const match = matchRoute(method, path);
  return 'route' in match ? match.route.operation : undefined;
}

/** The configured faults with a scenario's over them; a scenario's documented answer keeps only the delay. */
function scenarioFaults(configured: FaultConfig | undefined, scenario: ScenarioUse): FaultConfig {
  const fault: FaultConfig = scenario.prefer || scenario.fault !== undefined ? { ...(configured?.delayMs !== undefined && { delayMs: configured.delayMs }) } : { ...configured };
  if (scenario.delayMs !== undefined) fault.delayMs = scenario.delayMs;
  if (scenario.fault === 'drop') fault.drop = true;
  else if (scenario.fault !== undefined) fault.status = scenario.fault;
  return fault;
}

/** An account as read back: its password and one-time code masked. */
function maskAccount(config: AccountConfig): AccountConfig {
  return {
    ...(config.password !== undefined && { password: masked }),
    ...(config.otp && { otp: { ...config.otp, code: masked } }),
  };
}

// --- utils -----------------------------------------------------------------------------------

/** The faults for one request: the headers' (X-Simulator-Delay, X-Simulator-Fault) over the configured ones. */
function faultFor(configured: FaultConfig | undefined, headers: ApiCall['headers']): FaultConfig | { refusal: Refusal } {
  const fault: FaultConfig = { ...configured };
  const delay = headers.get('x-simulator-delay');
  if (delay !== null) {
    const ms = /^\d{1,6}$/.test(delay.trim()) ? Number(delay.trim()) : NaN;
    if (!(ms <= maxDelayMs)) return badHeader(`Bad X-Simulator-Delay header ${JSON.stringify(delay)}: must be a whole number of milliseconds from 0 to ${maxDelayMs}`);
    fault.delayMs = ms;
  }
  const injected = headers.get('x-simulator-fault')?.trim().toLowerCase();
  if (injected !== undefined) {
    delete fault.status;
    delete fault.drop;
    if (injected === 'drop') fault.drop = true;
    else if (/^5\d\d$/.test(injected)) fault.status = Number(injected);
    else if (injected !== 'none') return badHeader(`Bad X-Simulator-Fault header ${JSON.stringify(injected)}: must be a status from 500 to 599, drop, or none`);
  }
  return fault;
}

const badHeader = (message: string): { refusal: Refusal } => ({ refusal: { status: 400, body: { message }, reason: message } });

const encoder = new TextEncoder();

/** The reply for an answer: JSON as GitHub labels it, the reason in X-Simulator-Reason, ETag on a GET's 200. */
function toReply(answer: Refusal, method: string, extra: Record<string, string> = {}, ifNoneMatch?: string | null): SimulatorReply {
  const headers: Record<string, string> = { ...extra, ...answer.headers, 'x-simulator-reason': headerSafe(answer.reason) };
  const bytes = answer.encoded ?? (answer.body === undefined ? undefined : encoder.encode(JSON.stringify(answer.body)));
  if (bytes === undefined) return { status: answer.status, headers, body: null };
  if (ifNoneMatch !== undefined && answer.status === 200) {
    const etag = etagOf(bytes);
    headers.etag = etag;
    if (ifNoneMatch !== null && matchesEtag(ifNoneMatch, etag)) {
      headers['x-simulator-reason'] = headerSafe(`not modified since ${etag}: ${answer.reason}`);
      return { status: 304, headers, body: null };
    }
  }
  headers['content-type'] = jsonType;
  headers['x-github-media-type'] = githubMediaType;
  headers['content-length'] = String(bytes.length);
  return { status: answer.status, headers, body: method === 'HEAD' ? null : bytes };
}

/** A weak ETag from the body's bytes: two 32-bit hashes (murmur-style, a word at a time), fast, and a change is never missed in practice. */
export function etagOf(bytes: Uint8Array): string {
  let a = 0x811c9dc5 ^ bytes.length;
  let b = 0x01000193;
  const words = bytes.length >>> 2;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < words; i++) {
    const word = view.getUint32(i * 4, true);
    a = Math.imul(a ^ word, 0x5bd1e995);
    a ^= a >>> 15;
    b = Math.imul(b ^ word, 0x27d4eb2d);
    b ^= b >>> 13;
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
