// The bundled contract, loaded once, and ajv validators for any schema in it, compiled once each.
// GHES_CONTRACT_BUNDLE names another bundle to test instead of generated/openapi.json, and
// GHES_CONTRACT_SOURCE the openapi/ folder it comes from: the mutation test (npm run test:mutation)
// points the contract tests at each mutant's.
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { createContractAjv } from '../../scripts/contract-ajv.js';
import { resolveRef } from '../../scripts/lib/contract-helpers.js';

export const bundleFile = process.env.GHES_CONTRACT_BUNDLE || new URL('../../generated/openapi.json', import.meta.url).pathname;
/** The openapi/ folder the bundle was made from (GHES_CONTRACT_SOURCE beside GHES_CONTRACT_BUNDLE). */
export const sourceFolder = process.env.GHES_CONTRACT_SOURCE || new URL('../../openapi', import.meta.url).pathname;
export const bundle = JSON.parse(readFileSync(bundleFile, 'utf8'));

const ajv = createContractAjv(bundle);

const validators = new Map<string, ValidateFunction>();

/** The validator for the schema at `pointer` in the bundle, e.g. `#/components/schemas/authorization`. */
export function validatorAt(pointer: string): ValidateFunction {
  let validate = validators.get(pointer);
  if (!validate) {
    validate = ajv.getSchema(`openapi.json${pointer}`);
    if (!validate) throw new Error(`no schema at ${pointer} in generated/openapi.json`);
    validators.set(pointer, validate);
  }
  return validate;
}

export const schemaPointer = (name: string) => `#/components/schemas/${name}`;

/** Validates and returns ajv's errors (an empty list when the value is valid). */
export function errorsFor(pointer: string, value: unknown): ErrorObject[] {
  const validate = validatorAt(pointer);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

/**
 * The fields a rejection is about: the instance paths of the errors, with a missing or an unknown
 * property named by its own path, and without the summary errors that anyOf/oneOf add at the parent.
 */
export function offendingFields(errors: ErrorObject[]): string[] {
  const fields = errors
    .filter((error) => error.keyword !== 'anyOf' && error.keyword !== 'oneOf')
    .map((error) => {
      if (error.keyword === 'required') return `${error.instancePath}/${error.params.missingProperty}`;
      if (error.keyword === 'additionalProperties') return `${error.instancePath}/${error.params.additionalProperty}`;
      return error.instancePath;
    });
  return [...new Set(fields)].sort();
}

/** Follows a local `$ref` (`#/a/b`) inside the bundle. */
export const resolve = <T = any>(node: any): T => resolveRef(bundle, node);
