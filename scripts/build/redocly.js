// Runs the pinned Redocly CLI with telemetry off and its Node 20 end-of-life banner filtered out
// (it is printed unconditionally and says nothing about our document).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
const banner = /^\s*(╔|║|╚).*$/gm;

/** Runs `redocly <args>`; resolves with its output, rejects with it when the command fails. */
export function redocly(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const text = output
        .replace(banner, '')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
      if (code === 0) resolve(text);
      else reject(new Error(`redocly ${args.join(' ')} failed:\n${text}`));
    });
  });
}

// `node scripts/build/redocly.js lint` etc.: the same filtered CLI, for npm scripts.
if (import.meta.url === `file://${process.argv[1]}`) {
  redocly(process.argv.slice(2)).then(
    (text) => console.log(text),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
