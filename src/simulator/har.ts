// The journal as HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the format browser
// devtools import (Chrome, Firefox: Network → Import HAR). Redacted as the journal is: the request
// headers and body as the journal kept them, the answer's status and headers, and no answer body
// (`content.size` is its length, with no `text`: an answer can hold a token).
import type { JournalEntry } from './journal.js';

const statusTexts: Record<number, string> = {
  0: '',
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const pairs = (record: Record<string, string>) => Object.entries(record).map(([name, value]) => ({ name, value }));

/** The entries as a HAR 1.2 log; `creator` names the simulator. */
export function toHar(entries: readonly JournalEntry[], creator: { name: string; version: string }) {
  return {
    log: {
      version: '1.2',
      creator,
      entries: entries.map((entry) => {
        const url = `${entry.origin}${entry.path}${entry.query === '' ? '' : `?${entry.query}`}`;
        const body = entry.body === undefined ? undefined : JSON.stringify(entry.body);
        const responseType = entry.response.headers['content-type'] ?? '';
        const responseSize = Number(entry.response.headers['content-length'] ?? 0);
        return {
          startedDateTime: entry.time,
          time: entry.durationMs,
          request: {
            method: entry.method,
            url,
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: pairs(entry.headers),
            queryString: [...new URLSearchParams(entry.query)].map(([name, value]) => ({ name, value })),
            ...(body !== undefined && { postData: { mimeType: entry.headers['content-type'] ?? 'application/json', text: body } }),
            headersSize: -1,
            bodySize: body === undefined ? 0 : new TextEncoder().encode(body).length,
          },
          response: {
            status: entry.status,
            statusText: statusTexts[entry.status] ?? '',
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: pairs(entry.response.headers),
            content: { size: responseSize, mimeType: responseType, comment: 'the body is not kept: it can hold a token' },
            redirectURL: entry.response.headers.location ?? '',
            headersSize: -1,
            bodySize: entry.status === 0 ? -1 : responseSize,
          },
          cache: {},
          timings: { send: 0, wait: entry.durationMs, receive: 0 },
          // Custom fields start with an underscore (HAR 1.2).
          _operationId: entry.operationId,
          _user: entry.user,
          ...(entry.fault && { _fault: entry.fault }),
          ...(entry.scenario && { _scenario: entry.scenario }),
          ...(entry.bodyNote && { comment: `request body: ${entry.bodyNote}` }),
        };
      }),
    },
  };
}
