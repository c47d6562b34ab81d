// createClient(): one function per operation of the contract, on openapi-fetch. Credentials go only
// to the origin of `baseUrl`: redirects are not followed, a request anywhere else is refused, and
// the credentials are added by the client's own fetch, after that check, so that no other fetch
// (one a caller of `raw` passes) ever sees them.
import createOpenApiFetchClient from 'openapi-fetch';
import { operationTable } from '../generated/operations.js';
import type { paths } from '../generated/schema.js';
import { GitHubApiError, GitHubNetworkError } from './errors.js';
import type { Client, ClientOptions } from './types.js';

// ---- settings & const

const defaultHeaders = { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' };

// A function's request as the runtime sees it (its exact type is RequestOf<Name>).
interface LooseRequest {
  params?: { header?: object };
  body?: unknown;
  headers?: unknown;
  signal?: AbortSignal | undefined;
}
type Result = { status: number; data: unknown; headers: Headers };

/** How paginate() reaches the client behind one of its functions: a GET of a next page's URL. */
export const nextPageFetchers = new WeakMap<object, (url: URL, request?: LooseRequest) => Promise<Result>>();

/** The URL each result was answered from: relative `Link` URLs resolve against it (RFC 8288 §3.2). */
export const answeredUrls = new WeakMap<object, string>();
// The URL each response of the client's fetch was requested from (with `redirect: 'manual'`, the
// URL of the answer; an injected fetch's `new Response()` has no `url` of its own).
const requestedUrls = new WeakMap<Response, string>();

/** How much of a body that is not JSON an error repeats: enough to recognise an HTML page or a proxy's message. */
const bodyPrefixLength = 100;

// ---- client

/** A client for the GHES REST API at `options.baseUrl`; see `ClientOptions`. */
export function createClient(options: ClientOptions): Client {
  const { baseUrl, username, password, otp, userAgent, headers, fetch: givenFetch } = Object(options) as ClientOptions;
  // Without a fetch of its own, the global one is looked up at each request, not once here: a
  // client made when a module is imported must still go through what a test installs later (MSW's
  // server.listen() patches globalThis.fetch in a beforeAll).
  const fetch = givenFetch ?? ((request: Request) => globalThis.fetch(request));
  let base: URL | undefined;
  try {
    base = new URL(baseUrl);
  } catch {}
  // The messages never repeat baseUrl, which may hold a password.
  if (!/^https?:$/.test(base?.protocol ?? '')) fail('baseUrl must be an absolute http(s) URL, e.g. https://ghes.example.com/api/v3');
  if (base!.username || base!.password) fail('put credentials in username and password, not in baseUrl');
  if (!username !== !password || username?.includes(':')) fail('username (without ":") and password go together');
  if (givenFetch !== undefined && typeof givenFetch !== 'function') fail('fetch must be a function');
  if (givenFetch === undefined && typeof globalThis.fetch !== 'function') fail('fetch must be a function: this runtime has no global fetch');
  // Never repeated in a message: a one-time password is a credential.
  if (typeof otp === 'string' && !isHeaderValue(otp)) fail(unsendableOtp('otp'));
  const { origin } = base!;
  const credentials: Array<[string, string]> = [];
  if (username) credentials.push(['Authorization', basic(`${username}:${password}`)]);
  if (typeof otp === 'string') credentials.push(['X-GitHub-OTP', otp]);

  const raw = createOpenApiFetchClient<paths>({
    baseUrl,
    redirect: 'manual',
    // openapi-fetch leaves out headers whose value is undefined.
    headers: { ...defaultHeaders, 'User-Agent': userAgent, ...headers },
    // The last word on where requests go, whatever baseUrl a caller of `raw` or a next link names.
    fetch: async (request) => {
      if (!request.url.startsWith(`${origin}/`)) throw new Error(`refused to send to ${request.url}: this client sends only to ${origin}, its baseUrl's origin`);
      // Headers given for the request (the code the otp callback gave) win over the client's.
      for (const [name, value] of credentials) if (!request.headers.has(name)) request.headers.set(name, value);
      // Never followed, even when a caller of `raw` asks: fetch would carry X-GitHub-OTP to any origin.
      let response: Response;
      try {
        response = await fetch(request.redirect === 'manual' ? request : new Request(request, { redirect: 'manual' }));
      } catch (cause) {
        // An abort stays what fetch made of it; anything else is a request that got no answer.
        if (request.signal.aborted) throw cause;
        throw new GitHubNetworkError({ method: request.method, url: request.url }, cause);
      }
      requestedUrls.set(response, request.url);
      return response;
    },
  });
  const request = raw.request as unknown as (method: string, path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

  // The code the otp callback gave last, sent until the server asks for another.
  let otpCode: string | undefined;

  async function send(name: string, method: string, path: string, { params, body, headers, signal }: LooseRequest = {}, baseUrl?: string): Promise<Result> {
    // Success bodies are parsed here, not by openapi-fetch, to say what a body that is not JSON was.
    const attempt = () => request(method, path, { params: otpCode ? { ...params, header: { ...params?.header, 'X-GitHub-OTP': otpCode } } : params, body, headers, signal, baseUrl, parseAs: 'text' });
    let { data, error, response } = await attempt();
    const challenge = typeof otp === 'function' && response.status === 401 && /^required; *(\w*)/i.exec(response.headers.get('X-GitHub-OTP')!);
    if (challenge) {
      // Asked once, retried once: a wrong code ends in the error below, never in a loop.
      otpCode = await askForCode(otp as Exclude<typeof otp, string | undefined>, challenge[1]!, signal);
      ({ data, error, response } = await attempt());
      if (response.status === 401) otpCode = undefined;
    }
    if (!response.ok) {
      const context = { method: method.toUpperCase(), url: requestedUrls.get(response) ?? response.url, headers: response.headers };
      throw new GitHubApiError(response.status, Object(error) === error ? error : undefined, context);
    }
    const result = { status: response.status, data: parseSuccessBody(name, response, data as string | undefined), headers: response.headers };
    // A middleware's own response has no requested URL: then its url, or at worst baseUrl.
    answeredUrls.set(result, requestedUrls.get(response) ?? (response.url || base!.href));
    return result;
  }

  const client: Record<string, unknown> = { raw };
  for (const [name, { method, path }] of Object.entries(operationTable)) {
    const operation = (request?: LooseRequest) => send(name, method, path, request);
    // A next page keeps the first request's headers and signal; its URL holds the query.
    nextPageFetchers.set(operation, (url, { headers, signal }: LooseRequest = {}) => send(name, 'GET', url.pathname + url.search, { headers, signal }, url.origin));
    client[name] = operation;
  }
  return client as Client;
}

/**
 * The otp callback's code. The request's signal covers the wait too (a prompt nobody answers must
 * not leave the call pending after its timeout), and the callback gets it to close its prompt.
 */
async function askForCode(otp: (channel: string, options: { signal?: AbortSignal }) => string | Promise<string>, channel: string, signal?: AbortSignal) {
  signal?.throwIfAborted();
  let abort = () => {};
  const code = await new Promise<string>((resolve, reject) => {
    abort = () => reject(signal!.reason);
    signal?.addEventListener('abort', abort);
    // Called inside the promise: an abort from within the callback, or its throw, rejects it.
    new Promise<string>((settle) => settle(otp(channel, signal ? { signal } : {}))).then(resolve, reject);
  }).finally(() => signal?.removeEventListener('abort', abort));
  // Never repeated in a message: a one-time password is a credential.
  if (!isHeaderValue(code)) throw new TypeError(unsendableOtp('the code the otp callback gave'));
  return code;
}

/** A 2xx body: JSON, or undefined when empty; anything else is an error saying what it was. */
function parseSuccessBody(name: string, response: Response, text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    // Quoted: the text may hold line breaks and control characters.
    throw new TypeError(`${name}: the server answered ${describeAnswer(response.status, response.headers, JSON.stringify(text!.slice(0, 2 * bodyPrefixLength)))}, which is not JSON`);
  }
}

/** What an answer was, for an error: `200 (text/html) with "<!DOCTYPE html>…`, its body cut short. */
export function describeAnswer(status: number, headers: Headers, body: string | undefined): string {
  const shown = body && (body.length > bodyPrefixLength ? `${body.slice(0, bodyPrefixLength)}…` : body);
  return `${status} (${headers.get('Content-Type') ?? 'no Content-Type'}) with ${shown || 'an empty body'}`;
}

// ---- utils

function fail(problem: string): never {
  throw new TypeError(`createClient: ${problem}`);
}

/** A value an HTTP header can carry (RFC 9110 §5.5): no CR, LF, NUL or other control character, nothing beyond U+00FF. */
const isHeaderValue = (value: string) => !/[^\t\x20-\x7e\x80-\xff]/.test(value);

const unsendableOtp = (what: string) => `${what} holds a character a header cannot carry (such as CR or LF), so it is not sent`;

/** HTTP Basic credentials, UTF-8 encoded (btoa alone takes only Latin-1), with browser APIs only. */
function basic(credentials: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(credentials)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
