// Type guards and assertions for the contract's schemas, on the validators precompiled at build time
// (generated/validators.ts): importing this compiles nothing and needs neither ajv nor Node.
//
// `is*` answers with the verdict alone and stops at the first problem; `assert*` collects every
// problem and throws an InvalidPayloadError that names the offending fields. Both give the verdict of
// the contract tests' ajv (full-format mode); test/validators/ checks that they never disagree.
import { validators, type CompiledValidator, type SchemaError, type SchemaName } from '../generated/validators.js';
import type {
  ApplicationGrant,
  Authorization,
  AuthorizationApp,
  AuthorizationScopes,
  BasicError,
  CreateAuthorizationRequest,
  GetOrCreateAuthorizationForAppAndFingerprintRequest,
  GetOrCreateAuthorizationForAppRequest,
  InstallationPermissions,
  ScopedInstallation,
  SimpleUser,
  UpdateAuthorizationRequest,
  ValidationError,
  ValidationErrorItem,
  components,
} from '../generated/schema.js';

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

// The validator is looked up once, and called with the value alone (so `list.every(isAuthorization)`
// does not pass the index as ajv's options).
function guard<Name extends SchemaName>(schema: Name): Guard<SchemaType<Name>> {
  const validate = validatorOf(schema, 'first');
  return (value): value is SchemaType<Name> => validate(value);
}

const assertion =
  <Name extends SchemaName>(schema: Name): Assertion<SchemaType<Name>> =>
  (value) =>
    assertValid(schema, value);

// One guard and one assertion per component schema, named after its root type in schema.ts.
// test/validators/ fails when a schema of the contract has none here.

// Responses
export const isAuthorization: Guard<Authorization> = guard('authorization');
export const assertAuthorization: Assertion<Authorization> = assertion('authorization');
export const isApplicationGrant: Guard<ApplicationGrant> = guard('application-grant');
export const assertApplicationGrant: Assertion<ApplicationGrant> = assertion('application-grant');
export const isBasicError: Guard<BasicError> = guard('basic-error');
export const assertBasicError: Assertion<BasicError> = assertion('basic-error');
export const isValidationError: Guard<ValidationError> = guard('validation-error');
export const assertValidationError: Assertion<ValidationError> = assertion('validation-error');

// Request bodies
export const isCreateAuthorizationRequest: Guard<CreateAuthorizationRequest> = guard('create-authorization-request');
export const assertCreateAuthorizationRequest: Assertion<CreateAuthorizationRequest> = assertion('create-authorization-request');
export const isGetOrCreateAuthorizationForAppRequest: Guard<GetOrCreateAuthorizationForAppRequest> = guard('get-or-create-authorization-for-app-request');
export const assertGetOrCreateAuthorizationForAppRequest: Assertion<GetOrCreateAuthorizationForAppRequest> = assertion(
  'get-or-create-authorization-for-app-request',
);
export const isGetOrCreateAuthorizationForAppAndFingerprintRequest: Guard<GetOrCreateAuthorizationForAppAndFingerprintRequest> = guard(
  'get-or-create-authorization-for-app-and-fingerprint-request',
);
export const assertGetOrCreateAuthorizationForAppAndFingerprintRequest: Assertion<GetOrCreateAuthorizationForAppAndFingerprintRequest> = assertion(
  'get-or-create-authorization-for-app-and-fingerprint-request',
);
export const isUpdateAuthorizationRequest: Guard<UpdateAuthorizationRequest> = guard('update-authorization-request');
export const assertUpdateAuthorizationRequest: Assertion<UpdateAuthorizationRequest> = assertion('update-authorization-request');

// The parts they are made of
export const isAuthorizationApp: Guard<AuthorizationApp> = guard('authorization-app');
export const assertAuthorizationApp: Assertion<AuthorizationApp> = assertion('authorization-app');
export const isAuthorizationScopes: Guard<AuthorizationScopes> = guard('authorization-scopes');
export const assertAuthorizationScopes: Assertion<AuthorizationScopes> = assertion('authorization-scopes');
export const isSimpleUser: Guard<SimpleUser> = guard('simple-user');
export const assertSimpleUser: Assertion<SimpleUser> = assertion('simple-user');
export const isScopedInstallation: Guard<ScopedInstallation> = guard('scoped-installation');
export const assertScopedInstallation: Assertion<ScopedInstallation> = assertion('scoped-installation');
export const isInstallationPermissions: Guard<InstallationPermissions> = guard('installation-permissions');
export const assertInstallationPermissions: Assertion<InstallationPermissions> = assertion('installation-permissions');
export const isValidationErrorItem: Guard<ValidationErrorItem> = guard('validation-error-item');
export const assertValidationErrorItem: Assertion<ValidationErrorItem> = assertion('validation-error-item');

// --- utils -----------------------------------------------------------------------------------

function validatorOf(schema: SchemaName, mode: 'all' | 'first'): CompiledValidator {
  // A plain object: look the name up as an own property, so `toString` & co. are not schemas.
  const entry = Object.hasOwn(validators, schema) ? validators[schema] : undefined;
  if (!entry) throw new TypeError(`No schema named ${JSON.stringify(schema)}; the schemas are: ${Object.keys(validators).join(', ')}`);
  return entry[mode];
}

const camelCase = (name: string) => name.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());

/** `authorization` + `/app/url` → `authorization.app.url`; `/scopes/0` → `…scopes[0]`. */
function fieldName(schema: SchemaName, pointer: string): string {
  let field = camelCase(schema);
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
  return { field: fieldName(schema, pointer), pointer, message, keyword: error.keyword, params: error.params };
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
