// The package's startMock (src/server/index.ts, `ghes-oauth-authorizations/server`) for the
// repository's own tests and scripts, on the simulator as load-simulator.js loads it, with /docs.
import { loadSimulator } from './load-simulator.js';
import { startMockWith } from '../../src/server/start-mock.js';

/** @type {typeof import('../../src/server/index.js').startMock} */
export async function startMock(options = {}) {
  return /** @type {any} */ (startMockWith(await loadSimulator(), { docs: true, ...options }));
}
