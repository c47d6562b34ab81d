// /docs on the mock's own port: the rendered docs site that `npm run docs` writes. Read on each
// request, so docs built while the mock runs show up on reload.
import { readFile } from 'node:fs/promises';
import { sendJson } from './http-kit.js';

export const docsFile = new URL('../../generated/docs/index.html', import.meta.url);
export const docsPaths = new Set(['/docs', '/docs/', '/docs/index.html']);

/** A request handler serving `file`, or a 404 that says how to build it. */
export function createDocsHandler(file = docsFile) {
  return async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, { message: `Method Not Allowed: the docs are read with GET, not ${request.method}` }, { allow: 'GET, HEAD' });
    }
    let html;
    try {
      html = await readFile(file);
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
      return sendJson(response, 404, { message: 'The docs are not built yet: run `npm run docs`, then reload /docs' });
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': html.length });
    response.end(html);
  };
}
