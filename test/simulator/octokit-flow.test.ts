// GitHub's own JavaScript client, @octokit/request (and @octokit/core on top of it), through the
// same flow against the simulator: it follows `Link` itself and sees GitHub's exact errors.
import { Octokit } from '@octokit/core';
import { request } from '@octokit/request';
import { describe, expect, it } from 'vitest';
import { basicAuthorization, freshUser, useMock } from './support/mock.js';

const otpUser = freshUser('octokit-otp');
const mock = useMock({ accounts: { [otpUser]: { otp: { code: '246810' } } } });
const clientId = 'octokitflow000000001';

/** What @octokit/request warned about: the API's `Deprecation` header, on every answer. */
const warnings: string[] = [];
const log = { debug: () => {}, info: () => {}, warn: (message: string) => void warnings.push(message), error: () => {} };

const octokitFor = (user: string) => request.defaults({ baseUrl: `${mock().url}/api/v3`, headers: { authorization: basicAuthorization(user) }, request: { log } });

/** `<url>; rel="next"` of a Link header, or undefined. */
const nextLink = (link: string | undefined) => /<([^>]+)>;\s*rel="next"/.exec(link ?? '')?.[1];

describe('@octokit/request against the simulator', () => {
  it('creates, lists, follows Link page by page, gets-or-creates, updates and deletes; then 404 Not Found', async () => {
    const octokit = octokitFor(freshUser('octokit-flow'));
    const created = await octokit('POST /authorizations', { scopes: ['repo'], note: 'octokit flow' });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(created.data.url);
    for (const note of ['two', 'three', 'four', 'five']) await octokit('POST /authorizations', { note });

    const all = (await octokit('GET /authorizations', { per_page: 100 })).data;
    expect(all.map((a: any) => a.id)).toContain(created.data.id);
    expect(all.length).toBeGreaterThanOrEqual(5);

    // Follow rel="next" as GitHub's clients do: the URL as given, on the simulator's own origin.
    const ids: number[] = [];
    let response = await octokit('GET /authorizations', { per_page: 1 });
    for (;;) {
      ids.push(...response.data.map((a: any) => a.id));
      const next = nextLink(response.headers.link);
      if (!next) break;
      expect(new URL(next).origin).toBe(mock().url);
      response = await octokit({ method: 'GET', url: next });
    }
    expect(ids).toEqual(all.map((a: any) => a.id));

    const first = await octokit('PUT /authorizations/clients/{client_id}', { client_id: clientId, client_secret: 's'.repeat(40), scopes: ['user'] });
    expect(first.status).toBe(201);
    expect(first.headers.location).toBe(first.data.url);
    const again = await octokit('PUT /authorizations/clients/{client_id}', { client_id: clientId, client_secret: 's'.repeat(40) });
    expect(again.status).toBe(200);
    expect(again.data.id).toBe(first.data.id);

    const updated = await octokit('PATCH /authorizations/{authorization_id}', { authorization_id: first.data.id, remove_scopes: ['user'], note: 'octokit' });
    expect(updated.data).toMatchObject({ id: first.data.id, scopes: [], note: 'octokit' });

    expect((await octokit('DELETE /authorizations/{authorization_id}', { authorization_id: first.data.id })).status).toBe(204);
    const error = await octokit('GET /authorizations/{authorization_id}', { authorization_id: first.data.id }).catch((caught: unknown) => caught);
    // @octokit/request's RequestError (its package is not a dependency of this one: matched by shape).
    expect(error).toMatchObject({ name: 'HttpError', status: 404, response: { data: { message: 'Not Found' } } });
    // It saw the Deprecation header GitHub sends on this closed-down API.
    expect(warnings).toContainEqual(expect.stringMatching(/^\[@octokit\/request\] "POST http:\/\/127\.0\.0\.1:\d+\/api\/v3\/authorizations" is deprecated/));
    // With Sunset beside Deprecation, it names the removal date GitHub announced, never "undefined".
    for (const warning of warnings) expect(warning).toMatch(/It is scheduled to be removed on Fri, 13 Nov 2020 00:00:00 GMT$/);
  });

  it('two-factor authentication: 401 with X-GitHub-OTP, then the request again with the code', async () => {
    const octokit = octokitFor(otpUser);
    const error = await octokit('POST /authorizations', { note: 'needs a code' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'HttpError',
      status: 401,
      response: { headers: { 'x-github-otp': 'required; app' }, data: { message: 'Must specify two-factor authentication OTP code.' } },
    });
    const created = await octokit('POST /authorizations', { note: 'needs a code', headers: { 'x-github-otp': '246810' } });
    expect(created.status).toBe(201);
  });
});

describe('@octokit/core against the simulator', () => {
  it('lists grants, reads one and deletes it, with Basic credentials added by a request hook', async () => {
    const user = freshUser('octokit-core');
    const octokit = new Octokit({ baseUrl: `${mock().url}/api/v3`, request: { log } });
    octokit.hook.before('request', (options) => {
      options.headers.authorization = basicAuthorization(user);
    });
    await octokit.request('PUT /authorizations/clients/{client_id}', { client_id: clientId, client_secret: 's'.repeat(40), scopes: ['repo'] });
    const grants = await octokit.request('GET /applications/grants', { client_id: clientId });
    expect(grants.data).toHaveLength(1);
    const grant = await octokit.request('GET /applications/grants/{grant_id}', { grant_id: grants.data[0].id });
    expect(grant.data).toMatchObject({ app: { client_id: clientId }, scopes: ['repo'] });
    expect((await octokit.request('DELETE /applications/grants/{grant_id}', { grant_id: grant.data.id })).status).toBe(204);
    expect((await octokit.request('GET /authorizations', { client_id: clientId })).data).toEqual([]);
  });
});
