// This package's client, bundled for the browser, in headless Chromium: a page served from one
// origin calls the mock of `npm start` on another, so every call is a real cross-origin request
// with the browser's own CORS checks. What the page's script observed is asserted, not a picture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startScript, stop, waitUntilReady, type Started } from '../mock/support/processes.js';
import { openAmong } from '../support/chromium.js';
import { bundleForBrowser, pageHtml } from './support/bundle.js';
import { expectedLoadErrors, expectFlow, flowOptions, twoFactor, twoFactorAccount } from './support/flow.js';
import { serveStatic, type StaticSite } from './support/static-site.js';

let mock: Started;
let site: StaticSite;
let browser: Awaited<ReturnType<typeof openAmong>>;
let baseUrl: string;

beforeAll(async () => {
  mock = startScript('start', { port: await freePort() });
  const [script] = await Promise.all([bundleForBrowser('test/browser/pages/against-server.ts'), waitUntilReady(mock)]);
  site = await serveStatic({
    '/': { type: 'text/html; charset=utf-8', body: pageHtml('/page.js') },
    '/page.js': { type: 'text/javascript; charset=utf-8', body: script },
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

describe('the client in Chromium, against npm start on another origin', () => {
  it('loads the client bundled for the browser from the page origin', async () => {
    expect(site.requests).toEqual(expect.arrayContaining(['GET /', 'GET /page.js']));
    expect(await browser.page.evaluate(() => Object.keys(window.ghes).sort())).toEqual(
      expect.arrayContaining(['GitHubApiError', 'createClient', 'operationTable', 'paginate', 'paginateAll', 'parseLink']),
    );
    expect(mock.url).not.toBe(site.origin);
  });

  it('walks list → create → list → paginate → 2FA prompt → delete, reading ETag, Location and Link', async () => {
    // A two-factor account, through the control API (this test's own request: X-Simulator-Control).
    const account = await fetch(`${mock.url}/_simulator/accounts/${twoFactor.username}`, { method: 'PUT', headers: { 'x-simulator-control': '1' }, body: JSON.stringify(twoFactorAccount) });
    expect(account.status).toBe(204);
    expectFlow(await browser.page.evaluate((options) => window.clientFlow(options), flowOptions(baseUrl)), baseUrl);

    // Every cross-origin call was preflighted (Authorization is no CORS-safelisted header), and
    // each preflight passed with GitHub's answer (any origin) for the headers the client sends.
    expect(browser.preflights.length).toBeGreaterThanOrEqual(8);
    for (const preflight of browser.preflights) {
      expect(preflight.status, preflight.url).toBe(204);
      expect(preflight.responseHeaders?.['access-control-allow-origin']).toBe('*');
      expect(preflight.headers).toContain('authorization');
    }
    // GitHub's fixed answer allows every header the client sends, and is cached for a day (so a
    // POST after a GET to the same URL needs no preflight of its own).
    const allowed = (browser.preflights[0]?.responseHeaders?.['access-control-allow-headers'] ?? '').toLowerCase().split(', ');
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'if-none-match', 'x-github-otp', 'x-github-api-version']));
    expect(browser.preflights.every((preflight) => preflight.responseHeaders?.['access-control-max-age'] === '86400')).toBe(true);
    expect(browser.preflights.flatMap((preflight) => preflight.headers)).toContain('authorization');
  });

  it('asked for nothing outside the two origins, and logged no error but the answers the flow expects', () => {
    expect(browser.outsideRequests).toEqual([]);
    expect(browser.errors).toEqual(expectedLoadErrors);
  });
});
