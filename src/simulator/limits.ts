// What the simulator holds at most, in one place: per field, per user and in all, in counts and in
// bytes, so that no request and no data set can make it grow without bound or store something it
// cannot serve. docs/mock.md ("Limits") lists them; docs/decisions.md says where each figure comes from.
import type { Authorization } from '../../generated/schema.js';

/** Counts: user names, and authorizations of every user together. */
export const countLimits = { users: 10_000, authorizations: 300_000 };

/**
 * The longest value of a stored field, in characters. GitHub documents none of these for the
 * Authorizations API (docs/decisions.md): they are the simulator's, generous for any real client.
 */
export const fieldLimits = {
  note: 1_000,
  note_url: 2_048,
  fingerprint: 255,
  /** The scopes of one authorization (after duplicates are dropped). */
  scopes: 100,
  /** One scope's name. */
  scope: 100,
  /** Any other string of a data set (url, app name and URL, timestamps, token fields). */
  other: 2_048,
  /** A user name: GitHub's logins have at most 39 characters, an e-mail address at most 254. */
  userName: 255,
};

/**
 * A request's limits, the same in every transport: the body (the HTTP server's `bodyLimit` in
 * src/server/http-kit.js; the largest valid body of this API is well under 1 KiB), and the request
 * line with the headers (Node's default --max-http-header-size, which the HTTP server answers 431 past).
 */
export const requestLimits = { bodyBytes: 1024 * 1024, headerBytes: 16 * 1024 };

/** Stored bytes (as `storedBytes` counts them): per user and in all. */
export const byteLimits = { perUser: 128 * 1024 * 1024, total: 256 * 1024 * 1024 };

/**
 * The largest id a data set may hold: far above any id GitHub has given, and 2^53 − 2^48 ids below
 * the largest exact integer, so creates after a load never run out of ids (at 30,000 a second,
 * for thousands of years).
 */
export const maxDataId = 2 ** 48;

/** How deep a data set nests: data → user → authorizations → [i] → app → name is 5 levels; null user/installation add none. */
export const maxDepth = 6;

/** The fields an authorization of a data set may have: the contract's (kept in step with it by the type below). */
const authorizationKeys = ['id', 'url', 'scopes', 'token', 'token_last_eight', 'hashed_token', 'app', 'note', 'note_url', 'updated_at', 'created_at', 'fingerprint', 'user', 'installation', 'expires_at'] as const;
// A compile error when the contract gains or loses a field and this list does not.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const keysMatchContract: Same<(typeof authorizationKeys)[number], keyof Authorization> = true;
void keysMatchContract;
export const authorizationFields: ReadonlySet<string> = new Set(authorizationKeys);
export const appFields: ReadonlySet<string> = new Set(['client_id', 'name', 'url']);

/** About the bytes an authorization takes when stored: its strings plus a fixed part for the rest. */
export function storedBytes(authorization: Authorization): number {
  const { url, token, token_last_eight, hashed_token, app, note, note_url, created_at, updated_at, fingerprint, expires_at, scopes } = authorization;
  let bytes = 256;
  for (const text of [url, token, token_last_eight, hashed_token, app.name, app.url, app.client_id, note, note_url, created_at, updated_at, fingerprint, expires_at]) bytes += text?.length ?? 0;
  for (const scope of scopes ?? []) bytes += scope.length + 16;
  return bytes;
}

/** The first field of a stored authorization past its limit: `{ field, message }` in GitHub's wording, or undefined. */
export function fieldLimitProblem(authorization: Authorization): { field: string; message: string } | undefined {
  const tooLong = (field: string, limit: number) => ({ field, message: `${field} is too long (maximum is ${limit} characters)` });
  for (const field of ['note', 'note_url', 'fingerprint'] as const) {
    const value = authorization[field];
    if (typeof value === 'string' && value.length > fieldLimits[field]) return tooLong(field, fieldLimits[field]);
  }
  const scopes = authorization.scopes ?? [];
  if (scopes.length > fieldLimits.scopes) return { field: 'scopes', message: `scopes has too many items (maximum is ${fieldLimits.scopes})` };
  for (const scope of scopes) if (scope.length > fieldLimits.scope) return { field: 'scopes', message: `a scope is too long (maximum is ${fieldLimits.scope} characters)` };
  return undefined;
}

const describe = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

/**
 * Checks that `value` is plain JSON within bounds, in one pass that never recurses: only null,
 * booleans, finite numbers, strings, arrays and plain objects; no cycle; at most `maxDepth` levels;
 * strings at most `fieldLimits.other` characters (the field limits are checked later, by name);
 * arrays and objects at most `maxItems` entries. Throws an Error naming the path of the first problem.
 */
export function checkPlainJson(value: unknown, name: (path: readonly (string | number)[]) => string, maxItems: number): void {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    const at = () => name(path);
    if (current === null || typeof current === 'boolean' || typeof current === 'string') {
      if (typeof current === 'string' && current.length > fieldLimits.other) throw new Error(`${at()}: is too long (maximum is ${fieldLimits.other} characters)`);
      continue;
    }
    if (typeof current === 'number') {
      if (!Number.isFinite(current)) throw new Error(`${at()}: must be a finite number`);
      continue;
    }
    if (typeof current !== 'object') throw new Error(`${at()}: is ${describe(current)}, which JSON cannot hold (a data set is plain JSON)`);
    if (path.length >= maxDepth) throw new Error(`${at()}: nests too deep (a data set has at most ${maxDepth} levels: user, authorizations, authorization, app)`);
    const isArray = Array.isArray(current);
    const prototype = Object.getPrototypeOf(current);
    if (!isArray && prototype !== Object.prototype && prototype !== null) throw new Error(`${at()}: is a ${prototype?.constructor?.name ?? 'non-plain'} object (a data set is plain JSON)`);
    const entries: [string | number, unknown][] = isArray ? (current as unknown[]).map((item, index) => [index, item]) : Object.entries(current as object);
    if (entries.length > maxItems) throw new Error(`${at()}: has ${entries.length} ${isArray ? 'items' : 'keys'} (at most ${maxItems})`);
    // A cycle comes back to an ancestor: with at most `maxDepth` of them, looking is cheap.
    const chain = ancestors(value, path);
    for (const [key, item] of entries) {
      if (typeof item === 'object' && item !== null && chain.includes(item)) throw new Error(`${name([...path, key])}: refers back to its own container (a cycle; a data set is plain JSON)`);
      stack.push({ value: item, path: [...path, key] });
    }
  }
}

/** The containers from the root to the one at `path` (at most `maxDepth` + 1). */
function ancestors(root: unknown, path: readonly (string | number)[]): unknown[] {
  const found = [root];
  let current = root as Record<string | number, unknown>;
  for (const key of path) {
    current = current[key] as Record<string | number, unknown>;
    found.push(current);
  }
  return found;
}
