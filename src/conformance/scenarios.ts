// The conformance scenario table: one list of steps, as data, that the conformance kit sends to a
// real server and to the simulator in the same order, and that the simulator's own test suite
// (test/conformance/scenarios.test.ts) runs against the simulator, checking each `expect`. One
// table, so the kit and the tests cannot drift apart.
//
// Placeholders in a path or in a body's strings, filled in per run and per side:
//   {note:<word>}  the kit's note: notePrefix + the run's id + ' ' + word (only such notes are created)
//   {clientId} {clientSecret} {fingerprint}  the OAuth app the kit may use (see `needs`)
//   {<name>}       a value an earlier step captured (`capture`), e.g. {created}
// A step whose `needs` is not met is skipped with the reason (e.g. no OAuth app given).

/** Every authorization the kit creates has a note that starts with this; nothing else is ever deleted. */
export const notePrefix = 'ghes-oauth-authorizations-kit ';

/** The kit's fingerprint (get-or-create's second variant): its own, so it never matches another app authorization. */
export const kitFingerprint = 'ghes-oauth-authorizations-kit';

/** What a step can compare between the target and the reference simulator. */
export const checkNames = ['status', 'message', 'errors', 'fields', 'body', 'token', 'location', 'link', 'etag', 'x-github-otp', 'x-github-media-type', 'cache-control', 'contract'] as const;
export type CheckName = (typeof checkNames)[number];

export interface StepRequest {
  method: string;
  /** Under the API's base URL (…/api/v3), with placeholders. */
  path: string;
  body?: Record<string, unknown>;
  /** How it authenticates: the user's Basic credentials (default), a wrong password, or a token the kit created (`{createdToken}`). */
  credentials?: 'basic' | 'wrong-password' | 'token';
  /** false: no X-GitHub-OTP, even on a two-factor account (the challenge). */
  otp?: false;
  /** The captured ETag sent back in If-None-Match. */
  ifNoneMatch?: string;
}

export interface Step {
  name: string;
  /** One line: what it sends and why (printed by --dry-run). */
  does: string;
  request: StepRequest;
  /** `two-factor`: only on an account with two-factor authentication; `oauth-app`: only with an OAuth app only the kit uses. */
  needs?: 'two-factor' | 'oauth-app';
  /** Values kept for later steps: name → `body.<field>` or `header.<name>`. */
  capture?: Record<string, string>;
  /** A list answer: compare only the kit's own items (others on a real server are not the kit's business). */
  kitItemsOnly?: boolean;
  /** The answer's `id` is an authorization the kit created: deleted at the end if still there. */
  creates?: boolean;
  /** The captured authorization id this step deletes (`app`: every authorization of the kit's OAuth app). */
  deletes?: string;
  compare: readonly CheckName[];
  /** What the simulator answers (checked by test/conformance/scenarios.test.ts); `headers`: true = present, null = absent. */
  expect: { status: number; message?: string; errors?: ReadonlyArray<{ field: string; code: string }>; headers?: Readonly<Record<string, string | true | null>> };
}

// The checks of every answer with a JSON body.
const answer: readonly CheckName[] = ['status', 'message', 'errors', 'fields', 'body', 'x-github-media-type', 'cache-control', 'contract'];

/**
 * What the simulator answers, from GitHub's recorded behaviour (issue 17, docs/decisions.md), where
 * it once answered otherwise: an unserved method is a 404 (it was 405), a token in place of a
 * password a 403 (it was 401). The kit compares the target with the simulator, whatever it
 * answers; only the simulator's own test reads these.
 */
export const pendingTruth = {
  unservedMethod: { status: 404, message: 'Not Found' },
  tokenInsteadOfPassword: { status: 403, message: 'This API can only be accessed with username and password Basic Auth' },
} as const;

export const scenarios: readonly Step[] = [
  {
    name: 'otp-challenge',
    does: 'GET /authorizations without X-GitHub-OTP: a two-factor account is challenged (401, X-GitHub-OTP: required; …)',
    request: { method: 'GET', path: '/authorizations', otp: false },
    needs: 'two-factor',
    compare: [...answer, 'x-github-otp'],
    expect: { status: 401, message: 'Must specify two-factor authentication OTP code.', headers: { 'x-github-otp': true } },
  },
  {
    name: 'otp-retry',
    does: 'the same GET with the two-factor code: it goes through',
    request: { method: 'GET', path: '/authorizations' },
    needs: 'two-factor',
    kitItemsOnly: true,
    compare: [...answer, 'x-github-otp'],
    expect: { status: 200, headers: { 'x-github-otp': null } },
  },
  {
    name: 'create',
    does: "POST /authorizations: a personal token with the kit's note (201, Location, the token once)",
    request: { method: 'POST', path: '/authorizations', body: { scopes: ['public_repo'], note: '{note:create}' } },
    capture: { created: 'body.id', createdToken: 'body.token' },
    creates: true,
    compare: [...answer, 'token', 'location'],
    expect: { status: 201, headers: { location: true } },
  },
  {
    name: 'get',
    does: 'GET /authorizations/{created}: it, with an ETag and no token',
    request: { method: 'GET', path: '/authorizations/{created}' },
    capture: { etag: 'header.etag' },
    compare: [...answer, 'token', 'etag'],
    expect: { status: 200, headers: { etag: true } },
  },
  {
    name: 'not-modified',
    does: 'the same GET with If-None-Match: its ETag: 304, no body',
    request: { method: 'GET', path: '/authorizations/{created}', ifNoneMatch: 'etag' },
    compare: ['status', 'etag', 'cache-control'],
    expect: { status: 304 },
  },
  {
    name: 'create-second',
    does: 'POST /authorizations: a second personal token, for the pages',
    request: { method: 'POST', path: '/authorizations', body: { scopes: [], note: '{note:second}' } },
    capture: { second: 'body.id' },
    creates: true,
    compare: [...answer, 'token', 'location'],
    expect: { status: 201, headers: { location: true } },
  },
  {
    name: 'list',
    does: "GET /authorizations?per_page=100: the kit's two tokens are in it (only they are compared)",
    request: { method: 'GET', path: '/authorizations?per_page=100' },
    kitItemsOnly: true,
    compare: [...answer, 'token', 'etag'],
    expect: { status: 200, headers: { etag: true } },
  },
  {
    name: 'pages',
    does: 'GET /authorizations?per_page=1: one item and a Link to the next and last pages',
    request: { method: 'GET', path: '/authorizations?per_page=1' },
    kitItemsOnly: true,
    compare: ['status', 'link', 'x-github-media-type', 'cache-control', 'contract'],
    expect: { status: 200, headers: { link: true } },
  },
  {
    name: 'duplicate-note',
    does: "POST /authorizations with the first token's note again: 422 already_exists (GitHub names the field description)",
    request: { method: 'POST', path: '/authorizations', body: { scopes: [], note: '{note:create}' } },
    creates: true,
    compare: answer,
    expect: { status: 422, message: 'Validation Failed', errors: [{ field: 'description', code: 'already_exists' }] },
  },
  {
    name: 'missing-note',
    does: 'POST /authorizations without a note or an app: 422 missing_field on note',
    request: { method: 'POST', path: '/authorizations', body: { scopes: [] } },
    creates: true,
    compare: answer,
    expect: { status: 422, message: 'Validation Failed', errors: [{ field: 'note', code: 'missing_field' }] },
  },
  {
    name: 'update-scopes',
    does: 'PATCH /authorizations/{created} {scopes}: replaces the scopes',
    request: { method: 'PATCH', path: '/authorizations/{created}', body: { scopes: ['repo'] } },
    compare: [...answer, 'token'],
    expect: { status: 200 },
  },
  {
    name: 'update-add-scopes',
    does: 'PATCH /authorizations/{created} {add_scopes}: adds one',
    request: { method: 'PATCH', path: '/authorizations/{created}', body: { add_scopes: ['gist'] } },
    compare: [...answer, 'token'],
    expect: { status: 200 },
  },
  {
    name: 'update-remove-scopes',
    does: 'PATCH /authorizations/{created} {remove_scopes}: removes it',
    request: { method: 'PATCH', path: '/authorizations/{created}', body: { remove_scopes: ['gist'] } },
    compare: [...answer, 'token'],
    expect: { status: 200 },
  },
  {
    name: 'update-note',
    does: "PATCH /authorizations/{created} {note}: a new note (still the kit's)",
    request: { method: 'PATCH', path: '/authorizations/{created}', body: { note: '{note:renamed}' } },
    compare: [...answer, 'token'],
    expect: { status: 200 },
  },
  {
    name: 'wrong-password',
    does: 'GET /authorizations with a wrong password (one attempt): 401 Bad credentials',
    request: { method: 'GET', path: '/authorizations', credentials: 'wrong-password', otp: false },
    compare: answer,
    expect: { status: 401, message: 'Bad credentials' },
  },
  {
    name: 'token-instead-of-password',
    does: "GET /authorizations with the kit's new token as `Authorization: token …`: this API wants Basic",
    request: { method: 'GET', path: '/authorizations', credentials: 'token', otp: false },
    compare: answer,
    expect: pendingTruth.tokenInsteadOfPassword,
  },
  {
    name: 'unserved-method',
    does: 'PUT /authorizations (a method the path does not serve; no body)',
    request: { method: 'PUT', path: '/authorizations' },
    compare: ['status', 'message', 'x-github-media-type', 'cache-control'],
    expect: pendingTruth.unservedMethod,
  },
  {
    name: 'get-or-create',
    does: "PUT /authorizations/clients/{clientId}: the kit's app token is created (201, Location)",
    request: { method: 'PUT', path: '/authorizations/clients/{clientId}', body: { client_secret: '{clientSecret}', scopes: ['public_repo'], note: '{note:app}' } },
    needs: 'oauth-app',
    capture: { appAuthorization: 'body.id' },
    creates: true,
    compare: [...answer, 'token', 'location'],
    expect: { status: 201, headers: { location: true } },
  },
  {
    name: 'get-or-create-again',
    does: 'the same PUT again: the same authorization, 200, no token',
    request: { method: 'PUT', path: '/authorizations/clients/{clientId}', body: { client_secret: '{clientSecret}', scopes: ['public_repo'], note: '{note:app}' } },
    needs: 'oauth-app',
    compare: [...answer, 'token', 'location'],
    expect: { status: 200 },
  },
  {
    name: 'get-or-create-fingerprint',
    does: 'PUT /authorizations/clients/{clientId}/{fingerprint}: a second app token, for that fingerprint (201)',
    request: { method: 'PUT', path: '/authorizations/clients/{clientId}/{fingerprint}', body: { client_secret: '{clientSecret}', scopes: ['public_repo'], note: '{note:fingerprint}' } },
    needs: 'oauth-app',
    creates: true,
    compare: [...answer, 'token', 'location'],
    expect: { status: 201, headers: { location: true } },
  },
  {
    name: 'get-or-create-fingerprint-again',
    does: 'the same PUT again: 200, the same authorization',
    request: { method: 'PUT', path: '/authorizations/clients/{clientId}/{fingerprint}', body: { client_secret: '{clientSecret}', scopes: ['public_repo'], note: '{note:fingerprint}' } },
    needs: 'oauth-app',
    compare: [...answer, 'token', 'location'],
    expect: { status: 200 },
  },
  {
    name: 'grants-list',
    does: "GET /applications/grants?client_id={clientId}: the kit's app's grant",
    request: { method: 'GET', path: '/applications/grants?client_id={clientId}' },
    needs: 'oauth-app',
    capture: { grant: 'body.0.id' },
    compare: [...answer, 'etag'],
    expect: { status: 200, headers: { etag: true } },
  },
  {
    name: 'grant-get',
    does: 'GET /applications/grants/{grant}: that grant',
    request: { method: 'GET', path: '/applications/grants/{grant}' },
    needs: 'oauth-app',
    compare: [...answer, 'etag'],
    expect: { status: 200, headers: { etag: true } },
  },
  {
    name: 'grant-delete',
    does: "DELETE /applications/grants/{grant}: revokes the app's authorizations (only the kit's: checked before)",
    request: { method: 'DELETE', path: '/applications/grants/{grant}' },
    needs: 'oauth-app',
    deletes: 'app',
    compare: ['status', 'x-github-media-type', 'cache-control'],
    expect: { status: 204 },
  },
  {
    name: 'delete',
    does: 'DELETE /authorizations/{second}: 204',
    request: { method: 'DELETE', path: '/authorizations/{second}' },
    deletes: 'second',
    compare: ['status', 'x-github-media-type', 'cache-control'],
    expect: { status: 204 },
  },
  {
    name: 'unknown-id',
    does: 'GET /authorizations/{second}, just deleted: 404 Not Found',
    request: { method: 'GET', path: '/authorizations/{second}' },
    compare: answer,
    expect: { status: 404, message: 'Not Found' },
  },
  {
    name: 'delete-first',
    does: "DELETE /authorizations/{created}: 204; nothing of the kit's is left",
    request: { method: 'DELETE', path: '/authorizations/{created}' },
    deletes: 'created',
    compare: ['status', 'x-github-media-type', 'cache-control'],
    expect: { status: 204 },
  },
];
