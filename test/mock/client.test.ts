// Every operation through the package's own client (createClient, with its default GitHub
// headers and Basic credentials) against the running mock, at both base URLs: the simulator
// (as a new user) and --static (the documented examples); Prefer from the client; the mock's 422
// and 404 as the client's GitHubApiError.
import { describe, expect, it } from 'vitest';
import { type Client, createClient, GitHubApiError, type operationTable, paginateAll } from '../../src/index.js';
import { type Call, callFor, contractErrors, example, freshUser, headerExample, mockUrl, onBase, staticMockUrl } from './support/calls.js';

const clientId = 'abcde12345fghij67890';
const fingerprint = 'jklmnop12345678';

// One call per client function of the docs pages, typed, with the parameters and body of the matching
// raw call (support/calls.ts).
const calls = {
  listGrants: (ghes) => ghes.listGrants({ params: { query: { per_page: 30, page: 1 } } }),
  getGrant: (ghes) => ghes.getGrant({ params: { path: { grant_id: 1 } } }),
  deleteGrant: (ghes) => ghes.deleteGrant({ params: { path: { grant_id: 1 } } }),
  listAuthorizations: (ghes) => ghes.listAuthorizations(),
  createAuthorization: (ghes) => ghes.createAuthorization({ body: example('create-authorization-request') }),
  getOrCreateAuthorizationForApp: (ghes) => ghes.getOrCreateAuthorizationForApp({ params: { path: { client_id: clientId } }, body: example('get-or-create-authorization-for-app-request') }),
  getOrCreateAuthorizationForAppAndFingerprint: (ghes) =>
    ghes.getOrCreateAuthorizationForAppAndFingerprint({
      params: { path: { client_id: clientId, fingerprint } },
      body: example('get-or-create-authorization-for-app-and-fingerprint-request'),
    }),
  getAuthorization: (ghes) => ghes.getAuthorization({ params: { path: { authorization_id: 1 } } }),
  updateAuthorization: (ghes) => ghes.updateAuthorization({ params: { path: { authorization_id: 1 } }, body: { remove_scopes: ['user'], note: 'optional note' } }),
  deleteAuthorization: (ghes) => ghes.deleteAuthorization({ params: { path: { authorization_id: 1 } } }),
} satisfies Partial<Record<keyof typeof operationTable, (ghes: Client) => Promise<{ status: number; data: unknown; headers: Headers }>>>;

/** The raw call of the same operation (its expected status and example): `getGrant` → `get-grant`. */
const rawCallOf = (name: keyof typeof operationTable): Call => callFor(name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`));

describe.each(['', '/api/v3'])('createClient({ baseUrl: <--static>%s })', (prefix) => {
  const ghes = () => createClient({ baseUrl: `${staticMockUrl()}${prefix}`, username: 'octocat', password: 'secret' });

  it.each(Object.keys(calls) as Array<keyof typeof calls>)('%s answers its documented status and example', async (name) => {
    const { operation, status, answer } = rawCallOf(name);
    const result = await calls[name](ghes());
    expect(result.status).toBe(status);
    if (status === 204) return expect(result.data ?? '').toBe('');
    expect(contractErrors(operation, status, result.data)).toEqual([]);
    expect(result.data).toEqual(example(answer!));
  });
});

describe.each(['', '/api/v3'])('createClient({ baseUrl: <simulator>%s })', (prefix) => {
  const ghes = () => createClient({ baseUrl: `${mockUrl()}${prefix}`, username: freshUser('client'), password: 'secret' });
  // For a new user; get-or-create for the app creates (the seeded authorization has a fingerprint).
  const statuses: Partial<Record<keyof typeof calls, number>> = { getOrCreateAuthorizationForApp: 201 };

  it.each(Object.keys(calls) as Array<keyof typeof calls>)('%s answers as the server would, valid against the contract', async (name) => {
    const { operation, status } = rawCallOf(name);
    const result = await calls[name](ghes());
    expect(result.status).toBe(statuses[name] ?? status);
    if (result.status === 204) return expect(result.data ?? '').toBe('');
    expect(contractErrors(operation, result.status, result.data)).toEqual([]);
    expect(JSON.stringify(result.data)).not.toContain('HOSTNAME');
  });

  it('create → listed → paginate with per_page 1 → update → delete → get rejects with 404 "Not Found"', async () => {
    const client = ghes();
    const created = await client.createAuthorization({ body: { note: 'end to end', scopes: ['repo'] } });
    expect(created.status).toBe(201);
    const id = created.data.id;
    const all = await paginateAll(client.listAuthorizations, { params: { query: { per_page: 1 } } });
    expect(all.map((a) => a.id)).toEqual([1, 2, id]);
    expect((await client.updateAuthorization({ params: { path: { authorization_id: id } }, body: { add_scopes: ['user'] } })).data.scopes).toEqual(['repo', 'user']);
    expect((await client.deleteAuthorization({ params: { path: { authorization_id: id } } })).status).toBe(204);
    const failure = await client.getAuthorization({ params: { path: { authorization_id: id } } }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GitHubApiError);
    expect((failure as GitHubApiError).status).toBe(404);
    expect((failure as GitHubApiError).message).toBe('Not Found');
  });
});

describe('the client against the mock', () => {
  const ghes = () => createClient({ baseUrl: mockUrl(), username: freshUser('client'), password: 'secret' });

  it('reads Link on the lists and Location on a 201', async () => {
    const client = ghes();
    expect((await client.listAuthorizations({ params: { query: { per_page: 1 } } })).headers.get('link')).toBe(
      `<${mockUrl()}/authorizations?per_page=1&page=2>; rel="next", <${mockUrl()}/authorizations?per_page=1&page=2>; rel="last"`,
    );
    const created = await client.createAuthorization({ body: { note: 'release script' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(created.data.url);
    expect(created.headers.get('location')).toBe(`${mockUrl()}/authorizations/${created.data.id}`);
  });

  it("--static: reads the contract's Link and Location", async () => {
    const client = createClient({ baseUrl: staticMockUrl(), username: 'octocat', password: 'secret' });
    expect((await client.listGrants()).headers.get('link')).toBe(headerExample('link-grants'));
    expect((await client.createAuthorization({ body: { note: 'release script' } })).headers.get('location')).toBe(headerExample('location'));
  });

  it('chooses 201 of get-or-create with a Prefer header on the request', async () => {
    const result = await ghes().getOrCreateAuthorizationForApp({
      params: { path: { client_id: clientId } },
      body: { client_secret: 'x' },
      headers: { Prefer: 'code=201' },
    });
    expect(result.status).toBe(201);
    expect(result.data).toEqual(onBase(example('get-or-create-authorization-for-app-201'), mockUrl()));
  });

  it('chooses an error example with Prefer, and gets it as a GitHubApiError', async () => {
    const failure = await ghes()
      .createAuthorization({ body: { note: 'x' }, headers: { Prefer: 'example=note-already-exists' } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GitHubApiError);
    expect((failure as GitHubApiError).status).toBe(422);
    expect((failure as GitHubApiError).errors).toEqual(example('note-already-exists').errors);
  });

  it("gets the mock's own 422 naming the offending field", async () => {
    const failure = await ghes()
      .getOrCreateAuthorizationForApp({ params: { path: { client_id: clientId } }, body: { client_secret: 'y'.repeat(41) } })
      .catch((error: unknown) => error);
    expect((failure as GitHubApiError).status).toBe(422);
    expect((failure as GitHubApiError).errors.map(({ field, code }) => ({ field, code }))).toEqual([{ field: 'client_secret', code: 'invalid' }]);
  });

  it('without credentials, gets the 401 as an error', async () => {
    const failure = await createClient({ baseUrl: mockUrl() })
      .getAuthorization({ params: { path: { authorization_id: 1 } } })
      .catch((error: unknown) => error);
    expect((failure as GitHubApiError).status).toBe(401);
    expect((failure as GitHubApiError).message).toBe('Requires authentication');
  });
});
