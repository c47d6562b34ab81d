// Starts the mock for the mock tests, exactly as `npm start` does, on a free port (and, for the
// mock project, `npm start -- --static` beside it); stops them after them and checks that they
// exited cleanly.
import type { TestProject } from 'vitest/node';
import { freePort, type Started, startScript, stop, waitUntilReady } from './support/processes.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
    staticMockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const started: Started[] = [startScript('start', { port: await freePort() })];
  if (project.name === 'mock') started.push(startScript('start', { port: await freePort(), args: ['--static'] }));
  await Promise.all(started.map(waitUntilReady));
  project.provide('mockUrl', started[0]!.url);
  project.provide('staticMockUrl', started[1]?.url ?? '');
  return async () => {
    for (const mock of started) {
      const { code, signal } = await stop(mock);
      if (code !== 0) throw new Error(`the mock exited with ${code ?? signal} after SIGTERM:\n${mock.output()}`);
    }
  };
}
