// The checks every API request gets before anything is looked up, the way the GHES server makes
// them: credentials and the one-time password first, on every path (401, 403 for a token), then
// the route (404, also for a method the path does not serve), a JSON Accept (406), header and query
// parameters (400, 422), the body (400 for bad JSON, 422 naming each offending field). The
// simulator and the validating proxy (`npm run proxy`) both judge a request with this one function,
// on the precompiled validators, so they cannot disagree.
import type { BasicError, ValidationError } from '../../generated/schema.js';
import type { Answer } from './answer.js';
import { validators } from '../../generated/validators.js';
import { bodies, documentationUrl } from './errors.js';
import { matchRoute, type ParameterFact, type PathParameters, parameterProblem, type Route, routes } from './routes.js';
import { asGitHubTookIt } from './leniency.js';
import { acceptsJson } from './media-type.js';
import { errorItems } from './validation-items.js';

/** A request as the checks see it: the transport (fetch's Request, Node's IncomingMessage) fills it in. */
export interface ApiCall {
  /** As sent, e.g. `GET`. */
  method: string;
  /** Without the query and without the /api/v3 prefix: `/authorizations/1`. */
  path: string;
  /** The query without its `?`. */
  search: string;
  headers: { get(name: string): string | null };
  /** The body's bytes (empty: none). */
  body: Uint8Array;
  /** Aborted when the client has gone: a delayed answer is then dropped before it touches state. */
  signal?: AbortSignal | undefined;
}

/** The answer the checks give instead of passing the request on (an OPTIONS's 204 too). */
export interface Refusal extends Answer {
  /** Which part of the request the refusal is about (for the validating proxy's report). */
  part?: 'route' | 'credentials' | 'header' | 'query' | 'body';
}

export interface CheckedCall {
  route: Route;
  pathParameters: PathParameters;
  query: URLSearchParams;
  /** The parsed body; `{}` when the operation requires one and none was sent; undefined for none. */
  body: unknown;
  credentials: Credentials;
  /** What the request's body had that GitHub ignored or took otherwise, and so did the simulator (not strict). */
  lenient: string[];
}

export interface CheckOptions {
  /** Judges Basic credentials right after they are read (the simulator's accounts): a refusal, or undefined when they are good. */
  authenticate?: (credentials: Credentials, headers: ApiCall['headers']) => Answer | undefined;
  /** True for a token the server issued and holds: it gets 403 (these routes take Basic only); any other token 401 Bad credentials. */
  issued?: (token: string) => boolean;
  /**
   * Contract-strict (the default, for the validating proxy): a body field the operation does not
   * know, or an empty client_id, is 422. Not strict (the simulator's default): taken as GitHub took them (leniency.ts).
   */
  strict?: boolean;
}

export interface Credentials {
  user: string;
  password: string;
}

/** The contract's Basic challenge (WWW-Authenticate), sent with every 401. */
export const basicChallenge: string =
  routes
    .flatMap(({ operation }) => Object.values(operation.responses))
    .map((response) => response.headers['WWW-Authenticate'])
    .find((value): value is string => typeof value === 'string') ?? 'Basic realm="GitHub"';

const routeList = routes.map(({ operation }) => `${operation.method.toUpperCase()} ${operation.path}`).join(', ');

/**
 * The route, credentials, parameters and body of `call`, or the refusal the server would answer.
 * Credentials that are sent are judged before anything else, on any path, as GitHub did: a
 * two-factor account without its code gets the 401 whatever else is wrong with the request
 * (@octokit/auth-basic sends `PATCH /authorizations` for the SMS, and expects 401, then 404).
 */
export function checkRequest(call: ApiCall, options: CheckOptions = {}): CheckedCall | { refusal: Refusal } {
  const match = matchRoute(call.method, call.path);
  if ('allow' in match && call.method.toUpperCase() === 'OPTIONS') {
    const allow = match.allow.join(', ');
    return { refusal: { status: 204, headers: { allow }, reason: `OPTIONS ${call.path}: it accepts ${allow}` } };
  }

  const authorization = call.headers.get('authorization');
  let credentials: Credentials | undefined;
  let liveToken = false;
  if (authorization !== null) {
    const judged = judgeAuthorization(authorization, call.headers, options);
    if ('refusal' in judged) return judged;
    if ('credentials' in judged) credentials = judged.credentials;
    else liveToken = true;
  }

  if ('notFound' in match) {
    const why = match.notFound || `this API serves ${routeList} (also under /api/v3); docs at /docs`;
    return refuse('route', 404, bodies.notFound(), `no operation at ${call.method} ${call.path}: ${why}`);
  }
  if ('allow' in match) return refuse('route', 404, bodies.notFound(), `${call.path} serves ${match.allow.join(', ')}, not ${call.method}: GitHub answers 404 Not Found`);
  const { route, pathParameters } = match;
  // A good token is good credentials (an unknown route is still 404), but not for these routes.
  if (liveToken) return refuse('credentials', 403, bodies.basicAuthOnly(), 'a token the simulator issued: these routes take Basic credentials only');
  if (!credentials)
    return refuse('credentials', 401, bodies.requiresAuthentication(), 'no credentials: these routes take Basic credentials (user name and password)', { 'www-authenticate': basicChallenge });

  // GitHub's vendor media types are JSON.
  const accept = call.headers.get('accept');
  if (!acceptsJson(accept)) {
    return refuse(
      'header',
      406,
      { message: `Not Acceptable: this API answers only in JSON (application/json, application/vnd.github+json), and Accept was ${JSON.stringify(accept)}`, documentation_url: documentationUrl },
      'Accept admits no JSON',
    );
  }

  const query = new URLSearchParams(call.search);
  const parameterRefusal = checkParameters(route, call.headers, query);
  if (parameterRefusal) return { refusal: parameterRefusal };

  const encoding = call.headers.get('content-encoding');
  if (call.body.length > 0 && encoding !== null && encoding.trim().toLowerCase() !== 'identity') {
    return refuse('header', 415, { message: `Unsupported Content-Encoding ${JSON.stringify(encoding)}: send the body uncompressed`, documentation_url: documentationUrl }, 'compressed body', {
      'accept-encoding': 'identity',
    });
  }

  // The body is JSON whatever Content-Type says, as on GitHub (curl -d sends a form type).
  let body: unknown;
  let lenient: string[] = [];
  const { body: bodyFact } = route.operation;
  if (bodyFact) {
    const parsed = parseJson(call.body);
    if (parsed && 'problem' in parsed) return refuse('body', 400, { message: parsed.problem, documentation_url: documentationUrl }, parsed.problem);
    body = parsed ? parsed.value : bodyFact.required ? {} : undefined;
    const validate = validators[bodyFact.schema].all;
    if (body !== undefined && options.strict === false) ({ body, changes: lenient } = asGitHubTookIt(route.operation.name, body, validate));
    if (body !== undefined && !validate(body)) {
      const items = errorItems(validate.errors);
      const taken = lenient.length > 0 ? ` (as GitHub took the body: ${lenient.join('; ')})` : '';
      return refuse('body', 422, bodies.validationFailed(items), `the body breaks ${bodyFact.schema}: ${items.map((item) => item.message).join('; ')}${taken}`);
    }
  }
  return { route, pathParameters, query, body, credentials, lenient };
}

/** A sent Authorization header: Basic credentials, a live token (403 on a route), or the 401 GitHub answered. */
function judgeAuthorization(header: string, headers: ApiCall['headers'], { authenticate, issued }: CheckOptions): { credentials: Credentials } | { liveToken: true } | { refusal: Refusal } {
  // Basic credentials first: their scheme is `basic`, so the token schemes need not be looked for.
  const credentials = basicCredentials(header);
  if (!credentials) {
    const [scheme = '', token = ''] = header.trim().split(/\s+/);
    const lower = scheme.toLowerCase();
    if ((lower === 'token' || lower === 'bearer') && issued?.(token)) return { liveToken: true };
    const what =
      lower === 'basic'
        ? 'Basic credentials that are no user:password (non-empty password)'
        : lower === 'token' || lower === 'bearer'
          ? 'a token the simulator did not issue (or revoked)'
          : `an Authorization scheme ${JSON.stringify(scheme)} these routes do not take`;
    return refuse('credentials', 401, bodies.badCredentials(), `${what}: Bad credentials`, { 'www-authenticate': basicChallenge });
  }
  const unauthenticated = authenticate?.(credentials, headers);
  if (unauthenticated) return { refusal: { ...unauthenticated, part: 'credentials' } };
  return { credentials };
}

const refuse = (part: NonNullable<Refusal['part']>, status: number, body: BasicError | ValidationError, reason: string, headers?: Record<string, string>): { refusal: Refusal } => ({
  refusal: { status, body, reason, part, ...(headers && { headers }) },
});

/**
 * Header parameters (X-GitHub-Api-Version) → 400; query parameters (per_page, page) → 422 naming
 * each one, like a body. Path parameters were checked when the route matched.
 */
function checkParameters(route: Route, headers: ApiCall['headers'], query: URLSearchParams): Refusal | undefined {
  const { header, query: queryParameters } = parametersOf(route);
  for (const parameter of header) {
    const value = headers.get(parameter.name);
    const problem = value === null ? undefined : parameterProblem(parameter, value);
    if (problem !== undefined) {
      const message = `Bad ${parameter.name} header ${JSON.stringify(value)}: ${problem}`;
      return { status: 400, body: { message, documentation_url: documentationUrl }, reason: message, part: 'header' };
    }
  }
  if (queryParameters.length === 0) return undefined;
  const items: Array<{ field: string; code: 'invalid'; message: string }> = [];
  for (const parameter of queryParameters) {
    const value = query.get(parameter.name);
    const problem = value === null ? undefined : parameterProblem(parameter, value);
    if (problem !== undefined) items.push({ field: parameter.name, code: 'invalid', message: `${parameter.name} ${problem}` });
  }
  if (items.length === 0) return undefined;
  return { status: 422, body: bodies.validationFailed(items), reason: `query: ${items.map((item) => item.message).join('; ')}`, part: 'query' };
}

// --- utils -----------------------------------------------------------------------------------

const parameterLists = new Map<Route, { header: ParameterFact[]; query: ParameterFact[] }>(
  routes.map((route) => [route, { header: route.operation.parameters.filter((p) => p.in === 'header'), query: route.operation.parameters.filter((p) => p.in === 'query') }]),
);
/** The route's header and query parameters (every route is one of `routes`). */
const parametersOf = (route: Route) => parameterLists.get(route)!;

/** `Authorization: Basic base64(user:password)` → the user and password; undefined for none, a token or malformed Basic. */
export function basicCredentials(header: string | null): Credentials | undefined {
  if (header === null) return undefined;
  const match = basicHeader.exec(header);
  if (!match) return undefined;
  const encoded = match[1]!;
  if (!isBase64(encoded)) return undefined;
  let bytes: string;
  try {
    bytes = atob(encoded);
  } catch {
    return undefined;
  }
  // ASCII (the usual case) is its own UTF-8; other bytes are decoded, a bad sequence as U+FFFD.
  const text = ascii.test(bytes) ? bytes : utf8Lenient.decode(Uint8Array.from(bytes, (c) => c.charCodeAt(0)));
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) return undefined;
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** `Basic <credentials>`, the scheme in any case, spaces around and between (not inside the credentials). */
const basicHeader = /^\s*basic +([^ ]+?)\s*$/i;
const ascii = /^[\x00-\x7f]*$/;
const utf8Lenient = new TextDecoder();

function isBase64(text: string): boolean {
  const body = text.endsWith('==') ? text.slice(0, -2) : text.endsWith('=') ? text.slice(0, -1) : text;
  if (body.length === 0) return false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    if (!ok) return false;
  }
  return true;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a body as UTF-8 JSON: its value, a problem to answer 400 with, or undefined for no body. */
export function parseJson(bytes: Uint8Array): { value: unknown } | { problem: string } | undefined {
  if (bytes.length === 0) return undefined;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { problem: 'Problems parsing JSON: the body is not valid UTF-8' };
  }
  if (text.trim() === '') return undefined;
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { problem: `Problems parsing JSON: ${(error as Error).message}` };
  }
}
