// Path and query values arrive as text; the contract types them. Turns the text into the type the
// parameter's schema asks for (when it can), so ajv checks the value rather than its spelling.

/**
 * `"12"` → 12 for an integer parameter; text that is no number stays text and fails validation.
 * An integer is digits only, as in GitHub's routes: `"2.0"` is no id, though Number() makes it 2.
 */
export function coerce(parameter, text) {
  if (parameter.schemaType === 'integer' && /^-?\d+$/.test(text)) return Number(text);
  if (parameter.schemaType === 'number' && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (parameter.schemaType === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** ajv's errors for a single value, as one phrase: "must be integer", "must be >= 1", "must be \"2022-11-28\"". */
export function describeErrors(errors) {
  const phrases = (errors ?? []).map((error) =>
    error.keyword === 'enum' ? `must be ${error.params.allowedValues.map((v) => JSON.stringify(v)).join(' or ')}` : error.message,
  );
  return [...new Set(phrases)].join(', ');
}
