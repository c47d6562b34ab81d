// Sends the bad-request corpus to the mock: every case gets the 4xx it names, with a JSON body in
// the contract's error shape whose message names the problem; none gets a 5xx or goes unanswered
// (each request has a time limit), and after each group the mock still answers a valid request.
import { describe, expect, it } from 'vitest';
import { errorsFor, schemaPointer } from '../support/contract.js';
import { type RawAnswer, rawExchange } from '../support/raw-http.js';
import { basic, githubHeaders, mockUrl, strictMockUrl } from '../mock/support/calls.js';
import { type BadRequest, corpus, type FetchRequest } from './bad-request-corpus.js';

const timeoutMs = 5000;

async function sendFetch({ method, path, headers, body }: FetchRequest, url: string): Promise<RawAnswer> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: basic, ...githubHeaders, ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
    ...(body !== undefined && { body }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}

/** To the simulator as `npm start` serves it, or to `npm start -- --strict` for a case GitHub took and only the contract refuses. */
const sendCase = ({ send, strict }: BadRequest) => {
  const url = strict ? strictMockUrl() : mockUrl();
  return 'fetch' in send ? sendFetch(send.fetch, url) : rawExchange(url, send.raw.bytes, { halfClose: send.raw.halfClose ?? false, timeoutMs });
};

/**
 * The message, for a 422 each error's field and message, and the simulator's X-Simulator-Reason
 * (a 404 says exactly "Not Found", as GitHub does; the reason names the path or parameter): where
 * the problem must be named.
 */
const problemText = (body: { message?: unknown; errors?: Array<{ field?: string; message?: string }> }, reason?: string) =>
  [body.message, ...(body.errors ?? []).map((error) => `${error.field ?? ''}: ${error.message ?? ''}`), ...(reason === undefined ? [] : [reason])].join(' | ');

const cases = Object.values(corpus).flat();

it('the corpus holds at least 60 distinct bad requests', () => {
  expect(cases.length).toBeGreaterThanOrEqual(60);
  expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  for (const c of cases) expect(c.status, c.name).toSatisfy((status: number) => status >= 400 && status < 500);
});

describe.each(Object.entries(corpus))('%s', (_, group) => {
  it.each(group)('$name → $status', async (badRequest) => {
    const answer = await sendCase(badRequest);
    expect(answer.status).toBe(badRequest.status);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = JSON.parse(answer.body);
    expect(errorsFor(schemaPointer(answer.status === 422 ? 'validation-error' : 'basic-error'), body)).toEqual([]);
    expect(problemText(body, answer.headers['x-simulator-reason'])).toMatch(badRequest.mentions);
    badRequest.check?.(answer);
  });

  it('afterwards, the mock still answers a valid request', async () => {
    const response = await fetch(`${mockUrl()}/authorizations/1`, { headers: { authorization: basic, ...githubHeaders }, signal: AbortSignal.timeout(timeoutMs) });
    expect(response.status).toBe(200);
    expect((await response.json()).id).toBe(1);
  });
});
