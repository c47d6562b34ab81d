// The simulator's model (src/simulator/model.ts), without HTTP: the rules for authorizations and
// grants, tokens, ids, and the state's round trip.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getAuthorization200, listAuthorizations200, listGrants200 } from '../../generated/examples.js';
import { NotFound, ValidationFailed } from '../../src/simulator/errors.js';
import { AuthorizationsBackend, issueToken, limits, personalTokenClientId, timestamp, tokensPerAppAndScopes } from '../../src/simulator/model.js';
import { hasValidChecksum } from '../../src/simulator/token-format.js';
import { grantWithUrl, withUrl } from '../../src/simulator/urls.js';
import { isApplicationGrant, isAuthorization } from '../../src/validators.js';
import { clientId, secret } from './support.js';

const base = 'http://127.0.0.1:4010/api/v3';
const otherApp = 'zyxwv98765utsrq43210';
const backendWith = async () => {
  const backend = new AuthorizationsBackend();
  return { backend, token: () => issueToken('gho_'), pat: () => issueToken('ghp_') };
};

/** The failure of `run`, which must throw. */
function failureOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('it did not throw');
}

describe('issueToken', () => {
  it("has GitHub's format: the prefix and 36 characters of [A-Za-z0-9], its last eight, and its SHA-256 hex digest", async () => {
    for (const prefix of ['gho_', 'ghp_'] as const) {
      const issued = await issueToken(prefix);
      expect(issued.token).toMatch(new RegExp(`^${prefix}[A-Za-z0-9]{36}$`));
      expect(issued.token).toHaveLength(40);
      expect(issued.token_last_eight).toBe(issued.token.slice(-8));
      expect(issued.hashed_token).toBe(createHash('sha256').update(issued.token).digest('hex'));
      expect(hasValidChecksum(issued.token), `${issued.token}: its last 6 characters are the checksum of the 30 before`).toBe(true);
    }
  });

  it('is fresh each time', async () => {
    const tokens = await Promise.all(Array.from({ length: 50 }, () => issueToken('gho_')));
    expect(new Set(tokens.map((t) => t.token)).size).toBe(50);
  });
});

describe('a new user', () => {
  it('is seeded from the examples: the listed personal token and the single authorization, no URL (rendered per answer), no token kept', async () => {
    const { backend } = await backendWith();
    const authorizations = backend.listAuthorizations('octocat');
    expect(authorizations.map((a) => a.id)).toEqual([getAuthorization200.id, listAuthorizations200[0]!.id].sort());
    for (const authorization of authorizations) {
      expect(isAuthorization(withUrl(authorization, base))).toBe(true);
      expect(authorization).not.toHaveProperty('url');
      expect(authorization.token).toBe('');
    }
    expect(backend.getAuthorization('octocat', 1)).toMatchObject({ app: getAuthorization200.app, scopes: getAuthorization200.scopes, fingerprint: getAuthorization200.fingerprint });
  });

  it('has the grants of the examples: one per OAuth app, not the personal token', async () => {
    const { backend } = await backendWith();
    const grants = backend.listGrants('octocat');
    expect(grants.map((grant) => grantWithUrl(grant, base))).toEqual(listGrants200.map((grant) => ({ ...grant, url: `${base}/applications/grants/${grant.id}` })));
    expect(grants.every((grant) => isApplicationGrant(grantWithUrl(grant, base)))).toBe(true);
  });

  it("never sees another user's changes", async () => {
    const { backend, pat } = await backendWith();
    backend.createAuthorization('mona', { note: 'mine' }, await pat());
    backend.deleteAuthorization('hubot', 1);
    expect(backend.listAuthorizations('octocat').map((a) => a.id)).toEqual([1, 2]);
    expect(backend.listAuthorizations('mona').map((a) => a.id)).toEqual([1, 2, 3]);
    expect(backend.listAuthorizations('hubot').map((a) => a.id)).toEqual([2]);
  });
});

describe('createAuthorization', () => {
  it('a personal token: the next id, the token in this answer only, its digest kept, the note as the app name', async () => {
    const { backend, pat } = await backendWith();
    const issued = await pat();
    const created = backend.createAuthorization('octocat', { note: 'release script', scopes: ['repo', 'repo', 'user'] }, issued);
    expect(isAuthorization(withUrl(created, base))).toBe(true);
    expect(created).toMatchObject({
      id: 3,
      token: issued.token,
      hashed_token: issued.hashed_token,
      token_last_eight: issued.token_last_eight,
      note: 'release script',
      scopes: ['repo', 'user'],
      fingerprint: null,
    });
    expect(created.app).toEqual({ name: 'release script', url: listAuthorizations200[0]!.app.url, client_id: personalTokenClientId });
    expect(created.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(backend.getAuthorization('octocat', 3)).toEqual({ ...created, token: '' });
    expect(backend.listAuthorizations('octocat').map((a) => a.id)).toEqual([1, 2, 3]);
  });

  it("an OAuth app's token takes the app the examples name for its client ID, or one of its own", async () => {
    const { backend, token } = await backendWith();
    expect(backend.createAuthorization('octocat', { client_id: clientId, client_secret: secret }, await token()).app).toEqual(getAuthorization200.app);
    expect(backend.createAuthorization('octocat', { client_id: otherApp, client_secret: secret }, await token()).app).toEqual({
      client_id: otherApp,
      name: `OAuth app ${otherApp}`,
      url: `https://example.com/oauth-apps/${otherApp}`,
    });
  });

  it.each([
    ['a personal token without a note', {}, { field: 'note', code: 'missing_field' }],
    ['a client_id without its client_secret', { client_id: clientId }, { field: 'client_secret', code: 'missing_field' }],
    ['a client_secret without its client_id', { client_secret: secret, note: 'x' }, { field: 'client_id', code: 'missing_field' }],
    ['a note_url that is no URL', { note: 'x', note_url: 'not a url' }, { field: 'note_url', code: 'invalid' }],
  ])('%s → 422 naming the field, and nothing stored', async (_, input, item) => {
    const { backend, pat } = await backendWith();
    const issued = await pat();
    const failure = failureOf(() => backend.createAuthorization('octocat', input, issued));
    expect(failure).toBeInstanceOf(ValidationFailed);
    expect((failure as ValidationFailed).errors).toEqual([expect.objectContaining(item)]);
    expect(backend.listAuthorizations('octocat')).toHaveLength(2);
  });

  it("a second personal token with the same note → 422 already_exists on description (GitHub's name for the note)", async () => {
    const { backend, pat } = await backendWith();
    backend.createAuthorization('octocat', { note: 'ci' }, await pat());
    const issued = await pat();
    expect(failureOf(() => backend.createAuthorization('octocat', { note: 'ci' }, issued))).toMatchObject({ status: 422, errors: [{ field: 'description', code: 'already_exists' }] });
    // The seeded personal token's note is taken too.
    expect(failureOf(() => backend.createAuthorization('octocat', { note: listAuthorizations200[0]!.note! }, issued))).toMatchObject({ errors: [{ field: 'description', code: 'already_exists' }] });
    // An app's token may share a note.
    expect(backend.createAuthorization('octocat', { note: 'ci', client_id: clientId, client_secret: secret }, issued).id).toBe(4);
  });

  it('a second authorization for one app and fingerprint → 422 already_exists on fingerprint; another app may use it', async () => {
    const { backend, token } = await backendWith();
    const fingerprint = getAuthorization200.fingerprint!;
    const issued = await token();
    const failure = failureOf(() => backend.createAuthorization('octocat', { client_id: clientId, client_secret: secret, fingerprint }, issued));
    expect(failure).toMatchObject({ status: 422, errors: [{ field: 'fingerprint', code: 'already_exists' }] });
    expect(backend.createAuthorization('octocat', { client_id: otherApp, client_secret: secret, fingerprint }, await token()).fingerprint).toBe(fingerprint);
  });

  it(`an app keeps at most ${tokensPerAppAndScopes} tokens with the same scopes: the oldest are revoked`, async () => {
    const { backend, token } = await backendWith();
    const ids: number[] = [];
    for (let i = 0; i < tokensPerAppAndScopes + 3; i++) ids.push(backend.createAuthorization('octocat', { client_id: otherApp, client_secret: secret, scopes: ['repo'] }, await token()).id);
    const kept = backend.listAuthorizations('octocat', otherApp).map((a) => a.id);
    expect(kept).toEqual(ids.slice(-tokensPerAppAndScopes));
    // Other scopes are counted apart.
    backend.createAuthorization('octocat', { client_id: otherApp, client_secret: secret, scopes: ['user'] }, await token());
    expect(backend.listAuthorizations('octocat', otherApp)).toHaveLength(tokensPerAppAndScopes + 1);
  });
});

describe('getOrCreateAuthorization', () => {
  it("creates the app's authorization for a fingerprint the first time, then finds the same one", async () => {
    const { backend, token } = await backendWith();
    const first = backend.getOrCreateAuthorization('octocat', clientId, { client_secret: secret, fingerprint: 'laptop', note: 'n' }, await token());
    const second = backend.getOrCreateAuthorization('octocat', clientId, { client_secret: secret, fingerprint: 'laptop' }, await token());
    expect(first.created).toBe(true);
    expect(first.authorization.token).toMatch(/^gho_/);
    expect(second).toEqual({ created: false, authorization: { ...first.authorization, token: '' } });
  });

  it("without a fingerprint, finds the app's authorization that has none (the seeded one has one)", async () => {
    const { backend, token } = await backendWith();
    const first = backend.getOrCreateAuthorization('octocat', clientId, { client_secret: secret }, await token());
    expect(first.created).toBe(true);
    expect(first.authorization.fingerprint).toBeNull();
    expect(backend.getOrCreateAuthorization('octocat', clientId, { client_secret: secret }, await token()).authorization.id).toBe(first.authorization.id);
    expect(backend.getOrCreateAuthorization('octocat', clientId, { client_secret: secret, fingerprint: getAuthorization200.fingerprint! }, await token())).toMatchObject({
      created: false,
      authorization: { id: 1 },
    });
  });
});

describe('updateAuthorization', () => {
  it('applies scopes, add_scopes, remove_scopes, note, note_url and fingerprint, and bumps updated_at', async () => {
    const { backend } = await backendWith();
    const before = backend.getAuthorization('octocat', 1);
    const updatedFrom = timestamp();
    const added = backend.updateAuthorization('octocat', 1, { add_scopes: ['user', 'public_repo'], note: 'renamed', note_url: 'https://example.com/why', fingerprint: 'desk' });
    expect(added).toMatchObject({ scopes: ['public_repo', 'user'], note: 'renamed', note_url: 'https://example.com/why', fingerprint: 'desk', created_at: before.created_at });
    // The wall clock's second, read before and after the update: no bound on how long it took.
    expect(added.updated_at >= updatedFrom && added.updated_at <= timestamp()).toBe(true);
    expect(backend.updateAuthorization('octocat', 1, { remove_scopes: ['public_repo', 'gist'] }).scopes).toEqual(['user']);
    expect(backend.updateAuthorization('octocat', 1, { scopes: ['repo', 'repo'] }).scopes).toEqual(['repo']);
    expect(backend.updateAuthorization('octocat', 1, { scopes: null }).scopes).toEqual([]);
    expect(isAuthorization(withUrl(backend.getAuthorization('octocat', 1), base))).toBe(true);
  });

  it("renames a personal token's app with its note, and keeps notes unique", async () => {
    const { backend, pat } = await backendWith();
    backend.createAuthorization('octocat', { note: 'taken' }, await pat());
    expect(backend.updateAuthorization('octocat', 2, { note: 'deploys' }).app.name).toBe('deploys');
    expect(failureOf(() => backend.updateAuthorization('octocat', 2, { note: 'taken' }))).toMatchObject({ errors: [{ field: 'description', code: 'already_exists' }] });
    expect(backend.getAuthorization('octocat', 2).note).toBe('deploys');
  });

  it('an unknown id → NotFound', async () => {
    const { backend } = await backendWith();
    expect(failureOf(() => backend.updateAuthorization('octocat', 99, { note: 'x' }))).toBeInstanceOf(NotFound);
  });
});

describe('deletes', () => {
  it('deleteAuthorization removes it; ids are never given again', async () => {
    const { backend, pat } = await backendWith();
    const created = backend.createAuthorization('octocat', { note: 'a' }, await pat());
    backend.deleteAuthorization('octocat', created.id);
    expect(failureOf(() => backend.getAuthorization('octocat', created.id))).toBeInstanceOf(NotFound);
    expect(failureOf(() => backend.deleteAuthorization('octocat', created.id))).toBeInstanceOf(NotFound);
    expect(backend.createAuthorization('octocat', { note: 'b' }, await pat()).id).toBe(created.id + 1);
  });

  it('deleteGrant removes every authorization of its app, and the grant', async () => {
    const { backend, token } = await backendWith();
    backend.createAuthorization('octocat', { client_id: clientId, client_secret: secret, scopes: ['gist'] }, await token());
    backend.createAuthorization('octocat', { client_id: otherApp, client_secret: secret }, await token());
    const grant = backend.getGrant('octocat', 1);
    expect(grant.scopes).toEqual(['gist', 'public_repo']); // the union, sorted
    backend.deleteGrant('octocat', 1);
    expect(backend.listAuthorizations('octocat').map((a) => a.app.client_id)).toEqual([personalTokenClientId, otherApp]);
    expect(backend.listGrants('octocat').map((g) => g.app.client_id)).toEqual([otherApp]);
    expect(failureOf(() => backend.getGrant('octocat', 1))).toBeInstanceOf(NotFound);
  });
});

describe('the grants, derived once per change (model.ts keeps them per store version)', () => {
  it("follow every kind of change at once: a create, an update, the eleventh token, a delete, a grant's delete, a replace", async () => {
    const { backend, token } = await backendWith();
    const scopesOf = (id: number) => backend.getGrant('octocat', id).scopes;
    expect(scopesOf(1)).toEqual(['public_repo']);
    const created = backend.createAuthorization('octocat', { client_id: clientId, client_secret: secret, scopes: ['gist'] }, await token());
    expect(scopesOf(1)).toEqual(['gist', 'public_repo']);
    backend.updateAuthorization('octocat', created.id, { add_scopes: ['user'] });
    expect(scopesOf(1)).toEqual(['gist', 'public_repo', 'user']);
    expect(backend.getGrant('octocat', 1).updated_at).toBe(backend.getAuthorization('octocat', created.id).updated_at);
    for (let i = 0; i < tokensPerAppAndScopes; i++) backend.createAuthorization('octocat', { client_id: otherApp, client_secret: secret, scopes: ['repo'] }, await token());
    const firstOfOther = backend.listGrants('octocat').find((g) => g.app.client_id === otherApp)!.id;
    backend.createAuthorization('octocat', { client_id: otherApp, client_secret: secret, scopes: ['repo'] }, await token()); // revokes the oldest
    expect(backend.listGrants('octocat').find((g) => g.app.client_id === otherApp)!.id).toBe(firstOfOther + 1);
    backend.deleteAuthorization('octocat', created.id);
    expect(scopesOf(1)).toEqual(['public_repo']);
    backend.deleteGrant('octocat', firstOfOther + 1);
    expect(backend.listGrants('octocat').map((g) => g.app.client_id)).toEqual([clientId]);
    backend.replace({ octocat: { authorizations: [{ ...getAuthorization200, id: 9, scopes: ['admin:org'] }] } });
    expect(backend.listGrants('octocat').map((g) => [g.id, g.scopes])).toEqual([[9, ['admin:org']]]);
  });

  it('a caller changing the list it got changes nothing kept', async () => {
    const { backend } = await backendWith();
    backend.listGrants('octocat').pop();
    expect(backend.listGrants('octocat')).toHaveLength(1);
  });
});

describe('state, replace and reset', () => {
  it('state() round-trips through replace(), and is a copy', async () => {
    const { backend, pat } = await backendWith();
    backend.createAuthorization('octocat', { note: 'a' }, await pat());
    backend.listAuthorizations('mona');
    const state = backend.state();
    expect(Object.keys(state)).toEqual(['octocat', 'mona']);
    expect(state.octocat!.authorizations.every((a) => a.token === '')).toBe(true);
    state.octocat!.authorizations.pop();
    expect(backend.listAuthorizations('octocat')).toHaveLength(3);
    const copy = new AuthorizationsBackend();
    copy.replace(backend.state());
    expect(copy.state()).toEqual(backend.state());
    expect(backend.state('mona')).toEqual({ mona: state.mona });
    expect(backend.state('nobody')).toEqual({});
  });

  it("replace() drops a data set's tokens and continues its ids", async () => {
    const { backend, pat } = await backendWith();
    backend.replace({ octocat: { authorizations: [{ ...getAuthorization200, id: 7 }] } });
    expect(backend.getAuthorization('octocat', 7).token).toBe('');
    expect(backend.createAuthorization('octocat', { note: 'next' }, await pat()).id).toBe(8);
  });

  it('reset() forgets one user or all', async () => {
    const { backend } = await backendWith();
    backend.deleteAuthorization('octocat', 1);
    backend.deleteAuthorization('mona', 1);
    backend.reset('octocat');
    expect(backend.listAuthorizations('octocat')).toHaveLength(2);
    expect(backend.listAuthorizations('mona')).toHaveLength(1);
    backend.reset();
    expect(backend.listAuthorizations('mona')).toHaveLength(2);
  });
});

describe('limits', () => {
  it('a new user past the limit of users, or an authorization past the limit of authorizations, is refused with 403 saying how to make room', async () => {
    const saved = { ...limits };
    try {
      limits.users = 2;
      limits.authorizations = 5;
      const { backend, pat } = await backendWith();
      backend.listAuthorizations('one');
      backend.listAuthorizations('two');
      expect(failureOf(() => backend.listAuthorizations('three'))).toMatchObject({
        status: 403,
        body: { message: expect.stringMatching(/^The simulator is full: it holds 2 users\. POST \/_simulator\/reset/) },
      });
      backend.createAuthorization('one', { note: 'a' }, await pat());
      const issued = await pat();
      expect(failureOf(() => backend.createAuthorization('two', { note: 'b' }, issued))).toMatchObject({ status: 403, body: { message: expect.stringContaining('it holds 5 authorizations') } });
      backend.reset('one');
      expect(backend.createAuthorization('two', { note: 'b' }, issued).id).toBe(3);
    } finally {
      Object.assign(limits, saved);
    }
  });
});
