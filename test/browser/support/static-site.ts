// A tiny static server for the browser tests: serves a fixed set of files (the page, its bundled
// script, msw's worker) on 127.0.0.1 at a free port, and 404 for anything else. Each test page is
// served from this origin, so that the API it calls (the mock, on another port) is cross-origin.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticFile {
  type: string;
  body: string | Uint8Array;
  headers?: Record<string, string>;
}

export interface StaticSite {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  /** The paths asked for, in order (`GET /index.html`). */
  requests: string[];
  close(): Promise<void>;
}

export async function serveStatic(files: Record<string, StaticFile>): Promise<StaticSite> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://site').pathname;
    requests.push(`${request.method} ${path}`);
    const file = files[path];
    if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      return response.end(`not served here: ${request.method} ${path}`);
    }
    response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store', ...file.headers });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
