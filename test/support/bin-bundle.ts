// The `default` project's global setup: bundles the package's bin from source (src/server/bin.ts,
// esbuild) once, for the tests that run it as a process (test/bin/, test/conformance/bin*.test.ts),
// and deletes it after them. The consumer check runs the one the packed tarball installs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The bundled bin, an ES module to run with `node`. */
    binFile: string;
  }
}

export default async function setup(project: TestProject) {
  const folder = await mkdtemp(join(tmpdir(), 'ghes-oauth-bin-bundle-'));
  const binFile = join(folder, 'bin.mjs');
  await build({ entryPoints: ['src/server/bin.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: binFile, logLevel: 'silent' });
  project.provide('binFile', binFile);
  return () => rm(folder, { recursive: true, force: true });
}
