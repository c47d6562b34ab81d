// Type tests (vitest typecheck): what each operation function accepts and answers. Every
// `@ts-expect-error` sits on the one line that must fail, so a type that stops failing fails here.
import { assertType, describe, expectTypeOf, it } from 'vitest';
import { createClient, GitHubApiError, paginate, paginateAll } from '../../src/index.js';
import type {
  ApplicationGrant,
  Authorization,
  BasicError,
  Client,
  ErrorOf,
  OperationIds,
  OperationName,
  OperationOf,
  operations,
  ResultOf,
  SimpleUser,
  ValidationError,
  ValidationErrorItem,
} from '../../src/index.js';

const client = createClient({ baseUrl: 'https://ghes.example.com/api/v3' });
const clientId = 'abcde12345fghij67890';

describe('createClient', () => {
  it('takes the documented options', () => {
    assertType<Client>(createClient({ baseUrl: 'https://ghes.example.com/api/v3', username: 'octocat', password: 'p', otp: '123456' }));
    assertType<Client>(createClient({ baseUrl: 'https://h/api/v3', otp: async (channel: string) => channel, userAgent: 'ua', headers: { 'X-A': 'b' }, fetch }));
    // @ts-expect-error baseUrl is required: nothing defaults to api.github.com
    createClient({ username: 'octocat', password: 'p' });
    // @ts-expect-error an otp callback returns the code
    createClient({ baseUrl: 'https://h/api/v3', otp: async () => 123456 });
  });

  it('has one function per operation and the raw openapi-fetch client', () => {
    expectTypeOf<keyof Client>().toEqualTypeOf<OperationName | 'raw'>();
    expectTypeOf(client.raw.GET).toBeFunction();
    expectTypeOf(client.raw.GET('/authorizations')).resolves.toHaveProperty('data').toEqualTypeOf<Authorization[] | undefined>();
  });

  it("knows each function's operationId, as a type only", () => {
    expectTypeOf<keyof OperationIds>().toEqualTypeOf<OperationName>();
    expectTypeOf<OperationIds['getOrCreateAuthorizationForApp']>().toEqualTypeOf<'oauth-authorizations/get-or-create-authorization-for-app'>();
    expectTypeOf<OperationOf<'getGrant'>>().toEqualTypeOf<operations['oauth-authorizations/get-grant']>();
  });
});

describe('listGrants', () => {
  it('takes optional paging and filter query parameters', () => {
    client.listGrants();
    client.listGrants({ params: { query: { per_page: 100, page: 2, client_id: clientId } } });
    // @ts-expect-error per_page is a number
    client.listGrants({ params: { query: { per_page: '100' } } });
    // @ts-expect-error there is no such query parameter
    client.listGrants({ params: { query: { sort: 'created' } } });
  });
  it('answers 200 with a list of grants', () => {
    expectTypeOf<ResultOf<'listGrants'>>().toEqualTypeOf<{ status: 200; data: ApplicationGrant[]; headers: Headers }>();
  });
});

describe('getGrant', () => {
  it('requires grant_id, a number', () => {
    client.getGrant({ params: { path: { grant_id: 1 } } });
    // @ts-expect-error the request (with grant_id) is required
    client.getGrant();
    // @ts-expect-error grant_id is required
    client.getGrant({ params: { path: {} } });
    // @ts-expect-error grant_id is a number
    client.getGrant({ params: { path: { grant_id: '1' } } });
  });
  it('answers 200 with one grant', () => {
    expectTypeOf(client.getGrant).returns.resolves.toEqualTypeOf<{ status: 200; data: ApplicationGrant; headers: Headers }>();
  });
});

describe('deleteGrant', () => {
  it('requires grant_id and takes no body', () => {
    client.deleteGrant({ params: { path: { grant_id: 1 } } });
    // @ts-expect-error no body
    client.deleteGrant({ params: { path: { grant_id: 1 } }, body: {} });
  });
  it('answers 204 with no data', () => {
    expectTypeOf<ResultOf<'deleteGrant'>>().toEqualTypeOf<{ status: 204; data: undefined; headers: Headers }>();
  });
});

describe('listAuthorizations', () => {
  it('takes optional query parameters', () => {
    client.listAuthorizations();
    client.listAuthorizations({ params: { query: { client_id: clientId, per_page: 1 } } });
    // @ts-expect-error client_id is a string
    client.listAuthorizations({ params: { query: { client_id: 1 } } });
  });
  it('answers 200 with a list of authorizations', () => {
    expectTypeOf<ResultOf<'listAuthorizations'>>().toEqualTypeOf<{ status: 200; data: Authorization[]; headers: Headers }>();
  });
});

describe('createAuthorization', () => {
  it('takes an optional body of request fields only', () => {
    client.createAuthorization();
    client.createAuthorization({ body: { scopes: ['repo'], note: 'ci', note_url: 'https://ci.example', client_id: clientId, client_secret: 's', fingerprint: 'f' } });
    client.createAuthorization({ body: { scopes: null } });
    client.createAuthorization({
      body: {
        note: 'ci',
        // @ts-expect-error token is a response field: it cannot be sent
        token: 'ghp_x',
      },
    });
    // @ts-expect-error scopes is a list of strings
    client.createAuthorization({ body: { scopes: 'repo' } });
    // @ts-expect-error no path parameters
    client.createAuthorization({ params: { path: { authorization_id: 1 } } });
  });
  it('answers 201 with the new authorization', () => {
    expectTypeOf<ResultOf<'createAuthorization'>>().toEqualTypeOf<{ status: 201; data: Authorization; headers: Headers }>();
  });
});

describe('getOrCreateAuthorizationForApp', () => {
  it('requires client_id in the path and client_secret in the body', () => {
    client.getOrCreateAuthorizationForApp({ params: { path: { client_id: clientId } }, body: { client_secret: 's', scopes: ['repo'], fingerprint: 'f' } });
    client.getOrCreateAuthorizationForApp({
      params: { path: { client_id: clientId } },
      // @ts-expect-error client_secret is required
      body: { scopes: ['repo'] },
    });
    // @ts-expect-error the body is required
    client.getOrCreateAuthorizationForApp({ params: { path: { client_id: clientId } } });
    // @ts-expect-error client_id is required
    client.getOrCreateAuthorizationForApp({ params: { path: {} }, body: { client_secret: 's' } });
  });
  it('answers 200 (existing token) or 201 (new token), told apart by status', async () => {
    expectTypeOf<ResultOf<'getOrCreateAuthorizationForApp'>['status']>().toEqualTypeOf<200 | 201>();
    const result = await client.getOrCreateAuthorizationForApp({ params: { path: { client_id: clientId } }, body: { client_secret: 's' } });
    if (result.status === 201) expectTypeOf(result.data).toEqualTypeOf<Authorization>();
    else expectTypeOf(result.status).toEqualTypeOf<200>();
  });
});

describe('getOrCreateAuthorizationForAppAndFingerprint', () => {
  it('requires client_id and fingerprint in the path, client_secret in the body', () => {
    client.getOrCreateAuthorizationForAppAndFingerprint({ params: { path: { client_id: clientId, fingerprint: 'laptop' } }, body: { client_secret: 's' } });
    // @ts-expect-error fingerprint is required in the path
    client.getOrCreateAuthorizationForAppAndFingerprint({ params: { path: { client_id: clientId } }, body: { client_secret: 's' } });
    client.getOrCreateAuthorizationForAppAndFingerprint({
      params: { path: { client_id: clientId, fingerprint: 'laptop' } },
      // @ts-expect-error client_secret is required
      body: {},
    });
    client.getOrCreateAuthorizationForAppAndFingerprint({
      params: { path: { client_id: clientId, fingerprint: 'laptop' } },
      // @ts-expect-error the fingerprint travels in the path, not in the body
      body: { client_secret: 's', fingerprint: 'laptop' },
    });
  });
  it('answers 200 or 201', () => {
    expectTypeOf<ResultOf<'getOrCreateAuthorizationForAppAndFingerprint'>>().toEqualTypeOf<
      { status: 200; data: Authorization; headers: Headers } | { status: 201; data: Authorization; headers: Headers }
    >();
  });
});

describe('getAuthorization', () => {
  it('requires authorization_id, a number', () => {
    client.getAuthorization({ params: { path: { authorization_id: 1 } } });
    // @ts-expect-error authorization_id is a number
    client.getAuthorization({ params: { path: { authorization_id: '1' } } });
    // @ts-expect-error the path parameter is authorization_id
    client.getAuthorization({ params: { path: { id: 1 } } });
  });
  it('answers 200 with one authorization', () => {
    expectTypeOf<ResultOf<'getAuthorization'>>().toEqualTypeOf<{ status: 200; data: Authorization; headers: Headers }>();
  });
});

describe('updateAuthorization', () => {
  const path = { authorization_id: 1 };
  it('takes at most one of scopes, add_scopes and remove_scopes', () => {
    client.updateAuthorization({ params: { path }, body: { scopes: ['repo'], note: 'n' } });
    client.updateAuthorization({ params: { path }, body: { add_scopes: ['gist'] } });
    client.updateAuthorization({ params: { path }, body: { remove_scopes: ['user'], fingerprint: 'f' } });
    client.updateAuthorization({ params: { path }, body: { note: 'only a note' } });
    client.updateAuthorization({ params: { path } });
    client.updateAuthorization({
      params: { path },
      // @ts-expect-error two scope keys in one update
      body: { scopes: ['repo'], add_scopes: ['gist'] },
    });
    client.updateAuthorization({
      params: { path },
      // @ts-expect-error two scope keys in one update
      body: { add_scopes: ['gist'], remove_scopes: ['user'] },
    });
    client.updateAuthorization({
      params: { path },
      // @ts-expect-error two scope keys in one update
      body: { scopes: ['repo'], remove_scopes: ['user'] },
    });
    // @ts-expect-error the path parameter is required
    client.updateAuthorization({ body: { note: 'n' } });
  });
  it('answers 200 with the updated authorization', () => {
    expectTypeOf<ResultOf<'updateAuthorization'>>().toEqualTypeOf<{ status: 200; data: Authorization; headers: Headers }>();
  });
});

describe('deleteAuthorization', () => {
  it('requires authorization_id and answers 204 with no data', () => {
    client.deleteAuthorization({ params: { path: { authorization_id: 1 } } });
    // @ts-expect-error authorization_id is required
    client.deleteAuthorization({});
    expectTypeOf<ResultOf<'deleteAuthorization'>>().toEqualTypeOf<{ status: 204; data: undefined; headers: Headers }>();
  });
});

describe('errors', () => {
  it('gives every operation a GitHubApiError, never undefined', () => {
    type Errors = { [Name in OperationName]: ErrorOf<Name> };
    expectTypeOf<Errors[OperationName]>().not.toBeUndefined();
    expectTypeOf<Errors[OperationName]>().toExtend<GitHubApiError<BasicError | ValidationError>>();
    expectTypeOf<ErrorOf<'listGrants'>['body']>().toEqualTypeOf<BasicError | undefined>();
    expectTypeOf<ErrorOf<'createAuthorization'>['body']>().toEqualTypeOf<BasicError | ValidationError | undefined>();
    // Its only documented error is the 422, but any status may come, with a basic error.
    expectTypeOf<ErrorOf<'updateAuthorization'>['body']>().toEqualTypeOf<ValidationError | BasicError | undefined>();
  });
  it('carries status, message, documentation_url and the 422 errors list', () => {
    const error = new GitHubApiError(422, { message: 'Validation Failed', documentation_url: 'https://docs.github.com' });
    expectTypeOf(error).toExtend<Error>();
    expectTypeOf(error.status).toEqualTypeOf<number>();
    expectTypeOf(error.message).toEqualTypeOf<string>();
    expectTypeOf(error.documentation_url).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.errors).toEqualTypeOf<ValidationErrorItem[]>();
  });
});

describe('generated schema types', () => {
  it('types nullable fields as T | null, never unknown', () => {
    expectTypeOf<Authorization['note']>().toEqualTypeOf<string | null>();
    expectTypeOf<Authorization['scopes']>().toEqualTypeOf<string[] | null>();
    expectTypeOf<Authorization['token_last_eight']>().toEqualTypeOf<string | null>();
    expectTypeOf<Authorization['expires_at']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Authorization['user']>().toEqualTypeOf<SimpleUser | null | undefined>();
    expectTypeOf<ApplicationGrant['user']>().toEqualTypeOf<SimpleUser | null | undefined>();
    expectTypeOf<SimpleUser['gravatar_id']>().toEqualTypeOf<string | null>();
    expectTypeOf<Authorization['id']>().toEqualTypeOf<number>();
  });
});

describe('paginate', () => {
  it('yields pages of the list function items', async () => {
    for await (const page of paginate(client.listAuthorizations, { params: { query: { per_page: 100 } } }, { maxPages: 5 })) {
      expectTypeOf(page).toEqualTypeOf<Authorization[]>();
    }
    expectTypeOf(paginateAll(client.listGrants)).resolves.toEqualTypeOf<ApplicationGrant[]>();
  });
  it('takes only list functions, with their own request type', () => {
    // @ts-expect-error getGrant does not answer with a list
    paginate(client.getGrant, { params: { path: { grant_id: 1 } } });
    // @ts-expect-error per_page is a number
    paginate(client.listGrants, { params: { query: { per_page: '1' } } });
  });
});
