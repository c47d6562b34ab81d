// How fast the mock answers other connections while one is hostile (a client that does not read, a
// hostile Prefer header): under a second, far above a loopback answer's few milliseconds and far
// below the seconds the old defects took. A wall-clock bound, so it is the slow suite's; the fast
// suite (connections.test.ts) asserts the same cases' answers and the order of events.
import { describe, expect, it } from 'vitest';
import { hostilePrefer, nonReadingClients } from './bad-request-corpus.js';
import { hostilePreferBeside, nonReadingClientBeside } from './support/connection-cases.js';
import { maxPreferLength } from '../../src/simulator/prefer.js';

const promptlyMs = 1000;

describe('another connection is answered promptly beside a client that does not read', () => {
  it.each(nonReadingClients)('$name', async (client) => {
    const { servedInMs } = await nonReadingClientBeside(client);
    expect(servedInMs).toBeLessThan(promptlyMs);
  });
});

describe('a hostile Prefer header is answered promptly, and so is another connection meanwhile', () => {
  it.each([hostilePrefer(16_000), hostilePrefer(maxPreferLength)])('Prefer of %#', async (prefer) => {
    const { answer, otherMs } = await hostilePreferBeside(prefer);
    expect(answer.ms).toBeLessThan(promptlyMs);
    expect(otherMs).toBeLessThan(promptlyMs);
  });
});
