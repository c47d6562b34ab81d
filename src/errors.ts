// The one error every client function rejects with when the server answers anything but 2xx.
import type { BasicError, ValidationError, ValidationErrorItem } from '../generated/schema.js';

/** A non-2xx answer: its status, the server's message and documentation link, and for 422 the `errors` list. */
export class GitHubApiError<Body = BasicError | ValidationError> extends Error {
  override readonly name = 'GitHubApiError';
  /** The problems a 422 names, one per field; empty otherwise. */
  readonly errors: ValidationErrorItem[];
  readonly documentation_url: string | undefined;

  constructor(
    /** The HTTP status (0 for a redirect a browser does not show). */
    readonly status: number,
    /** The JSON body of the answer, or undefined when it had none. */
    readonly body?: Body,
  ) {
    const { message, documentation_url, errors } = Object(body) as Partial<ValidationError>;
    super(typeof message === 'string' ? message : `the server answered ${status || 'a redirect, which the client does not follow'}`);
    this.documentation_url = documentation_url;
    this.errors = Array.isArray(errors) ? errors : [];
  }
}
