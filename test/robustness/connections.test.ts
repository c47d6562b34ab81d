// What one connection can do to the mock, from the corpus: pipelined requests with a bad one among
// them are answered in order (the valid ones before it first); a client that does not read gets at
// most `maxPipelined` answers started and then a 429 that closes its connection (pipelining far
// past that, no more of it is read, but the answers owed still go out first); and neither that nor a hostile header keeps the
// mock from answering the other connections at once.
import { describe, expect, it } from 'vitest';
import { rawExchange } from '../support/raw-http.js';
import type { RawAnswer } from '../support/raw-http.js';
import { basic, githubHeaders, mockUrl } from '../mock/support/calls.js';
import { type ExpectedAnswer, hostilePrefer, nonReadingClients, pipelines } from './bad-request-corpus.js';
import { converse } from './support/conversation.js';
import { maxPreferLength } from '../../src/simulator/prefer.js';

/** Far above a loopback answer's few milliseconds, far below the seconds the defects took. */
const promptlyMs = 1000;

/** What an answer says about its problem: its message, each 422 error's field and message, and the simulator's reason header. */
const problemText = (answer: RawAnswer) => {
  const { message, errors = [] } = answer.headers['content-type']?.startsWith('application/json')
    ? (JSON.parse(answer.body) as { message?: string; errors?: Array<{ field?: string; message?: string }> })
    : {};
  return [message, ...errors.map((error) => `${error.field ?? ''}: ${error.message ?? ''}`), answer.headers['x-simulator-reason']].filter(Boolean).join(' | ');
};

function expectAnswers(answers: RawAnswer[], expected: ExpectedAnswer[]) {
  expect(answers.map((answer) => answer.status)).toEqual(expected.map(({ status }) => status));
  expected.forEach(({ mentions }, index) => {
    if (mentions) expect(problemText(answers[index]!)).toMatch(mentions);
  });
}

/** A valid request on a connection of its own: resolves with how long its answer took. */
async function timedValidRequest() {
  const started = performance.now();
  const response = await fetch(`${mockUrl()}/authorizations`, { headers: { authorization: basic, ...githubHeaders }, signal: AbortSignal.timeout(10_000) });
  expect(response.status).toBe(200);
  await response.arrayBuffer();
  return performance.now() - started;
}

describe('pipelined requests with a bad one among them: answered in order, the valid ones first', () => {
  it.each(pipelines)('$name', async ({ requests, answers, closes }) => {
    const conversation = await converse(mockUrl(), requests.join(''), closes ? {} : { until: answers.length });
    expectAnswers(conversation.answers, answers);
    expect(conversation.closed).toBe(closes);
  });
});

describe('clients that send and do not read: bounded, and the others are served meanwhile', () => {
  it.each(nonReadingClients)('$name', async ({ bytes, answers, closes }) => {
    let servedInMs = Infinity;
    const conversation = await converse(
      mockUrl(),
      bytes,
      answers.length === 0
        ? { timeoutMs: 5000 }
        : {
            // Its first answer has arrived, so the mock has read its requests: now another client asks.
            stopReading: async () => {
              servedInMs = await timedValidRequest();
            },
            ...(closes ? {} : { until: answers.length }),
            timeoutMs: 30_000,
          },
    );
    if (answers.length === 0) servedInMs = await timedValidRequest();
    expect(servedInMs).toBeLessThan(promptlyMs);
    expectAnswers(conversation.answers, answers);
    expect(conversation.closed).toBe(closes);
  });
});

describe('a hostile Prefer header does not freeze the mock', () => {
  it.each([
    ['16 KB, read to its first kilobyte and the rest ignored', hostilePrefer(16_000), 200],
    [`${maxPreferLength} characters, read and ignored`, hostilePrefer(maxPreferLength), 200],
  ])('%s: answered at once, and so is another connection meanwhile', async (_, prefer, status) => {
    const started = performance.now();
    const hostile = rawExchange(mockUrl(), `GET /authorizations HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${basic}\r\nPrefer: ${prefer}\r\n\r\n`, { timeoutMs: 10_000 });
    const [answer, otherMs] = await Promise.all([hostile.then((result) => ({ ...result, ms: performance.now() - started })), timedValidRequest()]);
    expect(answer.status).toBe(status);
    expect(answer.ms).toBeLessThan(promptlyMs);
    expect(otherMs).toBeLessThan(promptlyMs);
  });
});
