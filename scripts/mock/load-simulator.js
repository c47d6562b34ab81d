// The simulator core is TypeScript (src/simulator/), which Node 20 cannot import. Under vitest it
// is imported as it is; under plain Node, esbuild bundles it (about a tenth of a second) into a
// file of its own in a fresh temporary folder (so parallel starts never share one), which is
// imported and removed. With its inline source map, a stack names src/simulator/*.ts files and
// lines, not the bundle (imported as a data: URL, the whole bundle was in every stack frame).
import { build, stop } from 'esbuild';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = join(root, 'src/simulator/index.ts');

let loading;

/** The module src/simulator/index.ts: createSimulator, checkRequest, chooseResponse, … */
export function loadSimulator() {
  loading ??= /** @type {Promise<typeof import('../../src/simulator/index.js')>} */ (
    // @ts-expect-error -- a .ts specifier on purpose: vitest loads it as it is; plain Node fails and falls back below.
    import('../../src/simulator/index.ts')
  ).catch(async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ghes-simulator-'));
    const outfile = join(folder, 'simulator.js');
    try {
      await build({ entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', logLevel: 'silent', sourcemap: 'inline', sourcesContent: false });
      // esbuild keeps a service process for the next build; there is none, and it would outlive Ctrl-C.
      await stop();
      process.setSourceMapsEnabled(true);
      return await import(pathToFileURL(outfile).href);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
  return loading;
}
