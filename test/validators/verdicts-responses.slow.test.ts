// The validators' verdicts equal the reference ajv's on generated response bodies (see verdicts.ts).
import { describeVerdicts } from './verdicts.js';

describeVerdicts(['authorization', 'application-grant']);
