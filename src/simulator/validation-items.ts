// Turns the precompiled validators' errors for a request body (or query) into the contract's
// validation-error items, one per offending field, so that a 422 says what was really wrong.
import type { ValidationErrorItem } from '../../generated/schema.js';
import type { SchemaError } from '../../generated/validators.js';

/**
 * A 422 lists at most this many problems, then one item saying that there are more: a 1 MiB body
 * of 100,000 wrong scopes would get a 10 MB answer, and take a fifth of a second to describe.
 */
export const maxErrorItems = 20;

const unescapePointer = (part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~');

/** Field path as GitHub writes it: `scopes`, `scopes.0`; missing and unknown keys name themselves. */
function fieldOf(error: SchemaError): string {
  // instancePath is a JSON pointer (its keys escaped); the missing or unknown key is as sent.
  const path = error.instancePath.split('/').slice(1).map(unescapePointer);
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  return path.join('.');
}

/** The items of a 422 for these errors, without `resource` (errors.ts adds it). */
export function errorItems(errors: readonly SchemaError[] | null | undefined): ValidationErrorItem[] {
  // anyOf/oneOf add a summary error at the parent; the branch errors below it name the fields.
  const specific = (errors ?? []).filter((error) => error.keyword !== 'anyOf' && error.keyword !== 'oneOf');
  // A `false` subschema forbids a key in the presence of others (one scope key per update).
  const exclusive = [...new Set(specific.filter((e) => e.keyword === 'false schema').map(fieldOf))];
  const items = new Map<string, ValidationErrorItem>();
  for (const error of specific) {
    const field = fieldOf(error);
    let item: { code: string; message: string };
    if (error.keyword === 'required') item = { code: 'missing_field', message: `${field} is required` };
    else if (error.keyword === 'additionalProperties') item = { code: 'invalid', message: `${field} is not a field of this request` };
    else if (error.keyword === 'false schema') {
      const others = exclusive.filter((other) => other !== field).join(', ');
      item = { code: 'invalid', message: `${field} cannot be sent together with ${others}` };
    } else item = { code: 'invalid', message: `${field || 'the body'} ${error.message ?? `must pass ${error.keyword}`}` };
    const key = `${field} ${item.code}`;
    if (items.has(key)) continue;
    if (items.size === maxErrorItems) {
      items.set('', { code: 'custom', message: `and more problems, not listed: a 422 lists the first ${maxErrorItems}` });
      break;
    }
    items.set(key, field ? { field, ...item } : item);
  }
  return [...items.values()];
}
