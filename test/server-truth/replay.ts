// Replays one recorded exchange against a fresh simulator in this process, with the state it needs
// (the user and password, the authorization with that id, note, fingerprint or client ID), and
// describes how the simulator's answer differs from the recorded one, as stable sentences (no id,
// token, time or origin in them) that test/fixtures/server-truth/known-differences.json can list.
import type { Authorization } from '../../generated/schema.js';
import { createSimulator, type Simulator } from '../../src/simulator/index.js';

export interface Exchange {
  id: string;
  route: string;
  provenance: { repository: string; path: string; commit: string; committed: string; recorded: string | null };
  request: { method: string; path: string; query: Record<string, string>; headers: Record<string, string>; body: unknown };
  response: { status: number; headers: Record<string, string>; body: any };
}

export interface Replayed {
  status: number;
  headers: Headers;
  body: any;
}

const origin = 'http://127.0.0.1:4010';
const base = `${origin}/api/v3`;
const user = 'octocat';
const password = 'correct horse';
const basic = `Basic ${btoa(`${user}:${password}`)}`;
/** The recordings' placeholders and masks, and what the replay sends instead. */
const clientId = 'abcde12345fghij67890';
const clientSecret = '3ef4ad510c59ad37bac6bb4f80047fb3aee3cc7f';
const personalTokenClientId = '00000000000000000000';

/** A value with the cassettes' placeholders replaced by values the replay can send. */
function unmask<T>(value: T): T {
  const text = JSON.stringify(value) ?? 'null';
  return JSON.parse(text.replaceAll('<GITHUB_CLIENT_ID>', clientId).replaceAll('<client_secret>', clientSecret)) as T;
}

const authorizationId = (exchange: Exchange) => Number(/^\/authorizations\/(\d+)$/.exec(exchange.request.path)?.[1]);
const now = '2020-01-01T00:00:00Z';

/** An authorization to seed, from a recorded one (fields it lacks, as GitHub had them later). */
function seedOf(recorded: Record<string, any>, fallbackId: number): Authorization {
  const id = typeof recorded.id === 'number' ? recorded.id : fallbackId;
  const app = recorded.app ?? {};
  const appClientId = typeof app.client_id === 'string' ? app.client_id : personalTokenClientId;
  return {
    id,
    url: `${base}/authorizations/${id}`,
    scopes: Array.isArray(recorded.scopes) ? recorded.scopes : [],
    token: '',
    // What GitHub kept of the token, when the recording shows it kept something.
    token_last_eight: typeof recorded.token_last_eight === 'string' ? 'e48b05c8' : null,
    hashed_token: typeof recorded.hashed_token === 'string' ? '18a2cd7312840f313366dce10184c1b309a98e84355402a2265d6fadf36f4ee4' : null,
    app: { client_id: appClientId, name: typeof app.name === 'string' ? app.name : 'App', url: typeof app.url === 'string' && app.url !== '' ? app.url : 'https://example.com' },
    note: typeof recorded.note === 'string' ? recorded.note : null,
    note_url: typeof recorded.note_url === 'string' ? recorded.note_url : null,
    created_at: typeof recorded.created_at === 'string' ? recorded.created_at : now,
    updated_at: typeof recorded.updated_at === 'string' ? recorded.updated_at : now,
    fingerprint: typeof recorded.fingerprint === 'string' ? recorded.fingerprint : null,
  } as Authorization;
}

/** The state before the update an exchange recorded: its answer, with the scope change undone. */
function beforeUpdate(exchange: Exchange): Record<string, any> {
  const after = unmask(exchange.response.body ?? {}) as Record<string, any>;
  const change = (exchange.request.body ?? {}) as Record<string, any>;
  const scopes: string[] = Array.isArray(after.scopes) ? after.scopes : [];
  if (Array.isArray(change.scopes)) return { ...after, scopes: [] };
  if (Array.isArray(change.add_scopes)) return { ...after, scopes: scopes.filter((scope) => !change.add_scopes.includes(scope)) };
  // github3.py's `rm_scopes` is no field of GitHub's: it answered with the scopes unchanged.
  const removed = change.remove_scopes;
  if (Array.isArray(removed)) return { ...after, scopes: [...scopes, ...removed.filter((scope: string) => !scopes.includes(scope))] };
  return after;
}

/** The authorizations the user must hold for the exchange to mean what it meant when recorded. */
export function stateFor(exchange: Exchange): Authorization[] {
  const { request, response } = exchange;
  const found = response.status >= 200 && response.status < 300;
  if (exchange.route === 'authorizations' && request.method === 'GET' && Array.isArray(response.body)) {
    const listed = unmask(response.body as Record<string, any>[]).map((item, index) => seedOf(item, index + 1));
    // As many more as the recorded Link's last page says the user had (30 a page).
    const lastPage = Number(/[?&]page=(\d+)>; rel="last"/.exec(response.headers.link ?? '')?.[1] ?? 1);
    const maxId = Math.max(0, ...listed.map((a) => a.id));
    const more = Array.from({ length: Math.max(0, (lastPage - 1) * 30 + 1 - listed.length) }, (_, index) => seedOf({ note: `filler ${index}` }, maxId + index + 1));
    return lastPage > 1 ? [...listed, ...more] : listed;
  }
  if (exchange.route === 'authorizations/{authorization_id}' && found) {
    const recorded = request.method === 'GET' || request.method === 'DELETE' ? unmask(response.body ?? {}) : beforeUpdate(exchange);
    return [seedOf(recorded as Record<string, any>, authorizationId(exchange))];
  }
  // A get-or-create that found the app's authorization (200): the user had it.
  if (exchange.route.startsWith('authorizations/clients/') && response.status === 200) return [seedOf(unmask(response.body), 1)];
  return [];
}

/**
 * A simulator holding the user's authorizations. A value GitHub stored that the contract refuses
 * (`note_url: ""`, recorded by github3.py in 2018) is seeded as `null`, and the difference shows.
 */
function seeded(authorizations: Authorization[]): Simulator {
  const accounts = { [user]: { password } };
  try {
    return createSimulator({ accounts, data: { [user]: { authorizations } } });
  } catch {
    return createSimulator({ accounts, data: { [user]: { authorizations: authorizations.map((a) => (a.note_url === '' ? { ...a, note_url: null } : a)) } } });
  }
}

/** Sends the exchange's request to a simulator seeded for it, and reads the answer. */
export async function replay(exchange: Exchange): Promise<Replayed> {
  const simulator = seeded(stateFor(exchange));
  const authorization = await credentials(simulator, exchange.request.headers.authorization);
  const { request } = exchange;
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (name !== 'authorization' && name !== 'x-github-otp') headers.set(name, value);
  if (authorization) headers.set('authorization', authorization);
  const body = request.body === null ? undefined : JSON.stringify(unmask(request.body));
  if (body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const query = new URLSearchParams(request.query).toString();
  const path = request.path.replaceAll('%3CGITHUB_CLIENT_ID%3E', clientId);
  const response = await simulator.handle(new Request(`${base}${path}${query ? `?${query}` : ''}`, { method: request.method, headers, body: body ?? null }));
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? null : JSON.parse(text) };
}

/** The Authorization header to send for a recorded one: the user's Basic credentials, or a token the simulator issued. */
async function credentials(simulator: Simulator, recorded: string | undefined): Promise<string | undefined> {
  if (recorded === undefined) return undefined;
  if (recorded.startsWith('Basic ')) return basic;
  const created = await simulator.handle(
    new Request(`${base}/authorizations`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'the token sent', scopes: ['repo'] }),
    }),
  );
  const { token } = (await created.json()) as { token: string };
  if (!token) throw new Error(`the simulator issued no token to replay exchange with: ${created.status}`);
  return `token ${token}`;
}

// --- differences ----------------------------------------------------------------------------

/** The headers compared, as clients and caches read them. */
export const comparedHeaders = ['location', 'link', 'etag', 'last-modified', 'x-github-otp', 'x-github-media-type', 'cache-control'] as const;

const jsonType = (value: unknown) => (value === undefined ? 'absent' : value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Where URLs point, with the origin and ids taken out: `{base}/authorizations/{id}`. */
const urlShape = (url: string) => url.replace(/^https?:\/\/[^/]+(\/api\/v3)?/, '{base}').replace(/\/\d+(?=$|[/?>])/g, '/{id}');

/** A header's value as compared: ETags by kind, URLs by shape, Link by its relations and pages. */
function headerShape(name: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return 'absent';
  if (name === 'etag') return value.startsWith('W/') ? 'weak' : 'strong';
  if (name === 'last-modified') return Number.isNaN(Date.parse(value)) ? `not a date (${value})` : 'a date';
  if (name === 'location') return urlShape(value);
  if (name === 'link') {
    return [...value.matchAll(/<([^>]*)>;\s*rel="([^"]+)"/g)]
      .map(([, url, rel]) => `${rel}=${urlShape(url!)}`)
      .sort()
      .join(', ');
  }
  return value;
}

/** A message as compared: ids in it (the simulator names the path) taken out. */
const messageShape = (message: unknown) => (message === undefined ? 'no message' : JSON.stringify(message).replace(/\/\d+(?=\b)/g, '/{id}'));

/** What a secret field holds, as compared: a secret, an empty string, null, or absent. */
function secretShape(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '""' : 'a value';
  return jsonType(value);
}

const secretFields = ['token', 'hashed_token', 'token_last_eight'];

/** The top-level fields of an object body (of a list's items, together), name → type. */
function fieldTypes(body: unknown): Map<string, string> {
  const objects = Array.isArray(body) ? body : body !== null && typeof body === 'object' ? [body] : [];
  const types = new Map<string, Set<string>>();
  for (const object of objects as Record<string, unknown>[]) {
    for (const [name, value] of Object.entries(object)) {
      const shape = secretFields.includes(name) ? secretShape(value) : jsonType(value);
      types.set(name, (types.get(name) ?? new Set()).add(shape));
    }
  }
  return new Map([...types].map(([name, set]) => [name, [...set].sort().join('|')]));
}

/** How the replayed answer differs from the recorded one: one stable sentence each. */
export function differences(exchange: Exchange, replayed: Replayed): string[] {
  const recorded = exchange.response;
  const found: string[] = [];
  const recordedMessage = messageShape(recorded.body?.message);
  const replayedMessage = messageShape(replayed.body?.message);
  // Another status is another answer: said in one sentence, with its message (and the fields a 422
  // names); its fields and headers would only repeat it.
  if (replayed.status !== recorded.status) {
    const items = Array.isArray(replayed.body?.errors) ? ` (${replayed.body.errors.map((item: any) => `${item.field} ${item.code}`).join(', ')})` : '';
    return [`status: recorded ${recorded.status} ${recordedMessage}, simulator ${replayed.status} ${replayedMessage}${items}`];
  }
  if (recordedMessage !== replayedMessage) found.push(`message: recorded ${recordedMessage}, simulator ${replayedMessage}`);
  if (jsonType(recorded.body) !== jsonType(replayed.body)) found.push(`body: recorded ${jsonType(recorded.body)}, simulator ${jsonType(replayed.body)}`);
  else {
    const before = fieldTypes(recorded.body);
    const after = fieldTypes(replayed.body);
    for (const name of new Set([...before.keys(), ...after.keys()])) {
      const was = before.get(name) ?? 'absent';
      const is = after.get(name) ?? 'absent';
      if (was !== is) found.push(`field ${name}: recorded ${was}, simulator ${is}`);
    }
    // A list holds the authorizations seeded from it (same ids): they must come in the recorded order.
    if (Array.isArray(recorded.body) && Array.isArray(replayed.body)) {
      const ids = (body: any[]) => body.map((item) => item?.id);
      const [was, is] = [ids(recorded.body), ids(replayed.body)];
      const sameSet = JSON.stringify([...was].sort()) === JSON.stringify([...is].sort());
      if (was.join() !== is.join()) found.push(sameSet ? 'list: the same items in another order' : 'list: other items than the recorded ones');
    }
    // The scopes an answer holds are what a create or an update did: compared as sets.
    const scopes = (body: any) => (Array.isArray(body?.scopes) ? JSON.stringify([...body.scopes].sort()) : undefined);
    if (scopes(recorded.body) !== undefined && scopes(replayed.body) !== undefined && scopes(recorded.body) !== scopes(replayed.body)) {
      found.push(`field scopes: recorded ${scopes(recorded.body)}, simulator ${scopes(replayed.body)}`);
    }
    if (typeof recorded.body?.url === 'string' && typeof replayed.body?.url === 'string' && urlShape(recorded.body.url) !== urlShape(replayed.body.url)) {
      found.push(`field url: recorded ${urlShape(recorded.body.url)}, simulator ${urlShape(replayed.body.url)}`);
    }
  }
  // GitHub's Location is the new object's url, on the server's own origin.
  const location = replayed.headers.get('location');
  if (location !== null && location !== replayed.body?.url) found.push(`header location: the simulator's is not its answer's url`);
  for (const name of comparedHeaders) {
    const was = headerShape(name, recorded.headers[name]);
    const is = headerShape(name, replayed.headers.get(name));
    if (was !== is) found.push(`header ${name}: recorded ${was}, simulator ${is}`);
  }
  return found;
}
