// The validators' verdicts equal the reference ajv's on generated error and request bodies (see
// verdicts.ts).
import { describeVerdicts } from './verdicts.js';

describeVerdicts([
  'basic-error',
  'validation-error',
  'create-authorization-request',
  'get-or-create-authorization-for-app-request',
  'get-or-create-authorization-for-app-and-fingerprint-request',
  'update-authorization-request',
]);
