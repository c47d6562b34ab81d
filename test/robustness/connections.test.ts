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
import { maxPipelined } from '../../src/server/connection-limits.js';
import { basicFor, freshUser, sendAs } from '../mock/support/calls.js';

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
    expectAnswers(conversation.answers, client.answers);
    expect(conversation.closed).toBe(client.closes);
  });
});

describe('a flood whose answers outgrow what the kernel holds for a client that does not read', () => {
  // A 2 MB write, of which the mock reads no more than the first chunks, and 16 pages of about 100 KB: when
  // the 429 is handed to the socket, the kernel still holds most of the pages, unsent. A socket closed then
  // with the flood unread is reset, and the reset drops them (the client got one page of 16).
  it(`gets the ${maxPipelined} pages and the 429 before the close`, async () => {
    const user = freshUser('flood');
    for (let index = 0; index < 100; index++) {
      const created = await sendAs(user, { method: 'POST', path: '/authorizations', body: { scopes: ['repo'], note: `flood ${index} ${'n'.repeat(900)}` } });
      expect(created.status).toBe(201);
      await created.arrayBuffer();
    }
    const page = `GET /authorizations?per_page=100 HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${basicFor(user)}\r\n\r\n`;
    const answers = [...Array.from({ length: maxPipelined }, () => ({ status: 200 })), { status: 429, mentions: new RegExp(`at most ${maxPipelined} requests`) }];
    const { conversation } = await nonReadingClientBeside({ name: 'a flood of pages', bytes: page.repeat(20_000), answers, closes: true });
    expectAnswers(conversation.answers, answers);
    expect(conversation.closed).toBe(true);
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
