// Debian's headless Chromium, driven by playwright-core, with a fresh profile and no network:
// every request for anything but the page itself is recorded and refused. (`playwright install`
// cannot download a browser here, hence the system one.)
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

// No sandbox (CI runs as root), and none of Chromium's own traffic (updates, sync, field trials).
const flags = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface OfflineBrowser {
  page: Page;
  /** `<resource type> <url>` of every request for anything but the page itself, each refused. */
  outsideRequests: string[];
  /** Console errors and uncaught exceptions; a load the page's CSP refused shows up here. */
  errors: string[];
  close(): Promise<void>;
}

/** Opens `url` in headless Chromium, refusing and recording every other request. */
export async function openOffline(url: string): Promise<OfflineBrowser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is missing (${chromiumPath}): install it with \`apt-get update && apt-get install -y chromium\``);
  }
  const profile = await mkdtemp(join(tmpdir(), 'ghes-oauth-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: flags,
      viewport: { width: 1400, height: 900 },
    });
    const outsideRequests: string[] = [];
    const errors: string[] = [];
    // On the context, not the page, so that a popup's requests are caught too.
    await context.route('**/*', (route) => {
      const request = route.request();
      if (request.url() === url) return route.continue();
      outsideRequests.push(`${request.resourceType()} ${request.url()}`);
      return route.abort('blockedbyclient');
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    const opened = context;
    return {
      page,
      outsideRequests,
      errors,
      async close() {
        await opened.close();
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Opens `url` in headless Chromium where only `origins` (http://127.0.0.1:<port> servers) can be
 * reached. Nothing is intercepted: with a route installed, Playwright answers CORS preflights
 * itself (204, everything allowed), and a test of the server's CORS would prove nothing. Instead
 * no host name resolves, and every request (the service worker's too) is recorded.
 */
export interface Preflight {
  url: string;
  /** Access-Control-Request-Method and -Headers, as the browser sent them. */
  method: string;
  headers: string[];
  /** The answer's status and headers (lower-case names), once it came. */
  status?: number;
  responseHeaders?: Record<string, string>;
}

export async function openAmong(url: string, origins: string[]): Promise<OfflineBrowser & { requests: string[]; preflights: Preflight[] }> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is missing (${chromiumPath}): install it with \`apt-get update && apt-get install -y chromium\``);
  }
  const profile = await mkdtemp(join(tmpdir(), 'ghes-oauth-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: [...flags, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    });
    const requests: string[] = [];
    const outsideRequests: string[] = [];
    const errors: string[] = [];
    context.on('request', (request) => {
      requests.push(`${request.method()} ${request.url()}`);
      if (!origins.includes(new URL(request.url()).origin)) outsideRequests.push(`${request.resourceType()} ${request.url()}`);
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    // Playwright does not report CORS preflights; the DevTools protocol does.
    const preflights = new Map<string, Preflight>();
    const devtools = await context.newCDPSession(page);
    await devtools.send('Network.enable');
    devtools.on('Network.requestWillBeSent', ({ requestId, request }) => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
      if (request.method !== 'OPTIONS' || !headers['access-control-request-method']) return;
      const requested = headers['access-control-request-headers'];
      preflights.set(requestId, { url: request.url, method: headers['access-control-request-method'], headers: requested ? requested.split(',').map((name) => name.trim()) : [] });
    });
    devtools.on('Network.responseReceived', ({ requestId, response }) => {
      const preflight = preflights.get(requestId);
      if (!preflight) return;
      preflight.status = response.status;
      preflight.responseHeaders = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
    });
    await page.goto(url);
    const opened = context;
    return {
      page,
      requests,
      get preflights() {
        return [...preflights.values()];
      },
      outsideRequests,
      errors,
      async close() {
        await opened.close();
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}
