// Run by `npm publish` (prepublishOnly): refuses to publish while package.json lacks where the
// project lives. The repository has no public URL yet (docs/decisions.md, "package.json names no
// repository, homepage or bugs until the project has a public URL"), and an invented one would send
// users and their bug reports to a stranger's page.
import { readFile } from 'node:fs/promises';

const file = process.argv[2] ?? 'package.json';
let manifest;
try {
  manifest = JSON.parse(await readFile(file, 'utf8'));
} catch (error) {
  console.error(`check-publishable: cannot read ${file}: ${/** @type {Error} */ (error).message}`);
  process.exit(2);
}
const urlOf = (/** @type {unknown} */ field) => (typeof field === 'string' ? field : /** @type {{ url?: unknown }} */ (Object(field)).url);
const missing = ['repository', 'homepage', 'bugs'].filter((name) => !/^(git\+)?https:\/\/\S+$/.test(String(urlOf(manifest[name]) ?? '')));
if (missing.length) {
  console.error(`check-publishable: ${file} needs ${missing.join(', ')} as https URLs of the project's public home before it is published (there is none yet)`);
  process.exit(1);
}
console.log(`check-publishable: ${file} names its repository, homepage and bugs`);
