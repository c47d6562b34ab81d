// Fails when generated/ is not what `npm run build` makes from the openapi/ beside it: rebuilds in a
// scratch copy of the working tree (tracked and untracked files, node_modules linked) and compares
// every file of the copy's generated/ with this one's, naming each that differs, is missing or is
// extra. It passes right after a correct build, committed or not, and fails when openapi/ (or the
// build) was changed and generated/ was not rebuilt. Nothing in this checkout is written.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

const root = process.cwd();
const scratch = await mkdtemp(join(tmpdir(), 'check-drift-'));
try {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' }).split('\0').filter(Boolean);
  // generated/ is left out but for its README (the one file the build does not write), so that a
  // file the build no longer makes shows as extra.
  for (const file of files.filter((file) => !file.startsWith('generated/') || file === 'generated/README.md')) {
    // A deleted but still tracked file is listed too: skip it, as the build would not see it.
    await mkdir(dirname(join(scratch, file)), { recursive: true });
    await cp(join(root, file), join(scratch, file)).catch((error) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  await symlink(join(root, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  try {
    execFileSync(process.execPath, ['scripts/build/build.js'], { cwd: scratch, stdio: 'pipe' });
  } catch (error) {
    console.error(`the build failed in the scratch copy, so generated/ could not be checked:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    process.exit(2);
  }
  const differences = await compareFolders(join(root, 'generated'), join(scratch, 'generated'));
  if (differences.length > 0) {
    console.error(`generated/ is not what \`npm run build\` makes from openapi/:\n${differences.map((line) => `  ${line}`).join('\n')}\n\nRun \`npm run build\` and commit generated/ with openapi/.`);
    process.exit(1);
  }
  console.log('generated/ is what `npm run build` makes from openapi/');
} finally {
  await rm(scratch, { recursive: true, force: true });
}

/** Each file that differs between the two folders, as "generated/<path>: <how>". */
async function compareFolders(here, rebuilt) {
  const [ours, theirs] = await Promise.all([listFiles(here), listFiles(rebuilt)]);
  const differences = [];
  for (const file of [...new Set([...ours, ...theirs])].sort()) {
    const name = `generated/${file}`;
    if (!theirs.includes(file)) differences.push(`${name}: not made by the build (remove it)`);
    else if (!ours.includes(file)) differences.push(`${name}: missing (the build makes it)`);
    else if (!(await readFile(join(here, file))).equals(await readFile(join(rebuilt, file)))) differences.push(`${name}: differs`);
  }
  return differences;
}

async function listFiles(folder) {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(folder, join(entry.parentPath ?? entry.path, entry.name)));
}
