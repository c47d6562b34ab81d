// Contract mutation testing with every mutant (`npm run test:mutation`, in a process of its own;
// about 8 minutes on a quiet 2-core machine): the contract tests kill at least 95% of the mutants of openapi/, and
// every survivor is one that scripts/checks/mutation/harmless.js lists, with why it is harmless.
// MUTATION_SAMPLE=N runs N of them instead (the same N every time): what CI does, where the whole
// run would more than double the slow suite's time.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sample = process.env.MUTATION_SAMPLE ? Number(process.env.MUTATION_SAMPLE) : undefined;
if (sample !== undefined && !(Number.isInteger(sample) && sample > 0)) throw new Error(`MUTATION_SAMPLE must be a positive whole number, not ${process.env.MUTATION_SAMPLE}`);

it(`the contract tests kill at least 95% of ${sample ? `a sample of ${sample}` : 'all'} mutants, and every survivor is listed as harmless`, { timeout: 3 * 60 * 60_000 }, async () => {
  // Not the environment of the vitest running this file: the runner starts a vitest of its own.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS' && name !== 'TEST'));
  const { code, output } = await new Promise<{ code: number | null; output: string }>((done) => {
    execFile(process.execPath, ['scripts/checks/mutation/run.js', ...(sample ? ['--sample', String(sample)] : [])], { cwd: root, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, output: `${stdout}${stderr}` });
    });
  });
  const score = output.match(/^mutation score: (\d+) of (\d+) killed/m);
  expect(score, output.slice(-3000)).not.toBeNull();
  expect(Number(score![2])).toBe(sample ?? Number(score![2]));
  if (!sample) expect(Number(score![2])).toBeGreaterThan(300);
  expect(output).not.toContain('NOT KNOWN TO BE HARMLESS');
  expect(Number(score![1]) / Number(score![2])).toBeGreaterThanOrEqual(0.95);
  expect(code, output.slice(-3000)).toBe(0);
});
