// One table of requests, valid and invalid, sent in order to the simulator over HTTP and to the
// MSW handlers: both start from the same state, so each answer must be the same on both. The rows
// run in sequence and build on each other (a create, then the list that shows it, then …).

export interface Row {
  method: string;
  /** Path and query, under the target's origin. */
  path: string;
  /** Basic credentials of this user (default octocat; null: none). */
  user?: string | null;
  password?: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is. */
  text?: string;
  /** Send If-None-Match with the ETag this target answered last for the same path. */
  conditional?: boolean;
  /** Send the last token this target issued, with this scheme, instead of Basic credentials. */
  lastToken?: 'token' | 'Bearer';
}

/** Accounts both targets start with. */
export const accounts = {
  guarded: { password: 'right', otp: { code: '112233' } },
  texted: { otp: { code: '445566', channel: 'sms' as const } },
  locked: { password: 'only-this' },
};

const clientId = 'abcde12345fghij67890';
const otherClient = 'fedcba09876543210fed';
const secret = '3ef4ad510c59ad37bac6bb4f80047fb3aee3cc7f';
const json = 'application/vnd.github+json';

/** The ten operations as valid requests for `user`, with ids that exist in a fresh user's state. */
const valid = (id: number): Row[] => [
  { method: 'GET', path: '/applications/grants' },
  { method: 'GET', path: '/applications/grants/1' },
  { method: 'GET', path: '/authorizations' },
  { method: 'POST', path: '/authorizations', body: { scopes: ['repo'], note: `parity ${id}` } },
  { method: 'PUT', path: `/authorizations/clients/${clientId}`, body: { client_secret: secret, scopes: ['public_repo'] } },
  { method: 'PUT', path: `/authorizations/clients/${clientId}/fp-${id}`, body: { client_secret: secret } },
  { method: 'GET', path: `/authorizations/${id}` },
  { method: 'PATCH', path: `/authorizations/${id}`, body: { add_scopes: ['gist'] } },
  { method: 'DELETE', path: `/authorizations/${id}` },
  { method: 'DELETE', path: '/applications/grants/1' },
];

const withUser = (rows: Row[], extra: Partial<Row>) => rows.map((row) => ({ ...row, ...extra, headers: { ...row.headers, ...extra.headers } }));
const prefixed = (rows: Row[]) => rows.map((row) => ({ ...row, path: `/api/v3${row.path}` }));

const table: Row[] = [
  // Every operation, valid, under /api/v3 and at the root, for two users (each has its own state).
  ...prefixed(valid(2)),
  ...withUser(valid(1), { user: 'second' }),
  ...prefixed(withUser(valid(2), { user: 'third', headers: { accept: json, 'x-github-api-version': '2022-11-28' } })),

  // Lists and pages: create a few, then page through them with per_page and page.
  ...[1, 2, 3, 4, 5, 6].map((n): Row => ({ method: 'POST', path: '/api/v3/authorizations', user: 'pager', body: { scopes: ['repo'], note: `page ${n}` } })),
  ...[
    '',
    '?per_page=1',
    '?per_page=2',
    '?per_page=2&page=2',
    '?per_page=2&page=4',
    '?per_page=3&page=3',
    '?page=2',
    '?per_page=100',
    '?per_page=101',
    '?per_page=0',
    '?per_page=-1',
    '?per_page=abc',
    '?page=0',
    '?page=abc',
    `?client_id=${clientId}`,
    `?client_id=${otherClient}`,
    '?per_page=1&page=999',
  ].flatMap((query): Row[] => [
    { method: 'GET', path: `/api/v3/authorizations${query}`, user: 'pager' },
    { method: 'GET', path: `/api/v3/applications/grants${query}`, user: 'pager' },
  ]),

  // Conditional requests: 304 with the ETag just answered, 200 once the list changed.
  { method: 'GET', path: '/api/v3/authorizations', user: 'cond' },
  { method: 'GET', path: '/api/v3/authorizations', user: 'cond', conditional: true },
  { method: 'GET', path: '/api/v3/authorizations', user: 'cond', headers: { 'if-none-match': '*' } },
  { method: 'GET', path: '/api/v3/authorizations', user: 'cond', headers: { 'if-none-match': 'W/"0000", "1111"' } },
  { method: 'POST', path: '/api/v3/authorizations', user: 'cond', body: { scopes: [], note: 'changes the list' } },
  { method: 'GET', path: '/api/v3/authorizations', user: 'cond', conditional: true },
  { method: 'GET', path: '/api/v3/authorizations/1', user: 'cond' },
  { method: 'GET', path: '/api/v3/authorizations/1', user: 'cond', conditional: true },
  { method: 'GET', path: '/api/v3/applications/grants/1', user: 'cond' },
  { method: 'GET', path: '/api/v3/applications/grants/1', user: 'cond', conditional: true },
  { method: 'HEAD', path: '/api/v3/authorizations', user: 'cond' },
  { method: 'HEAD', path: '/api/v3/applications/grants/1', user: 'cond' },

  // Credentials: none, a token, a wrong password, two-factor accounts (no code, a wrong one, the right one).
  ...withUser(valid(1), { user: null }),
  ...withUser(valid(1).slice(0, 5), { user: null, headers: { authorization: 'token ghp_0123456789abcdef' } }),
  ...withUser(valid(1).slice(0, 3), { user: null, headers: { authorization: 'Bearer abc' } }),
  ...withUser(valid(1).slice(0, 3), { user: null, headers: { authorization: 'Basic !!!' } }),
  ...withUser(valid(1).slice(0, 3), { user: 'locked', password: 'guess' }),
  ...withUser(valid(1).slice(2, 4), { user: 'locked', password: 'only-this' }),
  ...withUser(valid(1), { user: 'guarded', password: 'right' }),
  ...withUser(valid(1).slice(0, 5), { user: 'guarded', password: 'right', headers: { 'x-github-otp': '000000' } }),
  ...withUser(valid(1), { user: 'guarded', password: 'right', headers: { 'x-github-otp': '112233' } }),
  ...withUser(valid(1).slice(0, 3), { user: 'guarded', password: 'wrong', headers: { 'x-github-otp': '112233' } }),
  ...withUser(valid(1).slice(2, 5), { user: 'texted' }),
  ...withUser(valid(1).slice(2, 5), { user: 'texted', headers: { 'x-github-otp': '445566' } }),

  // Bodies the contract refuses, and conflicts it documents.
  ...[
    {},
    { scopes: 'repo' },
    { scopes: ['repo'], note: 5 },
    { scopes: ['repo'], note: 'x', note_url: 'not a url' },
    { scopes: ['repo'], client_id: clientId },
    { scopes: ['repo'], client_id: clientId, client_secret: 'short' },
    { scopes: ['repo'], note: 'dupe' },
    { scopes: ['repo'], note: 'dupe' },
    { scopes: ['repo'], client_id: clientId, client_secret: secret, fingerprint: 'twice' },
    { scopes: ['repo'], client_id: clientId, client_secret: secret, fingerprint: 'twice' },
    { scopes: ['repo'], unknown_field: true },
    [],
    null,
  ].map((body): Row => ({ method: 'POST', path: '/api/v3/authorizations', user: 'bodies', body })),
  ...['{', '{"scopes": [}', 'null', '"text"', '   '].map((text): Row => ({ method: 'POST', path: '/api/v3/authorizations', user: 'bodies', text, headers: { 'content-type': 'application/json' } })),
  ...[
    { scopes: ['user'], add_scopes: ['repo'] },
    { add_scopes: ['repo'], remove_scopes: ['gist'] },
    { remove_scopes: ['public_repo'] },
    { scopes: ['admin:org'] },
    { note: 'renamed', note_url: 'https://example.com/note' },
    { fingerprint: 'moved' },
    {},
    { add_scopes: 'repo' },
  ].map((body): Row => ({ method: 'PATCH', path: '/api/v3/authorizations/1', user: 'bodies', body })),
  ...[{ client_secret: secret }, { client_secret: secret }, {}, { client_secret: 'x'.repeat(41) }, { client_secret: secret, scopes: 'repo' }, { client_secret: secret, fingerprint: 'in-body' }].map(
    (body): Row => ({ method: 'PUT', path: `/api/v3/authorizations/clients/${otherClient}`, user: 'bodies', body }),
  ),
  ...[{ client_secret: secret }, { client_secret: secret }, { client_secret: secret, note: 'n' }].map(
    (body): Row => ({ method: 'PUT', path: `/api/v3/authorizations/clients/${otherClient}/laptop`, user: 'bodies', body }),
  ),
  { method: 'GET', path: `/api/v3/authorizations?client_id=${otherClient}`, user: 'bodies' },
  { method: 'GET', path: `/api/v3/applications/grants?client_id=${otherClient}`, user: 'bodies' },
  { method: 'DELETE', path: '/api/v3/applications/grants/2', user: 'bodies' },
  { method: 'GET', path: '/api/v3/authorizations', user: 'bodies' },

  // Ids and routes that do not exist, and methods a route does not take.
  ...['/authorizations/999999', '/authorizations/0', '/authorizations/abc', '/authorizations/1.5', '/applications/grants/999999', '/applications/grants/abc'].flatMap((path): Row[] => [
    { method: 'GET', path: `/api/v3${path}`, user: 'routes' },
    { method: 'DELETE', path: `/api/v3${path}`, user: 'routes' },
  ]),
  { method: 'PATCH', path: '/api/v3/authorizations/999999', user: 'routes', body: { note: 'x' } },
  ...[
    '/',
    '/api/v3',
    '/api/v3/',
    '/nope',
    '/api/v3/nope',
    '/api/v3/authorizations/1/extra',
    '/api/v3/applications',
    '/api/v3/authorizations/clients',
    '/authorizations/',
    '/api/v4/authorizations',
  ].map((path): Row => ({ method: 'GET', path, user: 'routes' })),
  { method: 'GET', path: '/api/v3/authorizations', user: null },
  { method: 'POST', path: '/api/v3/applications/grants', user: 'routes', body: {} },
  { method: 'PUT', path: '/api/v3/authorizations', user: 'routes', body: {} },
  { method: 'DELETE', path: '/api/v3/authorizations', user: 'routes' },
  { method: 'PATCH', path: '/api/v3/applications/grants/1', user: 'routes', body: {} },
  { method: 'GET', path: `/api/v3/authorizations/clients/${clientId}`, user: 'routes' },
  { method: 'OPTIONS', path: '/api/v3/authorizations', user: 'routes' },
  { method: 'OPTIONS', path: '/api/v3/authorizations/1', user: null },

  // Headers: Accept, the API version, a compressed body.
  { method: 'GET', path: '/api/v3/authorizations', user: 'headers', headers: { accept: 'text/html' } },
  { method: 'GET', path: '/api/v3/authorizations', user: 'headers', headers: { accept: 'application/vnd.github.v3+json' } },
  { method: 'GET', path: '/api/v3/authorizations', user: 'headers', headers: { accept: '*/*' } },
  { method: 'GET', path: '/api/v3/authorizations', user: 'headers', headers: { accept: 'text/html, application/json;q=0.5' } },
  { method: 'GET', path: '/api/v3/authorizations', user: 'headers', headers: { 'x-github-api-version': '2022-11-28' } },
  { method: 'GET', path: '/api/v3/authorizations', user: 'headers', headers: { 'x-github-api-version': '1999-01-01' } },
  { method: 'POST', path: '/api/v3/authorizations', user: 'headers', text: '{"scopes":[]}', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  { method: 'POST', path: '/api/v3/authorizations', user: 'headers', text: 'not-really-gzip', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } },

  // Prefer: documented examples and statuses (the state is not touched), and ones not documented.
  ...[
    ['GET', '/api/v3/authorizations', 'example=requires-authentication'],
    ['GET', '/api/v3/authorizations', 'code=401'],
    ['GET', '/api/v3/authorizations', 'example=otp-required'],
    ['GET', '/api/v3/authorizations', 'example=forbidden'],
    ['GET', '/api/v3/authorizations', 'example=not-found'],
    ['GET', '/api/v3/authorizations', 'code=304'],
    ['GET', '/api/v3/authorizations', 'code=999'],
    ['GET', '/api/v3/authorizations', 'example=no-such-example'],
    ['GET', '/api/v3/authorizations/1', 'code=404'],
    ['GET', '/api/v3/applications/grants', 'example=not-found'],
    ['POST', '/api/v3/authorizations', 'example=gone'],
    ['POST', '/api/v3/authorizations', 'code=422, example=note-already-exists'],
    ['POST', '/api/v3/authorizations', 'example=fingerprint-already-exists'],
    ['POST', '/api/v3/authorizations', 'example=otp-required'],
    ['PUT', `/api/v3/authorizations/clients/${clientId}`, 'code=201'],
    ['PUT', `/api/v3/authorizations/clients/${clientId}`, 'example=missing-field'],
    ['PUT', `/api/v3/authorizations/clients/${clientId}/fp`, 'code=201'],
    ['PATCH', '/api/v3/authorizations/1', 'example=otp-required'],
    ['DELETE', '/api/v3/authorizations/1', 'code=204'],
    ['DELETE', '/api/v3/applications/grants/1', 'code=304'],
    ['GET', '/api/v3/authorizations', 'code=200; example=x'],
  ].map(
    ([method, path, prefer]): Row => ({
      method: method!,
      path: path!,
      user: 'prefer',
      headers: { prefer: prefer! },
      ...(method !== 'GET' && method !== 'DELETE' && { body: method === 'PATCH' ? { note: 'p' } : method === 'POST' ? { scopes: [] } : { client_secret: secret } }),
    }),
  ),
  { method: 'GET', path: '/api/v3/authorizations', user: 'prefer' },

  // Faults for one request: a status, none, a bad value, a delay, a dropped connection.
  ...['500', '502', '503', '599', 'none', '404', 'sometimes', 'drop'].map((fault): Row => ({ method: 'GET', path: '/api/v3/authorizations', user: 'faults', headers: { 'x-simulator-fault': fault } })),
  ...['0', '5', 'soon', '-1', '9999999'].map((delay): Row => ({ method: 'GET', path: '/api/v3/authorizations', user: 'faults', headers: { 'x-simulator-delay': delay } })),

  // The control API: state, accounts, faults, reset; with and without /api/v3; and mistakes.
  { method: 'GET', path: '/_simulator/state?user=second' },
  { method: 'GET', path: '/api/v3/_simulator/state?user=nobody' },
  { method: 'PUT', path: '/_simulator/accounts/later', body: { otp: { code: '778899' } } },
  { method: 'GET', path: '/api/v3/authorizations', user: 'later' },
  { method: 'GET', path: '/api/v3/authorizations', user: 'later', headers: { 'x-github-otp': '778899' } },
  { method: 'DELETE', path: '/_simulator/accounts/later' },
  { method: 'GET', path: '/api/v3/authorizations', user: 'later' },
  { method: 'PUT', path: '/_simulator/accounts/bad', body: { otp: { code: 5 } } },
  { method: 'PUT', path: '/_simulator/accounts/a:b', body: {} },
  { method: 'PUT', path: '/_simulator/faults', body: { status: 503 } },
  { method: 'GET', path: '/api/v3/authorizations', user: 'faults' },
  { method: 'GET', path: '/api/v3/authorizations', user: 'faults', headers: { 'x-simulator-fault': 'none' } },
  { method: 'DELETE', path: '/_simulator/faults' },
  { method: 'PUT', path: '/_simulator/faults', body: { status: 404 } },
  { method: 'PUT', path: '/_simulator/faults', text: '{oops' },
  { method: 'GET', path: '/api/v3/authorizations', user: 'faults' },
  { method: 'POST', path: '/_simulator/reset', body: { user: 'pager' } },
  { method: 'GET', path: '/api/v3/authorizations', user: 'pager' },
  { method: 'POST', path: '/_simulator/reset', body: { who: 'pager' } },
  { method: 'PUT', path: '/_simulator/state', body: { octocat: { authorizations: [{ id: 'one' }] } } },
  { method: 'PUT', path: '/_simulator/state', body: [] },
  { method: 'GET', path: '/_simulator/state?user=bodies' },
  { method: 'GET', path: '/_simulator/nope' },
  { method: 'DELETE', path: '/_simulator/state' },
  { method: 'POST', path: '/api/v3/_simulator/reset' },
  { method: 'GET', path: '/api/v3/authorizations', user: 'pager' },
  { method: 'GET', path: '/_simulator/state' },

  // Server truth, as GitHub's recorded answers (docs/decisions.md, 2026-12-07): github3.py's
  // authorize() body and its Accept (param=full echoed); an unknown field; a get-or-create that
  // repeats client_id; POST as the update; Last-Modified; X-GitHub-Media-Type on a 204; user names
  // case-insensitive; a token on these routes (403 live, 401 revoked); credentials and the OTP
  // before the route (@octokit/auth-basic's PATCH /authorizations).
  {
    method: 'POST',
    path: '/api/v3/authorizations',
    user: 'truth',
    headers: { accept: 'application/vnd.github.v3.full+json' },
    body: { note: 'github3.py', note_url: '', client_id: '', client_secret: '', scopes: ['gist'] },
  },
  { method: 'POST', path: '/api/v3/authorizations', user: 'truth', body: { note: 'octokit.rb', scope: ['repo'] } },
  { method: 'POST', path: '/api/v3/authorizations', user: 'truth', body: { note: 'with a url', note_url: 'https://example.com/why' } },
  { method: 'PUT', path: `/api/v3/authorizations/clients/${clientId}`, user: 'truth', body: { client_id: clientId, client_secret: secret, scopes: ['repo'] } },
  { method: 'PUT', path: `/api/v3/authorizations/clients/${otherClient}/fp-truth`, user: 'truth', body: { client_id: otherClient, client_secret: secret } },
  { method: 'POST', path: '/api/v3/authorizations/1', user: 'truth', headers: { accept: 'application/vnd.github.v3.full+json' }, body: { add_scopes: ['user'] } },
  { method: 'GET', path: '/api/v3/authorizations/1', user: 'truth' },
  { method: 'HEAD', path: '/api/v3/authorizations/1', user: 'truth' },
  { method: 'DELETE', path: '/api/v3/authorizations/1', user: 'truth', headers: { accept: 'application/vnd.github.v3.full+json' } },
  { method: 'GET', path: '/api/v3/authorizations', user: 'truth', headers: { accept: 'application/vnd.github.squirrel-girl-preview+json' } },
  { method: 'POST', path: '/api/v3/authorizations', user: 'TRUTH', body: { note: 'github3.py' } },
  { method: 'GET', path: '/api/v3/authorizations', user: 'Truth' },
  { method: 'GET', path: '/api/v3/authorizations', user: 'GUARDED', password: 'right' },
  { method: 'GET', path: '/api/v3/authorizations', user: 'Locked', password: 'guess' },
  { method: 'POST', path: '/api/v3/authorizations', user: 'truth', body: { note: 'sent back as a token' } },
  { method: 'GET', path: '/api/v3/authorizations', user: null, lastToken: 'token' },
  { method: 'GET', path: '/api/v3/applications/grants', user: null, lastToken: 'Bearer' },
  { method: 'GET', path: '/api/v3/nope', user: null, lastToken: 'Bearer' },
  { method: 'PATCH', path: '/api/v3/authorizations', user: null, lastToken: 'token' },
  { method: 'PATCH', path: '/api/v3/authorizations', user: 'guarded', password: 'right' },
  { method: 'PATCH', path: '/api/v3/authorizations', user: 'texted' },
  { method: 'PATCH', path: '/api/v3/authorizations', user: 'guarded', password: 'right', headers: { 'x-github-otp': '112233' } },
  { method: 'GET', path: '/api/v3/nope', user: 'locked', password: 'guess' },
  { method: 'PUT', path: '/api/v3/authorizations/1', user: 'truth', body: {} },
  // Hostile input (issue 18): malformed escapes, bodies and headers over the limits.
  { method: 'GET', path: '/api/v3/authorizations/%FF' },
  { method: 'GET', path: '/authorizations/%E0%A4%A' },
  { method: 'PATCH', path: '/api/v3/authorizations/%ZZ', body: { note: 'x' } },
  { method: 'PUT', path: `/api/v3/authorizations/clients/%FF/%C3%28`, body: { client_secret: secret } },
  { method: 'GET', path: '/api/v3/applications/grants?client_id=%FF' },
  { method: 'POST', path: '/api/v3/authorizations', text: JSON.stringify({ note: 'n'.repeat(1024 * 1024) }) },
  { method: 'POST', path: '/api/v3/authorizations', text: 'x'.repeat(5 * 1024 * 1024) },
  { method: 'PUT', path: '/_simulator/state', text: 'x'.repeat(1024 * 1024 + 1) },
  { method: 'POST', path: '/api/v3/authorizations', text: JSON.stringify({ note: 'n'.repeat(900 * 1024) }) },
  { method: 'GET', path: '/api/v3/authorizations', headers: { 'x-padding': 'a'.repeat(20 * 1024) } },
  { method: 'GET', path: '/api/v3/authorizations', headers: { 'x-padding': 'a'.repeat(8 * 1024) } },
  { method: 'GET', path: `/api/v3/authorizations?per_page=1&pad=${'p'.repeat(20 * 1024)}` },
  // The journal, read-backs, scenarios and full reset (the journal's own entries differ between
  // the two, as their transports send other headers: these rows read filters that match none).
  { method: 'GET', path: '/_simulator/accounts' },
  { method: 'PUT', path: '/_simulator/faults', body: { delayMs: 0 } },
  { method: 'GET', path: '/_simulator/faults' },
  { method: 'DELETE', path: '/_simulator/accounts' },
  { method: 'GET', path: '/_simulator/requests?user=nobody-sent-this' },
  { method: 'GET', path: '/api/v3/_simulator/requests.har?user=nobody-sent-this' },
  { method: 'GET', path: '/_simulator/requests?status=abc' },
  { method: 'GET', path: '/_simulator/requests?since=yesterday' },
  { method: 'GET', path: '/_simulator/requests?colour=red' },
  { method: 'POST', path: '/_simulator/requests' },
  { method: 'POST', path: '/_simulator/scenarios', body: { operationId: 'createAuthorization', user: 'scenarios', fault: 502 } },
  { method: 'GET', path: '/_simulator/scenarios' },
  { method: 'POST', path: '/api/v3/authorizations', user: 'scenarios', body: { note: 'scenario one', scopes: [] } },
  { method: 'POST', path: '/api/v3/authorizations', user: 'scenarios', body: { note: 'scenario one', scopes: [] } },
  { method: 'POST', path: '/_simulator/scenarios', body: [{ fault: 500 }, { operationId: 'getGrant', status: 201 }] },
  {
    method: 'PUT',
    path: '/_simulator/scenarios',
    body: [
      { operationId: 'getAuthorization', status: 404 },
      { user: 'scenarios', fault: 'drop' },
    ],
  },
  { method: 'GET', path: '/api/v3/authorizations/1', user: 'scenarios' },
  { method: 'GET', path: '/api/v3/authorizations/1', user: 'scenarios' },
  { method: 'GET', path: '/api/v3/authorizations/1', user: 'scenarios' },
  { method: 'PUT', path: '/_simulator/scenarios', body: { operationId: 'listAuthorizations', example: 'otp-required' } },
  { method: 'DELETE', path: '/_simulator/scenarios' },
  { method: 'PATCH', path: '/_simulator/scenarios', body: {} },
  { method: 'PUT', path: '/_simulator/accounts/later', body: { password: 'later-pass' } },
  { method: 'PUT', path: '/_simulator/faults', body: { status: 503 } },
  { method: 'DELETE', path: '/_simulator/requests' },
  { method: 'POST', path: '/_simulator/reset', body: {} },
  { method: 'GET', path: '/_simulator/accounts' },
  { method: 'GET', path: '/_simulator/faults' },
  { method: 'GET', path: '/_simulator/scenarios' },
  { method: 'GET', path: '/api/v3/authorizations', user: 'later', password: 'any' },
];

/** A control request carries X-Simulator-Control (see src/simulator/control-gate.ts). */
const isControl = (row: Row) => /^(\/api\/v3)?\/_simulator(\/|\?|$)/.test(row.path);
const asControl = (row: Row): Row => (isControl(row) ? { ...row, headers: { 'x-simulator-control': '1', ...row.headers } } : row);

export const rows: Row[] = [
  ...table.map(asControl),
  // The control gate: without X-Simulator-Control (as a form, beacon or no-cors fetch sends it), a
  // preflight, with or without /api/v3: 403 on both, and nothing changed.
  { method: 'POST', path: '/_simulator/reset' },
  { method: 'GET', path: '/api/v3/_simulator/state' },
  { method: 'PUT', path: '/_simulator/faults', body: { drop: true } },
  { method: 'OPTIONS', path: '/_simulator/state', user: null, headers: { origin: 'http://attacker.localhost:8000', 'access-control-request-method': 'PUT' } },
  { method: 'GET', path: '/api/v3/authorizations', user: 'pager' },
  // reset?user= resets that user, or is a 400 for a user with no state (never everyone).
  asControl({ method: 'POST', path: '/_simulator/reset?user=nobody-here' }),
  { method: 'GET', path: '/api/v3/authorizations', user: 'pager' },
  asControl({ method: 'POST', path: '/_simulator/reset?user=pager' }),
  asControl({ method: 'POST', path: '/_simulator/reset?user=pager', body: { user: 'second' } }),
  // A Prefer header past its 1,024 characters is read that far and the rest ignored (RFC 7240 §2).
  { method: 'GET', path: '/api/v3/authorizations', user: 'prefer', headers: { prefer: `example=otp-required, ${' '.repeat(1100)}code=999` } },
  { method: 'GET', path: '/api/v3/authorizations', user: 'prefer', headers: { prefer: Array(200).fill('code=200').join(', ') } },
];

/**
 * Rows for strict handlers and a strict server: the bodies GitHub took (rows of user `strict`, each
 * a 422 naming the field), and what strictness does not change (user `strict-ok`).
 */
export const strictRows: Row[] = [
  { method: 'POST', path: '/api/v3/authorizations', user: 'strict', body: { note: 'github3.py', note_url: '', client_id: '', client_secret: '', scopes: ['gist'] } },
  { method: 'POST', path: '/api/v3/authorizations', user: 'strict', body: { note: 'octokit.rb', scope: ['repo'] } },
  { method: 'POST', path: '/api/v3/authorizations', user: 'strict-ok', body: { note: 'empty url, stored as GitHub did', note_url: '' } },
  { method: 'PUT', path: `/api/v3/authorizations/clients/${clientId}`, user: 'strict', body: { client_id: clientId, client_secret: secret } },
  { method: 'POST', path: '/api/v3/authorizations/1', user: 'strict', body: { rm_scopes: ['repo'] } },
  { method: 'PATCH', path: '/api/v3/authorizations/1', user: 'strict', body: { note: 'x', colour: 'red' } },
  { method: 'POST', path: '/api/v3/authorizations', user: 'strict-ok', body: { note: 'fits the contract', scopes: ['repo'] } },
  { method: 'POST', path: '/api/v3/authorizations/1', user: 'strict-ok', body: { add_scopes: ['user'] } },
  { method: 'PATCH', path: '/api/v3/authorizations', user: 'strict-ok' },
  { method: 'GET', path: '/api/v3/authorizations/1', user: 'strict-ok' },
];
