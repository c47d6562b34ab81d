// The validators' verdicts equal the reference ajv's on every response, error and request body, on
// a few hundred generated payloads each: enough to catch a broken build in seconds. The full
// 10,000 per schema run under `npm run test:slow` (verdicts-*.slow.test.ts; see verdicts.ts).
import { describeVerdicts, otherBodies, successBodies } from './verdicts.js';

describeVerdicts([...successBodies, ...otherBodies], 300);
