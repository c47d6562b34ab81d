// The validators' verdicts equal the reference ajv's on generated success response bodies (see
// verdicts.ts).
import { describeVerdicts, successBodies } from './verdicts.js';

describeVerdicts(successBodies);
