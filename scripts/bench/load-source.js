// The benchmarks run this package's TypeScript (src/, and the validator tests' payload generators)
// the way a bundler serves it to a consumer: esbuild compiles an entry into one ES module under
// node_modules/.cache/, with the packages it imports (openapi-fetch, ajv, fast-check) left as
// imports, and each file's import.meta.url kept, so the paths it reads relative to itself still work.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cache = join(root, 'node_modules/.cache/ghes-oauth-bench');

const keepImportMetaUrl = {
  name: 'keep-import-meta-url',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.ts$/ }, async ({ path }) => ({
      contents: (await readFile(path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
      loader: 'ts',
    }));
  },
};

/** Compiles `entry` (a path from the repository root, e.g. `src/index.ts`); resolves with the module's URL. */
export async function compileSource(entry) {
  const outfile = join(cache, `${entry.replaceAll('/', '_').replace(/\.ts$/, '')}.mjs`);
  await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: [keepImportMetaUrl],
    logLevel: 'silent',
  });
  return pathToFileURL(outfile).href;
}

/** Imports `entry` (a path from the repository root, e.g. `src/index.ts`) compiled from TypeScript. */
export async function importSource(entry) {
  return import(await compileSource(entry));
}
