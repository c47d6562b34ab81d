// Every operation, called with Basic credentials and GitHub's headers, answers its documented
// status with its example payload, valid against the contract; also under the /api/v3 prefix.
import { describe, expect, it } from 'vitest';
import { basic, type Call, calls, contractErrors, example, headerExample, mockUrl, readJson, send } from './support/calls.js';

async function expectDocumentedAnswer(call: Call, response: Response) {
  expect(response.status).toBe(call.status);
  if (call.status === 204) {
    expect(await response.text()).toBe('');
    return;
  }
  const body = await readJson(response);
  expect(contractErrors(call.operation, call.status, body)).toEqual([]);
  expect(body).toEqual(example(call.answer!));
}

describe.each(['', '/api/v3'])('every operation, at %s/…', (prefix) => {
  it.each(calls)('$operation: $method $path → $status with its example', async (call) => {
    await expectDocumentedAnswer(call, await send(call, {}, prefix));
  });
});

describe('headers of the answers', () => {
  it.each([
    ['list-grants', 'link-grants'],
    ['list-authorizations', 'link'],
  ])('%s sends the contract\'s Link header', async (operation, header) => {
    const response = await send(calls.find((c) => c.operation === operation)!);
    expect(response.headers.get('link')).toBe(headerExample(header));
    expect(response.headers.get('link')).toMatch(/rel="next"/);
  });

  it('create-authorization (201) sends Location, a URL', async () => {
    const response = await send(calls.find((c) => c.operation === 'create-authorization')!);
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(headerExample('location'));
    expect(() => new URL(response.headers.get('location')!)).not.toThrow();
  });

  it('a 200 carries no Location', async () => {
    const response = await send(calls.find((c) => c.operation === 'get-or-create-authorization-for-app')!);
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
  });

  it('JSON answers say so, as GitHub does (charset and X-GitHub-Media-Type)', async () => {
    const response = await send(calls[0]!);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-github-media-type')).toBe('github.v3; format=json');
    expect(response.headers.get('deprecation')).toBe('true');
  });

  it('HEAD on a GET route answers its status and headers without a body', async () => {
    const response = await fetch(`${mockUrl()}/authorizations`, { method: 'HEAD', headers: { authorization: basic } });
    expect(response.status).toBe(200);
    expect(response.headers.get('link')).toBe(headerExample('link'));
    expect(await response.text()).toBe('');
  });
});
