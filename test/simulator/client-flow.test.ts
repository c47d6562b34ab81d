// This package's client end to end against the simulator over HTTP, the way an app uses it:
// create, list, paginate, get-or-create, update, delete, and the two-factor flow.
import { describe, expect, it } from 'vitest';
import { createClient, GitHubApiError, paginate } from '../../src/index.js';
import { freshUser, useMock } from './support/mock.js';

const otpUser = freshUser('client-otp');
const mock = useMock({ accounts: { [otpUser]: { otp: { code: '424242', channel: 'sms' } } } });
const clientId = 'clientflow0000000001';

const clientFor = (username: string, extra: { otp?: string | ((channel: string) => Promise<string>) } = {}) =>
  createClient({ baseUrl: `${mock().url}/api/v3`, username, password: 'secret', ...extra });

describe('the client against the simulator', () => {
  it('creates, lists, pages, gets-or-creates, updates and deletes; a deleted one is 404 Not Found', async () => {
    const ghes = clientFor(freshUser('client-flow'));

    const created = await ghes.createAuthorization({ body: { scopes: ['repo'], note: 'release script' } });
    expect(created.status).toBe(201);
    expect(created.data.token).toMatch(/^ghp_[A-Za-z0-9]{36}$/);
    expect(created.headers.get('location')).toBe(created.data.url);
    expect(created.data.url).toBe(`${mock().url}/api/v3/authorizations/${created.data.id}`);

    const listed = await ghes.listAuthorizations();
    const shown = listed.data.find((authorization) => authorization.id === created.data.id);
    expect(shown).toMatchObject({ note: 'release script', scopes: ['repo'], token: '', hashed_token: created.data.hashed_token });

    for (const note of ['two', 'three', 'four', 'five']) await ghes.createAuthorization({ body: { note } });
    const all = (await ghes.listAuthorizations({ params: { query: { per_page: 100 } } })).data;
    expect(all.length).toBeGreaterThanOrEqual(5);
    const pages = [];
    for await (const page of paginate(ghes.listAuthorizations, { params: { query: { per_page: 1 } } })) pages.push(page);
    expect(pages.map((page) => page.length)).toEqual(all.map(() => 1));
    expect(pages.flat().map((authorization) => authorization.id)).toEqual(all.map((authorization) => authorization.id));

    const request = { params: { path: { client_id: clientId } }, body: { client_secret: 's'.repeat(40), scopes: ['user'], note: 'an app' } };
    const first = await ghes.getOrCreateAuthorizationForApp(request);
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(first.data.url);
    expect(first.data.token).toMatch(/^gho_/);
    const again = await ghes.getOrCreateAuthorizationForApp(request);
    expect(again.status).toBe(200);
    expect(again.data).toMatchObject({ id: first.data.id, token: '', hashed_token: first.data.hashed_token });

    const updated = await ghes.updateAuthorization({ params: { path: { authorization_id: first.data.id } }, body: { add_scopes: ['gist'], note: 'renamed' } });
    expect(updated.status).toBe(200);
    expect([...updated.data.scopes!].sort()).toEqual(['gist', 'user']);
    expect(updated.data.note).toBe('renamed');
    expect((await ghes.getAuthorization({ params: { path: { authorization_id: first.data.id } } })).data.note).toBe('renamed');

    const deleted = await ghes.deleteAuthorization({ params: { path: { authorization_id: first.data.id } } });
    expect(deleted.status).toBe(204);
    const error = await ghes.getAuthorization({ params: { path: { authorization_id: first.data.id } } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error).toMatchObject({ status: 404, message: 'Not Found' });
  });

  it('with two-factor authentication: the otp callback is asked once, and the retry succeeds', async () => {
    const asked: string[] = [];
    const ghes = clientFor(otpUser, { otp: async (channel) => (asked.push(channel), '424242') });
    const created = await ghes.createAuthorization({ body: { note: 'with a code' } });
    expect(created.status).toBe(201);
    expect(asked).toEqual(['sms']);
    // The code is kept: the next request needs no new one.
    expect((await ghes.getAuthorization({ params: { path: { authorization_id: created.data.id } } })).data.note).toBe('with a code');
    expect(asked).toEqual(['sms']);
  });

  it('with two-factor authentication: a wrong code ends in the 401', async () => {
    const asked: string[] = [];
    const ghes = clientFor(otpUser, { otp: async (channel) => (asked.push(channel), '000000') });
    const error = await ghes.createAuthorization({ body: { note: 'with a wrong code' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error).toMatchObject({ status: 401, message: 'Must specify two-factor authentication OTP code.' });
    expect(asked).toEqual(['sms']);
    const ids = (await clientFor(otpUser, { otp: '424242' }).listAuthorizations({ params: { query: { per_page: 100 } } })).data.map((a) => a.note);
    expect(ids).not.toContain('with a wrong code');
  });

  it('two-factor authentication turned on at run time (setAccount) applies to the next request', async () => {
    const user = freshUser('client-setaccount');
    const ghes = clientFor(user);
    expect((await ghes.listGrants()).status).toBe(200);
    mock().simulator.setAccount(user, { otp: { code: '135790' } });
    await expect(ghes.listGrants()).rejects.toMatchObject({ status: 401, message: 'Must specify two-factor authentication OTP code.' });
    const asked: string[] = [];
    expect((await clientFor(user, { otp: async (channel) => (asked.push(channel), '135790') }).listGrants()).status).toBe(200);
    expect(asked).toEqual(['app']);
    mock().simulator.setAccount(user, undefined);
    expect((await ghes.listGrants()).status).toBe(200);
  });
});
