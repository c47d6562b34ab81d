// The client runs in browsers: it bundles for the browser platform with nothing Node-only in it.
import { readdirSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

const sourceDirectory = new URL('../../src/', import.meta.url);
// Every module under src/ but the Node-only entry src/server/ (the bin and its HTTP transport).
const browserModules = readdirSync(sourceDirectory, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && !file.startsWith('server/'));

it('bundles for the browser (a node: import or a Node built-in would fail the build)', async () => {
  const result = await build({ entryPoints: ['src/index.ts'], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
  expect(result.errors).toEqual([]);
  expect(result.outputFiles[0]!.text).toContain('GitHubApiError');
});

it('the simulator bundles for the browser too', async () => {
  const result = await build({ entryPoints: ['src/simulator/index.ts'], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
  expect(result.errors).toEqual([]);
  expect(result.outputFiles[0]!.text).toContain('createSimulator');
});

it('ghes-oauth-authorizations/msw bundles for the browser too (msw itself left out)', async () => {
  const result = await build({ entryPoints: ['src/msw.ts'], bundle: true, platform: 'browser', format: 'esm', external: ['msw'], write: false, logLevel: 'silent' });
  expect(result.errors).toEqual([]);
  expect(result.outputFiles[0]!.text).toContain('createHandlers');
});

it.each(browserModules)('src/%s uses no Node-only globals', (file) => {
  const code = readFileSync(new URL(file, sourceDirectory), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
  expect(code).not.toMatch(/\b(Buffer|process|require|__dirname|setImmediate)\b|['"]node:/);
});
