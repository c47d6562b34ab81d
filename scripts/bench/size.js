// 2. Client size: what each client adds to a browser bundle, minified and gzipped (esbuild, browser
// platform, minify; gzip level 9), from an entry that imports what a user imports. Not timed:
// sizes do not vary from run to run. Also where this client's bytes go: the share of each source
// file in the minified bundle, and what each part adds to the gzipped size.
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const goalBytes = 3500;

/** The minified and the min+gzip size of a bundle of `entry` (module source), and each input's minified bytes. */
async function sizeOf(entry) {
  const { outputFiles, metafile } = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // The ./msw entry runs on the msw an app installs itself: its size is the package's share.
    external: ['msw'],
  });
  const code = outputFiles[0].contents;
  const inputs = Object.fromEntries(Object.entries(Object.values(metafile.outputs)[0].inputs).map(([file, { bytesInOutput }]) => [file, bytesInOutput]));
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, inputs };
}

const contenders = {
  'this client (src/index.ts, every export)': "export * from './src/index.ts';",
  'openapi-fetch alone (createClient)': "export { default } from 'openapi-fetch';",
  '@octokit/request (request)': "export { request } from '@octokit/request';",
  '@octokit/core (Octokit)': "export { Octokit } from '@octokit/core';",
  'ghes-oauth-authorizations/msw (createHandlers: the simulator; msw itself not counted)': "export * from './src/msw.ts';",
};

// Each entry adds one part to the one before it: the gzipped growth is that part's cost.
const parts = {
  "openapi-fetch's createClient": "export { default } from 'openapi-fetch';",
  'createClient, the operation table, GitHubApiError': "export { createClient, GitHubApiError, operationTable } from './src/index.ts';",
  'paginate, paginateAll, parseLink': "export * from './src/index.ts';",
};

export async function benchSize() {
  const sizes = {};
  for (const [name, entry] of Object.entries(contenders)) sizes[name] = await sizeOf(entry);
  const ours = sizes['this client (src/index.ts, every export)'];
  const breakdown = [];
  let before = 0;
  for (const [part, entry] of Object.entries(parts)) {
    const { gzipped } = await sizeOf(entry);
    breakdown.push([part, gzipped - before]);
    before = gzipped;
  }
  return {
    id: 'size',
    title: 'Client size: min+gzip (esbuild, browser, minify; gzip -9) of what a user imports',
    columns: ['bundle', 'minified B', 'min+gzip B', 'this client ÷ it'],
    rows: Object.entries(sizes).map(([name, { minified, gzipped }]) => [name, minified, gzipped, ours.gzipped / gzipped]),
    goal: { text: `this client ≤ ${goalBytes / 1000} kB (${goalBytes} B) min+gzip`, met: ours.gzipped <= goalBytes },
    breakdown: {
      columns: ["this client's part", 'adds min+gzip B'],
      rows: breakdown,
    },
    notes: [
      `ghes-oauth-authorizations/msw, minified bytes by file (the budget of its min+gzip size is in scripts/checks/test-package.js): ${Object.entries(
        sizes['ghes-oauth-authorizations/msw (createHandlers: the simulator; msw itself not counted)'].inputs,
      )
        .filter(([, bytes]) => bytes > 2000)
        .sort(([, a], [, b]) => b - a)
        .map(([file, bytes]) => `${file} ${bytes.toLocaleString('en-US')}`)
        .join('; ')}`,
      `minified bytes by file: ${Object.entries(ours.inputs)
        .filter(([, bytes]) => bytes > 0)
        .map(([file, bytes]) => `${file.replace('node_modules/', '')} ${bytes.toLocaleString('en-US')}`)
        .join('; ')}`,
    ],
    minifiedBytesByFile: ours.inputs,
  };
}
