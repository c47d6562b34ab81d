// Turns ajv's errors for a request body (or query) into the contract's validation-error items,
// one per offending field, so a 422 says what was really wrong (plain Prism sends its fixed
// example whatever the problem was).

/** Field path as GitHub writes it: `scopes`, `scopes.0`; missing and unknown keys name themselves. */
function fieldOf(error) {
  const path = error.instancePath.split('/').slice(1);
  if (error.keyword === 'required') path.push(error.params.missingProperty);
  if (error.keyword === 'additionalProperties') path.push(error.params.additionalProperty);
  return path.map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
}

/**
 * A 422 lists at most this many problems, then one item saying that there are more: a 1 MiB body
 * of 100,000 wrong scopes got a 10 MB answer, and took a fifth of a second to describe.
 */
export const maxErrorItems = 20;

/** @returns {Array<{ field?: string, code: string, message: string }>} without resource */
export function errorItems(ajvErrors) {
  // anyOf/oneOf add a summary error at the parent; the branch errors below it name the fields.
  const errors = (ajvErrors ?? []).filter((error) => error.keyword !== 'anyOf' && error.keyword !== 'oneOf');
  // A `false` subschema forbids a key in the presence of others (one scope key per update).
  const exclusive = [...new Set(errors.filter((e) => e.keyword === 'false schema').map(fieldOf))];
  const items = new Map();
  for (const error of errors) {
    const field = fieldOf(error);
    let item;
    if (error.keyword === 'required') item = { code: 'missing_field', message: `${field} is required` };
    else if (error.keyword === 'additionalProperties') item = { code: 'invalid', message: `${field} is not a field of this request` };
    else if (error.keyword === 'false schema') {
      const others = exclusive.filter((other) => other !== field).join(', ');
      item = { code: 'invalid', message: `${field} cannot be sent together with ${others}` };
    } else item = { code: 'invalid', message: `${field || 'the body'} ${error.message}` };
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

/** The 422 body: the contract's validation-error shape around `items`. */
export function validationFailedBody(template, items) {
  return {
    message: template.message,
    errors: items.map((item) => ({ resource: template.resource, ...item })),
    documentation_url: template.documentation_url,
  };
}
