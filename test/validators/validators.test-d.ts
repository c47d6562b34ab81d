// Type tests (vitest typecheck): what the guards narrow to, what the assertions assert, and that each
// example constant has the type of the body it illustrates. Each `@ts-expect-error` sits on the one
// line that must fail.
import { assertType, describe, expectTypeOf, it } from 'vitest';
import * as examples from '../../generated/examples.js';
import type {
  ApplicationGrant,
  Authorization,
  BasicError,
  CreateAuthorizationRequest,
  GetOrCreateAuthorizationForAppAndFingerprintRequest,
  GetOrCreateAuthorizationForAppRequest,
  UpdateAuthorizationRequest,
  ValidationError,
} from '../../generated/schema.js';
import * as validators from '../../src/validators.js';
import type { Assertion, Guard, SchemaType } from '../../src/validators.js';

describe('guards and assertions', () => {
  it('narrow to the root types of schema.ts', () => {
    expectTypeOf(validators.isAuthorization).toEqualTypeOf<Guard<Authorization>>();
    expectTypeOf(validators.isAuthorization).guards.toEqualTypeOf<Authorization>();
    expectTypeOf(validators.assertAuthorization).asserts.toEqualTypeOf<Authorization>();
    expectTypeOf(validators.isApplicationGrant).guards.toEqualTypeOf<ApplicationGrant>();
    expectTypeOf(validators.assertApplicationGrant).asserts.toEqualTypeOf<ApplicationGrant>();
    expectTypeOf(validators.isBasicError).guards.toEqualTypeOf<BasicError>();
    expectTypeOf(validators.assertValidationError).asserts.toEqualTypeOf<ValidationError>();
    expectTypeOf(validators.assertCreateAuthorizationRequest).toEqualTypeOf<Assertion<CreateAuthorizationRequest>>();
    expectTypeOf(validators.isGetOrCreateAuthorizationForAppRequest).guards.toEqualTypeOf<GetOrCreateAuthorizationForAppRequest>();
    expectTypeOf(validators.isGetOrCreateAuthorizationForAppAndFingerprintRequest).guards.toEqualTypeOf<GetOrCreateAuthorizationForAppAndFingerprintRequest>();
    expectTypeOf(validators.assertUpdateAuthorizationRequest).asserts.toEqualTypeOf<UpdateAuthorizationRequest>();
  });

  it('narrow an unknown value', () => {
    const value: unknown = JSON.parse('{}');
    validators.assertAuthorization(value);
    expectTypeOf(value).toEqualTypeOf<Authorization>();
    expectTypeOf(value.app.url).toEqualTypeOf<string>();
  });

  it('take schema names only, and type by them', () => {
    expectTypeOf<SchemaType<'application-grant'>>().toEqualTypeOf<ApplicationGrant>();
    const value: unknown = null;
    if (validators.isValid('basic-error', value)) expectTypeOf(value).toEqualTypeOf<BasicError>();
    // @ts-expect-error not a schema of the contract
    validators.isValid('authorisation', value);
  });
});

describe('examples', () => {
  it('have the types of the bodies they illustrate', () => {
    assertType<Authorization>(examples.getAuthorization200);
    assertType<Authorization[]>(examples.listAuthorizations200);
    assertType<ApplicationGrant[]>(examples.listGrants200);
    assertType<BasicError>(examples.otpRequired);
    assertType<ValidationError>(examples.missingField);
    assertType<CreateAuthorizationRequest>(examples.createAuthorizationRequest);
    assertType<UpdateAuthorizationRequest>(examples.updateAuthorizationRequestAddScopes);
    // @ts-expect-error an error body is not an authorization
    assertType<Authorization>(examples.notFound);
  });
});
