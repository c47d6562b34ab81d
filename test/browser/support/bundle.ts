// Bundles a page script for the browser the way an app's bundler would (esbuild, browser platform,
// ESM): a Node-only import anywhere in what the page uses fails the build here.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The bundled code of `entry` (a path from the repository root). */
export async function bundleForBrowser(entry: string): Promise<string> {
  const { outputFiles } = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    sourcemap: 'inline',
    write: false,
    logLevel: 'silent',
  });
  return outputFiles[0]!.text;
}

/** A page that loads `script` as a module and says when it is ready (`window.pageReady`). */
export const pageHtml = (script: string) => `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>ghes-oauth-authorizations in a browser</title>
<link rel="icon" href="data:,">
<script type="module" src="${script}"></script>
<body></body>
</html>
`;
