// CONTRIBUTING's one hand step for a new field: the schema's full payload in
// scripts/lib/valid-payloads.ts fills in every field, so the negative tests see a real value of
// each accepted. A field added to a schema and not to its payload fails here, by name.
import { describe, expect, it } from 'vitest';
import { validPayloads as handWritten } from '../../scripts/lib/valid-payloads.js';
import { bundle } from '../support/contract.js';

const schemas = bundle.components.schemas as Record<string, { properties?: Record<string, unknown> }>;

describe('scripts/lib/valid-payloads.ts', () => {
  it.each(Object.keys(handWritten))('%s fills in every property its schema declares', (name) => {
    const declared = Object.keys(schemas[name]?.properties ?? {});
    const payload = handWritten[name] as Record<string, unknown>;
    expect(declared.filter((field) => !Object.hasOwn(payload, field)), `add them to ${name}'s payload`).toEqual([]);
  });
});
