// ajv as a user sets it up to validate against the contract, compiling at run time: `new Ajv2020()`
// with its defaults (strict; the first error only, like this package's is*), `addFormats(ajv)` in
// full mode (its default), and the bundled contract added once, its schemas reached by pointer.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { forContract } from '../contract-ajv.js';

const bundle = JSON.parse(readFileSync(new URL('../../generated/openapi.json', import.meta.url), 'utf8'));

/** The validate function of the named component schema, compiled now. */
export function compileAtRunTime(schema) {
  // Strict mode refuses keywords and formats it does not know: OpenAPI's, and the document's own fields.
  const ajv = forContract(new Ajv2020());
  ajv.addSchema(bundle, 'openapi.json');
  return ajv.getSchema(`openapi.json#/components/schemas/${schema}`);
}
