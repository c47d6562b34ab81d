// The simulator over HTTP for one test file: started on a free port before its tests, stopped after.
import { afterAll, beforeAll } from 'vitest';
import { startMock, type StartMockOptions, type StartedMock } from '../../../scripts/mock/start-mock.js';
import type { Target } from './model.js';

/** Starts a mock in beforeAll and stops it in afterAll; call the result inside a test for it. */
export function useMock(options: StartMockOptions = {}): () => StartedMock {
  let mock: StartedMock | undefined;
  beforeAll(async () => {
    mock = await startMock({ port: 0, ...options });
  });
  afterAll(async () => {
    await mock?.stop();
  });
  return () => {
    if (!mock) throw new Error('the mock is not running: call the function useMock returned inside a test');
    return mock;
  };
}

/** The model's target on that mock, over real HTTP, under `prefix` ('/api/v3' or ''). */
export const httpTarget = (mock: StartedMock, prefix: '/api/v3' | ''): Target => ({
  send: (request) => fetch(request),
  baseUrl: `${mock.url}${prefix}`,
  controlUrl: `${mock.url}/_simulator`,
});

/** A user name no other test uses: each user has its own state. */
export const freshUser = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}`;

export const basicAuthorization = (user: string, password = 'secret') => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
