// The same page with no server: msw's service worker answers every request under /api/v3 (on any
// origin) and under /_simulator/ from the simulator, in the browser.
import { setupWorker } from 'msw/browser';
import { createHandlers } from '../../../src/msw.js';
import { installFlow } from './client-flow.js';

const worker = setupWorker(...createHandlers());
await worker.start({ onUnhandledRequest: 'error', quiet: true });
installFlow();
