// `Prefer: code=…` and `Prefer: example=…` select any documented response: both answers of the
// get-or-create operations, and every error example of every operation. The simulator (`npm start`)
// answers the example with its URLs on the mock's origin, and remembers nothing of it; `--static`
// (Prism) answers it verbatim.
import { describe, expect, it } from 'vitest';
import { mediaTypes } from '../support/media-types.js';
import { type Call, callFor, contractErrors, example, freshUser, headerExample, mockUrl, onBase, readJson, sendAs, sendTo, staticMockUrl } from './support/calls.js';

const servers = [
  { server: 'the simulator', url: mockUrl, shown: <T>(value: T) => onBase(value, mockUrl()) },
  { server: '--static', url: staticMockUrl, shown: <T>(value: T) => value },
];

describe('--static without Prefer', () => {
  it.each(['get-or-create-authorization-for-app', 'get-or-create-authorization-for-app-and-fingerprint'])('%s answers 200 (an existing token), without Location', async (operation) => {
    const response = await sendTo(staticMockUrl(), callFor(operation));
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    expect(await readJson(response)).toEqual(example(`${operation}-200`));
  });
});

it('the simulator: a forced example changes nothing', async () => {
  const user = freshUser();
  const before = await (await sendAs(user, { method: 'GET', path: '/authorizations' })).text();
  expect((await sendAs(user, callFor('create-authorization'), { prefer: 'code=201' })).status).toBe(201);
  expect((await sendAs(user, callFor('delete-authorization'), { prefer: 'code=204' })).status).toBe(204);
  expect(await (await sendAs(user, { method: 'GET', path: '/authorizations' })).text()).toBe(before);
});

describe.each(servers)('$server', ({ url, shown }) => {
  const send = (call: Pick<Call, 'method' | 'path' | 'body'>, headers: Record<string, string> = {}) => sendTo(url(), call, headers);

  describe.each(['get-or-create-authorization-for-app', 'get-or-create-authorization-for-app-and-fingerprint'])('%s', (operation) => {
    const call = callFor(operation);

    it.each([['code=201'], [`example=${operation}-201`]])('answers 201 (a new token) with Location for Prefer: %s', async (preference) => {
      const response = await send(call, { prefer: preference });
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toBe(shown(headerExample('location-get-or-create')));
      const body = await readJson(response);
      expect(contractErrors(operation, 201, body)).toEqual([]);
      expect(body).toEqual(shown(example(`${operation}-201`)));
    });

    it('answers 200 for Prefer: code=200, and says which preference it applied', async () => {
      const response = await send(call, { prefer: 'code=200' });
      expect(response.status).toBe(200);
      expect(response.headers.get('preference-applied')).toBe('code=200');
    });
  });

  // Every example of every error response the contract documents, per operation.
  const errorExamples = mediaTypes
    .filter((media) => media.body !== 'request' && Number(media.body) >= 400)
    .flatMap((media) => Object.keys(media.examples).map((name) => ({ operation: media.operationId.split('/')[1]!, status: Number(media.body), name })));

  describe('every error example', () => {
    it('covers each error example of the contract', () => {
      expect(new Set(errorExamples.map((e) => e.name))).toEqual(
        new Set(['requires-authentication', 'otp-required', 'forbidden', 'not-found', 'gone', 'missing-field', 'note-already-exists', 'fingerprint-already-exists']),
      );
    });

    it.each(errorExamples)('$operation: Prefer: example=$name → $status with that example', async ({ operation, status, name }) => {
      const response = await send(callFor(operation), { prefer: `example=${name}` });
      expect(response.status).toBe(status);
      const body = await readJson(response);
      expect(body).toEqual(shown(example(name)));
      expect(contractErrors(operation, status, body)).toEqual([]);
      expect(response.headers.get('preference-applied')).toBe(`code=${status}, example=${name}`);
    });

    it('otp-required carries X-GitHub-OTP and the Basic challenge; requires-authentication only the challenge', async () => {
      const otp = await send(callFor('get-authorization'), { prefer: 'example=otp-required' });
      expect(otp.headers.get('x-github-otp')).toBe(headerExample('x-github-otp'));
      expect(otp.headers.get('www-authenticate')).toBe(headerExample('www-authenticate'));
      const plain = await send(callFor('get-authorization'), { prefer: 'code=401' });
      expect(await readJson(plain)).toEqual(example('requires-authentication'));
      expect(plain.headers.get('x-github-otp')).toBeNull();
      expect(plain.headers.get('www-authenticate')).toBe(headerExample('www-authenticate'));
    });

    it('Prefer: code=304 → 304 without a body', async () => {
      const response = await send(callFor('list-grants'), { prefer: 'code=304' });
      expect(response.status).toBe(304);
      expect(await response.text()).toBe('');
    });

    it('code and example together select that example', async () => {
      const response = await send(callFor('create-authorization'), { prefer: 'code=422, example=note-already-exists' });
      expect(response.status).toBe(422);
      expect(await readJson(response)).toEqual(shown(example('note-already-exists')));
    });
  });

  describe('a preference the operation cannot honour → 400 listing what it can', () => {
    it('an undocumented status', async () => {
      const response = await send(callFor('get-grant'), { prefer: 'code=418' });
      expect(response.status).toBe(400);
      expect((await readJson(response)).message).toBe('Prefer: code=418 is not a response of get-grant; it answers 200, 304, 401, 403, 404');
    });

    it('an unknown example', async () => {
      const response = await send(callFor('delete-grant'), { prefer: 'example=gone' });
      expect(response.status).toBe(400);
      expect((await readJson(response)).message).toBe(
        'Prefer: example=gone is not an example of delete-grant; it has requires-authentication (401), otp-required (401), forbidden (403), not-found (404)',
      );
    });

    it('an example under another status', async () => {
      const response = await send(callFor('create-authorization'), { prefer: 'code=401, example=gone' });
      expect(response.status).toBe(400);
      expect((await readJson(response)).message).toBe('Prefer: example=gone is not an example of create-authorization 401; it has requires-authentication (401), otp-required (401)');
    });

    it('other preferences (RFC 7240) are ignored', async () => {
      expect((await send(callFor('get-grant'), { prefer: 'return=minimal' })).status).toBe(200);
    });
  });
});
