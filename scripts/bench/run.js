// `npm run bench`: the six comparisons in one process run (client, client size, validation, mock,
// build, what the simulator keeps), each against what a user would pick instead, with warm-up,
// interleaved rounds, medians and ratios. Prints a table per comparison; saves scripts/bench/results.json and rewrites the
// tables of docs/benchmarks.md.
//
// `npm run bench -- --quick`: the same code with shorter samples and fewer rounds, in under a
// minute (CI runs it so the benchmarks cannot rot); saves scripts/bench/results.quick.json
// (git-ignored) and leaves docs/benchmarks.md alone. `-- --only client,size` runs some and saves
// nothing.
//
// A goal not met is reported, not a failure: the numbers depend on the machine. A failure is a
// comparison that cannot be made honestly: a contender that answers wrongly, verdicts that differ,
// a build whose output differs.
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { benchBuild } from './build.js';
import { benchClient } from './client.js';
import { benchKept } from './kept.js';
import { benchMock } from './mock.js';
import { markdownReport, replaceBlock, textReport } from './report.js';
import { machine } from './rounds.js';
import { benchSize } from './size.js';
import { benchValidation } from './validation.js';

const benchmarks = { client: benchClient, size: benchSize, validation: benchValidation, mock: benchMock, build: benchBuild, kept: benchKept };
const page = new URL('../../docs/benchmarks.md', import.meta.url);

const usage = `usage: npm run bench [-- --quick] [-- --only ${Object.keys(benchmarks).join(',')}]`;
let values;
try {
  ({ values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } }));
} catch (error) {
  // An unknown option or a missing value: one line and the usage, not a stack trace.
  console.error(`${/** @type {Error} */ (error).message}\n${usage}`);
  process.exit(2);
}
const only = values.only?.split(',') ?? Object.keys(benchmarks);
const unknown = only.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}: choose from ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}

const started = performance.now();
const results = { quick: values.quick, machine: machine(), benchmarks: /** @type {object[]} */ ([]) };
console.log(`${values.quick ? 'Quick run' : 'Full run'} on ${results.machine.cores} cores, Node ${results.machine.node}, load average ${results.machine.loadAverageAtStart.join(' ')}\n`);
try {
  for (const name of only) {
    const result = await benchmarks[name]({ quick: values.quick });
    results.benchmarks.push(result);
    console.log(`${textReport(result, Object.keys(benchmarks).indexOf(name) + 1)}\n`);
  }
} catch (error) {
  console.error(`the benchmark failed: ${error.stack ?? error}`);
  process.exit(1);
}
results.durationSeconds = (performance.now() - started) / 1000;
results.machine.loadAverageAtEnd = loadavg().map((load) => Number(load.toFixed(2)));
console.log(`${Math.round(results.durationSeconds)} s; load average at the end ${results.machine.loadAverageAtEnd.join(' ')}`);

if (values.only) process.exit(0);
const file = new URL(values.quick ? 'results.quick.json' : 'results.json', import.meta.url);
await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`saved ${file.pathname}`);
if (!values.quick) {
  await writeFile(page, replaceBlock(await readFile(page, 'utf8'), markdownReport(results)));
  console.log(`updated the tables in ${page.pathname}`);
}
