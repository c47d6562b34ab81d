// The setup file of docs/frontend-testing.md, as an app's vitest.setup.ts: the handlers, and a
// server that listens as soon as the file runs, before any test file imports the app.
import { setupServer } from 'msw/node';
import { afterAll, afterEach } from 'vitest';
import { createHandlers } from '../../../src/msw.js';

export const ghes = createHandlers({
  baseUrl: 'https://ghes.example.com/api/v3',
  accounts: { 'mona-2fa': { password: 'secret', otp: { code: '123456' } } },
});
export const server = setupServer(...ghes);

server.listen({ onUnhandledRequest: 'error' });
afterEach(() => {
  server.resetHandlers();
  ghes.simulator.reset();
});
afterAll(() => server.close());
