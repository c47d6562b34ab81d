// This package's client, bundled for the browser, in headless Chromium: a page served from one
// origin calls the mock of `npm start` on another, so every call is a real cross-origin request
// with the browser's own CORS checks. What the page's script observed is asserted, not a picture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startScript, stop, waitUntilReady, type Started } from '../mock/support/processes.js';
import { openAmong } from '../support/chromium.js';
import { bundleForBrowser, pageHtml } from './support/bundle.js';
import { serveStatic, type StaticSite } from './support/static-site.js';

let mock: Started;
let site: StaticSite;
let browser: Awaited<ReturnType<typeof openAmong>>;
let baseUrl: string;

beforeAll(async () => {
  mock = startScript('start', { port: await freePort() });
  const [script] = await Promise.all([bundleForBrowser('test/browser/pages/client-flow.ts'), waitUntilReady(mock)]);
  site = await serveStatic({
    '/': { type: 'text/html; charset=utf-8', body: pageHtml('/client-flow.js') },
    '/client-flow.js': { type: 'text/javascript; charset=utf-8', body: script },
  });
  baseUrl = `${mock.url}/api/v3`;
  browser = await openAmong(`${site.origin}/`, [site.origin, mock.url]);
  await browser.page.waitForFunction(() => window.pageReady, undefined, { timeout: 10_000 });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (mock) await stop(mock);
});

const preflightsFor = (method: string) => browser.preflights.filter((preflight) => preflight.method === method && preflight.url.startsWith(baseUrl));

describe('the client in Chromium, against npm start on another origin', () => {
  it('loads the client bundled for the browser from the page origin', async () => {
    expect(site.requests).toEqual(expect.arrayContaining(['GET /', 'GET /client-flow.js']));
    expect(await browser.page.evaluate(() => Object.keys(window.ghes).sort())).toEqual(
      expect.arrayContaining(['GitHubApiError', 'createClient', 'operationTable', 'paginate', 'paginateAll', 'parseLink']),
    );
    expect(mock.url).not.toBe(site.origin);
  });

  it('creates an authorization through a CORS preflight that allows Authorization and X-GitHub-OTP, and reads Location', async () => {
    const seen = await browser.page.evaluate(async (baseUrl) => {
      const client = window.ghes.createClient({ baseUrl, username: 'octocat', password: 'secret', otp: '123456' });
      const { status, headers } = await client.createAuthorization({ body: { scopes: ['public_repo'], note: 'from the browser' } });
      return { status, location: headers.get('Location') };
    }, baseUrl);
    expect(seen.status).toBe(201);
    expect(seen.location).toMatch(/\/authorizations\/\d+$/);

    const [preflight, ...more] = preflightsFor('POST');
    expect(more).toEqual([]);
    expect(preflight?.headers).toEqual(expect.arrayContaining(['authorization', 'x-github-otp', 'content-type']));
    expect(preflight?.status).toBe(204);
    expect(preflight?.responseHeaders?.['access-control-allow-origin']).toBe(site.origin);
    const allowed = preflight?.responseHeaders?.['access-control-allow-headers']?.toLowerCase().split(/ *, */);
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'x-github-otp']));
  });

  it('lists authorizations and reads the Link header', async () => {
    const seen = await browser.page.evaluate(async (baseUrl) => {
      const client = window.ghes.createClient({ baseUrl, username: 'octocat', password: 'secret' });
      const { status, data, headers } = await client.listAuthorizations({ params: { query: { per_page: 1 } } });
      return { status, items: data.length, next: window.ghes.parseLink(headers.get('Link')).next };
    }, baseUrl);
    expect(seen).toMatchObject({ status: 200, items: 1 });
    expect(seen.next).toMatch(/\/authorizations\?(.*&)?page=2\b/);
    expect(preflightsFor('GET').map((preflight) => preflight.status)).toEqual([204]);
  });

  it('asked for nothing outside the two origins, and logged no error', () => {
    expect(browser.outsideRequests).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
