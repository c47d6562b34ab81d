// The verbose switch's log (--verbose, MOCK_VERBOSE=1): one line per request once its answer is
// done, `POST /authorizations → 201 (1.2 ms): reason`, for the simulator and --static alike.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { targetForLog } from './request-target.js';

/** Logs `request` when `response` closes; `reason` says why it got its answer, if anything does. */
export function logRequest(request: IncomingMessage, response: ServerResponse, log: (line: string) => void, reason: () => string | undefined = () => undefined): void {
  const started = performance.now();
  response.on('close', () => {
    const why = reason();
    const status = response.headersSent ? response.statusCode : 'connection dropped';
    log(`${request.method} ${targetForLog(request.url)} → ${status} (${(performance.now() - started).toFixed(1)} ms)${why ? `: ${why}` : ''}`);
  });
}
