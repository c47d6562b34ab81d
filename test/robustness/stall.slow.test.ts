// A client that stops reading is let go: once answers handed to its socket have not gone out for
// `stallTimeoutMs`, the mock closes its connection (and frees what it held). The time an answer
// takes to be made does not count: the simulator may be told to wait up to 60 s before answering.
// Slow suite: it waits past the timeout, which is what it tests.
import { expect, it } from 'vitest';
import { startMock } from '../../scripts/mock/start-mock.js';
import { floodGraceMs, stallTimeoutMs } from '../../src/server/connection-limits.js';
import { basic, githubHeaders, mockUrl } from '../mock/support/calls.js';
import { converse } from './support/conversation.js';

const getDocs = 'GET /docs HTTP/1.1\r\nHost: localhost\r\n\r\n';
const pastTheTimeout = stallTimeoutMs + 5000;

it(`closes a connection whose client stopped reading, ${stallTimeoutMs / 1000} s after its answers stopped going out; an answer slow to be made is not cut`, {
  timeout: pastTheTimeout + 30_000,
}, async () => {
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

it(`lets a flooding client that does not read go after ${floodGraceMs / 1000} s, not ${stallTimeoutMs / 1000}; one that reads in time gets every answer owed`, {
  timeout: stallTimeoutMs + 30_000,
}, async () => {
  // 2,000 docs requests in one 64 KB write: 16 pages owed, then the 429; Node holds the rest until the close.
  const flood = getDocs.repeat(2000);
  const pastTheGrace = floodGraceMs + 5000;
  // A mock of its own, with the default grace (the tests' shared mock gives floods a minute).
  const mock = await startMock();
  const [silent, prompt] = await Promise.all([
    converse(mock.url, flood, { stopReading: () => new Promise((resolve) => setTimeout(resolve, pastTheGrace)), timeoutMs: stallTimeoutMs }),
    converse(mock.url, flood, { timeoutMs: stallTimeoutMs }),
  ]).finally(() => mock.stop());
  // Closed after the grace, well before the stall timeout would have: it read only what the kernel held.
  expect(silent.closed).toBe(true);
  expect(silent.answers.length).toBeLessThan(16);
  expect(prompt.closed).toBe(true);
  expect(prompt.answers.map((answer) => answer.status)).toEqual([...Array.from({ length: 16 }, () => 200), 429]);
});
