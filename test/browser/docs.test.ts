// The docs page, opened from disk in headless Chromium with the network refused: it shows the
// introduction and every operation of the contract, and asks for nothing but itself.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationsOf } from '../../scripts/lib/contract-helpers.js';
import { openOffline, type OfflineBrowser } from '../support/chromium.js';
import { bundle, resolve } from '../support/contract.js';

const docsPath = resolvePath('generated/docs/index.html');
const resultsDir = resolvePath('test-results');

const operations = operationsOf(bundle).map(({ method, item, operation }) => ({ method, item, ...operation }));

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Waits for `locator` to be visible; fails naming `what` when it does not appear. */
async function expectVisible(locator: Locator, what: string) {
  try {
    await locator.waitFor({ state: 'visible', timeout: 5_000 });
  } catch {
    throw new Error(`not visible on the docs page: ${what}`);
  }
}

let browser: OfflineBrowser;
const logo = () => browser.page.locator('img[alt="redocly logo"]');

beforeAll(async () => {
  if (!existsSync(docsPath)) throw new Error(`${docsPath} is missing: run \`npm run docs\``);
  await mkdir(resultsDir, { recursive: true });
  browser = await openOffline(pathToFileURL(docsPath).href);
  // Redoc draws its sidebar logo once the page has hydrated; links work from then on.
  try {
    await logo().waitFor({ state: 'visible', timeout: 10_000 });
  } catch {
    const { outsideRequests, errors } = browser;
    throw new Error(`the docs page did not come to life: requests ${JSON.stringify(outsideRequests)}, errors ${JSON.stringify(errors)}`);
  }
});

afterAll(async () => {
  await browser?.close();
});

/** The sidebar entry of a tag, with its operations once expanded. */
const tagGroup = (tag: string) => browser.page.getByRole('listitem').filter({ has: browser.page.getByRole('link', { name: tag, exact: true }) });

/** Opens an operation from the sidebar and returns its section of the page. */
async function openOperation(operation: any): Promise<Locator> {
  const { page } = browser;
  const group = tagGroup(operation.tags[0]);
  const link = group.getByRole('link', { name: `${operation.summary} ${operation.method}`, exact: true });
  if (!(await link.isVisible())) await group.getByRole('link', { name: operation.tags[0], exact: true }).click();
  await expectVisible(link, `the sidebar entry "${operation.summary}" under "${operation.tags[0]}"`);
  await link.click();
  const href = await link.getAttribute('href'); // "#/<tag>/<operationId>": the section's id
  expect(href).toMatch(/^#\//);
  return page.locator(`[data-section-id="${href!.slice(1)}"]`);
}

describe('the docs page, offline', () => {
  it('saves a full-page screenshot of the page as it opens', async () => {
    const image = await browser.page.screenshot({ path: join(resultsDir, 'docs.png'), fullPage: true });
    expect(image.byteLength).toBeGreaterThan(0);
  });

  it('shows the API title and an introduction: deprecation, Basic auth with X-GitHub-OTP, Link pagination, the GHES base URL', async () => {
    const { page } = browser;
    await expectVisible(page.getByRole('heading', { level: 1, name: new RegExp(`^${escapeRegExp(bundle.info.title)}`) }), 'the API title');
    await expectVisible(page.getByRole('main').getByText('Deprecated.', { exact: true }), 'the deprecation notice');

    const section = async (title: string) => {
      const found = page.locator('[data-section-id]').filter({ has: page.getByRole('heading', { level: 2, name: new RegExp(`${title}$`) }) });
      await expectVisible(found, `the introduction's "${title}" section`);
      return found.innerText();
    };
    const authentication = await section('Authentication');
    expect(authentication).toContain('HTTP Basic authentication');
    expect(authentication).toContain('X-GitHub-OTP: required; app');
    expect(await section('Pagination')).toMatch(/Link[\s\S]*rel="next"/);
    expect(await section('Base URL')).toContain('/api/v3');
  });

  it('groups all ten operations by tag and shows each by its summary, deprecated, with its parameters and every response status', async () => {
    expect(operations).toHaveLength(10);
    for (const operation of operations) {
      const section = await openOperation(operation);
      const heading = section.getByRole('heading', { level: 2, name: new RegExp(`${escapeRegExp(operation.summary)}\\s*deprecated$`, 'i') });
      await expectVisible(heading, `"${operation.summary}" with its deprecated badge`);
      await expectVisible(section.locator('blockquote', { hasText: 'Closing down:' }), `the closing-down notice of "${operation.summary}"`);

      const parameters = [...(operation.item.parameters ?? []), ...(operation.parameters ?? [])].map(resolve);
      for (const { name } of parameters) {
        await expectVisible(section.getByText(name, { exact: true }).first(), `parameter ${name} of "${operation.summary}"`);
      }
      const statuses = await section.getByRole('tablist', { name: 'Response status' }).getByRole('tab').allInnerTexts();
      expect(
        statuses.map((status) => status.trim()),
        operation.summary,
      ).toEqual(Object.keys(operation.responses));
    }
  });

  it('opens "Create a new authorization" and shows its Basic auth, its request example, its 201 example with the token, and its 401 error example', async () => {
    const operation = operations.find((candidate) => candidate.operationId === 'oauth-authorizations/create-authorization');
    const section = await openOperation(operation);
    const content = (response: any) => resolve(response).content['application/json'];
    const firstExample = (media: any) => resolve(Object.values<any>(media.examples)[0]).value;

    await expectVisible(section.getByText('basic-auth', { exact: true }), "the operation's Basic authentication");
    const request = firstExample(operation.requestBody.content['application/json']);
    await expectVisible(section.getByText(`"${request.client_secret}"`), 'the request example');

    const created = firstExample(content(operation.responses['201']));
    await section.getByRole('button', { name: '201', exact: true }).click();
    await expectVisible(section.getByText(`"${created.token}"`), 'the 201 response example and its token');

    const unauthorized = firstExample(content(operation.responses['401']));
    await section.getByRole('button', { name: '401', exact: true }).click();
    await expectVisible(section.getByText(`"${unauthorized.message}"`), 'the 401 error example');
    await browser.page.screenshot({ path: join(resultsDir, 'docs-create-authorization.png') });
  });

  it('asked for nothing but the page itself, and logged no error', async () => {
    expect(browser.outsideRequests).toEqual([]);
    expect(browser.errors).toEqual([]);
    // The one image Redoc used to fetch from its CDN is inline.
    expect(await logo().getAttribute('src')).toMatch(/^data:image\/svg\+xml,/);
  });
});
