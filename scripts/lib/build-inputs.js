// What generated/ is made from, as one hash: the contract (openapi/), the build's own code
// (scripts/build/) and the lint configuration (redocly.yaml). The build writes it to
// generated/build-inputs.sha256; `npm test` recomputes it first and stops when they differ, so no
// test runs against a generated/ that is older than its sources.
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

export const inputsFile = 'generated/build-inputs.sha256';
const sources = ['openapi', 'scripts/build', 'redocly.yaml'];

/** The hex SHA-256 over each input file's path and bytes, in path order; line endings as stored. */
export async function hashBuildInputs(root = '.') {
  const files = [];
  for (const source of sources) {
    const entries = await readdir(join(root, source), { recursive: true, withFileTypes: true }).catch((error) => {
      if (error.code === 'ENOTDIR') return null;
      throw error;
    });
    if (entries === null) files.push(source);
    else for (const entry of entries) if (entry.isFile()) files.push(relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
  }
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    const bytes = await readFile(join(root, file));
    hash.update(`${file}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
}

/** True when generated/ under `root` was made from other sources than the ones there now (or never made). */
export async function isGeneratedStale(root = '.') {
  const recorded = await readFile(join(root, inputsFile), 'utf8').catch(() => '');
  return recorded.trim() !== (await hashBuildInputs(root));
}
