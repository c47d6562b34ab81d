// /docs on npm start's own port (the package does not ship the page): the rendered docs site that
// `npm run docs` writes. The page (2.5 MB) is read once and every answer is sent from that one buffer, so a hundred requests for
// it cost no more memory than one; it is read again when its file changes (the mock rebuilds the
// docs when openapi/ changed, and `npm run docs` may run while the mock does).
import { readFile, stat } from 'node:fs/promises';
import { sendJson } from '../../src/server/json-answer.js';

export const docsFile = new URL('../../generated/docs/index.html', import.meta.url);
export const docsPaths = ['/docs', '/docs/', '/docs/index.html'];

/**
 * /docs as a page of the simulator's server (src/server/simulator-server.ts's `pages`).
 * @returns {import('../../src/server/simulator-server.js').Pages}
 */
export function docsPages(file = docsFile) {
  const serveDocs = createDocsHandler(file);
  return new Map(docsPaths.map((path) => [path, serveDocs]));
}

/** A request handler serving `file`, or a 404 that says how to build it. */
export function createDocsHandler(file = docsFile) {
  // The page as last read, and the file's modification time and size when it was.
  let cached;

  /** The page: the cached buffer while the file is unchanged, else a fresh read (shared by concurrent requests). */
  async function page() {
    const { mtimeMs, size } = await stat(file);
    if (cached?.mtimeMs !== mtimeMs || cached.size !== size) {
      const read = { mtimeMs, size, html: readFile(file) };
      cached = read;
      read.html.catch(() => {
        if (cached === read) cached = undefined;
      });
    }
    return cached.html;
  }

  return async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, { message: `Method Not Allowed: the docs are read with GET, not ${request.method}` }, { allow: 'GET, HEAD' });
    }
    let html;
    try {
      html = await page();
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
      return sendJson(response, 404, { message: 'The docs are not built yet: run `npm run docs`, then reload /docs' });
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': html.length });
    response.end(html);
  };
}
