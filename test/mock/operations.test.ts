// Every operation, called with Basic credentials and GitHub's headers, at both base URLs:
// - the simulator (`npm start`) answers as the server would for a new user (whose data are the
//   contract's examples), valid against the contract, with its URLs on the mock's own origin;
// - `npm start -- --static` answers each operation's documented status with its example, verbatim.
import { describe, expect, it } from 'vitest';
import { basic, type Call, calls, contractErrors, example, freshUser, headerExample, mockUrl, onBase, readJson, sendAs, sendTo, staticMockUrl } from './support/calls.js';

/** What a new user gets from the simulator: the status, and the body when it follows from the examples alone. */
const simulated: Record<string, { status: number; body?: (base: string) => unknown }> = {
  'list-grants': { status: 200, body: (base) => onBase(example('list-grants-200'), base) },
  'get-grant': { status: 200, body: (base) => onBase(example('get-grant-200'), base) },
  'delete-grant': { status: 204 },
  'list-authorizations': {
    status: 200,
    // The single authorization of the examples and the listed personal token; lists carry no expires_at.
    body: (base) => {
      const { expires_at: _, ...first } = onBase({ ...example('get-authorization-200'), url: 'https://HOSTNAME/api/v3/authorizations/1' }, base);
      return [{ ...first, token: '' }, ...onBase(example('list-authorizations-200'), base).map((a: object) => ({ ...a, url: `${base}/authorizations/2`, token: '' }))];
    },
  },
  'create-authorization': { status: 201 },
  // The seeded authorization of this app has a fingerprint: without one, a new authorization.
  'get-or-create-authorization-for-app': { status: 201 },
  'get-or-create-authorization-for-app-and-fingerprint': { status: 200, body: (base) => ({ ...onBase(example('get-authorization-200'), base), url: `${base}/authorizations/1`, token: '' }) },
  'get-authorization': { status: 200, body: (base) => ({ ...onBase(example('get-authorization-200'), base), url: `${base}/authorizations/1`, token: '' }) },
  'update-authorization': { status: 200 },
  'delete-authorization': { status: 204 },
};

describe.each(['', '/api/v3'])('the simulator: every operation, at %s/…', (prefix) => {
  it.each(calls)("$operation: $method $path → the server's answer for a new user", async (call) => {
    const base = `${mockUrl()}${prefix}`;
    const expected = simulated[call.operation]!;
    const response = await sendAs(freshUser(), call, {}, prefix);
    expect(response.status).toBe(expected.status);
    if (expected.status === 204) return expect(await response.text()).toBe('');
    const body = await readJson(response);
    expect(contractErrors(call.operation, expected.status, body)).toEqual([]);
    if (expected.body) expect(body).toEqual(expected.body(base));
    if (expected.status === 201) {
      expect(body.url).toBe(`${base}/authorizations/${body.id}`);
      expect(response.headers.get('location')).toBe(body.url);
      expect(body.token).toMatch(/^gh[op]_[A-Za-z0-9]{36}$/);
    }
  });
});

describe.each(['', '/api/v3'])('--static: every operation, at %s/…', (prefix) => {
  it.each(calls)('$operation: $method $path → $status with its example', async (call: Call) => {
    const response = await sendTo(staticMockUrl(), call, {}, prefix);
    expect(response.status).toBe(call.status);
    if (call.status === 204) return expect(await response.text()).toBe('');
    const body = await readJson(response);
    expect(contractErrors(call.operation, call.status, body)).toEqual([]);
    expect(body).toEqual(example(call.answer!));
  });
});

describe('headers of the answers', () => {
  it('the simulator sends Link when a list has more pages, on its own origin', async () => {
    const user = freshUser();
    const response = await sendAs(user, { method: 'GET', path: '/authorizations?per_page=1' }, {}, '/api/v3');
    expect(response.headers.get('link')).toBe(`<${mockUrl()}/api/v3/authorizations?per_page=1&page=2>; rel="next", <${mockUrl()}/api/v3/authorizations?per_page=1&page=2>; rel="last"`);
    expect((await sendAs(user, { method: 'GET', path: '/authorizations' })).headers.get('link')).toBeNull();
  });

  it.each([
    ['list-grants', 'link-grants'],
    ['list-authorizations', 'link'],
  ])("--static: %s sends the contract's Link header", async (operation, header) => {
    const response = await sendTo(staticMockUrl(), calls.find((c) => c.operation === operation)!);
    expect(response.headers.get('link')).toBe(headerExample(header));
    expect(response.headers.get('link')).toMatch(/rel="next"/);
  });

  it("--static: create-authorization (201) sends the contract's Location", async () => {
    const response = await sendTo(staticMockUrl(), calls.find((c) => c.operation === 'create-authorization')!);
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(headerExample('location'));
  });

  it('a 200 carries no Location', async () => {
    const call = calls.find((c) => c.operation === 'get-or-create-authorization-for-app-and-fingerprint')!;
    const response = await sendAs(freshUser(), call);
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
  });

  it.each([
    ['the simulator', mockUrl],
    ['--static', staticMockUrl],
  ])('%s: JSON answers say so, as GitHub does (charset, X-GitHub-Media-Type, Deprecation)', async (_, url) => {
    const response = await sendTo(url(), calls[0]!);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-github-media-type')).toBe('github.v3; format=json');
    expect(response.headers.get('deprecation')).toBe('true');
  });

  it.each([
    ['the simulator', mockUrl],
    ['--static', staticMockUrl],
  ])('%s: HEAD on a GET route answers its status and headers without a body', async (_, url) => {
    const get = await fetch(`${url()}/applications/grants`, { headers: { authorization: basic } });
    const head = await fetch(`${url()}/applications/grants`, { method: 'HEAD', headers: { authorization: basic } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(get.headers.get('content-length'));
    expect(head.headers.get('link')).toBe(get.headers.get('link'));
    expect(await head.text()).toBe('');
  });

  it('a compressed body gets the same 415 from --static as from the simulator (one judge: the request checks)', async () => {
    const send = (url: string) =>
      fetch(`${url}/authorizations`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: '{"note":"x"}' });
    const [simulator, prism] = await Promise.all([send(mockUrl()), send(staticMockUrl())]);
    expect(simulator.status).toBe(415);
    expect(prism.status).toBe(415);
    expect(prism.headers.get('accept-encoding')).toBe('identity');
    expect(await prism.json()).toEqual(await simulator.json());
  });
});
