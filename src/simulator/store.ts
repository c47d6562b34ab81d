// One user's authorizations, with the indexes the rules and the lists need, so that no request
// walks all of them: the ids in order (a page is a slice), and per app its ids (the client_id
// filter, the app's name), its fingerprints and its tokens per set of scopes (the eleventh-token
// revocation), and the personal tokens' notes. Every list of ids is kept in ascending order.
// Stored authorizations are never changed in place (an update stores a new object), so what is
// derived from one (its JSON in a list) may be kept with it.
import { storedBytes } from './limits.js';
import type { StoredAuthorization } from './urls.js';

/** The client ID of the placeholder app of personal access tokens. */
export const personalTokenClientId = '00000000000000000000';

interface AppEntry {
  ids: number[];
  /** Non-empty fingerprint → the ids with it. */
  fingerprints: Map<string, number[]>;
  /** The ids with no fingerprint. */
  unfingerprinted: number[];
  /** The scopes as a set (see `scopesKey`) → the ids with exactly those. */
  byScopes: Map<string, number[]>;
}

/** The same key for the same set of scopes, whatever their order and repeats; none and null alike. */
export const scopesKey = (scopes: readonly string[] | null): string => JSON.stringify([...new Set(scopes ?? [])].sort());

export class AuthorizationStore {
  private readonly byId = new Map<number, StoredAuthorization>();
  private order: number[] = [];
  private readonly apps = new Map<string, AppEntry>();
  /** Non-empty notes of personal tokens → the ids with it. */
  private readonly notes = new Map<string, number[]>();
  /** Tokens' SHA-256 digests → the ids with it: is a token one this user holds? */
  private readonly hashes = new Map<string, number[]>();
  /** The next id to give: above every id the store held, so ids are never reused. */
  nextId = 1;
  /** Changes with every change: something derived from the store (the grants) is current while it is the same. */
  version = 0;
  /** The bytes the authorizations take, as `storedBytes` counts them, and the owner's name (for the byte budgets). */
  bytes = 0;

  constructor(authorizations: readonly StoredAuthorization[] = []) {
    for (const authorization of [...authorizations].sort((a, b) => a.id - b.id)) this.add(authorization);
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: number): StoredAuthorization | undefined {
    return this.byId.get(id);
  }

  /** Every authorization, in the order of their ids. */
  values(): StoredAuthorization[] {
    return this.order.map((id) => this.byId.get(id)!);
  }

  /** The ids of every authorization, or of one app's, ascending (not a copy: do not change it). */
  ids(clientId?: string | null): readonly number[] {
    return clientId === undefined || clientId === null ? this.order : (this.apps.get(clientId)?.ids ?? []);
  }

  /** The authorizations whose ids are `ids[start..end)` of `ids(clientId)`. */
  slice(clientId: string | null | undefined, start: number, end: number): StoredAuthorization[] {
    return this.ids(clientId)
      .slice(start, end)
      .map((id) => this.byId.get(id)!);
  }

  /** The app's oldest authorization. */
  firstOfApp(clientId: string): StoredAuthorization | undefined {
    const first = this.apps.get(clientId)?.ids[0];
    return first === undefined ? undefined : this.byId.get(first);
  }

  /** The app's oldest authorization with this (non-empty) fingerprint, other than `except`. */
  withFingerprint(clientId: string, fingerprint: string, except?: number): StoredAuthorization | undefined {
    return this.firstExcept(this.apps.get(clientId)?.fingerprints.get(fingerprint), except);
  }

  /** The app's oldest authorization with no fingerprint. */
  withoutFingerprint(clientId: string): StoredAuthorization | undefined {
    return this.firstExcept(this.apps.get(clientId)?.unfingerprinted, undefined);
  }

  /** The oldest personal token with this (non-empty) note, other than `except`. */
  withNote(note: string, except?: number): StoredAuthorization | undefined {
    return this.firstExcept(this.notes.get(note), except);
  }

  /** True when an authorization holds the token with this SHA-256 hex digest. */
  hasTokenHash(hash: string): boolean {
    return this.hashes.has(hash);
  }

  /** The ids of the app's authorizations with the same set of scopes, oldest first (not a copy). */
  withScopes(clientId: string, scopes: readonly string[] | null): readonly number[] {
    return this.apps.get(clientId)?.byScopes.get(scopesKey(scopes)) ?? [];
  }

  /** The apps' client IDs with their authorizations' ids (ascending, not copies), in no particular order. */
  appIds(): IterableIterator<[string, readonly number[]]> {
    return (function* (apps) {
      for (const [clientId, entry] of apps) yield [clientId, entry.ids] as [string, readonly number[]];
    })(this.apps);
  }

  /** Stores a new authorization (its id is not held yet). */
  add(authorization: StoredAuthorization): void {
    this.byId.set(authorization.id, authorization);
    insertSorted(this.order, authorization.id);
    this.index(authorization);
    this.bytes += storedBytes(authorization);
    this.nextId = Math.max(this.nextId, authorization.id + 1);
    this.version++;
  }

  /** Replaces the stored authorization with the same id. */
  replace(authorization: StoredAuthorization): void {
    const current = this.byId.get(authorization.id);
    if (!current) throw new Error(`no authorization ${authorization.id} to replace`);
    this.unindex(current);
    this.byId.set(authorization.id, authorization);
    this.index(authorization);
    this.bytes += storedBytes(authorization) - storedBytes(current);
    this.version++;
  }

  /** Removes one; false when there is none with that id. */
  remove(id: number): boolean {
    const current = this.byId.get(id);
    if (!current) return false;
    this.byId.delete(id);
    removeSorted(this.order, id);
    this.unindex(current);
    this.bytes -= storedBytes(current);
    this.version++;
    return true;
  }

  /** Removes every authorization of one app at once; how many went. */
  removeApp(clientId: string): number {
    const entry = this.apps.get(clientId);
    if (!entry) return 0;
    const gone = new Set(entry.ids);
    for (const id of gone) {
      const authorization = this.byId.get(id)!;
      this.byId.delete(id);
      this.bytes -= storedBytes(authorization);
      if (clientId === personalTokenClientId && authorization.note) removeFrom(this.notes, authorization.note, id);
      if (authorization.hashed_token) removeFrom(this.hashes, authorization.hashed_token, id);
    }
    this.apps.delete(clientId);
    this.order = this.order.filter((id) => !gone.has(id));
    this.version++;
    return gone.size;
  }

  private firstExcept(ids: readonly number[] | undefined, except: number | undefined): StoredAuthorization | undefined {
    const id = ids?.find((candidate) => candidate !== except);
    return id === undefined ? undefined : this.byId.get(id);
  }

  private index(authorization: StoredAuthorization): void {
    const { id, app, fingerprint, note } = authorization;
    let entry = this.apps.get(app.client_id);
    if (!entry) {
      entry = { ids: [], fingerprints: new Map(), unfingerprinted: [], byScopes: new Map() };
      this.apps.set(app.client_id, entry);
    }
    insertSorted(entry.ids, id);
    if (fingerprint) addTo(entry.fingerprints, fingerprint, id);
    else insertSorted(entry.unfingerprinted, id);
    addTo(entry.byScopes, scopesKey(authorization.scopes), id);
    if (app.client_id === personalTokenClientId && note) addTo(this.notes, note, id);
    if (authorization.hashed_token) addTo(this.hashes, authorization.hashed_token, id);
  }

  private unindex(authorization: StoredAuthorization): void {
    const { id, app, fingerprint, note } = authorization;
    const entry = this.apps.get(app.client_id)!;
    removeSorted(entry.ids, id);
    if (fingerprint) removeFrom(entry.fingerprints, fingerprint, id);
    else removeSorted(entry.unfingerprinted, id);
    removeFrom(entry.byScopes, scopesKey(authorization.scopes), id);
    if (entry.ids.length === 0) this.apps.delete(app.client_id);
    if (app.client_id === personalTokenClientId && note) removeFrom(this.notes, note, id);
    if (authorization.hashed_token) removeFrom(this.hashes, authorization.hashed_token, id);
  }
}

// --- utils -----------------------------------------------------------------------------------

/** The index of `id` in the ascending `ids`, or where it would go. */
function position(ids: readonly number[], id: number): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ids[middle]! < id) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Adds `id` to the ascending `ids`: a push for a new id, the usual case. */
function insertSorted(ids: number[], id: number): void {
  if (ids.length === 0 || ids[ids.length - 1]! < id) ids.push(id);
  else ids.splice(position(ids, id), 0, id);
}

function removeSorted(ids: number[], id: number): void {
  const at = position(ids, id);
  if (ids[at] === id) ids.splice(at, 1);
}

function addTo(lists: Map<string, number[]>, key: string, id: number): void {
  const ids = lists.get(key);
  if (ids) insertSorted(ids, id);
  else lists.set(key, [id]);
}

function removeFrom(lists: Map<string, number[]>, key: string, id: number): void {
  const ids = lists.get(key);
  if (!ids) return;
  removeSorted(ids, id);
  if (ids.length === 0) lists.delete(key);
}
