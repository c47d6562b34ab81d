// One ajv setup for the bundled contract, shared by the tests and the mock's request validation:
// JSON Schema 2020-12 (what OpenAPI 3.1 uses), strict, every error reported, full formats.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * An ajv instance holding `bundle` (the parsed generated/openapi.json) as `openapi.json`: reach a
 * schema with `ajv.getSchema('openapi.json#/components/schemas/NAME')`, which compiles it once.
 */
export function createContractAjv(bundle) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv, { mode: 'full' });
  // OpenAPI's own schema keywords and formats, so strict mode knows them; and the document's
  // top-level fields, which ajv sees when it compiles the root that every pointer starts from.
  ajv.addVocabulary(['discriminator', 'xml', 'externalDocs', 'example']);
  ajv.addVocabulary(['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags']);
  ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isSafeInteger(n) });
  ajv.addSchema(bundle, 'openapi.json');
  return ajv;
}
