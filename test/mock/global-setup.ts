// Starts the mock for the mock tests, exactly as `npm start` does, on a free port (and, for the
// mock project, `npm start -- --static` and `npm start -- --strict` beside it); stops them after
// them and checks that they exited cleanly.
import type { TestProject } from 'vitest/node';
import { freePort, type Started, startScript, stop, waitUntilReady } from './support/processes.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
    staticMockUrl: string;
    strictMockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const simulator = startScript('start', { port: await freePort() });
  const staticMock = project.name === 'mock' ? startScript('start', { port: await freePort(), args: ['--static'] }) : undefined;
  const strictMock = project.name === 'mock' ? startScript('start', { port: await freePort(), args: ['--strict'] }) : undefined;
  const started: Started[] = [simulator, staticMock, strictMock].filter((mock): mock is Started => mock !== undefined);
  await Promise.all(started.map(waitUntilReady));
  project.provide('mockUrl', simulator.url);
  project.provide('staticMockUrl', staticMock?.url ?? '');
  project.provide('strictMockUrl', strictMock?.url ?? '');
  return async () => {
    for (const mock of started) {
      const { code, signal } = await stop(mock);
      if (code !== 0) throw new Error(`the mock exited with ${code ?? signal} after SIGTERM:\n${mock.output()}`);
    }
  };
}
