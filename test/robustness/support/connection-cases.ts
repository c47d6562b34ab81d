// The hostile-connection cases of the corpus, run against the mock: what the fast test asserts of
// their answers and the slow test of their timing share these runs.
import { expect } from 'vitest';
import { basic, githubHeaders, mockUrl } from '../../mock/support/calls.js';
import { type RawAnswer, rawExchange } from '../../support/raw-http.js';
import type { NonReadingClient } from '../bad-request-corpus.js';
import { type Conversation, converse } from './conversation.js';

/** A valid request on a connection of its own: answered 200; resolves with how long its answer took. */
export async function timedValidRequest(): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${mockUrl()}/authorizations`, { headers: { authorization: basic, ...githubHeaders }, signal: AbortSignal.timeout(10_000) });
  expect(response.status).toBe(200);
  await response.arrayBuffer();
  return performance.now() - started;
}

/**
 * A client that sends and does not read, and another client's valid request: asked while the first
 * holds its answers unread (once its first answer has arrived), or after it was let go when it gets
 * none. `servedWhileHeld` says the other was answered before the first read on.
 */
export async function nonReadingClientBeside({ bytes, answers, closes }: NonReadingClient): Promise<{ conversation: Conversation; servedInMs: number; servedWhileHeld: boolean }> {
  let servedInMs = Infinity;
  let servedWhileHeld = false;
  const conversation = await converse(
    mockUrl(),
    bytes,
    answers.length === 0
      ? { timeoutMs: 5000 }
      : {
          stopReading: async () => {
            servedInMs = await timedValidRequest();
            servedWhileHeld = true;
          },
          ...(closes ? {} : { until: answers.length }),
          timeoutMs: 30_000,
        },
  );
  if (answers.length === 0) servedInMs = await timedValidRequest();
  return { conversation, servedInMs, servedWhileHeld };
}

/** A request with a hostile Prefer header and, at the same time, a valid one on another connection. */
export async function hostilePreferBeside(prefer: string): Promise<{ answer: RawAnswer & { ms: number }; otherMs: number }> {
  const started = performance.now();
  const hostile = rawExchange(mockUrl(), `GET /authorizations HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${basic}\r\nPrefer: ${prefer}\r\n\r\n`, { timeoutMs: 10_000 });
  const [answer, otherMs] = await Promise.all([hostile.then((result) => ({ ...result, ms: performance.now() - started })), timedValidRequest()]);
  return { answer, otherMs };
}
