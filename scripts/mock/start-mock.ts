// The package's startMock (src/server/index.ts, `ghes-oauth-authorizations/server`) with npm
// start's /docs, for the repository's own tests and scripts.
import type { StartedMock, StartMockOptions } from '../../src/server/index.js';
import { startMockServer } from '../../src/server/start-mock.js';
import { docsPages } from './docs.js';

export type { StartedMock, StartMockOptions } from '../../src/server/index.js';

export function startMock(options: StartMockOptions = {}): Promise<StartedMock> {
  return startMockServer({ pages: docsPages(), ...options });
}
