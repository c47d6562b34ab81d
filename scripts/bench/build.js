// 5. Build: the wall time of the full regeneration of generated/ from openapi/ (lint, bundles, types,
// operation table, validators, guards, examples and the docs page) as `npm run build` runs it (its
// command from package.json: one process that starts the rest side by side), against the same
// steps as a sequential chain of one process per step: the tools' CLIs where they have one
// (redocly lint, redocly bundle ×3, openapi-typescript, redocly build-docs through
// scripts/build/generate-docs.js) and a `node` process for each of our generators. The chain is timed
// step by step, so it is also reported without its docs step.
//
// Both run in a scratch copy of the project (node_modules linked), never in the repository; after
// every build, the copy's generated/ must equal the repository's byte for byte.
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childrenCpuSeconds, run } from './processes.js';
import { interleave, median, pairedRatio } from './rounds.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const redoclyCli = join(root, 'node_modules/@redocly/cli/bin/cli.js');
const openapiTypescriptCli = join(root, 'node_modules/openapi-typescript/bin/cli.js');
const goalSeconds = 2;
const redoclyEnv = { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

/** A `node` process running one of our generators on the bundle the chain wrote before it. */
const generatorStep = (code) => [
  '--input-type=module',
  '-e',
  `import { readFileSync, writeFileSync } from 'node:fs';
   const bundle = JSON.parse(readFileSync('generated/openapi.json', 'utf8'));
   ${code}`,
];

const chain = {
  'redocly lint': [redoclyCli, 'lint', '--format', 'stylish', '--max-problems', '50'],
  'redocly bundle (json)': [redoclyCli, 'bundle', 'openapi/openapi.yaml', '--output', 'generated/openapi.json'],
  'redocly bundle (yaml)': [redoclyCli, 'bundle', 'openapi/openapi.yaml', '--output', 'generated/openapi.yaml'],
  'redocly bundle --dereferenced': [redoclyCli, 'bundle', 'openapi/openapi.yaml', '--dereferenced', '--output', 'generated/openapi.deref.json'],
  // Given redocly.yaml, the CLI would lint the contract again with its own @redocly/openapi-core (1.34),
  // which rejects examples the pinned CLI (2.77) accepts: it gets the rules its Node API applies, as
  // scripts/build/generate-client.js does.
  'openapi-typescript': [
    openapiTypescriptCli,
    'generated/openapi.json',
    '--redocly',
    'openapi-typescript.redocly.yaml',
    '--output',
    'generated/schema.ts',
    '--root-types',
    '--root-types-no-schema-prefix',
  ],
  'node: operation table': generatorStep(`const { operationTableOf, renderOperationTable } = await import('./scripts/build/generate-client.js');
   writeFileSync('generated/operations.ts', renderOperationTable(operationTableOf(bundle)));`),
  'node: validators': generatorStep(`const { generateValidators } = await import('./scripts/build/generate-validators.js'); await generateValidators(bundle);`),
  'node: guards': generatorStep(`const { generateGuards } = await import('./scripts/build/generate-guards.js'); await generateGuards(bundle);`),
  'node: examples': generatorStep(`const { generateExamples } = await import('./scripts/build/generate-examples.js'); await generateExamples(bundle);`),
  'redocly build-docs (npm run docs)': ['scripts/build/generate-docs.js'],
};
const docsStep = 'redocly build-docs (npm run docs)';

/** A copy of what the build reads and writes, in a scratch directory. */
async function scratchCopy() {
  const dir = await mkdtemp(join(tmpdir(), 'ghes-oauth-bench-build-'));
  // tsconfig.json too: esbuild reads it when it bundles src/validator-formats.ts into the validators.
  for (const entry of ['openapi', 'generated', 'scripts', 'src', 'redocly.yaml', 'package.json', 'tsconfig.json']) await cp(join(root, entry), join(dir, entry), { recursive: true });
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'));
  await writeFile(join(dir, 'openapi-typescript.redocly.yaml'), 'extends: [minimal]\n');
  return dir;
}

/** Every file of generated/, path → content. */
async function generatedFiles(dir) {
  const entries = await readdir(join(dir, 'generated'), { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)));
  const built = files.sort();
  return new Map(await Promise.all(built.map(async (file) => /** @type {[string, Buffer]} */ ([file, await readFile(join(dir, file))]))));
}

async function expectSameGenerated(dir, expected) {
  const actual = await generatedFiles(dir);
  const differing = [...new Set([...expected.keys(), ...actual.keys()])].filter((file) => !expected.get(file)?.equals(actual.get(file) ?? Buffer.alloc(0)));
  if (differing.length > 0) throw new Error(`npm run build in a copy of the project wrote generated/ differently from the repository's: ${differing.join(', ')}`);
}

export async function benchBuild({ quick }) {
  const settings = quick ? { rounds: 1, warmup: 0 } : { rounds: 5, warmup: 1 };
  const [command, ...buildArgs] = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')).scripts.build.split(' ');
  if (command !== 'node') throw new Error(`npm run build runs ${command}, not node: update scripts/bench/build.js`);
  const expected = await generatedFiles(root);
  const buildDir = await scratchCopy();
  const chainDir = await scratchCopy();
  const steps = /** @type {Record<string, number[]>} */ (Object.fromEntries(Object.keys(chain).map((step) => [step, []])));
  try {
    const samples = await interleave(
      {
        'npm run build': async () => {
          const started = performance.now();
          const cpuBefore = childrenCpuSeconds();
          await run(process.execPath, buildArgs, { cwd: buildDir });
          const sample = { seconds: (performance.now() - started) / 1000, cpu: childrenCpuSeconds() - cpuBefore };
          await expectSameGenerated(buildDir, expected);
          return sample;
        },
        'CLI chain': async ({ warmup }) => {
          const total = { seconds: 0, cpu: 0 };
          for (const [step, args] of Object.entries(chain)) {
            const started = performance.now();
            const cpuBefore = childrenCpuSeconds();
            await run(process.execPath, args, { cwd: chainDir, env: redoclyEnv });
            const seconds = (performance.now() - started) / 1000;
            total.seconds += seconds;
            total.cpu += childrenCpuSeconds() - cpuBefore;
            if (!warmup) steps[step].push(seconds);
          }
          return total;
        },
      },
      settings,
    );
    const wall = (name) => samples[name].map((sample) => sample.seconds);
    const cpu = (name) => median(samples[name].map((sample) => sample.cpu));
    const build = wall('npm run build');
    const withoutDocs = wall('CLI chain').map((total, round) => total - steps[docsStep][round]);
    const seconds = median(build);
    return {
      id: 'build',
      title: 'Build: wall time of the full regeneration of generated/ (docs page included), in a scratch copy',
      settings,
      columns: ['how', 'seconds (median)', '× npm run build', 'CPU seconds'],
      rows: [
        ['npm run build (node scripts/build/build.js: one process, the CLIs side by side)', seconds, 1, cpu('npm run build')],
        ['CLI chain, one process per step, sequential', median(wall('CLI chain')), pairedRatio(wall('CLI chain'), build), cpu('CLI chain')],
        ['CLI chain without its docs step', median(withoutDocs), pairedRatio(withoutDocs, build), '–'],
      ],
      goal: { text: `npm run build ≤ ${goalSeconds} s, docs page included`, met: seconds <= goalSeconds },
      notes: [
        `the chain's steps (median s): ${Object.entries(steps)
          .map(([step, times]) => `${step} ${median(times).toFixed(2)}`)
          .join(', ')}`,
        "npm's own start-up (about 0.3 s) is not counted: both run their node commands directly",
        'CPU seconds: user + system of all their processes. The build runs its work side by side, so its wall time needs both cores free: on a busy machine it nears its CPU time',
        "after every run, npm run build's generated/ equals the repository's byte for byte",
      ],
      samples: { ...samples, 'CLI chain steps': steps },
    };
  } finally {
    await Promise.all([buildDir, chainDir].map((dir) => rm(dir, { recursive: true, force: true })));
  }
}
