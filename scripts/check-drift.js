// Fails when generated/ differs from what is committed: run after `npm run build` in CI.
// generated/releases/ is the one part the build does not write (each published version's contract,
// copied once and committed), so a change there gets its own message.
import { execFileSync } from 'node:child_process';

const changes = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', 'generated'], { encoding: 'utf8' }).trim();
const lines = changes ? changes.split('\n') : [];
const inReleases = (line) => line.slice(3).startsWith('generated/releases/');
const derived = lines.filter((line) => !inReleases(line));
const releases = lines.filter(inReleases);
if (derived.length > 0) {
  console.error(`generated/ is out of date with openapi/:\n${derived.join('\n')}\n\nRun \`npm run build\` and commit generated/.`);
}
if (releases.length > 0) {
  console.error(`generated/releases/ has uncommitted changes:\n${releases.join('\n')}\n\nA release's contract is copied once, when the version is published, and committed; it is never edited.`);
}
if (lines.length > 0) process.exit(1);
console.log('generated/ matches openapi/');
