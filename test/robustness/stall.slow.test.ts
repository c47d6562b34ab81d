// A client that stops reading is let go: once answers handed to its socket have not gone out for
// `stallTimeoutMs`, the mock closes its connection (and frees what it held). The time an answer
// takes to be made does not count: the simulator may be told to wait up to 60 s before answering.
// Slow suite: it waits past the timeout, which is what it tests.
import { expect, it } from 'vitest';
import { stallTimeoutMs } from '../../src/server/http-kit.js';
import { basic, githubHeaders, mockUrl } from '../mock/support/calls.js';
import { converse } from './support/conversation.js';

const getDocs = 'GET /docs HTTP/1.1\r\nHost: localhost\r\n\r\n';
const pastTheTimeout = stallTimeoutMs + 5000;

it(`closes a connection whose client stopped reading, ${stallTimeoutMs / 1000} s after its answers stopped going out; an answer slow to be made is not cut`, { timeout: pastTheTimeout + 30_000 }, async () => {
  const started = performance.now();
  const [stalled, delayed] = await Promise.all([
    // 16 docs pages (40 MB) do not fit in the kernel's buffers: most stay queued in the mock.
    converse(mockUrl(), getDocs.repeat(16), {
      // Waiting is the point here: the client does not read for longer than the timeout.
      stopReading: () => new Promise((resolve) => setTimeout(resolve, pastTheTimeout)),
      timeoutMs: pastTheTimeout + 20_000,
    }),
    fetch(`${mockUrl()}/authorizations`, {
      headers: { authorization: basic, ...githubHeaders, 'x-simulator-delay': String(stallTimeoutMs + 2000) },
      signal: AbortSignal.timeout(pastTheTimeout + 20_000),
    }),
  ]);
  // The mock closed the connection: the client read what the kernel held, then the end.
  expect(stalled.closed).toBe(true);
  expect(stalled.answers.length).toBeLessThan(16);
  // The answer that took longer than the timeout to be made arrived whole.
  expect(delayed.status).toBe(200);
  expect(Array.isArray(await delayed.json())).toBe(true);
  expect(performance.now() - started).toBeGreaterThan(stallTimeoutMs);
});
