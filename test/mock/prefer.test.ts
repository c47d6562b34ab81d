// `Prefer: code=…` and `Prefer: example=…` select any documented response: both answers of the
// get-or-create operations, and every error example of every operation.
import { describe, expect, it } from 'vitest';
import { mediaTypes } from '../support/media-types.js';
import { callFor, contractErrors, example, headerExample, readJson, send } from './support/calls.js';

describe.each(['get-or-create-authorization-for-app', 'get-or-create-authorization-for-app-and-fingerprint'])('%s', (operation) => {
  const call = callFor(operation);

  it('answers 200 (an existing token) by default, without Location', async () => {
    const response = await send(call);
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    expect(await readJson(response)).toEqual(example(`${operation}-200`));
  });

  it.each([['code=201'], [`example=${operation}-201`]])('answers 201 (a new token) with Location for Prefer: %s', async (preference) => {
    const response = await send(call, { prefer: preference });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(headerExample('location-get-or-create'));
    const body = await readJson(response);
    expect(contractErrors(operation, 201, body)).toEqual([]);
    expect(body).toEqual(example(`${operation}-201`));
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
    expect(body).toEqual(example(name));
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
    expect(await readJson(response)).toEqual(example('note-already-exists'));
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
