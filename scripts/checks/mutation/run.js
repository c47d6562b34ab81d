// `npm run test:mutation [-- --sample N] [--seed S] [--only TEXT] [--names FILE]`: contract mutation testing. Each
// mutant (scripts/checks/mutation/mutants.js) is one small damage to a scratch copy of openapi/; the
// contract is rebuilt in this process (the bundle, and the generators that refuse a broken
// contract: the operation table, the guards, the example constants), and the contract tests run
// against it (vitest's Node API, one instance for every mutant; the tests read the mutant's bundle
// through GHES_CONTRACT_BUNDLE). A mutant is killed when the rebuild refuses it, a test fails, or,
// for one the tests let through, the build's lint (the Redocly CLI) refuses it.
// Prints each surviving mutant by name (with why it is harmless, when scripts/checks/mutation/harmless.js
// says so) and, last, `mutation score: K of N killed (P%)`. Exit code 1 when the score is under the
// goal (95%) or a survivor is not listed as harmless, 2 when the unmutated contract fails its tests.
//
// `--sample N` runs N mutants drawn with a seeded generator (the same N every time for a seed).
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleContract } from '../../build/bundle-contract.js';
import { redocly } from '../../build/redocly.js';
import { operationTableOf, renderOperationTable } from '../../build/generate-client.js';
import { examplesModule } from '../../build/generate-examples.js';
import { guardsModule } from '../../build/generate-guards.js';
import { harmless } from './harmless.js';
import { allMutants } from './mutants.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
export const goal = 0.95;
/**
 * The contract tests: the ones that read the contract through test/support/contract.ts. The
 * release test (a Redocly diff, seconds) runs only for the mutants the others let through.
 */
export const contractTests = [
  'test/contract/operations.test.ts',
  'test/contract/seed-payloads.test.ts',
  'test/contract/examples.test.ts',
  'test/contract/example-exchanges.test.ts',
  'test/contract/components.test.ts',
  'test/contract/negative.test.ts',
];
export const releaseTest = 'test/contract/release.test.ts';

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
}

/** A small seeded generator (mulberry32), so a sample is the same on every run. */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` of `items`, drawn without replacement, in their original order. */
function sample(items, count, seed) {
  const random = seeded(seed);
  const indexes = items.map((_, index) => index);
  for (let i = indexes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [indexes[i], indexes[j]] = [indexes[j], indexes[i]];
  }
  return indexes
    .slice(0, count)
    .sort((a, b) => a - b)
    .map((index) => items[index]);
}

/** Rebuilds the scratch contract; throws when the bundle or a generator refuses it. */
async function rebuild(scratch) {
  const { bundled } = await bundleContract({ root: join(scratch, 'openapi/openapi.yaml'), configPath: join(scratch, 'redocly.yaml') });
  renderOperationTable(operationTableOf(bundled));
  guardsModule(bundled);
  examplesModule(bundled);
  await writeFile(join(scratch, 'generated/openapi.json'), `${JSON.stringify(bundled, null, 2)}\n`);
}

/**
 * Lints the scratch contract as `npm run build` does (no error, no warning), for the mutants the
 * tests let through: the CLI takes a second or two, too long to spend on every mutant.
 */
async function lint(scratch) {
  const report = await redocly(['lint', '--config', join(scratch, 'redocly.yaml'), join(scratch, 'openapi/openapi.yaml')]);
  if (/\bwarnings?\b/i.test(report))
    throw new Error(
      `lint reported warnings: ${report
        .split('\n')
        .find((line) => /warning/.test(line))
        ?.trim()}`,
    );
}

/**
 * The failed tests of a run of `specifications` (their full names), or the errors outside tests.
 * Only the modules just run count: vitest's result also holds earlier runs' modules.
 */
async function failuresOf(vitest, specifications) {
  const { testModules, unhandledErrors } = await vitest.runTestSpecifications(specifications);
  const ran = new Set(specifications.map((specification) => specification.moduleId));
  const failed = testModules
    .filter((module) => ran.has(module.moduleId))
    .flatMap((module) => {
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0)
        return [
          `${module.moduleId}: ${module
            .errors()
            .map((e) => e.message)
            .join('; ')}`,
        ];
      return [...module.children.allTests('failed')].map((test) => test.fullName);
    });
  return [...failed, ...unhandledErrors.map((error) => String(error?.message ?? error))];
}

/** @param {{ sampleSize?: number | undefined, seed?: number, only?: string | undefined, names?: string[] | undefined, log?: (...line: any[]) => void }} [options] */
export async function runMutationTest({ sampleSize, seed = 1, only, names, log = console.log } = {}) {
  const { parsed, mutants: every } = await allMutants(root);
  const chosen = every.filter((mutant) => (!only || mutant.name.includes(only)) && (!names || names.includes(mutant.name)));
  const mutants = sampleSize ? sample(chosen, sampleSize, seed) : chosen;

  const scratch = await mkdtemp(join(tmpdir(), 'ghes-oauth-mutation-'));
  await cp(join(root, 'openapi'), join(scratch, 'openapi'), { recursive: true });
  await cp(join(root, 'redocly.yaml'), join(scratch, 'redocly.yaml'));
  await mkdir(join(scratch, 'generated'));
  process.env.GHES_CONTRACT_BUNDLE = join(scratch, 'generated/openapi.json');
  process.env.GHES_CONTRACT_SOURCE = join(scratch, 'openapi');

  const { createVitest } = await import('vitest/node');
  const vitest = await createVitest(
    'test',
    // One fresh module graph per test file (each reads the mutant's bundle); the first failure ends the run.
    { root, watch: false, project: ['default'], isolate: true, bail: 1, typecheck: { enabled: false }, reporters: [{}], silent: true, passWithNoTests: false },
    {},
    { stdout: process.stdout, stderr: process.stderr },
  );
  try {
    const files = [...contractTests, releaseTest];
    const specifications = await vitest.globTestSpecifications(files.map((file) => join(root, file)));
    if (specifications.length !== files.length) throw new Error(`found ${specifications.length} of the ${files.length} contract test files`);
    const isRelease = (specification) => specification.moduleId.endsWith(releaseTest);
    const [fast, release] = [specifications.filter((each) => !isRelease(each)), specifications.filter(isRelease)];
    const run = async () => {
      const failures = await failuresOf(vitest, fast);
      return failures.length > 0 ? { failures, by: 'facts' } : { failures: await failuresOf(vitest, release), by: 'release' };
    };

    await rebuild(scratch);
    const { failures: baseline } = await run();
    if (baseline.length > 0) {
      throw Object.assign(new Error(`the unmutated contract fails its contract tests:\n  ${baseline.slice(0, 10).join('\n  ')}`), { exitCode: 2 });
    }

    log(`${mutants.length} mutants${sampleSize ? ` (a sample of ${chosen.length}, seed ${seed})` : ''}, each against ${files.length} test files`);
    const survivors = [];
    let killed = 0;
    const killedBy = { build: 0, facts: 0, release: 0, lint: 0 };
    for (const [index, mutant] of mutants.entries()) {
      const started = performance.now();
      const target = join(scratch, mutant.file);
      await writeFile(target, mutant.apply(parsed.get(mutant.file)));
      let verdict;
      try {
        await rebuild(scratch);
      } catch (error) {
        verdict = `killed by the build: ${String(error.message).split('\n')[0]}`;
        killedBy.build++;
      }
      try {
        if (!verdict) {
          const { failures, by } = await run();
          if (failures.length > 0) {
            verdict = `killed by ${failures.length} test${failures.length > 1 ? 's' : ''}: ${failures[0]}`;
            killedBy[by]++;
          } else {
            verdict = await lint(scratch).then(
              () => undefined,
              (error) =>
                `killed by the build's lint: ${
                  String(error.message)
                    .split('\n')
                    .find((line) => /error|warning/.test(line))
                    ?.trim() ?? error.message
                }`,
            );
            if (verdict) killedBy.lint++;
          }
        }
      } finally {
        await cp(join(root, mutant.file), target);
      }
      if (verdict) killed++;
      else survivors.push(mutant);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      log(`[${index + 1}/${mutants.length}, ${seconds} s] ${verdict ? '✓' : '✗ SURVIVED'} ${mutant.name}${verdict ? `: ${verdict.slice(0, 160)}` : ''}`);
    }
    return { total: mutants.length, killed, killedBy, survivors };
  } finally {
    await vitest.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sampleSize = option('--sample') === undefined ? undefined : Number(option('--sample'));
  try {
    if (sampleSize !== undefined && !(Number.isInteger(sampleSize) && sampleSize > 0)) throw new Error('--sample needs a positive whole number');
    const started = performance.now();
    // --names FILE: only the mutants named in FILE, one a line (e.g. the survivors of an earlier run).
    const namesFile = option('--names');
    const names =
      namesFile &&
      (await readFile(namesFile, 'utf8'))
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
    const { total, killed, killedBy, survivors } = await runMutationTest({ sampleSize, seed: Number(option('--seed', '1')), only: option('--only'), names });
    console.log(
      `\nkilled by the rebuild ${killedBy.build}, by the tests of the docs pages' facts and the contract's rules ${killedBy.facts}, by the release test alone ${killedBy.release}, by the build's lint alone ${killedBy.lint}; ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    const why = (mutant) =>
      harmless[mutant.name] ? `\n      harmless: ${harmless[mutant.name]}` : '\n      NOT KNOWN TO BE HARMLESS: kill it with a test, or list it in scripts/checks/mutation/harmless.js with why';
    console.log(`${survivors.length} surviving mutant${survivors.length === 1 ? '' : 's'}:${survivors.map((mutant) => `\n  ${mutant.name}${why(mutant)}`).join('')}`);
    const score = total === 0 ? 0 : killed / total;
    console.log(`mutation score: ${killed} of ${total} killed (${(score * 100).toFixed(1)}%)`);
    // Set either way: vitest's Node API sets process.exitCode to 1 whenever a mutant fails a test,
    // and a failing test is a killed mutant, not a failed run.
    process.exitCode = score < goal || survivors.some((mutant) => !harmless[mutant.name]) ? 1 : 0;
  } catch (error) {
    console.error(`test:mutation: ${error.message}`);
    process.exitCode = error.exitCode ?? 2;
  }
}
