// Runs the pinned Redocly CLI's `diff` command (with the diff rules of redocly-diff.yaml) on two
// normalized contracts and returns its JSON report. Redocly rates each change: `major` breaks a
// client, `minor` adds something, `patch` changes neither.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redocly } from '../../build/redocly.js';
import { InputError } from './load-contract.js';

const config = fileURLToPath(new URL('redocly-diff.yaml', import.meta.url));

/** The Redocly report (`reportVersion` "1": `{ changes: [{ path, typeName, kind, impact, verdicts, property?, base?, revision? }] }`). */
export async function redoclyDiff(base, revision) {
  const scratch = await mkdtemp(join(tmpdir(), 'ghes-oauth-diff-'));
  try {
    const [basePath, revisionPath, reportPath] = ['old.json', 'new.json', 'report.json'].map((name) => join(scratch, name));
    await writeFile(basePath, JSON.stringify(base));
    await writeFile(revisionPath, JSON.stringify(revision));
    let output;
    try {
      output = await redocly(['diff', basePath, revisionPath, '--config', config, '--lint-config', 'off', '--format', 'json', '--fail-on', 'none', '--output', reportPath]);
    } catch (error) {
      // Redocly fails a run only when it cannot read a description; name its first complaint.
      const reason = error.message
        .split('\n')
        .map((line) => line.trim())
        .find((line) => line && !line.startsWith('redocly diff') && !line.startsWith('bundling'));
      throw new InputError(`Redocly could not compare the contracts: ${reason ?? 'no reason given'}`);
    }
    // Without diff rules Redocly rates every change minor or patch: a silent pass, so refuse it.
    if (/No diff rules are on/.test(output)) throw new Error(`${config} turns on no diff rules; it must extend diff-recommended`);
    const report = JSON.parse(await readFile(reportPath, 'utf8'));
    if (report.reportVersion !== '1') throw new Error(`Redocly diff report version ${report.reportVersion} is unknown to scripts/tools/diff/report.js`);
    return report;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
