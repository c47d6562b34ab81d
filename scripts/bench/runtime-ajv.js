// ajv as a user sets it up to validate against the contract, compiling at run time: `new Ajv2020()`
// with its defaults (strict; the first error only, like this package's is*), `addFormats(ajv)` in
// full mode (its default), and the bundled contract added once, its schemas reached by pointer.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const bundle = JSON.parse(readFileSync(new URL('../../generated/openapi.json', import.meta.url), 'utf8'));

/** The validate function of the named component schema, compiled now. */
export function compileAtRunTime(schema) {
  const ajv = new Ajv2020();
  addFormats.default(ajv);
  // Strict mode refuses keywords and formats it does not know: OpenAPI's, and the document's own fields.
  ajv.addVocabulary(['discriminator', 'xml', 'externalDocs', 'example']);
  ajv.addVocabulary(['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags']);
  ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isSafeInteger(n) });
  ajv.addSchema(bundle, 'openapi.json');
  return ajv.getSchema(`openapi.json#/components/schemas/${schema}`);
}
