// The requests old clients send, byte for byte as they send them (headers and bodies from their
// source and from their recorded cassettes), against `npm start`: GitHub accepted them, so the
// simulator does, naming in X-Simulator-Reason what GitHub ignored or took otherwise; against
// `npm start -- --strict`, each lenient case is the contract's 422 again, naming the field.
// - github3.py (sigmavirus24/github3.py, src/github3/auths.py and tests/cassettes/Authorization_*.json,
//   GitHub_authorize.json, recorded 2018-02-24): authorize() with empty client_id, client_secret
//   and note_url; updates by POST; `rm_scopes`, which GitHub ignored (the scopes stayed).
// - @octokit/rest 16 (oauthAuthorizations.*) and octokit.rb (create_authorization idempotent:
//   true, which repeats client_id in the body; `scope`, a field GitHub never had).
import { describe, expect, it } from 'vitest';
import { basicFor, contractErrors, freshUser, mockUrl, strictMockUrl } from './support/calls.js';

const clientId = 'abcde12345fghij67890';
const clientSecret = '3ef4ad510c59ad37bac6bb4f80047fb3aee3cc7f';

const github3Headers = { 'user-agent': 'github3.py/1.0.0a4', accept: 'application/vnd.github.v3.full+json', 'accept-charset': 'utf-8', 'content-type': 'application/json' };
const octokitRest16Headers = { 'user-agent': 'octokit.js/16.43.2 Node.js/12.22.12 (Linux 5.4; x64)', accept: 'application/vnd.github.v3+json', 'content-type': 'application/json; charset=utf-8' };
const octokitRbHeaders = { 'user-agent': 'Octokit Ruby Gem 4.12.0', accept: 'application/vnd.github.v3+json', 'content-type': 'application/json' };

/** Sends `body` (as JSON text, as the client writes it) with `headers` and `user`'s Basic credentials. */
async function exchange(url: string, user: string, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const response = await fetch(`${url}${path}`, { method, headers: { ...headers, authorization: basicFor(user) }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text), reason: response.headers.get('x-simulator-reason') ?? '' };
}

describe('github3.py, as recorded against api.github.com', () => {
  const authorize = { note: 'testing github3.py', note_url: '', client_id: '', client_secret: '', scopes: ['gist'] };

  it('authorize() → 201 a personal token (empty client_id and client_secret taken as absent); its Accept echoed as param=full', async () => {
    const answer = await exchange(mockUrl(), freshUser('github3'), 'POST', '/authorizations', github3Headers, authorize);
    expect(answer.status).toBe(201);
    expect(contractErrors('create-authorization', 201, answer.body)).toEqual([]);
    expect(answer.body).toMatchObject({ note: 'testing github3.py', scopes: ['gist'], app: { name: 'testing github3.py', client_id: '00000000000000000000' }, fingerprint: null });
    expect(answer.body.token).toMatch(/^ghp_/);
    // GitHub stored note_url "" as it came, and the personal token's app kept the docs' URL.
    expect(answer.body.note_url).toBe('');
    expect(answer.headers.get('x-github-media-type')).toBe('github.v3; param=full; format=json');
    expect(answer.headers.get('cache-control')).toBe('private, max-age=60, s-maxage=60');
    expect(answer.headers.get('etag')).toMatch(/^"[0-9a-f]{16}"$/);
    expect(answer.headers.get('location')).toBe(answer.body.url);
    expect(answer.reason).toContain('(as GitHub took the body: client_id "" taken as absent; client_secret "" taken as absent)');
  });

  it("GitHub.authorize() with a note_url: the personal token's app shows it as its URL", async () => {
    const answer = await exchange(mockUrl(), freshUser('github3'), 'POST', '/authorizations', github3Headers, {
      note: 'Test authorization',
      note_url: 'http://example.com',
      client_id: '',
      client_secret: '',
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ note_url: 'http://example.com', app: { name: 'Test authorization', url: 'http://example.com', client_id: '00000000000000000000' } });
  });

  it('add_scopes, replace_scopes (POST on the authorization), remove_scopes (its `rm_scopes` ignored, as GitHub did), delete (204 with X-GitHub-Media-Type)', async () => {
    const user = freshUser('github3');
    const created = await exchange(mockUrl(), user, 'POST', '/authorizations', github3Headers, authorize);
    const path = `/authorizations/${created.body.id}`;
    const added = await exchange(mockUrl(), user, 'POST', path, github3Headers, { add_scopes: ['user'] });
    expect([added.status, added.body.scopes]).toEqual([200, ['gist', 'user']]);
    expect(contractErrors('update-authorization', 200, added.body)).toEqual([]);
    expect(added.headers.get('etag')).toMatch(/^W\/"[0-9a-f]{16}"$/);
    const removed = await exchange(mockUrl(), user, 'POST', path, github3Headers, { rm_scopes: ['user'] });
    expect([removed.status, removed.body.scopes]).toEqual([200, ['gist', 'user']]);
    expect(removed.reason).toContain('rm_scopes ignored (not a field of this request)');
    const replaced = await exchange(mockUrl(), user, 'POST', path, github3Headers, { scopes: ['user', 'public_repo'] });
    expect([replaced.status, replaced.body.scopes]).toEqual([200, ['user', 'public_repo']]);
    const read = await exchange(mockUrl(), user, 'GET', path, github3Headers);
    expect(read.headers.get('last-modified')).toBe(new Date(read.body.updated_at).toUTCString());
    const deleted = await exchange(mockUrl(), user, 'DELETE', path, github3Headers);
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get('x-github-media-type')).toBe('github.v3; param=full; format=json');
    expect(deleted.headers.get('cache-control')).toBeNull();
  });

  it("--strict: the contract's 422, naming the field", async () => {
    const user = freshUser('github3-strict');
    const refused = await exchange(strictMockUrl(), user, 'POST', '/authorizations', github3Headers, authorize);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ resource: 'OauthAccess', field: 'client_id', code: 'invalid', message: 'client_id is empty' }]);
    const created = await exchange(strictMockUrl(), user, 'POST', '/authorizations', github3Headers, { note: 'strict', scopes: ['gist'] });
    const unknown = await exchange(strictMockUrl(), user, 'POST', `/authorizations/${created.body.id}`, github3Headers, { rm_scopes: ['gist'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ resource: 'OauthAccess', field: 'rm_scopes', code: 'invalid', message: 'rm_scopes is not a field of this request' }]);
    // An empty note_url is the contract's too: strict mode stores it as GitHub did.
    const emptyUrl = await exchange(strictMockUrl(), user, 'POST', '/authorizations', github3Headers, { note: 'strict url', note_url: '' });
    expect(emptyUrl.status).toBe(201);
    expect(emptyUrl.body.note_url).toBe('');
    const notUrl = await exchange(strictMockUrl(), user, 'POST', '/authorizations', github3Headers, { note: 'strict bad url', note_url: 'not a url' });
    expect(notUrl.status).toBe(422);
    expect(notUrl.body.errors).toEqual([expect.objectContaining({ field: 'note_url', code: 'invalid' })]);
  });
});

describe('@octokit/rest 16 and octokit.rb', () => {
  it('@octokit/rest 16: createAuthorization, both get-or-creates, updateAuthorization (PATCH), deleteAuthorization', async () => {
    const user = freshUser('rest16');
    const created = await exchange(mockUrl(), user, 'POST', '/authorizations', octokitRest16Headers, {
      scopes: ['repo'],
      note: 'octokit rest 16',
      note_url: 'https://github.com/octokit/rest.js',
      fingerprint: 'fp16',
    });
    expect(created.status).toBe(201);
    const forApp = await exchange(mockUrl(), user, 'PUT', `/authorizations/clients/${clientId}`, octokitRest16Headers, { client_secret: clientSecret, scopes: ['repo'], note: 'rest 16 app' });
    expect(forApp.status).toBe(201);
    const forAppAgain = await exchange(mockUrl(), user, 'PUT', `/authorizations/clients/${clientId}`, octokitRest16Headers, { client_secret: clientSecret, scopes: ['repo'], note: 'rest 16 app' });
    expect([forAppAgain.status, forAppAgain.body.id]).toEqual([200, forApp.body.id]);
    const forFingerprint = await exchange(mockUrl(), user, 'PUT', `/authorizations/clients/${clientId}/rest16-laptop`, octokitRest16Headers, {
      client_secret: clientSecret,
      scopes: ['repo'],
      note: 'rest 16 laptop',
    });
    expect(forFingerprint.status).toBe(201);
    // Older releases also put the fingerprint in the body: GitHub took the path's.
    const again = await exchange(mockUrl(), user, 'PUT', `/authorizations/clients/${clientId}/rest16-laptop`, octokitRest16Headers, { client_secret: clientSecret, fingerprint: 'rest16-laptop' });
    expect([again.status, again.body.id]).toEqual([200, forFingerprint.body.id]);
    expect(again.reason).toContain('fingerprint ignored (not a field of this request)');
    const updated = await exchange(mockUrl(), user, 'PATCH', `/authorizations/${created.body.id}`, octokitRest16Headers, { add_scopes: ['user'], note: 'octokit rest 16 (updated)' });
    expect([updated.status, updated.body.scopes, updated.body.note]).toEqual([200, ['repo', 'user'], 'octokit rest 16 (updated)']);
    expect((await exchange(mockUrl(), user, 'DELETE', `/authorizations/${created.body.id}`, octokitRest16Headers)).status).toBe(204);
  });

  it('octokit.rb: a get-or-create that repeats client_id in its body, and a create with `scope` → accepted, each named; --strict → 422', async () => {
    const user = freshUser('octokit-rb');
    const body = { client_id: clientId, client_secret: clientSecret, scopes: ['user'], fingerprint: 'rb' };
    const created = await exchange(mockUrl(), user, 'PUT', `/authorizations/clients/${clientId}`, octokitRbHeaders, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ app: { client_id: clientId }, fingerprint: 'rb', scopes: ['user'] });
    expect(created.reason).toContain('client_id ignored (the path names the app)');
    const existing = await exchange(mockUrl(), user, 'PUT', `/authorizations/clients/${clientId}`, octokitRbHeaders, body);
    expect([existing.status, existing.body.id]).toEqual([200, created.body.id]);
    const scope = await exchange(mockUrl(), user, 'POST', '/authorizations', octokitRbHeaders, { note: 'octokit.rb', scope: 'repo' });
    expect([scope.status, scope.body.scopes]).toEqual([201, []]);
    expect(scope.reason).toContain('scope ignored (not a field of this request)');

    const strict = freshUser('octokit-rb-strict');
    const repeated = await exchange(strictMockUrl(), strict, 'PUT', `/authorizations/clients/${clientId}`, octokitRbHeaders, body);
    expect(repeated.status).toBe(422);
    expect(repeated.body.errors).toEqual([{ resource: 'OauthAccess', field: 'client_id', code: 'invalid', message: 'client_id is not a field of this request' }]);
    const scopeStrict = await exchange(strictMockUrl(), strict, 'POST', '/authorizations', octokitRbHeaders, { note: 'octokit.rb', scope: 'repo' });
    expect(scopeStrict.status).toBe(422);
    expect(scopeStrict.body.errors).toEqual([{ resource: 'OauthAccess', field: 'scope', code: 'invalid', message: 'scope is not a field of this request' }]);
  });
});
