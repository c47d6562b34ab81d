// `npm run test:under-load [-- --runs 5 --burners 2]`: `npm test` several times in a row while
// busy-loop processes keep every core loaded, as on a shared CI machine. Exits 0 only when every
// run passed; prints each run's result and wall time. No test of the suite may depend on the
// machine being quiet (test/README.md), and this is how to check that it does not.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

let values;
try {
  ({ values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, burners: { type: 'string', default: String(availableParallelism()) } } }));
} catch (error) {
  console.error(`${error.message}\nusage: npm run test:under-load [-- --runs <n>] [-- --burners <n>]`);
  process.exit(2);
}
const runs = Number(values.runs);
const burners = Number(values.burners);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(burners) || burners < 0) {
  console.error('--runs must be a whole number from 1, --burners from 0');
  process.exit(2);
}

// Each burner spins until it is killed; they are children of this process and end with it.
const busy = Array.from({ length: burners }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopBurners = () => {
  for (const child of busy) child.kill('SIGKILL');
};
process.on('exit', stopBurners);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const results = [];
for (let run = 1; run <= runs; run++) {
  const started = performance.now();
  const code = await new Promise((resolve) => {
    const child = spawn('npm', ['test'], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('close', (exitCode) => resolve(exitCode));
  });
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  results.push(code === 0);
  console.log(`run ${run} of ${runs}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds} s, beside ${burners} busy processes`);
}
stopBurners();
const passed = results.filter(Boolean).length;
console.log(`${passed} passed, ${runs - passed} failed`);
process.exit(passed === runs ? 0 : 1);
