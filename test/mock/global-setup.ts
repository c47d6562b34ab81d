// Starts the mock for the mock and robustness tests in this process, on a free port (startMock:
// the simulator's HTTP server, as `npm start` serves it), a `--strict` one beside it, and, for the
// mock project, the `--static` Prism server; stops them after the tests. No process is spawned:
// `npm start` itself is started by its own smoke test (test/mock/start-smoke.test.ts) and the
// lifecycle tests.
import type { TestProject } from 'vitest/node';
import { createMockServer } from '../../scripts/mock/mock-server.js';
import { startMock } from '../../scripts/mock/start-mock.js';
import { closeServer, listen } from '../../src/server/serve.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
    strictMockUrl: string;
    staticMockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // The tests' clients may be slow to read on a loaded machine: a flood's grace is long here (the
  // default, 5 s, is the slow suite's stall.slow.test.ts), so no answer depends on the wall clock.
  const floodGraceMs = 60_000;
  const [mock, strictMock, staticServer] = await Promise.all([
    startMock({ floodGraceMs }),
    startMock({ strict: true, floodGraceMs }),
    project.name === 'mock' ? createMockServer().then(({ server }) => server) : undefined,
  ]);
  project.provide('mockUrl', mock.url);
  project.provide('strictMockUrl', strictMock.url);
  project.provide('staticMockUrl', staticServer ? await listen(staticServer, { host: '127.0.0.1', port: 0 }) : '');
  return async () => {
    await Promise.all([mock.stop(), strictMock.stop()]);
    if (staticServer) await closeServer(staticServer);
  };
}
