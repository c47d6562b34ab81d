// The verdict check behind verdicts*.test.ts: the precompiled validators against the contract tests'
// ajv (ajv/dist/2020 strict, ajv-formats full mode, compiled at run time) on generated payloads,
// valid ones and the same broken the ways real payloads break; `is*` (first error) and `assert*`
// (all errors, compared as a set with the reference's) both. `npm test` runs a few hundred payloads
// per schema (verdicts.test.ts); `npm run test:slow` the full 10,000 (verdicts-*.slow.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schemaNameOf } from '../../scripts/lib/contract-helpers.js';
import { bundle, errorsFor, resolve, schemaPointer } from '../support/contract.js';
import { mediaTypes } from '../support/media-types.js';
import { isValid, validationIssues, type SchemaName } from '../../src/validators.js';
import { contractArbitraries } from '../../scripts/lib/arbitraries.js';

const { mutatedPayload, validPayload } = contractArbitraries(bundle);

const fullRuns = 10_000;
/** Below this share of invalid payloads the mutations would test too little. */
const minimumInvalidShare = 0.4;

/** The payloads' problems, as the reference reports them and as assert* does, comparable as sets. */
const problems = (errors: Array<{ instancePath: string; keyword: string; params: unknown }>) =>
  errors.map(({ instancePath, keyword, params }) => JSON.stringify([instancePath, keyword, params])).sort();
const ours = (schema: SchemaName, value: unknown) =>
  validationIssues(schema, value).map(({ pointer, keyword, params }) => {
    // The issue names a missing or an unknown property by its own path; ajv by its parent's.
    const instancePath = keyword === 'required' || keyword === 'additionalProperties' ? pointer.slice(0, pointer.lastIndexOf('/')) : pointer;
    return { instancePath, keyword, params };
  });

/**
 * Compares the verdicts on one payload and returns the reference's; throws on any disagreement.
 * (Plain comparisons, not expect(): this runs 160,000 times.)
 */
function compare(schema: SchemaName, value: unknown): boolean {
  const reference = errorsFor(schemaPointer(schema), value);
  const referenceValid = reference.length === 0;
  if (isValid(schema, value) !== referenceValid) throw new Error(`is* says ${!referenceValid}, the reference ajv ${referenceValid}`);
  const expected = problems(reference).join('\n');
  const actual = problems(ours(schema, value)).join('\n');
  if (actual !== expected) throw new Error(`assert* reports\n${actual}\nthe reference ajv\n${expected}`);
  return referenceValid;
}

/** The component schema of each body of the contract (a list body's items), with the body's role. */
const bodies = mediaTypes.flatMap(({ body, schemaPointer: pointer }) => {
  const name = schemaNameOf(pointer) ?? schemaNameOf(resolve({ $ref: pointer })?.items?.$ref);
  return name ? [{ name: name as SchemaName, success: /^2\d\d$/.test(body) }] : [];
});
/** The schemas of the success responses' bodies. */
export const successBodies = [...new Set(bodies.filter(({ success }) => success).map(({ name }) => name))];
/** The schemas of the request bodies and the error responses' bodies (but the success bodies). */
export const otherBodies = [...new Set(bodies.filter(({ success, name }) => !success && !successBodies.includes(name)).map(({ name }) => name))];

/** `runs` valid and `runs` mutated payloads per schema (10,000 unless told), compared with the reference ajv. */
export function describeVerdicts(schemas: SchemaName[], runs = fullRuns): void {
  describe.each(schemas)('%s', (schema) => {
    it(`agrees with the reference on ${runs} valid payloads`, { timeout: 60_000 }, () => {
      fc.assert(
        fc.property(validPayload(schema), (value) => {
          // Generated valid must be valid, or this test would compare little.
          if (!compare(schema, value)) throw new Error('the reference ajv rejects a generated valid payload');
        }),
        { numRuns: runs },
      );
    });

    it(`agrees with the reference on ${runs} mutated payloads, most of them invalid`, { timeout: 60_000 }, () => {
      let invalid = 0;
      fc.assert(
        fc.property(mutatedPayload(schema), (value) => {
          if (!compare(schema, value)) invalid++;
        }),
        { numRuns: runs },
      );
      expect(invalid / runs).toBeGreaterThan(minimumInvalidShare);
    });
  });
}
