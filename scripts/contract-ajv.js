// One ajv setup for the bundled contract: JSON Schema 2020-12 (what OpenAPI 3.1 uses), ajv-formats'
// full formats, and what strict mode must be told about OpenAPI. Used by the contract tests, the
// mock's request validation, the precompiled validators' generator and the benchmarks.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Teaches `ajv` the contract's dialect: ajv-formats in full mode, OpenAPI's own schema keywords and
 * int32/int64 formats, and the document's top-level fields, which ajv sees when it compiles the
 * root that every pointer starts from. Returns `ajv`.
 * @template {import('ajv').default} A
 * @param {A} ajv
 * @returns {A}
 */
export function forContract(ajv) {
  (addFormats.default ?? addFormats)(ajv, { mode: 'full' });
  ajv.addVocabulary(['discriminator', 'xml', 'externalDocs', 'example']);
  ajv.addVocabulary(['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags']);
  ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isSafeInteger(n) });
  return ajv;
}

/**
 * An ajv instance holding `bundle` (the parsed generated/openapi.json) as `openapi.json`, strict and
 * reporting every error: reach a schema with `ajv.getSchema('openapi.json#/components/schemas/NAME')`,
 * which compiles it once.
 */
export function createContractAjv(bundle) {
  const ajv = forContract(new Ajv2020({ strict: true, allErrors: true }));
  ajv.addSchema(bundle, 'openapi.json');
  return ajv;
}
