// What ./validators is made of: validation by schema name on the validators precompiled at build
// time (generated/validators.ts), the errors that name the offending fields, and `guard`/`assertion`,
// from which generated/guards.ts makes one `is*` and one `assert*` per component schema.
//
// `is*` answers with the verdict alone and stops at the first problem; `assert*` collects every
// problem and throws an InvalidPayloadError that names the offending fields. Both give the verdict of
// the contract tests' ajv (full-format mode); test/validators/ checks that they never disagree.
import { validators, type CompiledValidator, type SchemaError, type SchemaName } from '../generated/validators.js';
import type { components } from '../generated/schema.js';

export type { SchemaName } from '../generated/validators.js';

/** The TypeScript type of each component schema, by the schema's name in the contract. */
export type SchemaType<Name extends SchemaName> = components['schemas'][Name];

/** One reason a value does not match its schema. */
export interface ValidationIssue {
  /** The offending field, from the schema's name: `authorization.app.url`, `authorization.scopes[0]`. */
  field: string;
  /** The same field as a JSON pointer into the value: `/app/url`. */
  pointer: string;
  /** What is wrong with it: `must match format "uri"`, `is required`. */
  message: string;
  /** The JSON Schema keyword that failed: `format`, `required`, `type`, `additionalProperties`, … */
  keyword: string;
  /** That keyword's details, as ajv reports them: `{ format: 'uri' }`, `{ missingProperty: 'id' }`. */
  params: Record<string, unknown>;
}

/** Thrown by the `assert*` functions: the message names every offending field; `issues` lists them. */
export class InvalidPayloadError extends Error {
  override name = 'InvalidPayloadError';
  /** The schema the value was checked against, e.g. `authorization`. */
  readonly schema: SchemaName;
  readonly issues: readonly ValidationIssue[];

  constructor(schema: SchemaName, issues: readonly ValidationIssue[]) {
    super(`Invalid ${schema}: ${summarise(issues)}`);
    this.schema = schema;
    this.issues = issues;
  }
}

/** A type guard: true when `value` matches the schema. */
export type Guard<T> = (value: unknown) => value is T;
/** An assertion: returns when `value` matches the schema, throws an InvalidPayloadError otherwise. */
export type Assertion<T> = (value: unknown) => asserts value is T;

/** Whether `value` matches the named schema; stops at the first problem. */
export function isValid<Name extends SchemaName>(schema: Name, value: unknown): value is SchemaType<Name> {
  return validatorOf(schema, 'first')(value);
}

/** Every problem `value` has against the named schema; an empty list when it matches. */
export function validationIssues(schema: SchemaName, value: unknown): ValidationIssue[] {
  const validate = validatorOf(schema, 'all');
  return validate(value) ? [] : (validate.errors ?? []).map((error) => issueOf(schema, error));
}

/** Returns when `value` matches the named schema; throws an InvalidPayloadError naming every problem. */
export function assertValid<Name extends SchemaName>(schema: Name, value: unknown): asserts value is SchemaType<Name> {
  const issues = validationIssues(schema, value);
  if (issues.length > 0) throw new InvalidPayloadError(schema, issues);
}

/**
 * The type guard of one schema, for generated/guards.ts. The validator is looked up once, and called
 * with the value alone (so `list.every(isAuthorization)` does not pass the index as ajv's options).
 */
export function guard<Name extends SchemaName>(schema: Name): Guard<SchemaType<Name>> {
  const validate = validatorOf(schema, 'first');
  return (value): value is SchemaType<Name> => validate(value);
}

/** The assertion of one schema, for generated/guards.ts. */
export function assertion<Name extends SchemaName>(schema: Name): Assertion<SchemaType<Name>> {
  return (value) => assertValid(schema, value);
}

// --- utils -----------------------------------------------------------------------------------

function validatorOf(schema: SchemaName, mode: 'all' | 'first'): CompiledValidator {
  // A plain object: look the name up as an own property, so `toString` & co. are not schemas.
  const entry = Object.hasOwn(validators, schema) ? validators[schema] : undefined;
  if (!entry) throw new TypeError(`No schema named ${JSON.stringify(schema)}; the schemas are: ${Object.keys(validators).join(', ')}`);
  return entry[mode];
}

const camelCase = (name: string) => name.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());

/** `authorization` + `/app/url` → `authorization.app.url`; `/scopes/0` → `…scopes[0]`. */
export function fieldPath(prefix: string, pointer: string): string {
  let field = prefix;
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^(0|[1-9][0-9]*)$/.test(key)) field += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) field += `.${key}`;
    else field += `[${JSON.stringify(key)}]`;
  }
  return field;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** An issue from one of ajv's errors: a missing or an unknown property is named by its own path. */
function issueOf(schema: SchemaName, error: SchemaError): ValidationIssue {
  let pointer = error.instancePath;
  let message = error.message ?? `must pass "${error.keyword}"`;
  if (error.keyword === 'required') {
    pointer += `/${escapePointer(String(error.params.missingProperty))}`;
    message = 'is required';
  } else if (error.keyword === 'additionalProperties') {
    pointer += `/${escapePointer(String(error.params.additionalProperty))}`;
    message = 'is not allowed';
  } else if (error.keyword === 'false schema') {
    message = 'is not allowed here';
  }
  return { field: fieldPath(camelCase(schema), pointer), pointer, message, keyword: error.keyword, params: error.params };
}

const shownInMessage = 10;

/**
 * The issues in one line, for the error message: without anyOf/oneOf's summary when its branches'
 * issues are listed, one line per field and message, and the first ten only.
 */
function summarise(issues: readonly ValidationIssue[]): string {
  const branchSummaries = new Set(['anyOf', 'oneOf']);
  const specific = issues.filter((issue) => !branchSummaries.has(issue.keyword));
  const lines = [...new Set((specific.length > 0 ? specific : issues).map((issue) => `${issue.field}: ${issue.message}`))];
  const more = lines.length > shownInMessage ? `; and ${lines.length - shownInMessage} more` : '';
  return lines.slice(0, shownInMessage).join('; ') + more;
}
