// A request whose body never arrives in full gets a 408 once the mock's 10 s request timeout passes:
// slow by nature, so it runs under `npm run test:slow`. (The other malformed requests are in
// malformed.test.ts.)
import { expect, it } from 'vitest';
import { rawExchange } from '../support/raw-http.js';
import { basic, mockUrl } from './support/calls.js';

it('a body that never arrives in full → 408 JSON, not a hang (after the 10 s request timeout)', async () => {
  // The socket stays open (no half-close): the mock must give up on the body by itself.
  const request = `POST /authorizations HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${basic}\r\nContent-Length: 100\r\n\r\n{"note"`;
  const answer = await rawExchange(mockUrl(), request, { timeoutMs: 15_000 });
  expect(answer.status).toBe(408);
  expect(JSON.parse(answer.body).message).toBe('Request incomplete after 10 s');
});
