// What the simulator holds at most, in one place: per field, per user and in all, in counts and in
// bytes, so that no request and no data set can make it grow without bound or store something it
// cannot serve. docs/mock.md ("Limits") lists them; docs/decisions.md says where each figure comes from.
import type { Authorization } from '../../generated/schema.js';
import type { StoredAuthorization } from './urls.js';

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
 * src/server/request-body.ts; the largest valid body of this API is well under 1 KiB), and the request
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
const authorizationKeys = [
  'id',
  'url',
  'scopes',
  'token',
  'token_last_eight',
  'hashed_token',
  'app',
  'note',
  'note_url',
  'updated_at',
  'created_at',
  'fingerprint',
  'user',
  'installation',
  'expires_at',
] as const;
// A compile error when the contract gains or loses a field and this list does not.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const keysMatchContract: Same<(typeof authorizationKeys)[number], keyof Authorization> = true;
void keysMatchContract;
export const authorizationFields: ReadonlySet<string> = new Set(authorizationKeys);
export const appFields: ReadonlySet<string> = new Set(['client_id', 'name', 'url']);

/** About the bytes an authorization takes when stored: its strings plus a fixed part for the rest. */
export function storedBytes(authorization: StoredAuthorization): number {
  const { token, token_last_eight, hashed_token, app, note, note_url, created_at, updated_at, fingerprint, expires_at, scopes } = authorization;
  let bytes = 256;
  for (const text of [token, token_last_eight, hashed_token, app.name, app.url, app.client_id, note, note_url, created_at, updated_at, fingerprint, expires_at]) bytes += text?.length ?? 0;
  for (const scope of scopes ?? []) bytes += scope.length + 16;
  return bytes;
}

const limitedFields = ['note', 'note_url', 'fingerprint'] as const;

/** The first field of a stored authorization past its limit: `{ field, message }` in GitHub's wording, or undefined. */
export function fieldLimitProblem(authorization: StoredAuthorization): { field: string; message: string } | undefined {
  for (const field of limitedFields) {
    const value = authorization[field];
    if (typeof value === 'string' && value.length > fieldLimits[field]) return { field, message: `${field} is too long (maximum is ${fieldLimits[field]} characters)` };
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
 * arrays and objects at most `maxItems` entries. Throws an Error naming the path of the first
 * problem; paths are built only then (each container keeps its parent and key).
 */
export function checkPlainJson(value: unknown, name: (path: readonly (string | number)[]) => string, maxItems: number): void {
  const containers: { value: object; parent: number; key: string | number; depth: number }[] = [];
  const pathTo = (parent: number, key: string | number | undefined): (string | number)[] => {
    const path: (string | number)[] = key === undefined ? [] : [key];
    for (let at = parent; at > 0; at = containers[at]!.parent) path.push(containers[at]!.key);
    return path.reverse();
  };
  const fail = (parent: number, key: string | number | undefined, problem: string): never => {
    throw new Error(`${name(pathTo(parent, key))}: ${problem}`);
  };
  /** Checks one value (the child `key` of container `parent`); a container is queued to be looked into. */
  const inspect = (item: unknown, parent: number, key: string | number | undefined, depth: number): void => {
    if (item === null || typeof item === 'boolean') return;
    if (typeof item === 'string') {
      if (item.length > fieldLimits.other) fail(parent, key, `is too long (maximum is ${fieldLimits.other} characters)`);
      return;
    }
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) fail(parent, key, 'must be a finite number');
      return;
    }
    if (typeof item !== 'object') {
      fail(parent, key, `is ${describe(item)}, which JSON cannot hold (a data set is plain JSON)`);
      return;
    }
    if (depth >= maxDepth) fail(parent, key, `nests too deep (a data set has at most ${maxDepth} levels: user, authorizations, authorization, app)`);
    const prototype = Object.getPrototypeOf(item);
    if (!Array.isArray(item) && prototype !== Object.prototype && prototype !== null) fail(parent, key, `is a ${prototype?.constructor?.name ?? 'non-plain'} object (a data set is plain JSON)`);
    // A cycle comes back to an ancestor: with at most `maxDepth` of them, looking is cheap.
    for (let at = parent; at >= 0; at = containers[at]!.parent) if (containers[at]!.value === item) fail(parent, key, 'refers back to its own container (a cycle; a data set is plain JSON)');
    containers.push({ value: item, parent, key: key ?? '', depth });
  };
  inspect(value, -1, undefined, 0);
  // Containers are appended as they are found, and each is looked into once: a breadth-first walk.
  for (let index = 0; index < containers.length; index++) {
    const { value: container, depth } = containers[index]!;
    if (Array.isArray(container)) {
      if (container.length > maxItems) fail(index, undefined, `has ${container.length} items (at most ${maxItems})`);
      for (let i = 0; i < container.length; i++) inspect(container[i], index, i, depth + 1);
    } else {
      const keys = Object.keys(container);
      if (keys.length > maxItems) fail(index, undefined, `has ${keys.length} keys (at most ${maxItems})`);
      for (const key of keys) inspect((container as Record<string, unknown>)[key], index, key, depth + 1);
    }
  }
}
