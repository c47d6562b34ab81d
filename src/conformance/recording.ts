// Recordings of a real server's exchanges (the proxy's --record), with every secret scrubbed before
// anything is kept: the Authorization header (only the user name stays, for the import), the
// two-factor code, cookies, passwords, client secrets and tokens (a token keeps its prefix and its
// last eight characters, which the API itself shows as token_last_eight). Also as HAR 1.2.
// `npm run proxy` and the package's bin share it.

export const recordingFormat = 'ghes-oauth-authorizations-recording';

/** Header values as Node gives them. */
type RawHeaders = Record<string, string | string[] | number | undefined>;

/** One exchange as it came through the proxy, before scrubbing. */
export interface RawExchange {
  method: string;
  path: string;
  requestHeaders: RawHeaders;
  requestBody?: string;
  status: number;
  responseHeaders: RawHeaders;
  responseBody?: string;
  startedAt?: string;
}

/** One side of a kept exchange: a JSON body, or a text that is not JSON. */
interface RecordedSide {
  headers: Record<string, string>;
  body?: unknown;
  text?: string;
}

/** One exchange as kept, scrubbed. */
export interface RecordedExchange {
  startedAt?: string;
  request: RecordedSide & { method: string; path: string; user?: string };
  response: RecordedSide & { status: number };
}

/** A recording: the server's base URL and its exchanges. */
export interface Recording {
  format: typeof recordingFormat;
  version: 1;
  base: string;
  exchanges: RecordedExchange[];
}

const scrubbed = '[scrubbed]';
const secretHeaders = new Set(['authorization', 'proxy-authorization', 'x-github-otp', 'cookie', 'set-cookie']);
// Not `code`: a validation error item's code (already_exists) is no secret, and this API takes no OAuth code.
const secretFields = new Set(['client_secret', 'password', 'token', 'access_token', 'refresh_token']);

/** The user name of Basic credentials, or undefined (a token, none, malformed). */
export function basicUser(header: string | undefined): string | undefined {
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(match[1] ?? ''), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(':');
  return colon > 0 ? decoded.slice(0, colon) : undefined;
}

/** A token with everything but its prefix (ghp_, gho_, …) and last eight characters replaced by `*`. */
export function scrubToken<T>(token: T): T | string {
  if (typeof token !== 'string' || token === '') return token;
  const prefix = /^gh[a-z]_/.test(token) ? token.slice(0, 4) : '';
  const keep = token.length - prefix.length > 16 ? 8 : 0;
  return `${prefix}${'*'.repeat(token.length - prefix.length - keep)}${keep ? token.slice(-keep) : ''}`;
}

/** A JSON value with every secret field scrubbed (a token keeps its shape: see scrubToken). */
export function scrubBody(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrubBody);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      if (!secretFields.has(key)) return [key, scrubBody(inner)];
      if (key === 'token' && typeof inner === 'string') return [key, scrubToken(inner)];
      return [key, typeof inner === 'string' && inner !== '' ? scrubbed : inner];
    }),
  );
}

/**
 * Headers (an object of name → value) with the secret ones scrubbed; Authorization keeps its scheme.
 * A response's X-GitHub-OTP (`required; app`) is no secret and is kept: only a request's holds a code.
 */
export function scrubHeaders(headers: RawHeaders | undefined, side: 'request' | 'response' = 'request'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    if (!secretHeaders.has(lower) || (side === 'response' && lower === 'x-github-otp')) out[lower] = text;
    else if (lower === 'authorization' || lower === 'proxy-authorization') out[lower] = `${text.split(/\s+/)[0] ?? ''} ${scrubbed}`.trim();
    else out[lower] = scrubbed;
  }
  return out;
}

/** A body as text → its JSON value scrubbed, or the text when it is not JSON (undefined for none). */
function scrubText(text: string | undefined | null): { json: unknown } | { text: string } | undefined {
  if (text === undefined || text === null || text === '') return undefined;
  try {
    return { json: scrubBody(JSON.parse(text)) };
  } catch {
    // Not JSON: kept only when it cannot hold a token (no long run of token characters).
    return { text: /[A-Za-z0-9_]{30,}/.test(text) ? scrubbed : text };
  }
}

/**
 * One exchange as kept: the request's method, path (under the server's base URL) and query, the
 * Basic user name, and both sides' headers and bodies, scrubbed.
 */
export function scrubExchange(raw: RawExchange): RecordedExchange {
  const authorization = raw.requestHeaders.authorization;
  const user = basicUser(Array.isArray(authorization) ? authorization[0] : authorization === undefined ? undefined : String(authorization));
  const requestBody = scrubText(raw.requestBody);
  const responseBody = scrubText(raw.responseBody);
  return {
    ...(raw.startedAt && { startedAt: raw.startedAt }),
    request: {
      method: raw.method.toUpperCase(),
      path: raw.path,
      ...(user !== undefined && { user }),
      headers: scrubHeaders(raw.requestHeaders),
      ...(requestBody && ('json' in requestBody ? { body: requestBody.json } : { text: requestBody.text })),
    },
    response: {
      status: raw.status,
      headers: scrubHeaders(raw.responseHeaders, 'response'),
      ...(responseBody && ('json' in responseBody ? { body: responseBody.json } : { text: responseBody.text })),
    },
  };
}

/** An empty recording of the server at `base` (e.g. https://ghes.example.com/api/v3). */
export function createRecording(base: string): Recording {
  return { format: recordingFormat, version: 1, base: base.replace(/\/+$/, ''), exchanges: [] };
}

/** Whether `value` is a recording this module wrote; throws an Error naming what is wrong. */
export function checkRecording(value: unknown, where = 'the recording'): Recording {
  if (value === null || typeof value !== 'object') throw new Error(`${where}: not a recording (its "format" must be "${recordingFormat}"; make one with the proxy's --record)`);
  const recording = value as Partial<Recording> & { exchanges?: unknown };
  if (recording.format !== recordingFormat) throw new Error(`${where}: not a recording (its "format" must be "${recordingFormat}"; make one with the proxy's --record)`);
  if (recording.version !== 1) throw new Error(`${where}: version ${JSON.stringify(recording.version)} is not one this package reads (1)`);
  if (typeof recording.base !== 'string' || !URL.canParse(recording.base)) throw new Error(`${where}.base: must be the server's base URL`);
  if (!Array.isArray(recording.exchanges)) throw new Error(`${where}.exchanges: must be an array`);
  (recording.exchanges as Partial<RecordedExchange>[]).forEach((exchange, index) => {
    const at = `${where}.exchanges[${index}]`;
    if (typeof exchange?.request?.method !== 'string' || typeof exchange.request.path !== 'string' || !exchange.request.path.startsWith('/'))
      throw new Error(`${at}.request: needs a method and a path starting with /`);
    if (!Number.isInteger(exchange?.response?.status)) throw new Error(`${at}.response.status: must be an integer`);
  });
  return recording as Recording;
}

/** The recording as HAR 1.2 (its secrets already scrubbed), for browser dev tools and HAR viewers. */
export function toHar(recording: Recording) {
  const headerList = (headers: Record<string, string> | undefined) => Object.entries(headers ?? {}).map(([name, value]) => ({ name, value }));
  const bodyText = (side: RecordedSide): string => (side.body !== undefined ? JSON.stringify(side.body) : (side.text ?? ''));
  return {
    log: {
      version: '1.2',
      creator: { name: 'ghes-oauth-authorizations', version: '1' },
      entries: recording.exchanges.map((exchange) => {
        const url = new URL(`${recording.base}${exchange.request.path}`);
        const requestText = bodyText(exchange.request);
        const responseText = bodyText(exchange.response);
        return {
          startedDateTime: exchange.startedAt ?? new Date(0).toISOString(),
          time: 0,
          request: {
            method: exchange.request.method,
            url: url.href,
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: headerList(exchange.request.headers),
            queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
            ...(requestText !== '' && { postData: { mimeType: 'application/json', text: requestText } }),
            headersSize: -1,
            bodySize: requestText.length,
          },
          response: {
            status: exchange.response.status,
            statusText: '',
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: headerList(exchange.response.headers),
            content: { size: responseText.length, mimeType: exchange.response.headers?.['content-type'] ?? 'application/json', text: responseText },
            redirectURL: '',
            headersSize: -1,
            bodySize: responseText.length,
          },
          cache: {},
          timings: { send: 0, wait: 0, receive: 0 },
        };
      }),
    },
  };
}
