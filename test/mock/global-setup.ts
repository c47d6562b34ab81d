// Starts one mock for the mock tests, exactly as `npm start` does, on a free port; stops it after
// them and checks that it exited cleanly.
import type { TestProject } from 'vitest/node';
import { freePort, startScript, stop, waitUntilReady } from './support/processes.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const mock = startScript('start', { port: await freePort() });
  await waitUntilReady(mock);
  project.provide('mockUrl', mock.url);
  return async () => {
    const { code, signal } = await stop(mock);
    if (code !== 0) throw new Error(`the mock exited with ${code ?? signal} after SIGTERM:\n${mock.output()}`);
  };
}
