// The same page with no server: `setupWorker(...createHandlers())` from ghes-oauth-authorizations/msw
// answers in the browser, through msw's service worker (mockServiceWorker.js, served as an app
// serves it from its public folder). The API's host resolves nowhere, so every answer the page
// observed came from the worker.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAmong } from '../support/chromium.js';
import { bundleForBrowser, pageHtml } from './support/bundle.js';
import { expectedLoadErrors, expectFlow, flowOptions, twoFactor, twoFactorAccount } from './support/flow.js';
import { serveStatic, type StaticSite } from './support/static-site.js';

const apiOrigin = 'https://ghes.example.test';
const baseUrl = `${apiOrigin}/api/v3`;
let site: StaticSite;
let browser: Awaited<ReturnType<typeof openAmong>>;

beforeAll(async () => {
  site = await serveStatic({
    '/': { type: 'text/html; charset=utf-8', body: pageHtml('/page.js') },
    '/page.js': { type: 'text/javascript; charset=utf-8', body: await bundleForBrowser('test/browser/pages/with-worker.ts') },
    '/mockServiceWorker.js': { type: 'text/javascript; charset=utf-8', body: readFileSync('node_modules/msw/lib/mockServiceWorker.js') },
  });
  browser = await openAmong(`${site.origin}/`, [site.origin, apiOrigin]);
  await browser.page.waitForFunction(() => window.pageReady, undefined, { timeout: 20_000 });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the client in Chromium with setupWorker(...createHandlers()) and no server', () => {
  it("registers msw's worker from the page origin", async () => {
    expect(site.requests).toEqual(['GET /', 'GET /page.js', 'GET /mockServiceWorker.js']);
    expect(await browser.page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${site.origin}/mockServiceWorker.js`);
  });

  it('walks the same flow with the same answers, on the base URL the page called', async () => {
    // The control API, through the worker too.
    const status = await browser.page.evaluate(
      ([url, account]) => fetch(url, { method: 'PUT', headers: { 'x-simulator-control': '1' }, body: JSON.stringify(account) }).then((response) => response.status),
      [`${apiOrigin}/_simulator/accounts/${twoFactor.username}`, twoFactorAccount] as const,
    );
    expect(status).toBe(204);
    expectFlow(await browser.page.evaluate((options) => window.clientFlow(options), flowOptions(baseUrl)), baseUrl);
  });

  it('state lives in the page: a reset through the control API brings back the seeded list', async () => {
    const ids = await browser.page.evaluate(
      async ([origin, baseUrl]) => {
        const client = window.ghes.createClient({ baseUrl, username: 'octocat', password: 'secret' });
        const before = (await client.listAuthorizations({ params: { query: { per_page: 100 } } })).data.length;
        await fetch(`${origin}/_simulator/reset`, { method: 'POST', headers: { 'x-simulator-control': '1' } });
        const after = (await client.listAuthorizations({ params: { query: { per_page: 100 } } })).data.length;
        return { before, after };
      },
      [apiOrigin, baseUrl] as const,
    );
    expect(ids.before).toBeGreaterThan(ids.after);
  });

  it('sent nothing to the network but the page, its script and the worker; no preflight; no error but the expected answers', () => {
    expect(site.requests).toEqual(['GET /', 'GET /page.js', 'GET /mockServiceWorker.js']);
    expect(browser.preflights).toEqual([]);
    expect(browser.outsideRequests).toEqual([]);
    expect(browser.errors).toEqual(expectedLoadErrors);
  });
});
