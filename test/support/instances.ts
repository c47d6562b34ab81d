// The objects a payload is made of, each with the component schema it is an instance of, found by
// walking the payload along its schema (through $refs, list items and the anyOf branch each value
// picks). The seed tests read the required fields off them; the fixtures find a valid payload for
// every component schema in the contract's examples.
import { operationsOf, schemaNameOf } from '../../scripts/lib/contract-helpers.js';
import { bundle, resolve } from './contract.js';

export type Instances = Map<string, unknown[]>;

/** `schema`, or the branch of its anyOf/oneOf that the value picks (an object the one with a $ref). */
function branchFor(schema: any, value: unknown): any {
  const branches = resolve(schema)?.anyOf ?? resolve(schema)?.oneOf;
  if (!branches) return schema;
  const isObject = typeof value === 'object' && value !== null;
  return branches.find((branch: any) => isObject === '$ref' in branch) ?? schema;
}

/**
 * Adds `value` and everything in it to `into`, under the component schema each is an instance of.
 * @param schema the schema `value` is valid against, e.g. `{ $ref: '#/components/schemas/authorization' }`
 */
export function collectInstances(schema: any, value: unknown, into: Instances = new Map()): Instances {
  const name = schemaNameOf(schema?.$ref);
  if (name) into.set(name, [...(into.get(name) ?? []), value]);
  if (typeof value !== 'object' || value === null) return into;
  const node = resolve(schema);
  if (Array.isArray(value)) {
    for (const item of value) collectInstances(branchFor(node?.items, item), item, into);
    return into;
  }
  for (const [key, field] of Object.entries(value)) {
    if (node?.properties?.[key]) collectInstances(branchFor(node.properties[key], field), field, into);
    else if (node?.additionalProperties && typeof node.additionalProperties === 'object') collectInstances(node.additionalProperties, field, into);
  }
  return into;
}

/** The instances in every named example of the contract (each walked along the schema of the body it illustrates). */
export function exampleInstances(): Instances {
  const into: Instances = new Map();
  const bodies = operationsOf(bundle).flatMap(({ operation }) => [operation.requestBody, ...Object.values<any>(operation.responses ?? {})]);
  for (const body of bodies) {
    for (const media of Object.values<any>(resolve(body)?.content ?? {})) {
      for (const example of Object.values<any>(media.examples ?? {})) collectInstances(media.schema, resolve(example).value, into);
      if ('example' in media) collectInstances(media.schema, media.example, into);
    }
  }
  return into;
}
