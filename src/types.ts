// The client's types, all derived from the generated contract: an operation added to openapi/
// gets its function, request, result and error types from `npm run build`, with no edits here.
import type { Client as OpenApiFetchClient, HeadersOptions, ParamsOption, RequestBodyOption } from 'openapi-fetch';
import type { OperationIds, operationTable } from '../generated/operations.js';
import type { BasicError, operations, paths } from '../generated/schema.js';
import type { GitHubApiError } from './errors.js';

/**
 * Your GHES username and password, sent as HTTP Basic credentials (the only authentication these
 * endpoints accept): both, or neither.
 */
export type Credentials =
  | {
      /** Your GHES username (without ":"), sent with `password` as HTTP Basic credentials. */
      username: string;
      /** Your GHES password (UTF-8 safe). */
      password: string;
    }
  | { username?: undefined; password?: undefined };

/** Options of `createClient()`: `baseUrl`, the `Credentials` pair, and `ClientSettings`. */
export type ClientOptions = ClientSettings & Credentials;

/** What `createClient()` takes besides the credentials. */
export interface ClientSettings {
  /** The REST API root of your GHES instance, e.g. `https://ghes.example.com/api/v3`. Required: nothing defaults to api.github.com. */
  baseUrl: string;
  /**
   * A one-time password sent with every request, or a callback asked for one when the server answers
   * `401` with `X-GitHub-OTP: required; app` (or `sms`, the channel it is given): the request is then
   * retried once with the code, and that code is reused for later requests until the server refuses
   * it (a 401 asking again), when the callback is asked for a new one.
   * The callback gets the request's `signal` (when it has one): the call rejects as soon as it aborts,
   * even while the callback is still waiting for the user. A code that a header cannot carry (CR, LF,
   * another control character) is refused, and the error does not repeat it.
   */
  otp?: string | ((channel: string, options: { signal?: AbortSignal }) => string | Promise<string>);
  /** The `User-Agent` header. */
  userAgent?: string;
  /** Extra headers for every request; they override the default `Accept` and `X-GitHub-Api-Version`. */
  headers?: Record<string, string>;
  /** The fetch to send requests with (default: `globalThis.fetch`, as it is at each request). */
  fetch?: (request: Request) => Promise<Response>;
}

type Table = typeof operationTable;
/** The name of a client function: `listGrants`, `createAuthorization`, …. */
export type OperationName = keyof Table;
/** The generated `operations` entry of a client function. */
export type OperationOf<Name extends OperationName> = operations[OperationIds[Name]];

/** What every operation function accepts besides its parameters and body. */
export interface RequestExtras {
  /** Headers for this request only (they win over the client's). */
  headers?: HeadersOptions;
  /** Aborts the request. */
  signal?: AbortSignal;
}

/** What a client function takes: `params` (`path`, `query`, `header`), `body`, and `RequestExtras`. */
export type RequestOf<Name extends OperationName> = ParamsOption<OperationOf<Name>> & BodyOption<RequestBodyOption<OperationOf<Name>>> & RequestExtras;

declare const onlyOneScopeKey: unique symbol;
/**
 * What a second scope key of an update is typed as, so that the type error says the rule: no
 * value has this type. The server refuses a body with two of them (422).
 */
export type OneOfScopesAddScopesRemoveScopes = 'Send only one of scopes, add_scopes, remove_scopes per update' & { readonly [onlyOneScopeKey]: true };
type ScopeKey = 'scopes' | 'add_scopes' | 'remove_scopes';
/** A body with all three scope keys allows one of them; any other body stays as generated. */
type OneScopeKey<Body> = [Body] extends [never]
  ? never
  : ScopeKey extends keyof Body
    ? Omit<Body, ScopeKey> & { [Key in ScopeKey]: { [Own in Key]?: Body[Own] } & { [Other in Exclude<ScopeKey, Key>]?: OneOfScopesAddScopesRemoveScopes } }[ScopeKey]
    : Body;
type BodyOption<Option> = { [Key in keyof Option]: Key extends 'body' ? OneScopeKey<Exclude<Option[Key], undefined>> : Option[Key] };

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206;
type ResponsesOf<Name extends OperationName> = OperationOf<Name>['responses'];
type JsonOf<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : undefined;

/** What a client function resolves with: one member per success status, so `status` tells 200 from 201. */
export type ResultOf<Name extends OperationName> = {
  [Status in keyof ResponsesOf<Name> & SuccessStatus]: { status: Status; data: JsonOf<ResponsesOf<Name>[Status]>; headers: Headers };
}[keyof ResponsesOf<Name> & SuccessStatus];

/**
 * What a client function rejects with on any non-2xx answer: its `body` is one of the operation's
 * documented error bodies, or a basic error for a status the contract does not list (or undefined
 * when the answer had no JSON body).
 */
export type ErrorOf<Name extends OperationName> = GitHubApiError<Extract<JsonOf<ResponsesOf<Name>[Exclude<keyof ResponsesOf<Name>, SuccessStatus>]>, object> | BasicError>;

/** A client function; its request argument is optional when nothing in it is required. */
// biome-ignore lint/complexity/noBannedTypes: `{} extends T` is how a type asks whether every key of T is optional.
export type OperationFunction<Name extends OperationName> = {} extends RequestOf<Name> ? (request?: RequestOf<Name>) => Promise<ResultOf<Name>> : (request: RequestOf<Name>) => Promise<ResultOf<Name>>;

/** The client: one function per operation of the contract, and the openapi-fetch client under it. */
export type Client = { readonly [Name in keyof Table]: OperationFunction<Name> } & {
  /**
   * The openapi-fetch client the functions use, with the same base URL, headers and credentials, for full control (no OTP retry, no thrown errors).
   * Its requests, too, go only to the baseUrl's origin and never follow a redirect; a `fetch` passed to one of them gets no credentials.
   */
  readonly raw: OpenApiFetchClient<paths>;
};
