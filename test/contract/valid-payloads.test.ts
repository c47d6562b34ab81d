// CONTRIBUTING's one hand step for a new field: the schema's full payload in
// scripts/lib/valid-payloads.ts fills in every field, so the negative tests see a real value of
// each accepted. A field added to a schema and not to its payload fails here, by name.
import { describe, expect, it } from 'vitest';
import { validPayloads as handWritten } from '../../scripts/lib/valid-payloads.js';
import { bundle } from '../support/contract.js';

type Schema = { properties?: Record<string, unknown>; allOf?: Schema[]; anyOf?: Schema[]; oneOf?: Schema[] };
const schemas = bundle.components.schemas as Record<string, Schema>;

/** Properties a branch of the schema forbids (`false`): only one of them may be sent, so the full payload may hold none. */
const exclusive = (schema: Schema): string[] =>
  [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap((branch) => [
    ...Object.entries(branch.properties ?? {})
      .filter(([, value]) => value === false)
      .map(([name]) => name),
    ...exclusive(branch),
  ]);

describe('scripts/lib/valid-payloads.ts', () => {
  it.each(Object.keys(handWritten))('%s fills in every property its schema declares', (name) => {
    const schema = schemas[name] ?? {};
    const declared = Object.keys(schema.properties ?? {}).filter((field) => !exclusive(schema).includes(field));
    const payload = handWritten[name] as Record<string, unknown>;
    expect(
      declared.filter((field) => !Object.hasOwn(payload, field)),
      `add them to ${name}'s payload`,
    ).toEqual([]);
  });
});
