// The simulator core is TypeScript (src/simulator/), which Node 20 cannot import. Under vitest it
// is imported as it is; under plain Node, esbuild bundles it (about a tenth of a second) and the
// bundle is imported from memory, so parallel starts never share a file.
import { build, stop } from 'esbuild';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../../src/simulator/index.ts', import.meta.url));

let loading;

/** The module src/simulator/index.ts: createSimulator, checkRequest, chooseResponse, … */
export function loadSimulator() {
  loading ??= /** @type {Promise<typeof import('../../src/simulator/index.js')>} */ (
    // @ts-expect-error -- a .ts specifier on purpose: vitest loads it as it is; plain Node fails and falls back below.
    import('../../src/simulator/index.ts')
  ).catch(async () => {
    const result = await build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'neutral', target: 'es2022', logLevel: 'silent' });
    // esbuild keeps a service process for the next build; there is none, and it would outlive Ctrl-C.
    await stop();
    return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].contents).toString('base64')}`);
  });
  return loading;
}
