// The request journal: a ring of the last N API requests the simulator answered, for tests to ask
// "what did my app send?" (WireMock's request journal, Mockoon's logs). Secrets never enter it:
// entries are redacted as they are written, not as they are read, so nothing in memory holds a
// password, a one-time code, a client secret or a token (answers' bodies are not kept at all:
// only their status and headers).
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

/** An entry as kept: redacted already, formatted only when read (the write is on every request's path). */
interface Kept {
  id: number;
  startedAt: number;
  method: string;
  path: string;
  query: string;
  trace: Trace;
  status: number;
  durationMs: number;
  headers: Record<string, string>;
  /** The body's text when it names no secret field (parsed when read), else its masked JSON, or a note. */
  body: { text: string } | { value: unknown } | { note: string } | undefined;
  responseHeaders: Record<string, string>;
  origin: string;
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

  /** Writes one entry, redacting as it goes. */
  record(call: { method: string; path: string; search: string; headers: JournalHeaders; body: Uint8Array }, origin: string, trace: Trace, status: number, responseHeaders: Record<string, string>, startedAt: number, durationMs: number): void {
    this.ring[this.next] = {
      id: ++this.count,
      startedAt,
      method: call.method,
      path: call.path,
      query: call.search === '' ? '' : maskQuery(call.search),
      trace,
      status,
      durationMs,
      headers: redactHeaders(call.headers, trace),
      body: bodyOf(call.body),
      responseHeaders,
      origin,
    };
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

/** A kept entry as the journal shows it. */
function render(kept: Kept): JournalEntry {
  const { trace } = kept;
  return {
    id: kept.id,
    time: new Date(kept.startedAt).toISOString(),
    method: kept.method,
    path: kept.path,
    query: kept.query,
    operationId: trace.operationId ?? null,
    user: trace.user ?? null,
    status: kept.status,
    durationMs: Math.round(kept.durationMs * 1000) / 1000,
    ...(trace.fault && { fault: { ...trace.fault } }),
    ...(trace.scenario && { scenario: { ...trace.scenario } }),
    headers: { ...kept.headers },
    ...shownBody(kept.body),
    response: { headers: { ...kept.responseHeaders } },
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
      if (!(typeof value === 'number' && Number.isInteger(value)) && !(typeof value === 'string' && /^([1-5]\d\d|[1-5]xx|0)$/.test(value))) throw new Error(`status: must be a status such as 404, or a class such as 4xx, not ${JSON.stringify(value)}`);
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
  return operationId.split('/').pop()!.replace(/-([a-z\d])/g, (_, c: string) => c.toUpperCase());
}

/** The operation named by its operationId or the client's function name, or undefined. */
export function operationNamed(name: string): OperationFact | undefined {
  return operations.find((operation) => operation.operationId === name || operation.name === name || operationName(operation.operationId) === name);
}

/** The headers as written down: Authorization as its scheme and user name, X-GitHub-OTP as sent and right or not. */
function redactHeaders(headers: JournalHeaders, trace: Trace): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach?.((value, name) => {
    const lower = name.toLowerCase();
    if (lower === 'authorization') kept[lower] = redactAuthorization(value, trace.user);
    else if (lower === 'x-github-otp') kept[lower] = trace.otpRight === undefined ? 'sent (the account has no two-factor authentication)' : trace.otpRight ? 'sent, right' : 'sent, wrong';
    else if (secretHeaders.has(lower)) kept[lower] = masked;
    else kept[lower] = value;
  });
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

function bodyOf(bytes: Uint8Array): Kept['body'] {
  if (bytes.length === 0) return undefined;
  if (bytes.length > maxKeptBodyBytes) return { note: `${bytes.length} bytes, not kept (over ${maxKeptBodyBytes})` };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { note: `${bytes.length} bytes, not UTF-8, not kept` };
  }
  // A body that names no secret field is kept as text, and parsed only when read (most are).
  if (!secretKey.test(text)) return { text };
  try {
    return { value: maskSecrets(JSON.parse(text)) };
  } catch {
    // Not JSON: its text could hold the secret in any form, so it is not kept.
    return { note: `${bytes.length} bytes, not JSON, not kept` };
  }
}

function shownBody(body: Kept['body']): { body?: unknown; bodyNote?: string } {
  if (body === undefined) return {};
  if ('note' in body) return { bodyNote: body.note };
  if ('value' in body) return { body: structuredClone(body.value) };
  try {
    return { body: JSON.parse(body.text) };
  } catch {
    return { bodyNote: `${new TextEncoder().encode(body.text).length} bytes, not JSON, not shown` };
  }
}

/** A JSON value with every secret field's value masked, at any depth. */
function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, secretKey.test(key) ? masked : maskSecrets(field)]));
}
