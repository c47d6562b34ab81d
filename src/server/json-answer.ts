// JSON answers, as every answer of the mock, the proxy and the parser's refusals is written.
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { jsonContentType } from '../simulator/media-type.js';

/** Answers `status` with `body` as JSON. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...headers, 'content-type': jsonContentType, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
