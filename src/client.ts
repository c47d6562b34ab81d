// createClient(): one function per operation of the contract, on openapi-fetch. Credentials go only
// to the origin of `baseUrl`: redirects are not followed, a request anywhere else is refused, and
// the credentials are added by the client's own fetch, after that check, so that no other fetch
// (one a caller of `raw` passes) ever sees them.
import createOpenApiFetchClient from 'openapi-fetch';
import { operationTable } from '../generated/operations.js';
import type { paths } from '../generated/schema.js';
import { GitHubApiError } from './errors.js';
import type { Client, ClientOptions } from './types.js';

// ---- settings & const

const defaultHeaders = { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' };

// A function's request as the runtime sees it (its exact type is RequestOf<Name>).
interface LooseRequest {
  params?: { header?: object };
  body?: unknown;
  headers?: unknown;
  signal?: unknown;
}
type Result = { status: number; data: unknown; headers: Headers };

/** How paginate() reaches the client behind one of its functions: a GET of a next-page link. */
export const nextPageFetchers = new WeakMap<Function, (link: string, request?: LooseRequest) => Promise<Result>>();

// ---- client

/** A client for the GHES REST API at `options.baseUrl`; see `ClientOptions`. */
export function createClient(options: ClientOptions): Client {
  const { baseUrl, username, password, otp, userAgent, headers, fetch = globalThis.fetch } = Object(options) as ClientOptions;
  let base: URL | undefined;
  try {
    base = new URL(baseUrl);
  } catch {}
  // The messages never repeat baseUrl, which may hold a password.
  if (!/^https?:$/.test(base?.protocol!)) fail('baseUrl must be an absolute http(s) URL, e.g. https://ghes.example.com/api/v3');
  if (base!.username || base!.password) fail('put credentials in username and password, not in baseUrl');
  if (!username !== !password || username?.includes(':')) fail('username (without ":") and password go together');
  if (typeof fetch !== 'function') fail('fetch must be a function');
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
    fetch: (request) => {
      if (!request.url.startsWith(`${origin}/`)) throw new Error(`refused to send to ${request.url}: this client sends only to ${origin}, its baseUrl's origin`);
      // Headers given for the request (the code the otp callback gave) win over the client's.
      for (const [name, value] of credentials) if (!request.headers.has(name)) request.headers.set(name, value);
      // Never followed, even when a caller of `raw` asks: fetch would carry X-GitHub-OTP to any origin.
      return fetch(request.redirect === 'manual' ? request : new Request(request, { redirect: 'manual' }));
    },
  });
  const request = raw.request as unknown as (method: string, path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

  // The code the otp callback gave last, sent until the server asks for another.
  let otpCode: string | undefined;

  async function send(method: string, path: string, { params, body, headers, signal }: LooseRequest = {}, baseUrl?: string): Promise<Result> {
    const attempt = () => request(method, path, { params: otpCode ? { ...params, header: { ...params?.header, 'X-GitHub-OTP': otpCode } } : params, body, headers, signal, baseUrl });
    let { data, error, response } = await attempt();
    const challenge = typeof otp === 'function' && response.status === 401 && /^required; *(\w*)/i.exec(response.headers.get('X-GitHub-OTP')!);
    if (challenge) {
      // Asked once, retried once: a wrong code ends in the error below, never in a loop.
      otpCode = await otp(challenge[1]!);
      ({ data, error, response } = await attempt());
      if (response.status === 401) otpCode = undefined;
    }
    if (!response.ok) throw new GitHubApiError(response.status, Object(error) === error ? error : undefined);
    return { status: response.status, data, headers: response.headers };
  }

  const fetchNextPage = (link: string, { headers, signal }: LooseRequest = {}) => {
    const url = new URL(link, base);
    return send('GET', url.pathname + url.search, { headers, signal }, url.origin);
  };
  const client: Record<string, unknown> = { raw };
  for (const [name, { method, path }] of Object.entries(operationTable)) {
    const operation = (request?: LooseRequest) => send(method, path, request);
    nextPageFetchers.set(operation, fetchNextPage);
    client[name] = operation;
  }
  return client as Client;
}

// ---- utils

function fail(problem: string): never {
  throw new TypeError(`createClient: ${problem}`);
}

/** HTTP Basic credentials, UTF-8 encoded (btoa alone takes only Latin-1), with browser APIs only. */
function basic(credentials: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(credentials)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
