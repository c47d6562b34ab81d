// Fails when generated/ differs from what is committed: run after `npm run build` in CI. Everything
// in generated/ is written by the build but its README.md, which the build leaves alone.
import { execFileSync } from 'node:child_process';

const changes = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', 'generated'], { encoding: 'utf8' }).trim();
if (changes) {
  console.error(`generated/ is out of date with openapi/:\n${changes}\n\nRun \`npm run build\` and commit generated/.`);
  process.exit(1);
}
console.log('generated/ matches openapi/');
