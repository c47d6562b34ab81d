// The types of start-mock.js: the package's own (src/server/index.ts).
export { startMock, type StartedMock, type StartMockOptions } from '../../src/server/index.js';
