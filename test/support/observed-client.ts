// A real client whose fetch is injected: it records every request and answers with what the test
// chose. Nothing global is mocked; the whole client and openapi-fetch run as they do for users.
import { createClient } from '../../src/index.js';
import type { ClientOptions } from '../../src/index.js';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  redirect: RequestRedirect;
}

/** Answers the nth request (from 0); may return a Response or a promise of one. */
export type Responder = (request: Request, index: number) => Response | Promise<Response>;

export const baseUrl = 'https://ghes.example.com/api/v3';

export function createObservedClient(options: Partial<ClientOptions>, respond: Responder = () => json(200, [])) {
  const requests: RecordedRequest[] = [];
  const client = createClient({
    baseUrl,
    ...options,
    fetch: async (request) => {
      requests.push({
        method: request.method,
        url: request.url,
        headers: Object.fromEntries(request.headers),
        body: await request.clone().text(),
        redirect: request.redirect,
      });
      return respond(request, requests.length - 1);
    },
  });
  return { client, requests };
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers } });
}
