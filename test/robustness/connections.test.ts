// What one connection can do to the mock, from the corpus: pipelined requests with a bad one among
// them are answered in order (the valid ones before it first); a client that does not read gets at
// most `maxPipelined` answers started and then a 429 that closes its connection (pipelining far
// past that, no more of it is read, but the answers owed still go out first); and neither that nor
// a hostile header keeps the mock from answering the other connections meanwhile. How fast is the
// slow suite's (promptness.slow.test.ts): here, events only.
import { describe, expect, it } from 'vitest';
import type { RawAnswer } from '../support/raw-http.js';
import { mockUrl } from '../mock/support/calls.js';
import { type ExpectedAnswer, hostilePrefer, nonReadingClients, pipelines } from './bad-request-corpus.js';
import { converse } from './support/conversation.js';
import { hostilePreferBeside, nonReadingClientBeside } from './support/connection-cases.js';
import { maxPreferLength } from '../../src/simulator/prefer.js';

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

describe('pipelined requests with a bad one among them: answered in order, the valid ones first', () => {
  it.each(pipelines)('$name', async ({ requests, answers, closes }) => {
    const conversation = await converse(mockUrl(), requests.join(''), closes ? {} : { until: answers.length });
    expectAnswers(conversation.answers, answers);
    expect(conversation.closed).toBe(closes);
  });
});

describe('clients that send and do not read: bounded, and the others are served meanwhile', () => {
  it.each(nonReadingClients)('$name', async (client) => {
    const { conversation, servedWhileHeld } = await nonReadingClientBeside(client);
    // The other client got its 200 while this one held its answers unread (or after it was let go).
    expect(servedWhileHeld).toBe(client.answers.length > 0);
    const owed = client.mayCloseEarly && conversation.answers.length < client.answers.length ? client.answers.slice(0, conversation.answers.length) : client.answers;
    expect(conversation.answers.length).toBeGreaterThan(0);
    expectAnswers(conversation.answers, owed);
    expect(conversation.closed).toBe(client.closes);
  });
});

describe('a hostile Prefer header does not freeze the mock', () => {
  it.each([
    ['16 KB, read to its first kilobyte and the rest ignored', hostilePrefer(16_000), 200],
    [`${maxPreferLength} characters, read and ignored`, hostilePrefer(maxPreferLength), 200],
  ])('%s: answered, and so is another connection meanwhile', async (_, prefer, status) => {
    const { answer } = await hostilePreferBeside(prefer);
    expect(answer.status).toBe(status);
  });
});
