// A consumer of the published package: uses every export, so the consumer check type-checks each
// one under NodeNext and Bundler resolution, then runs it against the mock.
import { createClient, GitHubApiError, paginateAll, parseLink, type Authorization, type ClientOptions } from 'ghes-oauth-authorizations';
import type { components, operations, paths } from 'ghes-oauth-authorizations/schema';
import contract from 'ghes-oauth-authorizations/openapi.json' with { type: 'json' };
import { getAuthorization200, listGrants200 } from 'ghes-oauth-authorizations/examples';
import { assertApplicationGrant, assertAuthorization, assertValidationError, isAuthorization } from 'ghes-oauth-authorizations/validators';
import { runConformance } from 'ghes-oauth-authorizations/conformance';

type Grant = components['schemas']['application-grant'];
type CreateBody = NonNullable<operations['oauth-authorizations/create-authorization']['requestBody']>['content']['application/json'];
const routes: Array<keyof paths> = ['/authorizations', '/applications/grants'];

/** Calls all ten operations (and one failing call) against `baseUrl`; returns one line per call. */
export async function main(baseUrl: string): Promise<string[]> {
  const options: ClientOptions = { baseUrl, username: 'octocat', password: 'pässwörd' };
  const client = createClient(options);
  const done: string[] = [];

  const grants: Grant[] = (await client.listGrants()).data;
  grants.forEach(assertApplicationGrant);
  done.push(`listGrants ${grants.length}`);
  const grant = await client.getGrant({ params: { path: { grant_id: grants[0]?.id ?? 1 } } });
  assertApplicationGrant(grant.data);
  done.push(`getGrant ${grant.status}`);
  done.push(`deleteGrant ${(await client.deleteGrant({ params: { path: { grant_id: 1 } } })).status}`);

  const all: Authorization[] = await paginateAll(client.listAuthorizations, { params: { query: { per_page: 100 } } }, { maxPages: 1 });
  all.forEach(assertAuthorization);
  done.push(`listAuthorizations ${all.length}`);
  const body: CreateBody = { scopes: ['public_repo'], note: 'consumer check' };
  const created = await client.createAuthorization({ body });
  assertAuthorization(created.data);
  done.push(`createAuthorization ${created.status}`);
  const secret = { client_secret: '3ef4ad510c59ad37bac6bb4f80047fb3aee3cc7f' };
  const forApp = await client.getOrCreateAuthorizationForApp({ params: { path: { client_id: 'abcde12345fghij67890' } }, body: secret });
  assertAuthorization(forApp.data);
  done.push(`getOrCreateAuthorizationForApp ${forApp.status}`);
  const forFingerprint = await client.getOrCreateAuthorizationForAppAndFingerprint({
    params: { path: { client_id: 'abcde12345fghij67890', fingerprint: 'laptop' } },
    body: secret,
  });
  assertAuthorization(forFingerprint.data);
  done.push(`getOrCreateAuthorizationForAppAndFingerprint ${forFingerprint.status}`);
  // The mock remembers: the authorization created above (deleting grant 1 deleted authorization 1).
  const authorization_id = created.data.id;
  const one = await client.getAuthorization({ params: { path: { authorization_id } } });
  assertAuthorization(one.data);
  done.push(`getAuthorization ${one.status}`);
  const updated = await client.updateAuthorization({ params: { path: { authorization_id } }, body: { add_scopes: ['gist'] } });
  assertAuthorization(updated.data);
  done.push(`updateAuthorization ${updated.status}`);
  done.push(`deleteAuthorization ${(await client.deleteAuthorization({ params: { path: { authorization_id } } })).status}`);

  try {
    await client.getOrCreateAuthorizationForApp({ params: { path: { client_id: 'abcde12345fghij67890' } }, body: { client_secret: 'x'.repeat(41) } });
    done.push('422 missing');
  } catch (error) {
    if (!(error instanceof GitHubApiError)) throw error;
    assertValidationError(error.body);
    done.push(`${error.status} ${error.errors.map((e) => e.field).join(',')}`);
  }
  const fixtures = [...listGrants200.map((g) => g.id), isAuthorization(getAuthorization200) && getAuthorization200.id];
  done.push(`examples ${fixtures.join()}`);
  done.push(`contract ${contract.openapi} ${routes.length} ${Object.keys(parseLink('<a>; rel="next"')).join()}`);
  // The conformance kit, with the mock as its target: the one difference is that a mock without
  // accounts takes any password (a server answers 401 Bad credentials), and it leaves nothing behind.
  const kit = await runConformance({ target: baseUrl, user: 'conformance-consumer', password: 'x', app: { clientId: 'c0ffee00c0ffee00c0ff', clientSecret: 'x' } });
  const differing = [...new Set(kit.checks.filter((check) => check.outcome === 'fail').map((check) => check.step))];
  done.push(`conformance ${differing.join()} ${kit.cleanup.notDeleted.length}`);
  return done;
}
