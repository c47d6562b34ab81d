// A browser app on another origin can call the mock: preflights pass, every answer (errors too)
// carries the CORS headers, and Link, Location and X-GitHub-OTP are readable.
import { describe, expect, it } from 'vitest';
import { basic, callFor, mockUrl, send } from './support/calls.js';

const origin = 'http://localhost:5173';

describe('CORS', () => {
  it.each([
    ['PATCH', '/authorizations/1'],
    ['PUT', '/api/v3/authorizations/clients/abcde12345fghij67890'],
    ['DELETE', '/applications/grants/1'],
  ])('a preflight for %s %s passes, with Authorization and Prefer allowed', async (method, path) => {
    const response = await fetch(`${mockUrl()}${path}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type,prefer,x-github-api-version' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-methods')?.split(', ')).toContain(method);
    // `*` would not cover Authorization: the requested headers are allowed by name.
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization,content-type,prefer,x-github-api-version');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('an answer exposes Link, Location and X-GitHub-OTP to the app', async () => {
    const response = await send(callFor('list-authorizations'), { origin });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('vary')).toContain('Origin');
    const exposed = response.headers.get('access-control-expose-headers')?.split(', ');
    expect(exposed).toEqual(expect.arrayContaining(['Link', 'Location', 'X-GitHub-OTP', 'WWW-Authenticate']));
  });

  it.each([
    { status: 401, path: '/authorizations', headers: { origin } },
    { status: 404, path: '/nope', headers: { origin, authorization: basic } },
  ])('errors ($status) carry CORS headers too, so the app can read them', async ({ status, path, headers }) => {
    const response = await fetch(`${mockUrl()}${path}`, { headers });
    expect(response.status).toBe(status);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it('no Origin, no CORS headers', async () => {
    const response = await send(callFor('get-grant'));
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
