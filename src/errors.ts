// The errors a client function rejects with: the server's answer (GitHubApiError), or no answer at
// all (GitHubNetworkError). Both name the request (method and URL, which never holds credentials).
import type { BasicError, ValidationError, ValidationErrorItem } from '../generated/schema.js';

/** The request an error is about: its method and URL (without credentials). */
export interface RequestSummary {
  method: string;
  url: string;
}

/** A non-2xx answer: its status, the server's message and documentation link, and for 422 the `errors` list. */
export class GitHubApiError<Body = BasicError | ValidationError> extends Error {
  override readonly name = 'GitHubApiError';
  /** The problems a 422 names, one per field; empty otherwise. */
  readonly errors: ValidationErrorItem[];
  readonly documentation_url: string | undefined;
  /** The request's method, e.g. `GET` (empty when the error was made without a request). */
  readonly method: string;
  /** The URL the request went to, without credentials: a wrong `baseUrl` shows here (empty when the error was made without a request). */
  readonly url: string;
  /** The answer's headers (`X-GitHub-Request-Id`, `X-RateLimit-*`, …). */
  readonly headers: Headers;
  /**
   * For a `401` with `X-GitHub-OTP: required; <channel>`: the channel the account's two-factor code
   * comes by, `sms` or `app`. Ask the user for a code and send it as the `otp` option.
   */
  readonly otpChannel: string | undefined;

  constructor(
    /** The HTTP status (0 for a redirect a browser does not show). */
    readonly status: number,
    /** The JSON body of the answer, or undefined when it had none. */
    readonly body?: Body,
    /** The request and the answer's headers, as the client gives them. */
    context: Partial<RequestSummary> & { headers?: Headers } = {},
  ) {
    const { message, documentation_url, errors } = Object(body) as Partial<ValidationError>;
    super(typeof message === 'string' ? message : `the server answered ${status || 'a redirect, which the client does not follow'}`);
    this.documentation_url = documentation_url;
    this.errors = Array.isArray(errors) ? errors : [];
    this.method = context.method ?? '';
    this.url = context.url === undefined ? '' : withoutCredentials(context.url);
    this.headers = context.headers ?? new Headers();
    this.otpChannel = status === 401 ? otpChannelOf(this.headers) : undefined;
  }
}

/**
 * No answer: the connection was refused, the host is unknown, TLS failed, or a browser's CORS check
 * stopped the request. `cause` is what fetch threw (in Node, its own `cause` holds the system
 * error, e.g. `ECONNREFUSED` or `ENOTFOUND`). An aborted request is not one: it rejects with the
 * signal's reason, as fetch does.
 */
export class GitHubNetworkError extends Error {
  override readonly name = 'GitHubNetworkError';
  /** The request's method, e.g. `GET`. */
  readonly method: string;
  /** The URL the request went to, without credentials. */
  readonly url: string;

  constructor({ method, url }: RequestSummary, cause: unknown) {
    const shown = withoutCredentials(url);
    super(`${method} ${shown}: no answer (${reasonOf(cause)})`, { cause });
    this.method = method;
    this.url = shown;
  }
}

/**
 * A list longer than the pages `paginate()` or `paginateAll()` may read (`maxPages`, or
 * `defaultMaxPages` without it): the pages read so far came through, and `next` is where the list
 * goes on. From `paginateAll()`, `items` holds every item read, so a cut list is never mistaken
 * for the whole one and nothing read is lost.
 */
export class PageLimitError<Item = unknown> extends Error {
  override readonly name = 'PageLimitError';

  constructor(
    /** How many pages were read: the limit. */
    readonly pages: number,
    /** The URL of the first page not read. */
    readonly next: string,
    /** The items read (from `paginateAll()`; empty from `paginate()`, whose caller had each page). */
    readonly items: Item[] = [],
  ) {
    super(`paginate: stopped after ${pages} pages with more to come at ${withoutCredentials(next)} (set a larger maxPages, or Infinity, to read more)`);
  }
}

// ---- utils

/** `required; sms` → `sms`; no challenge → undefined. */
function otpChannelOf(headers: Headers): string | undefined {
  return /^required; *(\w+)/i.exec(headers.get('X-GitHub-OTP') ?? '')?.[1];
}

/** A URL with any user name and password taken out. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}

/** The innermost message of a fetch failure: Node's `fetch failed` says why only in its cause (`connect ECONNREFUSED 127.0.0.1:9`). */
function reasonOf(error: unknown): string {
  const messages: string[] = [];
  // An AggregateError (every address of a host refused) may have no message, only a code.
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) messages.push(current.message || String((current as { code?: unknown }).code ?? ''));
  return messages.filter(Boolean).join(': ') || String(error);
}
