// `npm start` serves generated/. When its sources (openapi/, scripts/build/, redocly.yaml) no longer
// hash to what the last build recorded, the contract was edited since: rebuild first.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isGeneratedStale } from '../lib/build-inputs.js';

const repository = fileURLToPath(new URL('../..', import.meta.url));

/** True when the sources under `root` changed after generated/ was made from them. */
export const isStale = (root = repository) => isGeneratedStale(root);

/**
 * Runs `npm run build`'s script when the contract is stale. `stop()` waits for a running build to
 * finish rather than killing it halfway through writing generated/ (it takes about a second).
 * The build runs in its own process group, so Ctrl-C in the terminal does not cut it short either.
 */
export function rebuildIfStale({ root = repository, log = console.log } = {}) {
  let build;
  const done = (async () => {
    if (!(await isStale(root))) return;
    log('openapi/ changed since the last build: rebuilding generated/ …');
    const child = spawn(process.execPath, ['scripts/build/build.js'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    build = new Promise((resolve) => child.on('close', resolve));
    const code = await build;
    if (code !== 0) throw new Error(`the contract does not build, so there is nothing to serve:\n${output.trim()}`);
  })();
  return { done, stop: () => build ?? Promise.resolve() };
}
