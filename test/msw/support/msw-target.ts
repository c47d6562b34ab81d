// The model-based test's target (test/simulator/support/model.ts) on MSW handlers: setupServer from
// msw/node, requests sent with the global fetch it intercepts. The whole origin is the handlers', as
// a server's would be, so that both prefixes (/api/v3 and none) reach the simulator.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { createHandlers } from '../../../src/msw.js';
import type { Target } from '../../simulator/support/model.js';

export const origin = 'https://ghes.example.test';

/** Serves the handlers for the file's tests: listening before them, closed after. */
export function useHandlers() {
  const server = setupServer(...createHandlers({ baseUrl: origin }));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
}

export const mswTarget = (prefix: '/api/v3' | ''): Target => ({
  // Looked up per request: the fetch msw/node put in place.
  send: (request) => fetch(request),
  baseUrl: `${origin}${prefix}`,
  controlUrl: `${origin}/_simulator`,
});
