// The validators' verdicts equal the reference ajv's on every response, error and request body, on
// a few hundred generated payloads each: enough to catch a broken build in seconds. The full
// 10,000 per schema run under `npm run test:slow` (verdicts-*.slow.test.ts; see verdicts.ts).
import { describeVerdicts } from './verdicts.js';

describeVerdicts(
  [
    'authorization',
    'application-grant',
    'basic-error',
    'validation-error',
    'create-authorization-request',
    'get-or-create-authorization-for-app-request',
    'get-or-create-authorization-for-app-and-fingerprint-request',
    'update-authorization-request',
  ],
  300,
);
