// CORS as GitHub answers it (docs/decisions.md): a browser app on any origin can call the API —
// `Access-Control-Allow-Origin: *`, no credentials mode (Basic credentials go in the Authorization
// header), GitHub's exposed headers on every answer (errors too), GitHub's fixed preflight answer.
// The control API gets none of it: its preflights are refused with no CORS grant.
import { describe, expect, it } from 'vitest';
import { exposedHeaders, preflightHeaders } from '../../src/server/cors.js';
import { basic, callFor, mockUrl, send } from './support/calls.js';

const origin = 'http://localhost:5173';

// As recorded from api.github.com (2022-2025), in GitHub's order.
const githubExposed =
  'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset';
const githubAllowed =
  'Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, Accept-Encoding, X-GitHub-OTP, X-Requested-With, User-Agent, GraphQL-Features, X-Github-Next-Global-ID, X-GitHub-Api-Version';

describe('CORS', () => {
  it("exposes GitHub's headers first, then the simulator's own; allows GitHub's request headers first, then the simulator's", () => {
    expect(exposedHeaders.startsWith(`${githubExposed}, `)).toBe(true);
    expect(exposedHeaders.slice(githubExposed.length + 2).split(', ')).toEqual(['Preference-Applied', 'X-Simulator-Reason']);
    expect(preflightHeaders['access-control-allow-headers'].startsWith(`${githubAllowed}, `)).toBe(true);
    expect(preflightHeaders['access-control-allow-headers'].slice(githubAllowed.length + 2).split(', ')).toEqual(['Prefer', 'X-Simulator-Delay', 'X-Simulator-Fault']);
  });

  it.each([
    ['PATCH', '/authorizations/1'],
    ['PUT', '/api/v3/authorizations/clients/abcde12345fghij67890'],
    ['DELETE', '/applications/grants/1'],
  ])("a preflight for %s %s gets GitHub's fixed answer: any origin, its methods and headers, a day's max-age, no credentials", async (method, path) => {
    const response = await fetch(`${mockUrl()}${path}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type,prefer,x-github-api-version' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, PATCH, PUT, DELETE');
    expect(response.headers.get('access-control-allow-headers')).toBe(preflightHeaders['access-control-allow-headers']);
    expect(response.headers.get('access-control-max-age')).toBe('86400');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('an answer exposes Link, Location, ETag and X-GitHub-OTP to any origin, without credentials', async () => {
    const response = await send(callFor('list-authorizations'), { origin });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('access-control-expose-headers')).toBe(exposedHeaders);
  });

  it.each([
    { status: 401, path: '/authorizations', headers: { origin } },
    { status: 404, path: '/nope', headers: { origin, authorization: basic } },
  ])('errors ($status) carry CORS headers too, so the app can read them', async ({ status, path, headers }) => {
    const response = await fetch(`${mockUrl()}${path}`, { headers });
    expect(response.status).toBe(status);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('the same headers with no Origin, as GitHub sends them on every answer', async () => {
    const response = await send(callFor('get-grant'));
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toBe(exposedHeaders);
  });

  it.each(['/_simulator/state', '/api/v3/_simulator/reset'])('the control API (%s) grants no CORS: its preflight is refused, and its answers carry none', async (path) => {
    const preflight = await fetch(`${mockUrl()}${path}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'x-simulator-control' },
    });
    expect(preflight.status).toBe(403);
    const granted = (response: Response) => [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));
    expect(granted(preflight)).toEqual([]);
    const read = await fetch(`${mockUrl()}${path.replace('reset', 'state')}`, { headers: { origin, 'x-simulator-control': '1' } });
    expect(read.status).toBe(200);
    expect(granted(read)).toEqual([]);
  });
});
