// Run first by `npm test`: stops it at once when generated/ was made from other sources than the
// openapi/, scripts/build/ and redocly.yaml beside it, instead of testing a stale build.
import { isGeneratedStale } from '../lib/build-inputs.js';

if (await isGeneratedStale()) {
  console.error('generated/ is stale: run npm run build (openapi/, scripts/build/ or redocly.yaml changed since generated/ was made)');
  process.exit(1);
}
