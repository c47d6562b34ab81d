// `npm start` serves generated/openapi.json. When anything in openapi/ (or redocly.yaml, which
// drives the bundle) is newer than it, the contract was edited after the last build: rebuild first.
import { execFileSync, spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = fileURLToPath(new URL('../..', import.meta.url));

async function newestChange(path) {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestChange(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/**
 * A fresh clone writes every file at checkout time, openapi/ after generated/, so times alone would
 * rebuild every fresh clone. But when git has no uncommitted change in any of them, and generated/
 * was committed no earlier than the contract, generated/ is the committed build of the committed
 * contract (CI fails on drift), so it is current. False when git cannot tell.
 */
function committedTogether(root) {
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    if (git('status', '--porcelain', '--', 'openapi', 'redocly.yaml', 'generated') !== '') return false;
    const lastCommit = (...paths) => Number(git('log', '-1', '--format=%ct', '--', ...paths));
    return lastCommit('generated') >= lastCommit('openapi', 'redocly.yaml');
  } catch {
    return false;
  }
}

/** True when openapi/ or redocly.yaml under `root` changed after generated/openapi.json was written. */
export async function isStale(root = repository) {
  const built = await stat(join(root, 'generated/openapi.json')).then((info) => info.mtimeMs, () => -Infinity);
  const edited = Math.max(await newestChange(join(root, 'openapi')), await newestChange(join(root, 'redocly.yaml')));
  return edited > built && !committedTogether(root);
}

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
