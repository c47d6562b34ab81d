// Renders the bundled contract into one self-contained page, generated/docs/index.html, that
// opens from disk with no network: Redoc is inlined (`--inlineBundle`; without it the page loads
// Redoc from a CDN and shows nothing offline), the template declares no remote asset, and the
// one asset Redoc still fetches at run time, the Redocly logo, is replaced by an inline image.
// Output is byte-identical from run to run.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { redocly } from './redocly.js';

const template = 'scripts/build/docs-template.hbs';

// Redoc's sidebar says "API docs by <logo>" and loads the logo from cdn.redoc.ly once the page
// runs; no option turns that off (Redocly/redoc#2141). A text wordmark, inline, takes its place.
const wordmark = (width) =>
  'data:image/svg+xml,' +
  encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16">` +
      '<text x="0" y="12" font-family="sans-serif" font-size="12" font-weight="bold" fill="#0044D4">' +
      `${width > 20 ? 'Redocly' : 'R'}</text></svg>`,
  );
const remoteLogos = new Map([
  ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', wordmark(48)],
  ['https://cdn.redoc.ly/redoc/logo-mini.svg', wordmark(10)],
]);

// Redoc 3.0.1 throws on a property whose schema is `false` ("Cannot use 'in' operator to search
// for 'title' in false") and shows "Something went wrong" instead of the operation: the update
// request forbids a second scope key that way. `{ not: {} }` is the same schema (nothing matches
// it) and renders, so the page gets that; the contract keeps `false`.
function withFalsePropertiesSpelledOut(node) {
  return mapEntries(node, withFalsePropertiesSpelledOut, (key, value) => {
    if (key === 'example' || key === 'examples') return value; // payloads, not schemas
    if (key === 'properties' && value && typeof value === 'object') {
      const spelledOut = Object.entries(value).map(([name, schema]) => [name, schema === false ? { not: {} } : schema]);
      return withFalsePropertiesSpelledOut(Object.fromEntries(spelledOut));
    }
    return withFalsePropertiesSpelledOut(value);
  });
}

/** `node` with each object's entries' values given by `entry` (arrays mapped by `walk`). */
function mapEntries(node, walk, entry) {
  if (Array.isArray(node)) return node.map(walk);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, entry(key, value)]));
}

/**
 * Markdown with each paragraph on one line: a soft line break is a space in Markdown, but Redoc's
 * search index joins the lines of a paragraph without one ("existingauthorization",
 * "2020-11-13.Create") and no Redoc option changes that. Lines of a block quote join the same way;
 * lists, tables, headings, code blocks and blank lines stay as they are.
 */
export function joinSoftBreaks(markdown) {
  const lines = markdown.split('\n');
  const joined = [];
  let fenced = false;
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const previous = joined.at(-1);
    const quote = /^>\s?/;
    // A line that starts no block of its own continues the paragraph (or quote) above it.
    const continues =
      !fenced &&
      previous !== undefined &&
      previous.trim() !== '' &&
      !/^\s*(```|~~~|#|\||[-*+] |\d+[.)] )/.test(previous.replace(quote, '')) &&
      line.trim() !== '' &&
      !/^\s*(```|~~~|#|\||[-*+] |\d+[.)] )/.test(line.replace(quote, '')) &&
      quote.test(line) === quote.test(previous) &&
      !(quote.test(line) && line.replace(quote, '').trim() === '');
    if (continues) joined[joined.length - 1] = `${previous.trimEnd()} ${line.replace(quote, '').trimStart()}`;
    else joined.push(line);
  }
  return joined.join('\n');
}

/** Every `description` of the document with its paragraphs on one line each (see joinSoftBreaks). */
function withParagraphsJoined(node) {
  return mapEntries(node, withParagraphsJoined, (key, value) => {
    if (key === 'value' || key === 'example') return value; // payloads, not prose
    if (key === 'description' && typeof value === 'string') return joinSoftBreaks(value);
    return withParagraphsJoined(value);
  });
}

/**
 * The introduction's last section: the example names a `Prefer: example=<name>` header picks on
 * the mock, per operation, from the contract's own examples (so the list cannot go stale).
 */
export function preferSection(document) {
  const rows = [];
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item)) {
      if (!operation?.responses) continue;
      const names = Object.entries(operation.responses).flatMap(([status, response]) =>
        Object.values(response.content ?? {}).flatMap((media) => Object.keys(media.examples ?? {}).map((name) => `\`${name}\` (${status})`)),
      );
      // A list, not a table: Redoc's search index runs table cells together.
      rows.push(`- ${operation.summary}: ${names.join(', ') || 'none'}.`);
    }
  }
  return [
    '## Example names for the Prefer header',
    'Each response example on this page has a name. Against the mock of this package (`npm start`), the request header `Prefer: example=<name>` answers that example, for instance `Prefer: example=otp-required` for the two-factor challenge; `Prefer: code=<status>` picks a status. A real GHES server ignores the header.',
    '',
    ...rows,
  ].join('\n');
}

/** What Redoc renders: the document with its prose unwrapped and the `Prefer` section added to the introduction. */
export function renderable(document) {
  const page = withParagraphsJoined(withFalsePropertiesSpelledOut(document));
  page.info = { ...page.info, description: `${page.info?.description ?? ''}\n\n${preferSection(document)}\n` };
  return page;
}

/** Replaces each remote logo URL in the page by its inline image; fails when one is not there. */
function inlineLogos(html) {
  let page = html;
  for (const [url, inline] of remoteLogos) {
    const count = page.split(url).length - 1;
    if (count !== 1) {
      throw new Error(`expected the Redoc bundle to reference ${url} once, found ${count}: Redoc changed how it loads its logo; update scripts/build/generate-docs.js`);
    }
    page = page.replace(url, inline);
  }
  return page;
}

/** The docs page for `document` (the bundled OpenAPI document, parsed), as HTML. */
export async function renderDocs(document) {
  const scratch = await mkdtemp(join(tmpdir(), 'ghes-oauth-docs-'));
  try {
    const source = join(scratch, 'openapi.json');
    const rendered = join(scratch, 'index.html');
    await writeFile(source, JSON.stringify(renderable(document)));
    await redocly(['build-docs', source, '--inlineBundle', '--template', template, '--output', rendered]);
    return inlineLogos(await readFile(rendered, 'utf8'));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Writes the docs page for `contract` (the bundled OpenAPI document's file) to `output`. */
export async function generateDocs(contract = 'generated/openapi.json', output = 'generated/docs/index.html') {
  const page = await renderDocs(JSON.parse(await readFile(contract, 'utf8')));
  await mkdir(dirname(output), { recursive: true });
  await writeFile(output, page);
  return output;
}

// `npm run docs`: re-render the page from the committed bundle, without linting or re-bundling.
if (import.meta.url === `file://${process.argv[1]}`) {
  generateDocs().then(
    (output) => console.log(output),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
