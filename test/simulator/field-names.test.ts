// A 422 names a field by its key as sent: an unknown key is not a JSON pointer, so `~1` and `/` in
// it stay as they are (it was named `a/b/c~` for `a~1b/c~0`).
import { describe, expect, it } from 'vitest';
import { validators } from '../../generated/validators.js';
import { errorItems } from '../../src/simulator/validation-items.js';

const fieldsFor = (schema: keyof typeof validators, body: unknown) => {
  const validate = validators[schema].all;
  expect(validate(body)).toBe(false);
  return errorItems(validate.errors).map((item) => item.field);
};

describe('field names in errors are the keys as sent', () => {
  it.each(['a~1b/c~0', 'a/b', '~0', 'x.y'])('an unknown key %j', (key) => {
    expect(fieldsFor('create-authorization-request', { note: 'n', [key]: 1 })).toEqual([key]);
  });

  it('a key inside the body keeps its name too (the validator escapes it in its pointer)', () => {
    expect(fieldsFor('create-authorization-request', { note: 'n', scopes: [1] })).toEqual(['scopes.0']);
  });
});
