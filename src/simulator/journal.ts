// The request journal: a ring of the last N API requests the simulator answered, for tests to ask
// "what did my app send?" (WireMock's request journal, Mockoon's logs). Secrets never leave it:
// an entry keeps the request's own pieces (its headers and body bytes, as the transport handed
// them over) and is redacted and parsed when it is read, by `entries()`, the one way out (the
// control route and the HAR export read through it), so recording costs next to nothing on each
// request's path. Answers' bodies are not kept at all: only their status and headers.
import { type OperationFact, operations } from '../../generated/simulator-contract.js';
import type { FaultConfig } from './faults.js';

/** What the journal keeps of one request; `GET /_simulator/requests` answers a list of these. */
export interface JournalEntry {
  /** Counts from 1 for the simulator's life (a reset does not restart it): which came first. */
  id: number;
  /** When the request came in, ISO 8601. */
  time: string;
  method: string;
  /** The path as sent (with /api/v3 when it had it). */
  path: string;
  /** The query without its `?` ('' for none), secrets masked. */
  query: string;
  /** The contract's operationId (`oauth-authorizations/create-authorization`), or null for a path that is no operation. */
  operationId: string | null;
  /** The user name of the Basic credentials, or null for none. */
  user: string | null;
  /** The answer's status; 0 for a dropped connection. */
  status: number;
  /** From the request to the answer, in ms. */
  durationMs: number;
  /** The fault applied, if any (configured, from X-Simulator-* headers, or a scenario's). */
  fault?: FaultConfig;
  /** The scenario that applied, if any (see scenarios.ts). */
  scenario?: { id: number; description: string };
  /** The request's headers, lower-case names; Authorization, X-GitHub-OTP and cookies redacted. */
  headers: Record<string, string>;
  /** The body as JSON, secrets masked; undefined for none. */
  body?: unknown;
  /** Why the body is not shown (not JSON, too large), when it is not. */
  bodyNote?: string;
  /** The answer's headers (no body is kept: it can hold a token). */
  response: { headers: Record<string, string> };
  /** The origin the request came in on, for the HAR export's absolute URLs. */
  origin: string;
}

/** Filters of `requests()` and `GET /_simulator/requests`; every one given must match. */
export interface JournalFilter {
  user?: string;
  /** The contract's operationId or the client's function name (`createAuthorization`). */
  operationId?: string;
  method?: string;
  /** A status (`404`) or a class (`4xx`). */
  status?: number | string;
  /** Entries at or after this time (ISO 8601, or a Date). */
  since?: string | Date;
}

/** The journal's option: `false` turns it off; `size` is how many requests it keeps. */
export type JournalOption = false | { size?: number };

export const defaultJournalSize = 1000;
export const maxJournalSize = 100_000;
/** Bodies larger than this are not kept (the API's valid bodies are well under 1 KiB). */
export const maxKeptBodyBytes = 16 * 1024;

export const masked = '[masked]';

/** What the simulator learnt of a request while answering it, for its entry. */
export interface Trace {
  operationId?: string | null;
  user?: string | null;
  /** Whether X-GitHub-OTP was the account's code (undefined: the account has no 2FA). */
  otpRight?: boolean;
  fault?: FaultConfig;
  scenario?: { id: number; description: string };
}

/** `option` checked: the ring's size, or 0 for off; an Error naming the problem otherwise. */
export function checkJournalOption(option: unknown, where = 'journal'): number {
  if (option === undefined) return defaultJournalSize;
  if (option === false) return 0;
  if (typeof option !== 'object' || option === null || Array.isArray(option)) throw new Error(`${where}: must be false (off) or an object with size, not ${JSON.stringify(option)}`);
  for (const key of Object.keys(option)) if (key !== 'size') throw new Error(`${where}.${key}: is not allowed (the journal has size)`);
  const { size } = option as { size?: unknown };
  if (size === undefined) return defaultJournalSize;
  if (!(typeof size === 'number' && Number.isInteger(size) && size >= 1 && size <= maxJournalSize)) throw new Error(`${where}.size: must be a whole number from 1 to ${maxJournalSize}`);
  return size;
}

// Header names whose values are secrets (Authorization and X-GitHub-OTP get their own redaction).
const secretHeaders = new Set(['cookie', 'proxy-authorization', 'x-simulator-control-token']);
// Body fields and query parameters whose values are secrets.
const secretKey = /secret|password|passwd|token|otp/i;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Header names and values, `name\nvalue\nname\nvalue…` as one string; the list itself when one
 * of them holds a line feed (no transport's can: Node and fetch refuse it in a header).
 */
type FlatHeaders = string | readonly string[];

/**
 * An entry as kept: the request's pieces as they came, redacted and formatted only when read (the
 * write is on every request's path, a read is a test's). Never handed out as it is.
 *
 * Compact, because every entry outlives young-generation collections, and V8's scavenger copies
 * (then promotes) each object it holds: with the transport's headers object, the answer's headers
 * object and the trace, an entry added about 1.1 KB of scavenger copying to a create; with one
 * reused slot per place in the ring, each set of headers flattened into one string and the trace's
 * facts copied in, about 0.8 KB (docs/decisions.md).
 */
class Kept {
  id = 0;
  startedAt = 0;
  method = '';
  path = '';
  /** The query as sent (its secrets masked when read). */
  search = '';
  origin = '';
  status = 0;
  durationMs = 0;
  operationId: string | null = null;
  user: string | null = null;
  /** Whether X-GitHub-OTP was the account's code (undefined: the account has no 2FA). */
  otpRight: boolean | undefined = undefined;
  fault: FaultConfig | undefined = undefined;
  scenario: { id: number; description: string } | undefined = undefined;
  /** The request's headers as the transport gave them (neither changes them after): redacted when read. */
  headers: FlatHeaders = '';
  /** The body's bytes, at most `maxKeptBodyBytes`; its size when it was larger; undefined for none. */
  body: Uint8Array | number | undefined = undefined;
  responseHeaders: FlatHeaders = '';
}

/** What the journal needs of a request's headers: fetch's Headers, or Node's through api-call.js. */
export interface JournalHeaders {
  get(name: string): string | null;
  forEach?(callback: (value: string, name: string) => void): void;
}

export class Journal {
  private readonly ring: Array<Kept | undefined>;
  private next = 0;
  private count = 0;

  constructor(
    readonly size: number,
    /** The clock of the entries' times (companion: the simulator's clock). */
    private readonly now: () => number = Date.now,
  ) {
    this.ring = new Array(size);
  }

  /** Writes one entry: the request's pieces as they are (redacted when read). */
  record(
    call: { method: string; path: string; search: string; headers: JournalHeaders; body: Uint8Array },
    origin: string,
    trace: Trace,
    status: number,
    responseHeaders: Record<string, string>,
    startedAt: number,
    durationMs: number,
  ): void {
    const size = call.body.length;
    let kept = this.ring[this.next];
    if (kept === undefined) {
      kept = new Kept();
      this.ring[this.next] = kept;
    }
    kept.id = ++this.count;
    kept.startedAt = startedAt;
    kept.method = call.method;
    kept.path = call.path;
    kept.search = call.search;
    kept.origin = origin;
    kept.status = status;
    kept.durationMs = durationMs;
    kept.operationId = trace.operationId ?? null;
    kept.user = trace.user ?? null;
    kept.otpRight = trace.otpRight;
    kept.fault = trace.fault;
    kept.scenario = trace.scenario;
    const headers: string[] = [];
    call.headers.forEach?.((value, name) => void headers.push(name, value));
    kept.headers = flat(headers);
    // A larger body is not kept: the ring stays within maxKeptBodyBytes a request.
    kept.body = size === 0 ? undefined : size > maxKeptBodyBytes ? size : call.body;
    const answered: string[] = [];
    for (const name in responseHeaders) answered.push(name, responseHeaders[name]!);
    kept.responseHeaders = flat(answered);
    this.next = (this.next + 1) % this.size;
  }

  /** The time to stamp a request with. */
  clock(): number {
    return this.now();
  }

  /** The entries that match, oldest first (each a new object). */
  entries(filter: JournalFilter = {}): JournalEntry[] {
    const match = matcher(checkFilter(filter));
    const kept: JournalEntry[] = [];
    for (let i = 0; i < this.size; i++) {
      const entry = this.ring[(this.next + i) % this.size];
      if (entry === undefined) continue;
      const shown = render(entry);
      if (match(shown)) kept.push(shown);
    }
    return kept;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
  }
}

/** A kept entry as the journal shows it: redacted (headers, query, body), a new object. */
function render(kept: Kept): JournalEntry {
  const response: Record<string, string> = {};
  const answered = pairs(kept.responseHeaders);
  for (let i = 0; i < answered.length; i += 2) response[answered[i]!] = answered[i + 1]!;
  return {
    id: kept.id,
    time: new Date(kept.startedAt).toISOString(),
    method: kept.method,
    path: kept.path,
    query: kept.search === '' ? '' : maskQuery(kept.search),
    operationId: kept.operationId,
    user: kept.user,
    status: kept.status,
    durationMs: Math.round(kept.durationMs * 1000) / 1000,
    ...(kept.fault && { fault: { ...kept.fault } }),
    ...(kept.scenario && { scenario: { ...kept.scenario } }),
    headers: redactHeaders(pairs(kept.headers), kept),
    ...shownBody(kept.body),
    response: { headers: response },
    origin: kept.origin,
  };
}

/** The filter checked: an Error naming the field for a bad one. */
export function checkFilter(filter: unknown): JournalFilter {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw new Error('the filter must be an object with user, operationId, method, status and/or since');
  const known = ['user', 'operationId', 'method', 'status', 'since'];
  for (const [key, value] of Object.entries(filter)) {
    if (!known.includes(key)) throw new Error(`${key}: is no filter (the filters are ${known.join(', ')})`);
    if (value === undefined) continue;
    if (key === 'status') {
      if (!(typeof value === 'number' && Number.isInteger(value)) && !(typeof value === 'string' && /^([1-5]\d\d|[1-5]xx|0)$/.test(value)))
        throw new Error(`status: must be a status such as 404, or a class such as 4xx, not ${JSON.stringify(value)}`);
    } else if (key === 'since') {
      const time = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
      if (Number.isNaN(time)) throw new Error(`since: must be a time in ISO 8601 (2026-01-02T03:04:05Z), not ${JSON.stringify(value)}`);
    } else if (typeof value !== 'string' || value === '') throw new Error(`${key}: must be a non-empty string`);
    // A misspelt operation would match nothing, and a test asserting "no such request" would pass.
    else if (key === 'operationId' && !operationNamed(value)) throw new Error(`operationId: ${JSON.stringify(value)} is no operation of this API; it has ${operations.map((o) => o.name).join(', ')}`);
  }
  return filter as JournalFilter;
}

/** The filter of `GET /_simulator/requests?…`: the query's parameters, checked as `checkFilter` does. */
export function filterOfQuery(search: string): JournalFilter {
  const filter: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    if (key in filter) throw new Error(`${key}: is given twice`);
    filter[key] = value;
  }
  return checkFilter(filter);
}

function matcher(filter: JournalFilter): (entry: JournalEntry) => boolean {
  const since = filter.since === undefined ? undefined : filter.since instanceof Date ? filter.since.getTime() : Date.parse(filter.since);
  const status = filter.status === undefined ? undefined : String(filter.status).toLowerCase();
  const method = filter.method?.toUpperCase();
  const operation = filter.operationId === undefined ? undefined : operationNamed(filter.operationId)?.operationId;
  return (entry) =>
    (filter.user === undefined || entry.user === filter.user) &&
    (method === undefined || entry.method.toUpperCase() === method) &&
    (operation === undefined || entry.operationId === operation) &&
    (status === undefined || (status.endsWith('xx') ? String(entry.status)[0] === status[0] : String(entry.status) === status)) &&
    (since === undefined || Date.parse(entry.time) >= since);
}

/** `oauth-authorizations/create-authorization` → `createAuthorization` (the client's function name). */
export function operationName(operationId: string): string {
  return operationId
    .split('/')
    .pop()!
    .replace(/-([a-z\d])/g, (_, c: string) => c.toUpperCase());
}

/** The operation named by its operationId or the client's function name, or undefined. */
export function operationNamed(name: string): OperationFact | undefined {
  return operations.find((operation) => operation.operationId === name || operation.name === name || operationName(operation.operationId) === name);
}

/** Names and values flattened (see FlatHeaders). */
function flat(list: string[]): FlatHeaders {
  for (const text of list) if (text.includes('\n')) return list;
  return list.join('\n');
}

/** The names and values of flattened headers, in turn. */
const pairs = (headers: FlatHeaders): readonly string[] => (typeof headers !== 'string' ? headers : headers === '' ? [] : headers.split('\n'));

/** The headers (names and values in turn) as written down: Authorization as its scheme and user name, X-GitHub-OTP as sent and right or not. */
function redactHeaders(headers: readonly string[], { user, otpRight }: Pick<Kept, 'user' | 'otpRight'>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i]!;
    const value = headers[i + 1]!;
    const lower = name.toLowerCase();
    if (lower === 'authorization') kept[lower] = redactAuthorization(value, user);
    else if (lower === 'x-github-otp') kept[lower] = otpRight === undefined ? 'sent (the account has no two-factor authentication)' : otpRight ? 'sent, right' : 'sent, wrong';
    else if (secretHeaders.has(lower)) kept[lower] = masked;
    else kept[lower] = value;
  }
  return kept;
}

/** `Basic <base64>` → `Basic octocat`; any other scheme keeps its name only. */
function redactAuthorization(value: string, user: string | null | undefined): string {
  const start = value.length - value.trimStart().length;
  const space = value.indexOf(' ', start);
  const scheme = value.slice(start, space < 0 ? undefined : space);
  if (scheme.toLowerCase() === 'basic') return user ? `${scheme} ${user}` : `${scheme} ${masked} (not user:password)`;
  return scheme === '' ? masked : `${scheme} ${masked}`;
}

function maskQuery(search: string): string {
  if (!secretKey.test(search)) return search;
  const query = new URLSearchParams(search);
  for (const key of new Set(query.keys())) if (secretKey.test(key)) query.set(key, masked);
  return query.toString();
}

/** The body as the journal shows it: JSON with its secret fields masked, or a note saying why it is not shown. */
function shownBody(body: Kept['body']): { body?: unknown; bodyNote?: string } {
  if (body === undefined) return {};
  if (typeof body === 'number') return { bodyNote: `${body} bytes, not kept (over ${maxKeptBodyBytes})` };
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { bodyNote: `${body.length} bytes, not UTF-8, not kept` };
  }
  const secret = secretKey.test(text);
  try {
    const value = JSON.parse(text);
    return { body: secret ? maskSecrets(value) : value };
  } catch {
    // Not JSON: a text that names a secret could hold it in any form, so none is shown.
    return { bodyNote: `${body.length} bytes, not JSON, ${secret ? 'not kept' : 'not shown'}` };
  }
}

/** A JSON value with every secret field's value masked, at any depth. */
function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, secretKey.test(key) ? masked : maskSecrets(field)]));
}
