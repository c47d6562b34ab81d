// GitHub's error answers, spelled as the server spells them (the contract's own examples where it
// has one), and the model's exceptions that become them. The simulator's reasons (which rule, which
// field) travel beside the body, in the `X-Simulator-Reason` header, never in `message`.
import { exampleValues } from '../../generated/simulator-contract.js';
import type { BasicError, ValidationError, ValidationErrorItem } from '../../generated/schema.js';

const example = <T>(name: string): T => {
  const value = exampleValues[name];
  if (value === undefined) throw new Error(`the contract has no example named ${name}`);
  return value as T;
};

const notFoundExample = example<BasicError>('not-found');
const requiresAuthenticationExample = example<BasicError>('requires-authentication');
const validationExample = example<ValidationError>('missing-field');

/** The documentation URL of this API's errors, from the contract's examples. */
export const documentationUrl: string = notFoundExample.documentation_url ?? 'https://docs.github.com/enterprise-server@3.16/rest';
/** `resource` of every validation error item of this API (`OauthAccess`). */
export const validationResource: string = validationExample.errors?.[0]?.resource ?? 'OauthAccess';

export const bodies = {
  notFound: (): BasicError => ({ ...notFoundExample }),
  requiresAuthentication: (): BasicError => ({ ...requiresAuthenticationExample }),
  badCredentials: (): BasicError =>
    exampleValues['bad-credentials']
      ? { ...example<BasicError>('bad-credentials') }
      : { message: 'Bad credentials', documentation_url: requiresAuthenticationExample.documentation_url ?? documentationUrl },
  otpRequired: (): BasicError => ({ ...example<BasicError>('otp-required') }),
  /** A token on these routes: GitHub's 403 (PyGithub's ReplayData, recorded 2020-10-14). */
  basicAuthOnly: (): BasicError => ({ message: 'This API can only be accessed with username and password Basic Auth', documentation_url: documentationUrl }),
  validationFailed: (errors: ValidationErrorItem[]): ValidationError => ({
    message: validationExample.message,
    errors: errors.map((error) => ({ resource: validationResource, ...error })),
    documentation_url: validationExample.documentation_url,
  }),
  /** The answer to an injected server failure. */
  serverFailure: (status: number): BasicError => ({ message: serverFailureMessages[status] ?? 'Server Error', documentation_url: documentationUrl }),
};

const serverFailureMessages: Record<number, string> = {
  500: 'Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** An error of the model, for responses.ts to answer; `reason` goes to `X-Simulator-Reason`. */
export class SimulatorError extends Error {
  override name = 'SimulatorError';
  constructor(
    readonly status: number,
    readonly body: BasicError | ValidationError,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** No such authorization or grant (for this user). */
export class NotFound extends SimulatorError {
  constructor(reason: string) {
    super(404, bodies.notFound(), reason);
  }
}

/** A rule of the server refused the request: 422 with one item per problem. */
export class ValidationFailed extends SimulatorError {
  constructor(
    readonly errors: ValidationErrorItem[],
    reason: string,
  ) {
    super(422, bodies.validationFailed(errors), reason);
  }
}
