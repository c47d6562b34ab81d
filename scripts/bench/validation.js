// 3. Validation: this package's isAuthorization (ajv code precompiled at build time into
// generated/validators.ts, with the uri/date-time fast paths of src/validator-formats.ts)
// against ajv with ajv-formats in full mode compiled at run time (scripts/bench/runtime-ajv.js).
// Compiling is done once, before timing.
//
// Each payload is timed in a worker thread of its own (validation-worker.js). Then, in this thread,
// both give their verdicts on a generated corpus (the validator tests' fast-check payloads, valid
// and broken): any disagreement fails the benchmark.
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { compileAtRunTime } from './runtime-ajv.js';
import { median, pairedRatio } from './rounds.js';

const bundle = JSON.parse(readFileSync(new URL('../../generated/openapi.json', import.meta.url), 'utf8'));
const seeds = JSON.parse(readFileSync(new URL('../../test/fixtures/seed-payloads.json', import.meta.url), 'utf8'));
const schema = 'authorization';
const goalRatio = 5;
const count = (number) => number.toLocaleString('en-US');

/** The payloads timed, each with the verdict both must give. */
async function payloads() {
  const { validPayloads } = await import('../lib/valid-payloads.js');
  const listItem = (ghes) => seeds.find((seed) => seed.ghes === ghes && seed.operation === 'list-authorizations' && seed.body === '200').payload[0];
  return {
    "the contract's example get-authorization-200, 3 URLs and 3 date-times (realistic)": {
      payload: bundle.components.examples['get-authorization-200'].value,
      valid: true,
    },
    'the GHES 3.15 docs page, a list item': { payload: listItem('3.15'), valid: true },
    'every field, with user + installation: 20 URLs (scripts/lib/valid-payloads.ts)': { payload: validPayloads[schema], valid: true },
    'the GHES 3.16 docs page, a list item (invalid: url "")': { payload: listItem('3.16'), valid: false },
  };
}

/** Both verdicts on `count` generated valid and `count` broken payloads; throws on the first disagreement. */
async function compareVerdicts(isAuthorization, reference, count) {
  const { contractArbitraries } = await import('../lib/arbitraries.js');
  const { validPayload, mutatedPayload } = contractArbitraries(bundle);
  const corpus = [...fc.sample(validPayload(schema), { numRuns: count, seed: 7 }), ...fc.sample(mutatedPayload(schema), { numRuns: count, seed: 11 })];
  let valid = 0;
  for (const value of corpus) {
    const verdict = reference(value);
    if (isAuthorization(value) !== verdict) throw new Error(`isAuthorization and ajv disagree (ajv says ${verdict}) on ${JSON.stringify(value)}`);
    if (verdict) valid++;
  }
  return { payloads: corpus.length, valid, invalid: corpus.length - valid };
}

/** One payload's samples, from a worker thread of its own. */
async function timeInWorker(payload, settings, validatorsUrl) {
  const worker = new Worker(new URL('validation-worker.js', import.meta.url), { workerData: { payload, settings, validatorsUrl } });
  const [samples] = await Promise.race([once(worker, 'message'), once(worker, 'error').then(([error]) => Promise.reject(error))]);
  await worker.terminate();
  return samples;
}

export async function benchValidation({ quick }) {
  const settings = quick ? { rounds: 3, warmup: 1, sampleMs: 50, corpus: 1000 } : { rounds: 15, warmup: 2, sampleMs: 200, corpus: 5000 };
  const validatorsUrl = new URL('../../src/validators.js', import.meta.url).href;
  const { isAuthorization } = await import(validatorsUrl);
  const compileStarted = performance.now();
  const reference = compileAtRunTime(schema);
  const compileMs = performance.now() - compileStarted;

  const rows = [];
  const samples = {};
  for (const [name, { payload, valid }] of Object.entries(await payloads())) {
    for (const [who, validate] of [
      ['isAuthorization', isAuthorization],
      ['ajv', reference],
    ]) {
      if (validate(payload) !== valid) throw new Error(`${who} says ${!valid} on "${name}", expected ${valid}`);
    }
    const { ours, ajv } = await timeInWorker(payload, settings, validatorsUrl);
    samples[name] = { ours, ajv };
    rows.push([name, Math.round(median(ours)), Math.round(median(ajv)), pairedRatio(ours, ajv)]);
  }
  const verdicts = await compareVerdicts(isAuthorization, reference, settings.corpus);
  const realistic = rows[0][3];
  return {
    id: 'validation',
    title: 'Validation: isAuthorization (precompiled) vs ajv + ajv-formats full mode compiled at run time',
    settings,
    columns: ['payload', 'isAuthorization calls/s', 'ajv calls/s', '× ajv'],
    rows,
    goal: { text: `≥ ${goalRatio}× ajv on the realistic payload, with identical verdicts`, met: realistic >= goalRatio },
    notes: [
      `identical verdicts on ${count(verdicts.payloads)} generated payloads (${count(verdicts.valid)} valid, ${count(verdicts.invalid)} invalid) and on each payload above`,
      `each payload timed in a fresh worker thread; ajv compiled the schema in ${compileMs.toFixed(0)} ms at run time, isAuthorization compiles nothing`,
    ],
    verdicts,
    samples,
  };
}
