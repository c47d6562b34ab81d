// One payload of the validation benchmark, timed in a worker thread of its own: V8 has seen no other
// payload here, so what one payload's shape taught it (inline caches) does not speed up or slow down
// the next. Receives { name, payload, settings, validatorsUrl }; posts { ours, ajv } (calls per second
// in each round).
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';
import { compileAtRunTime } from './runtime-ajv.js';
import { interleave } from './rounds.js';

if (!parentPort) throw new Error('scripts/bench/validation-worker.js runs as a worker thread of validation.js');

// tsx's hooks are the main thread's (`node --import tsx`): a worker registers its own to import TypeScript.
register();
const { payload, settings, validatorsUrl } = workerData;
const { isAuthorization } = await import(validatorsUrl);
const reference = compileAtRunTime('authorization');

// Each contender gets a timing loop of its own (new Function): a shared loop would see two validate
// functions at one call site and could inline neither.
const timingLoop = () =>
  new Function(
    'validate',
    'payload',
    'sampleMs',
    `let calls = 0, accepted = 0;
     const started = performance.now();
     let now = started;
     do {
       for (let i = 0; i < 256; i++) if (validate(payload)) accepted++;
       calls += 256;
       now = performance.now();
     } while (now - started < sampleMs);
     return { perSecond: calls / ((now - started) / 1000), accepted };`,
  );
const contender = (validate) => {
  const loop = timingLoop();
  return async () => loop(validate, payload, settings.sampleMs).perSecond;
};

parentPort.postMessage(await interleave({ ours: contender(isAuthorization), ajv: contender(reference) }, settings));
