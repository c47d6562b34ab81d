// The validators' verdicts equal the reference ajv's on generated error and request bodies (see
// verdicts.ts).
import { describeVerdicts, otherBodies } from './verdicts.js';

describeVerdicts(otherBodies);
