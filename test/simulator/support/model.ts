// A small reference model of the OAuth Authorizations API as a GHES server serves it, and fast-check
// commands that drive a simulator through random sequences of its ten operations (plus 2FA on and
// off through the control API), comparing every answer with the model and with the contract.
//
// The target is pluggable: everything goes through `send(request) => Promise<Response>`, so the
// same commands run against the Node server (`fetch`) and against MSW handlers (`simulator.handle`).
//
// The model is written from the API's documented behaviour, not from the simulator's code:
// - per user name, its own data, seeded on first use (the model learns the seed from the first list);
// - a create: a new id (above every id the user had), a token in GitHub's format (`gho_` for an
//   OAuth app, `ghp_` for a personal token, 30 characters of [A-Za-z0-9] after it and their CRC32
//   in base62 as the last 6), its last eight characters and SHA-256 digest; the full token in the
//   creating answer only, `""` afterwards;
//   `Location` is the new authorization's `url`, on the origin and prefix the request came in on;
// - a personal token's note is unique among the user's personal tokens, an OAuth app's fingerprint
//   among that app's authorizations (422 `already_exists` on `description`, GitHub's name for the
//   note, / `fingerprint`); a create for an app needs its `client_secret` (422 `missing_field`);
// - an update is PATCH or POST (GitHub's v3 took POST wherever it took PATCH);
// - every answer says `X-GitHub-Media-Type: github.v3; format=json`; a 200 or 201 carries
//   `Cache-Control: private, max-age=60, s-maxage=60`, as GitHub's recorded answers did;
// - get-or-create finds the app's authorization with the fingerprint (path or body) or, without
//   one, the oldest with none: 200 with it as it is, else 201 with a new one;
// - an app holds at most ten tokens with the same scopes: an eleventh revokes the oldest (GitHub's
//   limit per user, application and scopes);
// - grants: one per OAuth app with authorizations (personal tokens have none), scopes the union
//   (sorted, so that the same set is the same answer and ETag);
//   deleting one deletes the app's authorizations; `client_id` filters both lists;
// - lists in id order, sliced by `page` / `per_page` (default 30), `Link` with prev, next, last,
//   first as GitHub writes them, on the request's URL;
// - GETs carry an `ETag`; `If-None-Match` with it answers 304 with no body while the answer would
//   be the same, and 200 with another ETag once it changed;
// - accounts: a configured password (a wrong one: 401 `Bad credentials`), two-factor authentication
//   (no or a wrong `X-GitHub-OTP`: 401 `Must specify two-factor authentication OTP code.` with
//   `X-GitHub-OTP: required; <channel>`); a refused request changes nothing.
// Where the documentation is silent the model takes the simulator's documented choices: a grant's
// id is its app's oldest authorization's id, its `created_at` the earliest and `updated_at` the
// latest of its authorizations'; app names and URLs are learned from the answers (the model checks
// that one app keeps one name).
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { expect } from 'vitest';
import { contractProblems, type OperationName } from './contract-check.js';

// ---- the target

export type Send = (request: Request) => Promise<Response>;

export interface Target {
  send: Send;
  /** The API's base URL: `http://127.0.0.1:4010/api/v3` or `http://127.0.0.1:4010`. */
  baseUrl: string;
  /** The control API's base URL: `http://127.0.0.1:4010/_simulator`. */
  controlUrl: string;
}

// ---- the model's state

export const personalClientId = '00000000000000000000';
/** The app of the contract's examples (seeded for every user), and two others. */
export const clientIds = ['abcde12345fghij67890', 'simtestsapp000000001', 'simtestsapp000000002'] as const;
/** `client_id` filters: the apps, the personal tokens' placeholder, an app nobody authorized. */
const filterIds = [...clientIds, personalClientId, 'nosuchapp00000000000'] as const;
const fingerprints = ['jklmnop12345678', 'fp-laptop', 'fp-phone'] as const;
/** The first is the seeded personal token's note: creating it again is a conflict. */
const personalNotes = ['My personal access token', 'deploy script', 'ci token'] as const;
const scopeNames = ['repo', 'user', 'gist', 'read:org'] as const;
const noteUrls = ['http://optional/note/url', 'https://example.com/notes/1'] as const;
const tokensPerAppAndScopes = 10;

interface App {
  client_id: string;
  name: string;
  url: string;
}

/** What the model knows of one authorization: everything an answer shows but the token. */
interface Stored {
  id: number;
  app: App;
  scopes: string[];
  note: string | null;
  note_url: string | null;
  fingerprint: string | null;
  token_last_eight: string | null;
  hashed_token: string | null;
  created_at: string;
  updated_at: string;
}

interface Account {
  password?: string;
  otp?: { code: string; channel?: 'app' | 'sms' };
}

/** A 200 GET seen before: its ETag, and the answer it stood for. */
interface Seen {
  etag: string;
  view: string;
  link: string | null;
}

export interface Model {
  user: string;
  /** The API's base URL this run uses. */
  base: string;
  authorizations: Map<number, Stored>;
  /** The highest id this user ever had: a new one must be higher. */
  maxId: number;
  /** Ids that existed and were deleted (or revoked). */
  gone: number[];
  /** Each OAuth app's name and URL, as first seen. */
  apps: Map<string, App>;
  account: Account | undefined;
  seen: Map<string, Seen>;
  /** For fresh notes and codes. */
  counter: number;
}

/** How often each answer came (`createAuthorization 201`, `revoked as the eleventh token`, …): what the runs reached. */
const outcomes = new Map<string, number>();
const tally = (outcome: string) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);

// ---- what the model predicts

const sortedSet = (scopes: readonly string[] | null | undefined) => [...new Set(scopes ?? [])].sort();
const sameSet = (a: readonly string[], b: readonly string[]) => JSON.stringify(sortedSet(a)) === JSON.stringify(sortedSet(b));
const isPersonal = (stored: Stored) => stored.app.client_id === personalClientId;
const byId = (model: Model) => [...model.authorizations.values()].sort((a, b) => a.id - b.id);

/** An authorization as a GET answers it (the fields the model compares). */
function authorizationView(model: Model, stored: Stored, token = '') {
  return {
    id: stored.id,
    url: `${model.base}/authorizations/${stored.id}`,
    app: stored.app,
    scopes: stored.scopes,
    note: stored.note,
    note_url: stored.note_url,
    fingerprint: stored.fingerprint,
    token,
    token_last_eight: stored.token_last_eight,
    hashed_token: stored.hashed_token,
    created_at: stored.created_at,
    updated_at: stored.updated_at,
  };
}

/** The same fields of an answer, normalised where the API leaves the form open (scope order, "" or null). */
function viewOfAnswer(answer: any) {
  return {
    id: answer.id,
    url: answer.url,
    app: { client_id: answer.app?.client_id, name: answer.app?.name, url: answer.app?.url },
    scopes: sortedSet(answer.scopes),
    note: answer.note,
    note_url: answer.note_url,
    fingerprint: answer.fingerprint === '' ? null : answer.fingerprint,
    token: answer.token,
    token_last_eight: answer.token_last_eight,
    hashed_token: answer.hashed_token,
    created_at: answer.created_at,
    updated_at: answer.updated_at,
  };
}

function grantViews(model: Model) {
  const byApp = new Map<string, Stored[]>();
  for (const stored of byId(model)) {
    if (isPersonal(stored)) continue;
    byApp.set(stored.app.client_id, [...(byApp.get(stored.app.client_id) ?? []), stored]);
  }
  return [...byApp.values()]
    .map((group) => ({
      id: group[0]!.id,
      url: `${model.base}/applications/grants/${group[0]!.id}`,
      app: group[0]!.app,
      created_at: group.map((a) => a.created_at).sort()[0]!,
      updated_at: group
        .map((a) => a.updated_at)
        .sort()
        .at(-1)!,
      scopes: sortedSet(group.flatMap((a) => a.scopes)),
    }))
    .sort((a, b) => a.id - b.id);
}

const grantViewOfAnswer = (answer: any) => ({
  id: answer.id,
  url: answer.url,
  app: { client_id: answer.app?.client_id, name: answer.app?.name, url: answer.app?.url },
  created_at: answer.created_at,
  updated_at: answer.updated_at,
  // As answered: a grant's scopes are sorted, so the same set is the same answer.
  scopes: answer.scopes,
});

/** The rule a stored authorization would break against the others, if any. */
function conflictOf(model: Model, candidate: Pick<Stored, 'id' | 'app' | 'note' | 'fingerprint'>): 'description' | 'fingerprint' | undefined {
  for (const other of model.authorizations.values()) {
    if (other.id === candidate.id || other.app.client_id !== candidate.app.client_id) continue;
    if (candidate.app.client_id === personalClientId) {
      if (candidate.note && other.note === candidate.note) return 'description';
    } else if (candidate.fingerprint && other.fingerprint === candidate.fingerprint) return 'fingerprint';
  }
  return undefined;
}

/** The page of `items` that `url` asks for, and the Link relations (in GitHub's order) it must carry. */
function pageOf<T>(items: T[], url: URL) {
  const page = Number(url.searchParams.get('page') ?? 1);
  const perPage = Number(url.searchParams.get('per_page') ?? 30);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const links: Array<[string, number]> = [];
  if (page > 1) links.push(['prev', Math.min(page - 1, last)]);
  if (page < last) links.push(['next', page + 1], ['last', last]);
  if (page > 1) links.push(['first', 1]);
  return { items: items.slice((page - 1) * perPage, page * perPage), links };
}

// ---- requests

type Credentials = { password: 'right' | 'wrong'; otp: 'right' | 'none' | 'wrong' };

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

const basic = (user: string, password: string) => `Basic ${btoa(`${user}:${password}`)}`;

/** Sends one API request and checks its answer against the contract of `operation`. */
async function api(
  model: Model,
  target: Target,
  operation: OperationName,
  {
    method,
    url,
    body,
    credentials = { password: 'right', otp: 'right' },
    headers = {},
  }: { method: string; url: string; body?: unknown; credentials?: Credentials | 'none'; headers?: Record<string, string> },
): Promise<Answer> {
  const sent = new Headers({ accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', ...headers });
  if (credentials !== 'none') {
    const right = model.account?.password ?? 'secret';
    sent.set('authorization', basic(model.user, credentials.password === 'right' ? right : `not-${right}`));
    const code = credentials.otp === 'right' ? model.account?.otp?.code : credentials.otp === 'wrong' ? '000000' : undefined;
    if (code !== undefined) sent.set('x-github-otp', code);
  }
  if (body !== undefined) sent.set('content-type', 'application/json');
  const response = await target.send(new Request(url, { method, headers: sent, ...(body !== undefined && { body: JSON.stringify(body) }) }));
  const text = await response.text();
  let parsed: unknown;
  if (text !== '') {
    expect(response.headers.get('content-type'), `${method} ${url} → ${response.status}: a body that is not JSON: ${text.slice(0, 200)}`).toMatch(/^application\/json/);
    parsed = JSON.parse(text);
  }
  expect(response.headers.get('x-github-media-type'), `${method} ${url} → ${response.status}: X-GitHub-Media-Type`).toBe('github.v3; format=json');
  if (response.status === 200 || response.status === 201)
    expect(response.headers.get('cache-control'), `${method} ${url} → ${response.status}: Cache-Control`).toBe('private, max-age=60, s-maxage=60');
  tally(
    `${operation} ${response.status}${response.status === 401 ? ` ${(parsed as any)?.message}` : ''}${response.status === 422 ? ` ${(parsed as any)?.errors?.[0]?.field} ${(parsed as any)?.errors?.[0]?.code}` : ''}`,
  );
  const problems = contractProblems(operation, response.status, parsed);
  expect(problems, `${method} ${url} → ${response.status} breaks the contract (${response.headers.get('x-simulator-reason') ?? 'no reason given'})`).toEqual([]);
  return { status: response.status, headers: response.headers, body: parsed };
}

async function control(target: Target, method: string, path: string, body?: unknown): Promise<void> {
  const response = await target.send(
    new Request(`${target.controlUrl}${path}`, {
      method,
      headers: { 'x-simulator-control': '1', ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    }),
  );
  expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBe(204);
}

/** The 401 the account's settings call for with these credentials, if any. */
function refusalFor(model: Model, credentials: Credentials | 'none'): { message: string; otp: string | null } | undefined {
  if (credentials === 'none') return { message: 'Requires authentication', otp: null };
  if (model.account?.password !== undefined && credentials.password === 'wrong') return { message: 'Bad credentials', otp: null };
  if (model.account?.otp && credentials.otp !== 'right') return { message: 'Must specify two-factor authentication OTP code.', otp: `required; ${model.account.otp.channel ?? 'app'}` };
  return undefined;
}

function expectRefusal(answer: Answer, refusal: { message: string; otp: string | null }, what: string) {
  expect({ status: answer.status, message: answer.body?.message, otp: answer.headers.get('x-github-otp') }, what).toEqual({ status: 401, message: refusal.message, otp: refusal.otp });
}

function expectNotFound(answer: Answer, what: string) {
  expect({ status: answer.status, message: answer.body?.message }, what).toEqual({ status: 404, message: 'Not Found' });
}

function expectValidationFailed(answer: Answer, field: string, code: string, what: string) {
  expect(answer.status, what).toBe(422);
  expect(answer.body.message, what).toBe('Validation Failed');
  expect(answer.body.errors, what).toEqual([expect.objectContaining({ resource: 'OauthAccess', field, code })]);
}

/** `n` in base62, digits 0-9, A-Z, a-z (GitHub's token checksum). */
function base62(n: number): string {
  const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let text = '';
  for (; n > 0; n = Math.floor(n / 62)) text = digits[n % 62] + text;
  return text;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

// ---- shared steps

/** Checks a 201 (or a get-or-create's 201) and adds the new authorization to the model. */
async function expectCreated(
  model: Model,
  answer: Answer,
  expected: Omit<Stored, 'id' | 'app' | 'token_last_eight' | 'hashed_token' | 'created_at' | 'updated_at'> & { clientId: string },
  what: string,
) {
  expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBe(201);
  const body = answer.body;
  expect(Number.isInteger(body.id) && body.id > model.maxId, `${what}: a new id above ${model.maxId}, got ${body.id}`).toBe(true);
  expect(body.url, what).toBe(`${model.base}/authorizations/${body.id}`);
  expect(answer.headers.get('location'), `${what}: Location is the url`).toBe(body.url);
  const personal = expected.clientId === personalClientId;
  expect(body.token, `${what}: a token in GitHub's format`).toMatch(personal ? /^ghp_[A-Za-z0-9]{36}$/ : /^gho_[A-Za-z0-9]{36}$/);
  expect(body.token.slice(-6), `${what}: the last 6 characters are the base62 CRC32 of the 30 before`).toBe(base62(crc32(body.token.slice(4, 34))).padStart(6, '0'));
  expect(body.token_last_eight, what).toBe(body.token.slice(-8));
  expect(body.hashed_token, what).toBe(await sha256(body.token));
  expect(body.app?.client_id, what).toBe(expected.clientId);
  const app: App = !personal && model.apps.has(expected.clientId) ? model.apps.get(expected.clientId)! : { client_id: body.app.client_id, name: body.app.name, url: body.app.url };
  if (!personal) model.apps.set(expected.clientId, app);
  const stored: Stored = {
    id: body.id,
    app,
    scopes: sortedSet(expected.scopes),
    note: expected.note,
    note_url: expected.note_url,
    fingerprint: expected.fingerprint,
    token_last_eight: body.token_last_eight,
    hashed_token: body.hashed_token,
    created_at: body.created_at,
    updated_at: body.updated_at,
  };
  expect(viewOfAnswer(body), what).toEqual(authorizationView(model, stored, body.token));
  if (!personal) {
    // The eleventh token of one app with the same scopes revokes the oldest.
    const same = byId(model).filter((other) => other.app.client_id === expected.clientId && sameSet(other.scopes, stored.scopes));
    for (const old of same.slice(0, Math.max(0, same.length + 1 - tokensPerAppAndScopes))) {
      tally('revoked as the eleventh token of an app with the same scopes');
      revoke(model, old.id);
    }
  }
  model.authorizations.set(stored.id, stored);
  model.maxId = stored.id;
}

function revoke(model: Model, id: number) {
  model.authorizations.delete(id);
  model.gone.push(id);
}

/** An id to address: an existing one, one that is gone, or one that never was. */
function pickId(model: Model, pick: { kind: 'existing' | 'gone' | 'never'; index: number }): number {
  const existing = byId(model).map((a) => a.id);
  if (pick.kind === 'existing' && existing.length > 0) return existing[pick.index % existing.length]!;
  if (pick.kind === 'gone' && model.gone.length > 0) return model.gone[pick.index % model.gone.length]!;
  return model.maxId + 1 + (pick.index % 3);
}

/** A grant id to address: a grant's, an authorization's that is no grant's, or one that never was. */
function pickGrantId(model: Model, pick: { kind: 'existing' | 'gone' | 'never'; index: number }): number {
  const grants = grantViews(model).map((g) => g.id);
  if (pick.kind === 'existing' && grants.length > 0) return grants[pick.index % grants.length]!;
  const others = byId(model)
    .map((a) => a.id)
    .filter((id) => !grants.includes(id));
  if (pick.kind === 'gone' && others.length > 0) return others[pick.index % others.length]!;
  return model.maxId + 1 + (pick.index % 3);
}

/**
 * A GET of an authorization, a grant or a page of a list: checks the answer (and, for a
 * conditional one, the 304 rule) against `expected`, and remembers its ETag.
 */
async function expectRepresentation(
  model: Model,
  answer: Answer,
  url: string,
  expected: { view: unknown; links?: Array<[string, number]> },
  actualView: (body: any) => unknown,
  conditionalOn: Seen | undefined,
  what: string,
) {
  const view = JSON.stringify(expected.view);
  const expectedLink = expected.links === undefined ? null : JSON.stringify(expected.links);
  if (conditionalOn && conditionalOn.view === view && conditionalOn.link === expectedLink) {
    expect(answer.status, `${what}: unchanged since ETag ${conditionalOn.etag}, so 304`).toBe(304);
    expect(answer.body, `${what}: a 304 has no body`).toBeUndefined();
    return;
  }
  if (conditionalOn && conditionalOn.view === view && answer.status === 304) return; // only Link changed: either answer is right
  expect(answer.status, `${what}: ${JSON.stringify(answer.body)?.slice(0, 300)}`).toBe(200);
  expect(actualView(answer.body), what).toEqual(expected.view);
  if (expected.links !== undefined) expectLinks(answer.headers.get('link'), url, expected.links, what);
  const etag = answer.headers.get('etag');
  expect(etag, `${what}: a GET carries an ETag`).toBeTruthy();
  const before = model.seen.get(url);
  if (before?.view === view && before.link === expectedLink) expect(etag, `${what}: the same answer keeps its ETag`).toBe(before.etag);
  else if (before && before.view !== view) expect(etag, `${what}: another answer gets another ETag`).not.toBe(before.etag);
  model.seen.set(url, { etag: etag!, view, link: expectedLink });
}

/** The Link header of a page: exactly these relations, in this order, each the request URL on that page. */
function expectLinks(header: string | null, requestUrl: string, expected: Array<[string, number]>, what: string) {
  if (expected.length === 0) {
    expect(header, `${what}: everything on one page, so no Link`).toBeNull();
    return;
  }
  expect(header, `${what}: a Link header`).toBeTruthy();
  const request = new URL(requestUrl);
  const parsed = [...header!.matchAll(/<([^>]*)>;\s*rel="([^"]*)"/g)].map(([, url, rel]) => {
    const target = new URL(url!);
    const query = [...target.searchParams].filter(([name]) => name !== 'page').sort();
    return { rel, at: `${target.origin}${target.pathname}`, page: Number(target.searchParams.get('page')), query };
  });
  const query = [...request.searchParams].filter(([name]) => name !== 'page').sort();
  expect(parsed, `${what}: Link ${header}`).toEqual(expected.map(([rel, page]) => ({ rel, at: `${request.origin}${request.pathname}`, page, query })));
}

/**
 * GETs `url` and checks the answer: a refusal, a 404 (`expected` undefined) or the representation.
 * Conditional: with the ETag of the last answer seen for `url`, fetched first when there is none.
 * Resolves false when the answer was a refusal or a 404.
 */
async function get(
  model: Model,
  target: Target,
  operation: OperationName,
  {
    url,
    credentials,
    conditional,
    expected,
    viewOf,
    what,
  }: { url: string; credentials: Credentials; conditional: boolean; expected: { view: unknown; links?: Array<[string, number]> } | undefined; viewOf: (body: any) => unknown; what: string },
): Promise<boolean> {
  const refusal = refusalFor(model, credentials);
  if (conditional && !refusal && expected && !model.seen.has(url)) {
    await expectRepresentation(model, await api(model, target, operation, { method: 'GET', url }), url, expected, viewOf, undefined, `${what} (for its ETag)`);
  }
  const conditionalOn = conditional ? model.seen.get(url) : undefined;
  const answer = await api(model, target, operation, { method: 'GET', url, credentials, headers: conditionalOn ? { 'if-none-match': conditionalOn.etag } : {} });
  if (refusal) {
    expectRefusal(answer, refusal, what);
    return false;
  }
  if (expected === undefined) {
    expectNotFound(answer, what);
    return false;
  }
  await expectRepresentation(model, answer, url, expected, viewOf, conditionalOn, what);
  return true;
}

// ---- the commands

type IdPick = { kind: 'existing' | 'gone' | 'never'; index: number };
type Command = fc.AsyncCommand<Model, Target>;

const credentialsArb: fc.Arbitrary<Credentials> = fc.record({
  password: fc.constantFrom<Credentials['password'][]>('right', 'right', 'right', 'right', 'right', 'right', 'right', 'wrong'),
  otp: fc.constantFrom<Credentials['otp'][]>('right', 'right', 'right', 'right', 'right', 'none', 'wrong'),
});
const pickArb: fc.Arbitrary<IdPick> = fc.record({ kind: fc.constantFrom<IdPick['kind'][]>('existing', 'existing', 'existing', 'gone', 'never'), index: fc.nat(50) });
const scopesArb = fc.subarray([...scopeNames]);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const credentialsText = (c: Credentials) => (c.password === 'right' && c.otp === 'right' ? '' : ` [password ${c.password}, otp ${c.otp}]`);
const clean = <T extends object>(value: T) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** A page of a list, or (walk) every page from the first, following `Link: rel="next"`. */
class ListCommand implements Command {
  constructor(
    readonly list: 'authorizations' | 'grants',
    readonly query: { per_page?: number; page?: number; client_id?: string },
    readonly walk: boolean,
    readonly conditional: boolean,
    readonly credentials: Credentials,
  ) {}
  check = () => true;
  async run(model: Model, target: Target) {
    const operation: OperationName = this.list === 'authorizations' ? 'listAuthorizations' : 'listGrants';
    const path = this.list === 'authorizations' ? '/authorizations' : '/applications/grants';
    const search = new URLSearchParams(
      Object.entries(this.query)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    let url: string | undefined = `${model.base}${path}${search.size > 0 ? `?${search}` : ''}`;
    const clientId = this.query.client_id;
    const all =
      this.list === 'authorizations'
        ? byId(model)
            .filter((a) => clientId === undefined || a.app.client_id === clientId)
            .map((a) => authorizationView(model, a))
        : grantViews(model).filter((g) => clientId === undefined || g.app.client_id === clientId);
    const walked: unknown[] = [];
    for (let pages = 0; url !== undefined; pages++) {
      expect(pages, `${this}: more pages than items`).toBeLessThanOrEqual(all.length + 1);
      const expected = pageOf(all, new URL(url));
      const viewOf = this.list === 'authorizations' ? viewOfAnswer : grantViewOfAnswer;
      const answered = await get(model, target, operation, {
        url,
        credentials: this.credentials,
        conditional: this.conditional,
        expected: { view: expected.items, links: expected.links },
        viewOf: (body) => body.map(viewOf),
        what: `${this} ${url}`,
      });
      if (!answered) return;
      walked.push(...expected.items);
      if (!this.walk) return;
      // A 304 has no Link to follow: the model's says where the next page is.
      const next = expected.links.find(([rel]) => rel === 'next');
      if (next === undefined) break;
      const nextUrl: URL = new URL(url);
      nextUrl.searchParams.set('page', String(next[1]));
      url = nextUrl.href;
    }
    expect(walked, `${this}: the pages together are the whole list`).toEqual(all.slice((Number(this.query.page ?? 1) - 1) * Number(this.query.per_page ?? 30)));
  }
  toString() {
    return `${this.walk ? 'walk' : 'list'} ${this.list} ${JSON.stringify(clean(this.query))}${this.conditional ? ' if-none-match' : ''}${credentialsText(this.credentials)}`;
  }
}

class GetCommand implements Command {
  constructor(
    readonly kind: 'authorization' | 'grant',
    readonly pick: IdPick,
    readonly conditional: boolean,
    readonly credentials: Credentials,
  ) {}
  check = () => true;
  async run(model: Model, target: Target) {
    const grant = this.kind === 'grant';
    const id = grant ? pickGrantId(model, this.pick) : pickId(model, this.pick);
    const url = `${model.base}${grant ? '/applications/grants' : '/authorizations'}/${id}`;
    const view = grant ? grantViews(model).find((g) => g.id === id) : model.authorizations.has(id) ? authorizationView(model, model.authorizations.get(id)!) : undefined;
    await get(model, target, grant ? 'getGrant' : 'getAuthorization', {
      url,
      credentials: this.credentials,
      conditional: this.conditional,
      expected: view && { view },
      viewOf: grant ? grantViewOfAnswer : viewOfAnswer,
      what: `${this} (id ${id})`,
    });
  }
  toString() {
    return `get ${this.kind} ${this.pick.kind}#${this.pick.index}${this.conditional ? ' if-none-match' : ''}${credentialsText(this.credentials)}`;
  }
}

interface CreateInput {
  personalNote?: string | undefined;
  client_id?: string | undefined;
  withSecret: boolean;
  fingerprint?: string | undefined;
  note?: string | undefined;
  note_url?: string | undefined;
  scopes?: string[] | undefined;
}

class CreateCommand implements Command {
  constructor(
    readonly input: CreateInput,
    readonly credentials: Credentials,
  ) {}
  check = () => true;
  async run(model: Model, target: Target) {
    const { client_id, withSecret, fingerprint, note_url, scopes } = this.input;
    const note = client_id === undefined ? this.input.personalNote : this.input.note;
    const body = clean({ client_id, client_secret: client_id !== undefined && withSecret ? 'x'.repeat(40) : undefined, fingerprint, note, note_url, scopes });
    const answer = await api(model, target, 'createAuthorization', { method: 'POST', url: `${model.base}/authorizations`, body, credentials: this.credentials });
    const refusal = refusalFor(model, this.credentials);
    if (refusal) return expectRefusal(answer, refusal, `${this}`);
    const clientId = client_id ?? personalClientId;
    if (client_id !== undefined && !withSecret) return expectValidationFailed(answer, 'client_secret', 'missing_field', `${this}`);
    const conflict = conflictOf(model, { id: -1, app: { client_id: clientId, name: '', url: '' }, note: note ?? null, fingerprint: fingerprint ?? null });
    if (conflict) return expectValidationFailed(answer, conflict, 'already_exists', `${this}`);
    await expectCreated(model, answer, { clientId, scopes: scopes ?? [], note: note ?? null, note_url: note_url ?? null, fingerprint: fingerprint ?? null }, `${this}`);
  }
  toString() {
    return `create ${JSON.stringify(this.input)}${credentialsText(this.credentials)}`;
  }
}

/** Eleven creates in a row for one app with the same scopes: the eleventh revokes the oldest. */
class CreateElevenCommand implements Command {
  constructor(
    readonly client_id: string,
    readonly scopes: string[],
  ) {}
  check = () => true;
  async run(model: Model, target: Target) {
    const create = new CreateCommand({ client_id: this.client_id, withSecret: true, scopes: this.scopes }, { password: 'right', otp: 'right' });
    for (let n = 0; n < tokensPerAppAndScopes + 1; n++) await create.run(model, target);
  }
  toString() {
    return `create eleven for ${this.client_id} with scopes ${JSON.stringify(this.scopes)}`;
  }
}

class GetOrCreateCommand implements Command {
  constructor(
    readonly client_id: string,
    /** In the path (the fingerprint variant) or in the body (the app variant), or none. */
    readonly fingerprint: { in: 'path' | 'body'; value: string } | undefined,
    readonly body: { scopes?: string[]; note?: string; note_url?: string },
    readonly credentials: Credentials,
  ) {}
  check = () => true;
  async run(model: Model, target: Target) {
    const inPath = this.fingerprint?.in === 'path';
    const url = `${model.base}/authorizations/clients/${this.client_id}${inPath ? `/${encodeURIComponent(this.fingerprint!.value)}` : ''}`;
    const body = clean({ client_secret: 'y'.repeat(40), ...this.body, fingerprint: this.fingerprint?.in === 'body' ? this.fingerprint.value : undefined });
    const operation: OperationName = inPath ? 'getOrCreateAuthorizationForAppAndFingerprint' : 'getOrCreateAuthorizationForApp';
    const answer = await api(model, target, operation, { method: 'PUT', url, body, credentials: this.credentials });
    const refusal = refusalFor(model, this.credentials);
    if (refusal) return expectRefusal(answer, refusal, `${this}`);
    const fingerprint = this.fingerprint?.value ?? null;
    const existing = byId(model).find((a) => a.app.client_id === this.client_id && (fingerprint === null ? a.fingerprint === null : a.fingerprint === fingerprint));
    if (existing) {
      expect(answer.status, `${this}: authorization ${existing.id} exists, so 200`).toBe(200);
      expect(answer.headers.get('location'), `${this}: a 200 has no Location`).toBeNull();
      expect(viewOfAnswer(answer.body), `${this}: the existing authorization, unchanged`).toEqual(authorizationView(model, existing));
      return;
    }
    await expectCreated(model, answer, { clientId: this.client_id, scopes: this.body.scopes ?? [], note: this.body.note ?? null, note_url: this.body.note_url ?? null, fingerprint }, `${this}`);
  }
  toString() {
    return `get-or-create ${this.client_id} ${this.fingerprint ? `fingerprint ${this.fingerprint.value} in the ${this.fingerprint.in}` : ''} ${JSON.stringify(this.body)}${credentialsText(this.credentials)}`;
  }
}

interface Changes {
  scopes?: { key: 'scopes' | 'add_scopes' | 'remove_scopes'; value: string[] };
  note?: { kind: 'fresh' } | { kind: 'personal'; value: string };
  note_url?: string;
  fingerprint?: string;
}

class UpdateCommand implements Command {
  constructor(
    readonly pick: IdPick,
    readonly changes: Changes,
    readonly credentials: Credentials,
    readonly method: 'PATCH' | 'POST' = 'PATCH',
  ) {}
  check = () => true;
  async run(model: Model, target: Target) {
    const id = pickId(model, this.pick);
    const note = this.changes.note === undefined ? undefined : this.changes.note.kind === 'fresh' ? `note ${++model.counter}` : this.changes.note.value;
    const body = clean({ ...(this.changes.scopes && { [this.changes.scopes.key]: this.changes.scopes.value }), note, note_url: this.changes.note_url, fingerprint: this.changes.fingerprint });
    const answer = await api(model, target, 'updateAuthorization', { method: this.method, url: `${model.base}/authorizations/${id}`, body, credentials: this.credentials });
    const refusal = refusalFor(model, this.credentials);
    if (refusal) return expectRefusal(answer, refusal, `${this} (id ${id})`);
    const current = model.authorizations.get(id);
    if (!current) return expectNotFound(answer, `${this} (id ${id})`);
    let scopes = current.scopes;
    const change = this.changes.scopes;
    if (change?.key === 'scopes') scopes = sortedSet(change.value);
    if (change?.key === 'add_scopes') scopes = sortedSet([...scopes, ...change.value]);
    if (change?.key === 'remove_scopes') scopes = scopes.filter((scope) => !change.value.includes(scope));
    const next: Stored = {
      ...current,
      scopes,
      ...(note !== undefined && { note }),
      ...(this.changes.note_url !== undefined && { note_url: this.changes.note_url }),
      ...(this.changes.fingerprint !== undefined && { fingerprint: this.changes.fingerprint }),
    };
    const conflict = conflictOf(model, next);
    if (conflict) return expectValidationFailed(answer, conflict, 'already_exists', `${this} (id ${id})`);
    expect(answer.status, `${this} (id ${id}): ${JSON.stringify(answer.body)}`).toBe(200);
    const actual = viewOfAnswer(answer.body);
    expect(answer.body.updated_at >= current.updated_at, `${this}: updated_at ${answer.body.updated_at} is not before ${current.updated_at}`).toBe(true);
    next.updated_at = answer.body.updated_at;
    // A personal token's placeholder app may follow its note: learned, not predicted.
    if (isPersonal(current)) {
      expect(actual.app.client_id, `${this}`).toBe(personalClientId);
      next.app = actual.app as App;
    }
    expect(actual, `${this} (id ${id})`).toEqual(authorizationView(model, next));
    model.authorizations.set(id, next);
  }
  toString() {
    return `update (${this.method}) ${this.pick.kind}#${this.pick.index} ${JSON.stringify(this.changes)}${credentialsText(this.credentials)}`;
  }
}

class DeleteCommand implements Command {
  constructor(
    readonly kind: 'authorization' | 'grant',
    readonly pick: IdPick,
    readonly credentials: Credentials,
  ) {}
  check = () => true;
  async run(model: Model, target: Target) {
    const grant = this.kind === 'grant';
    const id = grant ? pickGrantId(model, this.pick) : pickId(model, this.pick);
    const url = `${model.base}${grant ? '/applications/grants' : '/authorizations'}/${id}`;
    const answer = await api(model, target, grant ? 'deleteGrant' : 'deleteAuthorization', { method: 'DELETE', url, credentials: this.credentials });
    const refusal = refusalFor(model, this.credentials);
    if (refusal) return expectRefusal(answer, refusal, `${this} (id ${id})`);
    const found = grant ? grantViews(model).find((g) => g.id === id) : model.authorizations.get(id);
    if (!found) return expectNotFound(answer, `${this} (id ${id})`);
    expect({ status: answer.status, body: answer.body }, `${this} (id ${id})`).toEqual({ status: 204, body: undefined });
    if (!grant) return revoke(model, id);
    // Revoking a grant revokes every token of its app.
    for (const stored of byId(model)) if (stored.app.client_id === found.app.client_id) revoke(model, stored.id);
  }
  toString() {
    return `delete ${this.kind} ${this.pick.kind}#${this.pick.index}${credentialsText(this.credentials)}`;
  }
}

/** Configures the account (a password, two-factor authentication) or removes its configuration. */
class AccountCommand implements Command {
  constructor(readonly config: { password: boolean; otp: boolean; channel?: 'app' | 'sms' | undefined } | undefined) {}
  check = () => true;
  async run(model: Model, target: Target) {
    if (this.config === undefined) {
      await control(target, 'DELETE', `/accounts/${encodeURIComponent(model.user)}`);
      model.account = undefined;
      return;
    }
    const serial = ++model.counter;
    const account: Account = {
      ...(this.config.password && { password: `password-${serial}` }),
      ...(this.config.otp && { otp: { code: String(100000 + serial), ...(this.config.channel && { channel: this.config.channel }) } }),
    };
    await control(target, 'PUT', `/accounts/${encodeURIComponent(model.user)}`, account);
    model.account = account;
  }
  toString() {
    return this.config === undefined ? 'account: default' : `account: ${JSON.stringify(this.config)}`;
  }
}

/**
 * No credentials, or a request to no operation (an unknown path, or a method the path does not
 * serve: @octokit/auth-basic's `PATCH /authorizations`): GitHub's exact bodies. The credentials go
 * without an OTP: they are judged before the route, so a two-factor account gets the 401 first.
 */
class StrayCommand implements Command {
  constructor(readonly kind: 'no credentials' | 'unknown route' | 'unserved method') {}
  check = () => true;
  async run(model: Model, target: Target) {
    if (this.kind === 'no credentials') {
      const answer = await api(model, target, 'listAuthorizations', { method: 'GET', url: `${model.base}/authorizations`, credentials: 'none' });
      expectRefusal(answer, refusalFor(model, 'none')!, `${this}`);
      expect(answer.headers.get('www-authenticate'), `${this}`).toBe('Basic realm="GitHub"');
      return;
    }
    const [method, path] = this.kind === 'unknown route' ? ['GET', '/authorizations/1/tokens'] : ['PATCH', '/authorizations'];
    const response = await target.send(new Request(`${model.base}${path}`, { method, headers: { authorization: basic(model.user, model.account?.password ?? 'secret') } }));
    const answer = { status: response.status, headers: response.headers, body: await response.json() };
    const refusal = refusalFor(model, { password: 'right', otp: 'none' });
    if (refusal) return expectRefusal(answer, refusal, `${this}`);
    expect({ status: answer.status, message: answer.body.message, allow: response.headers.get('allow') }, `${this}`).toEqual({ status: 404, message: 'Not Found', allow: null });
  }
  toString() {
    return this.kind;
  }
}

// ---- the arbitraries

const queryArb = fc.record(
  {
    per_page: fc.constantFrom(1, 2, 3, 100),
    page: fc.constantFrom(1, 2, 3, 5),
    client_id: fc.constantFrom(...filterIds),
  },
  { requiredKeys: [] },
);

const changesArb: fc.Arbitrary<Changes> = fc.record(
  {
    scopes: fc.record({ key: fc.constantFrom<Array<'scopes' | 'add_scopes' | 'remove_scopes'>>('scopes', 'add_scopes', 'remove_scopes'), value: scopesArb }),
    note: fc.oneof(fc.constant({ kind: 'fresh' as const }), fc.record({ kind: fc.constant('personal' as const), value: fc.constantFrom(...personalNotes) })),
    note_url: fc.constantFrom(...noteUrls),
    fingerprint: fc.constantFrom(...fingerprints),
  },
  { requiredKeys: [] },
);

const createArb: fc.Arbitrary<CreateInput> = fc.oneof(
  fc.record({ personalNote: fc.constantFrom(...personalNotes), withSecret: fc.constant(false), note_url: optional(fc.constantFrom(...noteUrls)), scopes: optional(scopesArb) }),
  fc.record({
    client_id: fc.constantFrom(...clientIds),
    withSecret: fc.constantFrom(true, true, true, true, false),
    fingerprint: optional(fc.constantFrom(...fingerprints)),
    note: optional(fc.constantFrom('optional note', 'ci')),
    note_url: optional(fc.constantFrom(...noteUrls)),
    // Few scope sets, so that an app's eleventh token with the same scopes happens.
    scopes: optional(fc.constantFrom<string[][]>([], ['repo'], ['repo', 'user'])),
  }),
);

/** Every command, weighted towards the ones that change state and read it back. */
export function commandsArb({ maxCommands }: { maxCommands: number }) {
  const list = fc
    .tuple(fc.constantFrom<Array<'authorizations' | 'grants'>>('authorizations', 'grants'), queryArb, fc.boolean(), fc.boolean(), credentialsArb)
    .map(([list, query, walk, conditional, credentials]): Command => new ListCommand(list, query, walk, conditional, credentials));
  const eleven = fc.tuple(fc.constantFrom(...clientIds), fc.constantFrom<string[][]>([], ['repo'])).map(([clientId, scopes]): Command => new CreateElevenCommand(clientId, scopes));
  const commands: fc.Arbitrary<Command>[] = [
    // Lists, and now and then (eleven requests at once) an app's eleventh token with the same scopes.
    fc.oneof({ arbitrary: list, weight: 12 }, { arbitrary: eleven, weight: 1 }),
    fc
      .tuple(fc.constantFrom<Array<'authorization' | 'grant'>>('authorization', 'grant'), pickArb, fc.boolean(), credentialsArb)
      .map(([kind, pick, conditional, credentials]) => new GetCommand(kind, pick, conditional, credentials)),
    fc.tuple(createArb, credentialsArb).map(([input, credentials]) => new CreateCommand(input, credentials)),
    fc.tuple(createArb, credentialsArb).map(([input, credentials]) => new CreateCommand(input, credentials)),
    fc
      .tuple(
        fc.constantFrom(...clientIds),
        optional(fc.record({ in: fc.constantFrom<Array<'path' | 'body'>>('path', 'path', 'body'), value: fc.constantFrom(...fingerprints) })),
        fc.record({ scopes: scopesArb, note: fc.constantFrom('optional note', 'ci'), note_url: fc.constantFrom(...noteUrls) }, { requiredKeys: [] }),
        credentialsArb,
      )
      .map(([clientId, fingerprint, body, credentials]) => new GetOrCreateCommand(clientId, fingerprint, body, credentials)),
    fc
      .tuple(pickArb, changesArb, credentialsArb, fc.constantFrom('PATCH' as const, 'POST' as const))
      .map(([pick, changes, credentials, method]) => new UpdateCommand(pick, changes, credentials, method)),
    fc
      .tuple(fc.constantFrom<Array<'authorization' | 'grant'>>('authorization', 'authorization', 'grant'), pickArb, credentialsArb)
      .map(([kind, pick, credentials]) => new DeleteCommand(kind, pick, credentials)),
    fc
      .option(fc.record({ password: fc.boolean(), otp: fc.boolean(), channel: optional(fc.constantFrom<Array<'app' | 'sms'>>('app', 'sms')) }), { nil: undefined, freq: 3 })
      .map((config) => new AccountCommand(config && clean(config))),
    fc.constantFrom<Array<'no credentials' | 'unknown route' | 'unserved method'>>('no credentials', 'unknown route', 'unserved method').map((kind) => new StrayCommand(kind)),
  ];
  return fc.commands(commands, { maxCommands, size: 'max' });
}

// ---- a run

let runs = 0;

/**
 * The setup of one run: a user name nobody used, whose seeded data the model learns from the first
 * list (and checks: on the target's origin and prefix, no token shown).
 */
export function setupRun(target: Target, label = 'model') {
  return async (): Promise<{ model: Model; real: Target }> => {
    const model: Model = {
      user: `${label}-${++runs}-${Math.random().toString(36).slice(2, 8)}`,
      base: target.baseUrl,
      authorizations: new Map(),
      maxId: 0,
      gone: [],
      apps: new Map(),
      account: undefined,
      seen: new Map(),
      counter: 0,
    };
    const answer = await api(model, target, 'listAuthorizations', { method: 'GET', url: `${model.base}/authorizations?per_page=100` });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('link'), 'the seed fits on one page').toBeNull();
    for (const body of answer.body) {
      expect(body.url, 'seeded on the request origin and prefix').toBe(`${model.base}/authorizations/${body.id}`);
      expect(body.token, 'a listed authorization shows no token').toBe('');
      const { url: _url, token: _token, ...view } = viewOfAnswer(body);
      const stored: Stored = { ...view, app: view.app as App };
      model.authorizations.set(stored.id, stored);
      if (stored.app.client_id !== personalClientId) {
        const known = model.apps.get(stored.app.client_id);
        if (known) expect(stored.app, 'one app, one name').toEqual(known);
        else model.apps.set(stored.app.client_id, stored.app);
      }
      model.maxId = Math.max(model.maxId, stored.id);
    }
    return { model, real: target };
  };
}

/** Runs `numRuns` random sequences against `target` (through its `send`). */
export async function checkModel(
  target: Target | (() => Target),
  { numRuns, maxCommands = 30, seed, endOnFailure = false }: { numRuns: number; maxCommands?: number; seed?: number; endOnFailure?: boolean },
) {
  const resolveTarget = typeof target === 'function' ? target : () => target;
  let sequences = 0;
  let commands = 0;
  outcomes.clear();
  await fc.assert(
    fc.asyncProperty(commandsArb({ maxCommands }), async (cmds) => {
      sequences++;
      const counted = [...cmds];
      commands += counted.length;
      await fc.asyncModelRun(setupRun(resolveTarget()), cmds);
    }),
    { numRuns, endOnFailure, ...(seed !== undefined && { seed }) },
  );
  return { sequences, commands, outcomes: new Map([...outcomes].sort(([a], [b]) => a.localeCompare(b))) };
}
