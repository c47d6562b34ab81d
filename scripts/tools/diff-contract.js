// `npm run diff -- <old bundled JSON> [<new>] [--json]`: the changes from one contract to another,
// breaking ones first. Exit code 1 when something breaks, 0 otherwise, 2 when the input is bad.
// <new> defaults to generated/openapi.json. See docs/breaking-changes.md.
import { diffContracts } from './diff/diff-contracts.js';
import { formatText } from './diff/report.js';

const usage = '(usage: npm run diff -- <old bundled JSON> [<new, default generated/openapi.json>] [--json])';

const args = process.argv.slice(2);
const json = args.includes('--json');
const unknown = args.find((arg) => arg.startsWith('-') && arg !== '--json');
const files = args.filter((arg) => !arg.startsWith('-'));

try {
  if (unknown) throw new Error(`unknown option ${unknown} ${usage}`);
  if (files.length < 1 || files.length > 2) throw new Error(`expected one or two contract files, got ${files.length} ${usage}`);
  const report = await diffContracts(files[0], files[1] ?? 'generated/openapi.json');
  console.log(json ? JSON.stringify(report, null, 2) : formatText(report));
  process.exitCode = report.breaking.length > 0 ? 1 : 0;
} catch (error) {
  // Every failure here is a reason the comparison could not be made: say it in one line, no stack.
  console.error(`diff: ${String(error.message).replace(/\s*\n\s*/g, ' ')}`);
  process.exitCode = 2;
}
