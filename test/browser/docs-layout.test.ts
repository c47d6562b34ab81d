// The docs page's layout and fields, in headless Chromium at a desktop width and a phone's (420 px):
// nothing runs past the edge of the page or of its panel (the title breaks between words, long
// example values wrap or scroll), and every field of every operation shows a description. The
// screenshots land in test-results/ (git-ignored), to look at.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationsOf } from '../../scripts/lib/contract-helpers.js';
import { openOffline, type OfflineBrowser } from '../support/chromium.js';
import { bundle } from '../support/contract.js';

const docsPath = resolvePath('generated/docs/index.html');
const resultsDir = resolvePath('test-results');
const operations = operationsOf(bundle).map(({ operation }) => operation);
const widths = { desktop: 1400, phone: 420 } as const;

let browser: OfflineBrowser;

beforeAll(async () => {
  if (!existsSync(docsPath)) throw new Error(`${docsPath} is missing: run \`npm run docs\``);
  await mkdir(resultsDir, { recursive: true });
  browser = await openOffline(pathToFileURL(docsPath).href);
  await browser.page.locator('h1').first().waitFor({ state: 'visible', timeout: 10_000 });
});

afterAll(async () => {
  await browser?.close();
});

/** Shows an operation by its link target, `#/<tag>/<operationId>` (as the sidebar links it), once Redoc has drawn it. */
async function show(operation: { tags: string[]; operationId: string; summary: string }) {
  const { page } = browser;
  await page.evaluate((hash) => (location.hash = hash), `#/${operation.tags[0]}/${operation.operationId}`);
  const section = page.locator(`[data-section-id="/${operation.tags[0]}/${operation.operationId}"]`);
  await section.getByRole('heading', { level: 2, name: new RegExp(`${operation.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).waitFor({ state: 'visible', timeout: 10_000 });
  return section;
}

/**
 * What runs past an edge: an element past the page's right edge, or text of a code block past the
 * block's own edge when the block does not scroll. Each as `<tag> "<text>"`.
 */
const overflowing = () =>
  browser.page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    const describe = (element: Element) => `${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 40)}"`;
    if (document.documentElement.scrollWidth > width) found.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px > ${width} px`);
    for (const element of document.querySelectorAll('main *')) {
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 1) found.push(`${describe(element)} ends at ${Math.round(box.right)} px, past the page's ${width} px`);
    }
    for (const block of document.querySelectorAll('pre')) {
      const edge = block.getBoundingClientRect().right;
      const scrolls = block.scrollWidth > block.clientWidth && ['auto', 'scroll'].includes(getComputedStyle(block).overflowX);
      if (scrolls) continue;
      for (const text of block.querySelectorAll('span')) {
        const box = text.getBoundingClientRect();
        if (box.width > 0 && box.right > edge + 1) found.push(`${describe(text)} ends at ${Math.round(box.right)} px, past its panel's ${Math.round(edge)} px`);
      }
    }
    return found;
  });

/** Each word of the title that is split over two lines (a mid-word break), and how many lines the title takes. */
const titleLayout = () =>
  browser.page.evaluate(() => {
    const title = document.querySelector('h1')!;
    const text = title.firstChild?.nodeType === Node.TEXT_NODE ? title.firstChild : [...title.childNodes].find((node) => node.nodeType === Node.TEXT_NODE)!;
    const split: string[] = [];
    const lines = new Set<number>();
    for (const match of (text.textContent ?? '').matchAll(/\S+/g)) {
      const range = document.createRange();
      range.setStart(text, match.index!);
      range.setEnd(text, match.index! + match[0].length);
      const tops = new Set([...range.getClientRects()].map((box) => Math.round(box.top)));
      if (tops.size > 1) split.push(match[0]);
      for (const top of tops) lines.add(top);
    }
    return { text: text.textContent, split, lines: lines.size };
  });

describe.each(Object.entries(widths))('the docs page at %s width', (name, width) => {
  beforeAll(async () => {
    await browser.page.setViewportSize({ width, height: 900 });
    await browser.page.evaluate(() => (location.hash = ''));
    await browser.page.evaluate(() => window.scrollTo(0, 0));
  });

  it('shows the whole title, broken between words only, in at most four lines', async () => {
    const { text, split, lines } = await titleLayout();
    expect(text).toContain(bundle.info.title);
    expect(split).toEqual([]);
    expect(lines).toBeLessThanOrEqual(4);
    await browser.page.screenshot({ path: join(resultsDir, `docs-${name}.png`) });
  });

  it('lets nothing run past the page or its panel: the introduction and every operation with its examples', async () => {
    const problems = [...(await overflowing()).map((problem) => `introduction: ${problem}`)];
    for (const operation of operations) {
      const section = await show(operation);
      for (const status of await section.getByRole('tablist', { name: 'Response status' }).getByRole('tab').all()) {
        await status.click();
        const label = `${operation.summary}, response ${(await status.innerText()).trim()}`;
        problems.push(...(await overflowing()).map((problem) => `${label}: ${problem}`));
      }
      if (operation.operationId === 'oauth-authorizations/create-authorization') {
        await section.scrollIntoViewIfNeeded();
        await browser.page.screenshot({ path: join(resultsDir, `docs-create-authorization-${name}.png`) });
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the fields on the docs page', () => {
  beforeAll(async () => {
    await browser.page.setViewportSize({ width: widths.desktop, height: 900 });
  });

  it('each show a description, in every request and response body of every operation', async () => {
    const seen = new Set<string>();
    const undescribed = new Set<string>();
    for (const operation of operations) {
      const section = await show(operation);
      const tabs = await section.getByRole('tablist', { name: 'Response status' }).getByRole('tab').all();
      for (const tab of [undefined, ...tabs]) {
        await tab?.click();
        // Nested objects (app, user, installation) open with "Expand all"; a field that may be null
        // (user, installation) shows its object once its variant is chosen. Clicked in the page,
        // where each click re-renders before the next look.
        const click = (labels: string[]) =>
          section.evaluate((root, wanted) => {
            const targets = [...root.querySelectorAll('button')].filter(
              (button) => wanted.includes(button.textContent?.trim() ?? '') && button.getAttribute('aria-selected') !== 'true' && (button as HTMLElement).offsetParent !== null,
            );
            for (const button of targets) (button as HTMLElement).click();
            return targets.length;
          }, labels);
        for (let round = 0; round < 10 && (await click(['Expand all', 'Simple user', 'Scoped installation'])) > 0; round++);
        const fields = await section.evaluate((root) =>
          [...root.querySelectorAll('.schema-property-item')].map((item) => {
            const name = item.querySelector('.schema-name')?.textContent?.trim() ?? '?';
            // Its own description: a Markdown block of this item, not of a field nested in it.
            const described = [...item.querySelectorAll('[data-component-name="Markdown/Markdown"]')].some(
              (markdown) => markdown.closest('.schema-property-item') === item && (markdown.textContent ?? '').trim() !== '',
            );
            return { name, described };
          }),
        );
        for (const { name, described } of fields) {
          seen.add(name);
          if (!described) undescribed.add(`${operation.summary}: ${name}`);
        }
      }
    }
    expect([...undescribed]).toEqual([]);
    // Not vacuous: the fields of the authorization, the grant, the app and the error bodies were all
    // on the page. (The user's fields show only once Redoc renders the chosen variant of a nullable
    // `user`, which it does not always do before the look; the lint rule property-description holds
    // their descriptions in the contract.)
    for (const field of ['note', 'note_url', 'created_at', 'updated_at', 'token_last_eight', 'fingerprint', 'client_secret', 'add_scopes', 'documentation_url', 'client_id', 'scopes']) {
      expect(seen, field).toContain(field);
    }
  });
});

describe('the search', () => {
  it('shows snippets with the spaces between the lines of a description', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: widths.desktop, height: 900 });
    await page.getByText('Search', { exact: false }).first().click();
    await page.keyboard.type('existing');
    // The results list: the search box's footer ("to navigate") appears with it.
    await page.getByText('to navigate').waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => page.locator('body').innerText(), { timeout: 10_000 }).toContain('Returns your existing authorization');
    const dialog = await page.locator('body').innerText();
    expect(dialog).toContain('scheduled for removal on 2020-11-13. Create tokens');
    expect(dialog).toContain('Returns your existing authorization');
    expect(dialog).not.toMatch(/existingauthorization|2020-11-13\.Create/);
    await page.screenshot({ path: join(resultsDir, 'docs-search.png') });
    await page.keyboard.press('Escape');
  });
});
