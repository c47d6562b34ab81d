// /docs on the mock's port serves generated/docs/index.html (committed; `npm run docs` rewrites it);
// without the file, a 404 that says how to build it.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createDocsHandler, docsFile } from '../../scripts/mock/docs.js';
import { mockUrl, readJson } from './support/calls.js';

describe('/docs on the running mock', () => {
  it.each(['/docs', '/docs/'])('%s serves the committed docs page', async (path) => {
    // The page is committed with the rest of generated/, so a fresh clone serves it.
    expect(existsSync(docsFile), `${docsFile.pathname} is missing: run \`npm run build\``).toBe(true);
    const response = await fetch(`${mockUrl()}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe(readFileSync(docsFile, 'utf8'));
  });
});

describe('the docs handler', () => {
  let server: Server | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function serve(file: URL) {
    server = createServer(createDocsHandler(file));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  }

  it('serves the file once it exists: a page built while the mock runs shows up', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ghes-mock-docs-'));
    const file = join(dir, 'index.html');
    const url = await serve(pathToFileURL(file));
    const missing = await fetch(url);
    expect(missing.status).toBe(404);
    expect((await readJson(missing)).message).toBe('The docs are not built yet: run `npm run docs`, then reload /docs');
    await writeFile(file, '<!doctype html><title>docs</title>');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html><title>docs</title>');
  });

  it('answers 405 to anything but GET and HEAD', async () => {
    const url = await serve(pathToFileURL('/nonexistent/index.html'));
    const response = await fetch(url, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});
