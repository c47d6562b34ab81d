// The simulator's backend: the state of each user (their authorizations; grants derive from them)
// and every rule of the API, with no HTTP in it. Each user name has its own state, seeded on first
// use from the contract's examples, so parallel test runs with different user names never meet.
//
// The rules, as the GHES server applies them:
// - A new authorization gets the next id of its user (ids are never reused), a fresh token in
//   GitHub's format (`gho_` for an OAuth app, `ghp_` for a personal token: 40 characters, the last 6 a CRC32 checksum),
//   `token_last_eight` and `hashed_token` (the SHA-256 hex digest of the token). The full token is
//   in the creating answer only: the server keeps the digest, and stores `token: ""`.
// - A personal token (no client_id) needs a note, unique among the user's personal tokens (422
//   `already_exists` on `description`, GitHub's name for it); its app is a placeholder named after
//   the note, its URL the note_url (or the docs' when there is none).
// - For one OAuth app, a fingerprint belongs to one authorization (422 `already_exists` on
//   `fingerprint`); get-or-create finds the app's authorization with that fingerprint (or, without
//   one, the oldest with none) and creates it only when there is none.
// - An app keeps at most ten tokens with the same scopes: an eleventh revokes the oldest of them
//   (GitHub's limit for OAuth apps).
// - Grants are one per OAuth app with authorizations: id the app's oldest authorization's id,
//   scopes the union of its authorizations' scopes. Deleting one deletes the app's authorizations.
import type { Authorization, AuthorizationApp } from '../../generated/schema.js';
import { exampleValues, operations } from '../../generated/simulator-contract.js';
import { validators } from '../../generated/validators.js';
import { documentationUrl, NotFound, SimulatorError, ValidationFailed } from './errors.js';
import type { Clock } from './clock.js';
import { createRandom, type RandomSource } from './random.js';
import { sha256Hex } from './sha256.js';
import { formatToken, tokenRandomLength } from './token-format.js';
import { byteLimits, countLimits, fieldLimitProblem, storedBytes } from './limits.js';
import { AuthorizationStore, personalTokenClientId } from './store.js';
import { type StoredAuthorization, type StoredGrant, stateBase, withUrl, withoutUrl } from './urls.js';
import { errorItems } from './validation-items.js';

/** The state of every user: `{ [user]: { authorizations } }`, as plain JSON. */
export type SimulatorData = Record<string, { authorizations: Authorization[] }>;
/** The same as the model keeps it: no `url` (urls.ts renders it from the request's base). */
export type StoredData = Record<string, { authorizations: StoredAuthorization[] }>;

/** What a create or get-or-create may set (the request bodies' fields, fingerprint from the path). */
export interface NewAuthorization {
  scopes?: string[] | null;
  note?: string;
  note_url?: string;
  client_id?: string;
  client_secret?: string;
  fingerprint?: string;
}

/** What an update may change: at most one of the scope keys (the request validator saw to that). */
export interface AuthorizationChanges {
  scopes?: string[] | null;
  add_scopes?: string[];
  remove_scopes?: string[];
  note?: string;
  note_url?: string;
  fingerprint?: string;
}

/** A token as issued: the secret (shown once) and what the server keeps of it. */
export interface IssuedToken {
  token: string;
  token_last_eight: string;
  hashed_token: string;
}

export { personalTokenClientId } from './store.js';
/** Tokens for the same user, app and scopes an app may hold before the oldest is revoked. */
export const tokensPerAppAndScopes = 10;
/**
 * What the simulator holds at most, so that no client can make it grow without bound: user names
 * and authorizations (limits.ts, with the byte budgets and field limits). Past them, a new user or
 * authorization is refused.
 */
export const limits = countLimits;

type TokenPrefix = 'gho_' | 'ghp_';

/** The platform's crypto, for a backend made without a source. */
const platformRandom = createRandom();

/** A fresh token in GitHub's format (token-format.ts: prefix, 30 random characters, CRC32 checksum) from `random`, with its SHA-256 hex digest. */
export async function issueToken(prefix: TokenPrefix, random: RandomSource = platformRandom): Promise<IssuedToken> {
  // Bytes of 248 and above would favour the first digits (248 is the largest multiple of 62 below 256): shifted down.
  const bytes = random.bytes(tokenRandomLength).map((byte) => (byte < 248 ? byte : byte - 248));
  const token = formatToken(prefix, bytes);
  return { token, token_last_eight: token.slice(-8), hashed_token: sha256Hex(token) };
}

/** The time as GitHub writes it: `2011-09-06T17:26:27Z`. */
export const timestamp = (date = new Date()) => `${date.toISOString().slice(0, 19)}Z`;

// --- what the contract's examples say -------------------------------------------------------

const examplesOf = (name: string, status: string) => (operations.find((o) => o.name === name)?.responses[status]?.examples ?? []).map((e) => exampleValues[e]);
const exampleAuthorizations = [...examplesOf('getAuthorization', '200'), ...examplesOf('listAuthorizations', '200').flat()] as Authorization[];

/** Apps the examples name, by client ID: a new authorization for one of them gets its name and URL. */
const knownApps = new Map<string, AuthorizationApp>(exampleAuthorizations.map((a) => [a.app.client_id, a.app]));
const personalTokenAppUrl = knownApps.get(personalTokenClientId)?.url ?? 'https://docs.github.com/enterprise-server@3.16/rest/oauth-authorizations/oauth-authorizations';

/** A new user's authorizations: each distinct one of the examples, with no token (and no URL: urls.ts). */
function seedAuthorizations(): StoredAuthorization[] {
  const byId = new Map<number, StoredAuthorization>();
  for (const example of exampleAuthorizations) {
    if (byId.has(example.id)) continue;
    byId.set(example.id, { ...withoutUrl(structuredClone(example)), token: '', expires_at: example.expires_at ?? null });
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

// --- the backend ----------------------------------------------------------------------------

/** The key of a user's state and account: GitHub's logins are case-insensitive (`MONA` is `mona`). */
export const userKey = (user: string) => user.toLowerCase();

export class AuthorizationsBackend {
  /**
   * `random`: where tokens' bytes come from (seeded or crypto); `clock`: what created_at and
   * updated_at say (the wall clock by default).
   */
  constructor(
    readonly random: RandomSource = platformRandom,
    private readonly clock: Pick<Clock, 'now'> = { now: () => new Date() },
  ) {}

  /** Each user's state, by `userKey`. */
  private users = new Map<string, AuthorizationStore>();
  /** Each user's name as first seen, by `userKey`: what `state()` calls them. */
  private names = new Map<string, string>();
  /** The authorizations of every user together, counted as they come and go (for `limits`). */
  private held = 0;
  /** Their bytes, as `storedBytes` counts them (for `byteLimits`). */
  private bytes = 0;

  /** The user's state, seeded from the examples on first use. */
  private stateOf(user: string): AuthorizationStore {
    const key = userKey(user);
    let state = this.users.get(key);
    if (!state) {
      if (this.users.size >= limits.users) throw full(`it holds ${limits.users} users`);
      state = new AuthorizationStore(seedAuthorizations());
      // The name counts too: 10,000 names of 16 KiB (a header's limit) would be 160 MB.
      state.bytes += user.length;
      if (this.bytes + state.bytes > byteLimits.total) throw full(`it holds ${this.bytes} bytes of authorizations and may hold ${byteLimits.total}`);
      this.users.set(key, state);
      this.names.set(key, user);
      this.held += state.size;
      this.bytes += state.bytes;
    }
    return state;
  }

  /** The user's authorizations (an app's, with a client ID) in the order of their ids; with `range`, only those at positions [start, end). */
  listAuthorizations(user: string, clientId?: string | null, range?: { start: number; end: number }): StoredAuthorization[] {
    const state = this.stateOf(user);
    return range === undefined ? state.slice(clientId, 0, state.ids(clientId).length) : state.slice(clientId, range.start, range.end);
  }

  /** How many authorizations the user has (an app has, with a client ID). */
  countAuthorizations(user: string, clientId?: string | null): number {
    return this.stateOf(user).ids(clientId).length;
  }

  getAuthorization(user: string, id: number): StoredAuthorization {
    const found = this.stateOf(user).get(id);
    if (!found) throw new NotFound(`the user has no authorization ${id}`);
    return found;
  }

  /** POST /authorizations: a personal token without client_id, an OAuth app's token with one. */
  createAuthorization(user: string, input: NewAuthorization, issued: IssuedToken): StoredAuthorization {
    const state = this.stateOf(user);
    if (input.client_id === undefined) {
      if (input.client_secret !== undefined) throw missing('client_id', 'a client_secret needs the client_id of its OAuth app');
      if (input.note === undefined || input.note === '') throw missing('note', 'a personal token (no client_id) needs a note');
    } else {
      if (input.client_id === '') throw new ValidationFailed([{ field: 'client_id', code: 'invalid', message: 'client_id is empty' }], 'empty client_id');
      if (input.client_secret === undefined) throw missing('client_secret', 'a client_id needs the client_secret of its OAuth app');
      if (input.fingerprint) {
        const taken = state.withFingerprint(input.client_id, input.fingerprint);
        if (taken) throw alreadyExists('fingerprint', `authorization ${taken.id} of app ${input.client_id} has fingerprint ${JSON.stringify(input.fingerprint)}`);
      }
    }
    return this.insert(state, input, issued);
  }

  /**
   * PUT /authorizations/clients/{client_id}[/{fingerprint}]: the app's authorization with this
   * fingerprint (or none), created when there is none.
   */
  getOrCreateAuthorization(user: string, clientId: string, input: NewAuthorization, issued: IssuedToken): { created: boolean; authorization: StoredAuthorization } {
    const state = this.stateOf(user);
    const existing = input.fingerprint ? state.withFingerprint(clientId, input.fingerprint) : state.withoutFingerprint(clientId);
    if (existing) return { created: false, authorization: existing };
    return { created: true, authorization: this.insert(state, { ...input, client_id: clientId }, issued) };
  }

  updateAuthorization(user: string, id: number, changes: AuthorizationChanges): StoredAuthorization {
    const state = this.stateOf(user);
    const current = this.getAuthorization(user, id);
    const next: StoredAuthorization = { ...current, updated_at: timestamp(this.clock.now()) };
    if (changes.scopes !== undefined) next.scopes = unique(changes.scopes ?? []);
    if (changes.add_scopes) next.scopes = unique([...(current.scopes ?? []), ...changes.add_scopes]);
    if (changes.remove_scopes) {
      // Through a set of the stored scopes (at most 100), so that removing n of m takes n + m steps, not n × m.
      const kept = new Set(current.scopes);
      for (const scope of changes.remove_scopes) kept.delete(scope);
      next.scopes = (current.scopes ?? []).filter((scope) => kept.has(scope));
    }
    if (changes.note !== undefined) next.note = changes.note;
    if (changes.note_url !== undefined) next.note_url = changes.note_url;
    if (changes.fingerprint !== undefined) next.fingerprint = changes.fingerprint;
    const personal = current.app.client_id === personalTokenClientId;
    if (personal && changes.note !== undefined) {
      if (changes.note === '') throw missing('note', 'a personal token needs a note');
      next.app = { ...current.app, name: changes.note };
    }
    checkUnique(state, next);
    checkStored(next);
    this.checkBudget(user, state, storedBytes(next) - storedBytes(current));
    const before = state.bytes;
    state.replace(next);
    this.bytes += state.bytes - before;
    return next;
  }

  deleteAuthorization(user: string, id: number): void {
    const state = this.stateOf(user);
    const before = state.bytes;
    if (!state.remove(id)) throw new NotFound(`the user has no authorization ${id}`);
    this.held--;
    this.bytes += state.bytes - before;
  }

  listGrants(user: string, clientId?: string | null): StoredGrant[] {
    const grants = grantsOf(this.stateOf(user));
    return clientId === undefined || clientId === null ? [...grants] : grants.filter((g) => g.app.client_id === clientId);
  }

  getGrant(user: string, id: number): StoredGrant {
    const found = grantsOf(this.stateOf(user)).find((grant) => grant.id === id);
    if (!found) throw new NotFound(`the user has no grant ${id} (a grant's id is its app's oldest authorization's)`);
    return found;
  }

  /** Deletes the grant and with it every authorization of its app. */
  deleteGrant(user: string, id: number): void {
    const state = this.stateOf(user);
    const grant = this.getGrant(user, id);
    const before = state.bytes;
    this.held -= state.removeApp(grant.app.client_id);
    this.bytes += state.bytes - before;
  }

  /** True when some user holds the token (a live token the simulator issued): found by its SHA-256 digest. */
  holdsToken(token: string): boolean {
    if (!/^[\x21-\x7e]{1,255}$/.test(token)) return false;
    const hash = sha256Hex(token);
    for (const state of this.users.values()) if (state.hasTokenHash(hash)) return true;
    return false;
  }

  /** Forgets every user's state, or one user's. */
  reset(user?: string): void {
    if (user === undefined) {
      this.users.clear();
      this.names.clear();
      this.held = 0;
      this.bytes = 0;
    } else {
      const key = userKey(user);
      this.held -= this.users.get(key)?.size ?? 0;
      this.bytes -= this.users.get(key)?.bytes ?? 0;
      this.users.delete(key);
      this.names.delete(key);
    }
  }

  /** The state as plain JSON (a copy, without URLs): every user's, or one user's (`{}` when they have none yet). */
  state(user?: string): StoredData {
    const keys = user === undefined ? [...this.users.keys()] : this.users.has(userKey(user)) ? [userKey(user)] : [];
    return Object.fromEntries(keys.map((key) => [this.names.get(key)!, { authorizations: structuredClone(this.users.get(key)!.values()) }]));
  }

  /** Replaces the state of every user with `data`, already checked by `checkData` (a `url` is dropped). */
  replace(data: StoredData): void {
    // As for a created one, the server keeps no token: a data set's tokens are dropped; and no URL (urls.ts).
    this.users = new Map(
      Object.entries(data).map(([user, { authorizations }]) => {
        const state = new AuthorizationStore(structuredClone(authorizations).map((a) => ({ ...withoutUrl(a), token: '' })));
        state.bytes += user.length;
        return [userKey(user), state];
      }),
    );
    this.names = new Map(Object.keys(data).map((user) => [userKey(user), user]));
    this.held = 0;
    this.bytes = 0;
    for (const state of this.users.values()) {
      this.held += state.size;
      this.bytes += state.bytes;
    }
  }

  // --- rules ---

  /** Refuses (403, nothing stored) a change that would take the user's or everyone's stored bytes past `byteLimits`. */
  private checkBudget(user: string | undefined, state: AuthorizationStore, added: number): void {
    if (added <= 0) return;
    if (state.bytes + added > byteLimits.perUser) throw full(`${user === undefined ? 'the user' : `user ${user}`} holds ${state.bytes} bytes of authorizations and may hold ${byteLimits.perUser}`);
    if (this.bytes + added > byteLimits.total) throw full(`it holds ${this.bytes} bytes of authorizations and may hold ${byteLimits.total}`);
  }

  private insert(state: AuthorizationStore, input: NewAuthorization, issued: IssuedToken): StoredAuthorization {
    if (this.held >= limits.authorizations) throw full(`it holds ${limits.authorizations} authorizations`);
    const now = timestamp(this.clock.now());
    const clientId = input.client_id ?? personalTokenClientId;
    const app: AuthorizationApp =
      clientId === personalTokenClientId
        ? { name: input.note ?? '', url: personalTokenAppUrl, client_id: personalTokenClientId }
        : (state.firstOfApp(clientId)?.app ?? knownApps.get(clientId) ?? { name: `OAuth app ${clientId}`, url: `https://example.com/oauth-apps/${encodeURIComponent(clientId)}`, client_id: clientId });
    const id = state.nextId;
    const authorization: StoredAuthorization = {
      id,
      app,
      token: issued.token,
      hashed_token: issued.hashed_token,
      token_last_eight: issued.token_last_eight,
      note: input.note ?? null,
      note_url: input.note_url ?? null,
      created_at: now,
      updated_at: now,
      scopes: unique(input.scopes ?? []),
      fingerprint: input.fingerprint ?? null,
      expires_at: null,
    };
    checkUnique(state, authorization);
    checkStored(authorization);
    // GitHub showed a personal token's note_url as its app's URL (github3.py's GitHub_authorize.json,
    // 2018); set once note_url passed as a URI, so that a bad one is refused for itself alone.
    if (clientId === personalTokenClientId && input.note_url) authorization.app = { ...app, url: input.note_url };
    const kept = { ...authorization, token: '' };
    this.checkBudget(undefined, state, storedBytes(kept));
    const before = state.bytes;
    if (clientId !== personalTokenClientId) this.held -= revokeBeyondLimit(state, authorization);
    // The server keeps the digest only: the token is in this answer and no other.
    state.add(kept);
    this.held++;
    this.bytes += state.bytes - before;
    return authorization;
  }
}

// --- utils -----------------------------------------------------------------------------------

const unique = (scopes: readonly string[]) => [...new Set(scopes)];

/** The rule the candidate breaks against the stored ones (same id excluded), if any. */
export function uniquenessProblem(state: AuthorizationStore, candidate: StoredAuthorization): { field: 'note' | 'fingerprint'; reason: string } | undefined {
  if (candidate.app.client_id === personalTokenClientId) {
    const other = candidate.note ? state.withNote(candidate.note, candidate.id) : undefined;
    if (other) return { field: 'note', reason: `personal token ${other.id} has the note ${JSON.stringify(candidate.note)}` };
  } else {
    const other = candidate.fingerprint ? state.withFingerprint(candidate.app.client_id, candidate.fingerprint, candidate.id) : undefined;
    if (other) return { field: 'fingerprint', reason: `authorization ${other.id} of app ${candidate.app.client_id} has the fingerprint ${JSON.stringify(candidate.fingerprint)}` };
  }
  return undefined;
}

/** A personal token's note and an app authorization's fingerprint are unique (422 already_exists). */
function checkUnique(state: AuthorizationStore, candidate: StoredAuthorization): void {
  const problem = uniquenessProblem(state, candidate);
  // GitHub names a personal token's note by its column, `description` (recorded answers, 2014: docs/decisions.md).
  if (problem) throw alreadyExists(problem.field === 'note' ? 'description' : problem.field, problem.reason);
}

/** An app holds at most `tokensPerAppAndScopes` tokens with the same scopes: the oldest go. How many went. */
function revokeBeyondLimit(state: AuthorizationStore, added: StoredAuthorization): number {
  const same = state.withScopes(added.app.client_id, added.scopes);
  const revoked = same.slice(0, Math.max(0, same.length + 1 - tokensPerAppAndScopes));
  for (const id of revoked) state.remove(id);
  return revoked.length;
}

/**
 * The stored authorization must be one the contract allows: a request's note_url is any string,
 * but an authorization's is a URI. What does not fit is refused with 422 naming the field. (Judged
 * as answered, with a URL: any base gives the same verdict.)
 */
function checkStored(authorization: StoredAuthorization): void {
  const tooLong = fieldLimitProblem(authorization);
  if (tooLong) throw new ValidationFailed([{ field: tooLong.field, code: 'custom', message: tooLong.message }], `over a field limit: ${tooLong.message}`);
  const validate = validators.authorization.all;
  if (validate(withUrl(authorization, stateBase))) return;
  const items = errorItems(validate.errors);
  throw new ValidationFailed(items, `the authorization would break the contract: ${items.map((item) => item.message).join('; ')}`);
}

/** The simulator is full: a 403 that says how to make room (the message is the simulator's own: GitHub has no such answer). */
const full = (what: string) =>
  new SimulatorError(403, { message: `The simulator is full: ${what}. POST /_simulator/reset (or {"user": …}) makes room.`, documentation_url: documentationUrl }, `full: ${what}`);

const missing = (field: string, reason: string) => new ValidationFailed([{ field, code: 'missing_field' }], reason);
// In GitHub's key order: resource, code, field.
const alreadyExists = (field: string, reason: string) => new ValidationFailed([{ code: 'already_exists', field }], reason);

// The grants of a user, derived once per change of their authorizations: a GET of a 30-authorization
// user's grants took 25 µs of CPU deriving them each time and 14 µs with this; a page of a
// 20,000-authorization user's, 4.3 ms and 0.6 ms (docs/decisions.md). The store's `version` changes
// with every change (test/simulator/model.test.ts pins that the grants follow each kind).
const grantCache = new WeakMap<AuthorizationStore, { version: number; grants: StoredGrant[] }>();

/** One grant per OAuth app (not the personal tokens' placeholder), in the order of their ids (not a copy: do not change it). */
function grantsOf(state: AuthorizationStore): StoredGrant[] {
  const cached = grantCache.get(state);
  if (cached && cached.version === state.version) return cached.grants;
  const grants: StoredGrant[] = [];
  for (const [clientId, ids] of state.appIds()) {
    if (clientId === personalTokenClientId) continue;
    const oldest = state.get(ids[0]!)!;
    let { created_at, updated_at } = oldest;
    const scopes = new Set<string>();
    for (const id of ids) {
      const authorization = state.get(id)!;
      if (authorization.created_at < created_at) created_at = authorization.created_at;
      if (authorization.updated_at > updated_at) updated_at = authorization.updated_at;
      for (const scope of authorization.scopes ?? []) scopes.add(scope);
    }
    // Sorted: the same set of scopes is the same answer (and ETag), whatever order updates left them in.
    grants.push({ id: oldest.id, app: oldest.app, created_at, updated_at, scopes: [...scopes].sort() });
  }
  grants.sort((a, b) => a.id - b.id);
  grantCache.set(state, { version: state.version, grants });
  return grants;
}
