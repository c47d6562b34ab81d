// Type tests: the credential pair (both or neither) and an update's scope keys (one at most, and a
// type error that names the rule). The wording of those errors: test/client/editor.test.ts.
import { describe, expectTypeOf, it } from 'vitest';
import { createClient } from '../../src/index.js';
import type { Client, ClientOptions, OneOfScopesAddScopesRemoveScopes, RequestOf } from '../../src/index.js';

const baseUrl = 'https://ghes.example.com/api/v3';

describe('username and password', () => {
  it('go together', () => {
    expectTypeOf(createClient({ baseUrl, username: 'octocat', password: 'secret' })).toEqualTypeOf<Client>();
    expectTypeOf(createClient({ baseUrl })).toEqualTypeOf<Client>();
    // @ts-expect-error a username without its password
    createClient({ baseUrl, username: 'octocat' });
    // @ts-expect-error a password without its username
    createClient({ baseUrl, password: 'secret' });
  });

  it('are both strings when one is', () => {
    expectTypeOf<Extract<ClientOptions, { username: string }>['password']>().toEqualTypeOf<string>();
    const fromEnvironment = (password: string | undefined) =>
      // @ts-expect-error a password that may be missing: check it first
      createClient({ baseUrl, username: 'octocat', password });
    void fromEnvironment;
  });
});

describe("an update's scope keys", () => {
  const client = createClient({ baseUrl });
  const path = { authorization_id: 1 };

  it('take one of scopes, add_scopes, remove_scopes, with the other fields', () => {
    client.updateAuthorization({ params: { path }, body: { scopes: ['repo'], note: 'n', note_url: 'https://ci.example', fingerprint: 'f' } });
    client.updateAuthorization({ params: { path }, body: { scopes: null } });
    client.updateAuthorization({ params: { path }, body: { add_scopes: ['gist'] } });
    client.updateAuthorization({ params: { path }, body: { remove_scopes: ['user'] } });
    client.updateAuthorization({ params: { path }, body: { note: 'only the note' } });
  });

  it('type a second one as the rule, which no value meets', () => {
    // @ts-expect-error two scope keys
    client.updateAuthorization({ params: { path }, body: { scopes: ['repo'], add_scopes: ['gist'] } });
    // @ts-expect-error not even the rule's own words
    client.updateAuthorization({ params: { path }, body: { scopes: ['repo'], add_scopes: 'Send only one of scopes, add_scopes, remove_scopes per update' } });
    expectTypeOf<OneOfScopesAddScopesRemoveScopes>().toExtend<'Send only one of scopes, add_scopes, remove_scopes per update'>();
    type AddOnly = Extract<RequestOf<'updateAuthorization'>['body'], { add_scopes?: string[] }>;
    expectTypeOf<NonNullable<AddOnly['scopes']>>().toEqualTypeOf<OneOfScopesAddScopesRemoveScopes>();
  });

  it('leave the other bodies as generated', () => {
    client.createAuthorization({ body: { scopes: ['repo'], note: 'n' } });
    // @ts-expect-error a create takes no add_scopes
    client.createAuthorization({ body: { add_scopes: ['repo'] } });
  });
});
