// Parity: the table of requests (support/parity-table.ts) goes, row by row, to the simulator over
// HTTP (startMock, the server of `npm start`) and to the MSW handlers (setupServer and fetch), and
// every answer must be the same: status, Link, Location, ETag, X-GitHub-OTP, WWW-Authenticate and
// body, modulo the origin. Both sides get one clock, so timestamps agree; tokens are random (and
// drawn from one pool), so each side's tokens are renamed in the order they appear (`token#1`, …),
// which keeps what matters: the same token where the server repeats one, a new one where it mints one.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type StartedMock, startMock } from '../../scripts/mock/start-mock.js';
import { createHandlers } from '../../src/msw.js';
import { etagOf } from '../../src/simulator/index.js';
import { accounts, type Row, rows, strictRows } from './support/parity-table.js';

const mswOrigin = 'https://ghes.example.test';
const compared = ['link', 'location', 'etag', 'x-github-otp', 'www-authenticate', 'allow', 'content-type', 'cache-control', 'last-modified', 'x-github-media-type', 'deprecation', 'sunset'];

let mock: StartedMock;
let strictMock: StartedMock;
const strictMswOrigin = 'https://strict.ghes.example.test';
// The whole origin, as the server serves the API both at the root and under /api/v3; and strict
// handlers on another origin, for the strict rows.
const server = setupServer(...createHandlers({ baseUrl: mswOrigin, accounts }), ...createHandlers({ baseUrl: strictMswOrigin, strict: true }));
const aliases = { mock: new Map<string, string>(), msw: new Map<string, string>() };
const secrets = ['token', 'hashed_token', 'token_last_eight'];
/** The last token each side issued, for a row that sends it back (`Authorization: token …`). */
const lastTokens: { mock?: string; msw?: string } = {};

/** `body` with each side's token values renamed in order of appearance, and each token's last eight checked. */
function renameTokens(target: 'mock' | 'msw', text: string): string {
  if (!/^[[{]/.test(text)) return text;
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename);
    if (typeof value !== 'object' || value === null) return value;
    const object = value as Record<string, unknown>;
    if (typeof object.token === 'string' && object.token !== '') {
      expect(object.token_last_eight).toBe(object.token.slice(-8));
      lastTokens[target] = object.token;
    }
    return Object.fromEntries(
      Object.entries(object).map(([key, field]) => {
        if (!secrets.includes(key) || typeof field !== 'string' || field === '') return [key, rename(field)];
        const known = aliases[target];
        if (!known.has(field)) known.set(field, `${key}#${known.size + 1}`);
        return [key, known.get(field)];
      }),
    );
  };
  return JSON.stringify(rename(JSON.parse(text)));
}

beforeAll(async () => {
  mock = await startMock({ accounts });
  strictMock = await startMock({ strict: true });
  // Requests to the running mock are not the handlers': they go through to it.
  server.listen({ onUnhandledRequest: 'bypass' });
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-04T05:06:07Z') });
});

afterAll(async () => {
  // Files share globals (vitest.config.ts: isolate false): put back what this one changed.
  vi.useRealTimers();
  server.close();
  await mock?.stop();
  await strictMock?.stop();
});

interface Answer {
  status: number | 'network error';
  headers: Record<string, string>;
  body: string;
}

const lastEtags = { mock: new Map<string, string>(), msw: new Map<string, string>() };

async function send(target: 'mock' | 'msw', row: Row): Promise<Answer> {
  const origin = target === 'mock' ? mock.url : mswOrigin;
  const { method, path, user = 'octocat', password = 'secret', body, text } = row;
  const headers = new Headers(row.headers);
  if (!headers.has('accept')) headers.set('accept', 'application/vnd.github+json');
  if (user !== null) headers.set('authorization', `Basic ${btoa(`${user}:${password}`)}`);
  if (row.lastToken) headers.set('authorization', `${row.lastToken} ${lastTokens[target]}`);
  const payload = text ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const etag = lastEtags[target].get(path);
  if (row.conditional && etag) headers.set('if-none-match', etag);
  let response: Response;
  try {
    response = await fetch(`${origin}${path}`, { method, headers, ...(payload !== undefined && { body: payload }), redirect: 'manual' });
  } catch {
    return { status: 'network error', headers: {}, body: '' };
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  // The ETag is the body's, so with the origin in the body's URLs it differs between the two: what
  // must be the same is that it is the body's (or, with no body, the one last answered for the path).
  const answered = response.headers.get('etag');
  let etagIs: string | undefined;
  if (answered && bytes.length > 0) {
    etagIs = answered === etagOf(bytes) ? "the body's" : `W/${answered}` === etagOf(bytes) ? "the body's, strong" : `not the body's: ${answered}`;
    lastEtags[target].set(path, answered);
  } else if (answered) {
    etagIs = answered === lastEtags[target].get(path) ? 'the one last answered for the path' : `unexplained: ${answered}`;
  }
  const sameOrigin = (value: string) => value.replaceAll(origin, 'ORIGIN');
  const headerValues = compared.flatMap((name) => {
    if (name === 'etag') return etagIs ? [[name, etagIs]] : [];
    return response.headers.has(name) ? [[name, sameOrigin(response.headers.get(name)!)]] : [];
  });
  return { status: response.status, headers: Object.fromEntries(headerValues), body: renameTokens(target, sameOrigin(new TextDecoder().decode(bytes))) };
}

describe('the MSW handlers answer as the server does', () => {
  it(`the table has at least 200 requests, valid and invalid (${rows.length})`, () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
  });

  it('every row: the same status, headers and body from both', async () => {
    const statuses = new Map<string, number>();
    for (const [index, row] of rows.entries()) {
      const fromMock = await send('mock', row);
      const fromMsw = await send('msw', row);
      const { method, path, ...rest } = row;
      expect(fromMsw, `row ${index}: ${method} ${path} ${JSON.stringify(rest)}`).toEqual(fromMock);
      const kind = typeof fromMock.status === 'number' ? `${String(fromMock.status)[0]}xx` : fromMock.status;
      statuses.set(kind, (statuses.get(kind) ?? 0) + 1);
    }
    // Valid and invalid requests alike.
    expect(statuses.get('2xx')).toBeGreaterThanOrEqual(60);
    expect(statuses.get('4xx')).toBeGreaterThanOrEqual(100);
    expect([...statuses.keys()].sort()).toEqual(['2xx', '3xx', '4xx', '5xx', 'network error']);
  }, 60_000);
});

describe('strict: true (the server started with it, the handlers made with it) answers alike too', () => {
  /** Status, the headers that carry meaning, and the body, with the origin masked. */
  async function strictAnswer(origin: string, row: Row) {
    const response = await fetch(`${origin}${row.path}`, {
      method: row.method,
      headers: { accept: 'application/vnd.github+json', authorization: `Basic ${btoa(`${row.user ?? 'octocat'}:${row.password ?? 'secret'}`)}`, 'content-type': 'application/json' },
      ...(row.body !== undefined && { body: JSON.stringify(row.body) }),
    });
    const text = (await response.text()).replaceAll(origin, 'ORIGIN').replace(/"(token|hashed_token|token_last_eight)":"[^"]+"/g, '"$1":"…"');
    const headers = Object.fromEntries(
      ['x-simulator-reason', 'x-github-media-type', 'cache-control', 'location'].map((name) => [name, response.headers.get(name)?.replaceAll(origin, 'ORIGIN') ?? null]),
    );
    return { status: response.status, headers, body: text };
  }

  it('every strict row: the same status, headers and body from both; each lenient case is a 422 again', async () => {
    for (const [index, row] of strictRows.entries()) {
      const fromMock = await strictAnswer(strictMock.url, row);
      const fromMsw = await strictAnswer(strictMswOrigin, row);
      expect(fromMsw, `strict row ${index}: ${row.method} ${row.path} ${JSON.stringify(row.body)}`).toEqual(fromMock);
      if (row.user === 'strict') expect(fromMock.status, `strict row ${index}`).toBe(422);
    }
  });
});
