// A web page on another origin, in headless Chromium, tries what issue 18 found it could do to
// `npm start` with fetch alone: read every user's state, wipe it with a no-cors POST (and a beacon,
// a form, an <img>), replace it with PUT, set faults to drop, remove a 2FA account. Each is refused
// by the browser's own CORS checks or by the server (X-Simulator-Control, no CORS on the control
// routes), and the state, the account and the faults are as they were; meanwhile the same page
// still uses the API with Basic credentials, reading its exposed headers. The server's verbose log
// says what reached it. Then a DNS-rebinding page (its name resolved to 127.0.0.1) is refused by Host.
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, pollUntil, startScript, stop, waitUntilReady, type Started } from '../mock/support/processes.js';
import { chromiumPath, openAmong } from '../support/chromium.js';
import { serveStatic, type StaticSite } from './support/static-site.js';

let mock: Started;
let site: StaticSite;
let browser: Awaited<ReturnType<typeof openAmong>>;

const guarded = { user: 'guarded', password: 'right', code: '135790' };
const basicOf = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
/** A control request from this test, as the developer's own tooling sends it. */
const control = (path: string, init: RequestInit = {}) => fetch(`${mock.url}${path}`, { ...init, headers: { 'x-simulator-control': '1', ...init.headers } });

/** The state, the 2FA account and the faults, as the API and the control API show them. */
async function observed() {
  const state = await (await control('/_simulator/state')).json();
  const withoutCode = await fetch(`${mock.url}/api/v3/authorizations`, { headers: { authorization: basicOf(guarded.user, guarded.password) } });
  const octocat = await fetch(`${mock.url}/api/v3/authorizations`, { headers: { authorization: basicOf('octocat', 'secret') } });
  return { state, guardedWithoutCode: withoutCode.status, guardedOtp: withoutCode.headers.get('x-github-otp'), octocat: octocat.status };
}

let before: Awaited<ReturnType<typeof observed>>;

beforeAll(async () => {
  mock = startScript('start', { port: await freePort(), args: ['--verbose'] });
  site = await serveStatic({ '/': { type: 'text/html; charset=utf-8', body: '<!doctype html><meta charset="utf-8"><title>another origin</title><link rel="icon" href="data:,"><body></body>' } });
  await waitUntilReady(mock);
  // State worth stealing: a 2FA account and changes to the seeded data.
  expect((await control(`/_simulator/accounts/${guarded.user}`, { method: 'PUT', body: JSON.stringify({ password: guarded.password, otp: { code: guarded.code } }) })).status).toBe(204);
  await fetch(`${mock.url}/api/v3/authorizations/1`, { method: 'DELETE', headers: { authorization: basicOf('octocat', 'secret') } });
  before = await observed();
  expect(before).toMatchObject({ guardedWithoutCode: 401, guardedOtp: 'required; app', octocat: 200 });
  expect(Object.keys(before.state)).toEqual(expect.arrayContaining(['octocat']));
  browser = await openAmong(`${site.origin}/`, [site.origin, mock.url]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (mock) await stop(mock);
});

/** Runs `attack` in the page; resolves with what the page saw: `refused: <error>` or what it could read. */
const inPage = (attack: string) =>
  browser.page.evaluate(
    async ([code, target]) => {
      try {
        // biome-ignore lint/security/noGlobalEval: the attack is the test's data.
        return `read: ${await (0, eval)(`(async (target) => { ${code} })`)(target)}`;
      } catch (error) {
        return `refused: ${(error as Error).name}: ${(error as Error).message}`;
      }
    },
    [attack, mock.url] as const,
  );

/** Waits until the server's verbose log shows `line` (the request reached it), and returns it. */
const logged = (pattern: RegExp) =>
  pollUntil(`the mock's log to show ${pattern}`, () =>
    mock
      .output()
      .split('\n')
      .find((line) => pattern.test(line)),
  );

describe('a page on another origin cannot drive the control API', () => {
  it('is cross-origin', () => {
    expect(new URL(mock.url).origin).not.toBe(site.origin);
  });

  it.each([
    ["read every user's state", "return (await fetch(target + '/_simulator/state')).text();"],
    ['read it with the control header (preflighted)', "return (await fetch(target + '/_simulator/state', { headers: { 'x-simulator-control': '1' } })).text();"],
    ['read it under /api/v3', "return (await fetch(target + '/api/v3/_simulator/state', { headers: { 'x-simulator-control': '1' } })).text();"],
    [
      'replace it with PUT',
      "return (await fetch(target + '/api/v3/_simulator/state', { method: 'PUT', headers: { 'content-type': 'application/json', 'x-simulator-control': '1' }, body: '{}' })).status;",
    ],
    [
      'set faults to drop',
      "return (await fetch(target + '/_simulator/faults', { method: 'PUT', headers: { 'content-type': 'application/json', 'x-simulator-control': '1' }, body: JSON.stringify({ drop: true }) })).status;",
    ],
    ['remove the 2FA account', "return (await fetch(target + '/_simulator/accounts/guarded', { method: 'DELETE', headers: { 'x-simulator-control': '1' } })).status;"],
    ['set faults with a no-cors PUT', "return (await fetch(target + '/_simulator/faults', { method: 'PUT', mode: 'no-cors', body: JSON.stringify({ drop: true }) })).type;"],
  ])('%s: refused by the browser', async (_, attack) => {
    expect(await inPage(attack)).toMatch(/^refused: TypeError: Failed to (fetch|execute 'fetch')/);
  });

  it('its preflights to the control API got 403 and no CORS grant', () => {
    const toControl = browser.preflights.filter((preflight) => new URL(preflight.url).pathname.includes('/_simulator'));
    expect(toControl.length).toBeGreaterThanOrEqual(5);
    for (const preflight of toControl) {
      expect(preflight.status, preflight.url).toBe(403);
      expect(
        Object.keys(preflight.responseHeaders ?? {}).filter((name) => name.startsWith('access-control-')),
        preflight.url,
      ).toEqual([]);
    }
  });

  it('a no-cors POST reset is sent, and refused by the server', async () => {
    expect(await inPage("return (await fetch(target + '/_simulator/reset', { method: 'POST', mode: 'no-cors' })).type;")).toBe('read: opaque');
    expect(await logged(/^POST \/_simulator\/reset → 403/)).toBeDefined();
  });

  it('a beacon, a form and an <img> are sent, and refused by the server', async () => {
    await inPage("return navigator.sendBeacon(target + '/api/v3/_simulator/reset?user=octocat', '{}');");
    expect(await logged(/^POST \/api\/v3\/_simulator\/reset\?user=octocat → 403/)).toBeDefined();
    await inPage(`const form = document.createElement('form'); form.method = 'POST'; form.action = target + '/_simulator/reset?user=guarded'; form.target = 'sink';
      const sink = document.createElement('iframe'); sink.name = 'sink'; document.body.append(sink, form); form.submit(); return 'submitted';`);
    expect(await logged(/^POST \/_simulator\/reset\?user=guarded → 403/)).toBeDefined();
    expect(
      await inPage(
        "return await new Promise((resolve) => { const img = new Image(); img.onload = () => resolve('loaded'); img.onerror = () => resolve('error'); img.src = target + '/_simulator/state?user=octocat'; });",
      ),
    ).toBe('read: error');
    expect(await logged(/^GET \/_simulator\/state\?user=octocat → 403/)).toBeDefined();
  });

  it('after all of it, the state, the 2FA account and the faults are as they were', async () => {
    expect(await observed()).toEqual(before);
    // Every control request that reached the server from the page was refused.
    const fromPage = mock
      .output()
      .split('\n')
      .filter((line) => /_simulator.* → /.test(line) && !/ → (200|204) /.test(line));
    expect(fromPage.length).toBeGreaterThanOrEqual(5);
    for (const line of fromPage) expect(line).toMatch(/ → 403 /);
  });

  it('the same page still uses the API, with Basic credentials, reading the headers GitHub exposes', async () => {
    const answer = await browser.page.evaluate(
      async ([target, authorization]) => {
        const headers = { authorization, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
        const created = await fetch(`${target}/api/v3/authorizations`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ note: 'from another origin' }),
        });
        const response = await fetch(`${target}/api/v3/authorizations?per_page=1`, { headers });
        const body = await response.json();
        return {
          created: created.status,
          location: created.headers.get('location'),
          status: response.status,
          items: body.length,
          link: response.headers.get('link'),
          etag: response.headers.get('etag'),
          reason: response.headers.get('x-simulator-reason'),
        };
      },
      [mock.url, basicOf('octocat', 'secret')] as const,
    );
    expect(answer).toMatchObject({
      created: 201,
      location: expect.stringMatching(new RegExp(`^${mock.url}/api/v3/authorizations/\\d+$`)),
      status: 200,
      items: 1,
      link: expect.stringContaining('rel="next"'),
      etag: expect.stringMatching(/^W\/"/),
    });
    expect(answer.reason).toBeTruthy();
    const apiPreflights = browser.preflights.filter((preflight) => new URL(preflight.url).pathname.startsWith('/api/v3/authorizations'));
    expect(apiPreflights.length).toBeGreaterThanOrEqual(2);
    for (const preflight of apiPreflights) expect([preflight.status, preflight.responseHeaders?.['access-control-allow-origin']]).toEqual([204, '*']);
  });
});

describe('DNS rebinding: a page whose name resolves to 127.0.0.1', () => {
  it('gets 403 for the page and for every request it makes, and changes nothing', async () => {
    // Chromium resolves rebind.test to the mock's address, as a rebinding DNS server would.
    const rebound = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP rebind.test 127.0.0.1'] });
    try {
      const snapshot = await observed();
      const page = await rebound.newPage();
      const origin = `http://rebind.test:${new URL(mock.url).port}`;
      const loaded = await page.goto(`${origin}/docs`);
      expect(loaded?.status()).toBe(403);
      expect(await loaded?.text()).toContain('--allowed-hosts rebind.test');
      // Same-origin to the browser, so it could set any header: the Host still gives it away.
      const tried = await page.evaluate(async () => {
        const control = { 'x-simulator-control': '1', 'content-type': 'application/json' };
        return Promise.all([
          fetch('/_simulator/state', { headers: control }).then((response) => response.status),
          fetch('/_simulator/reset', { method: 'POST', headers: control }).then((response) => response.status),
          fetch('/_simulator/faults', { method: 'PUT', headers: control, body: JSON.stringify({ drop: true }) }).then((response) => response.status),
          fetch('/api/v3/authorizations', { headers: { authorization: `Basic ${btoa('octocat:secret')}` } }).then((response) => response.status),
        ]);
      });
      expect(tried).toEqual([403, 403, 403, 403]);
      expect(await observed()).toEqual(snapshot);
    } finally {
      await rebound.close();
    }
  });
});
