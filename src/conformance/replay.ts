// A recording as the kit's target, to compare offline: the recorded answers, in the order they
// were recorded, to the kit's requests in the order it sends them. So the recording must be of a
// kit run (the kit pointed at `npm run proxy -- <server> --record rec.json`); each request is
// checked against the recorded one (method and path, ids aside), and the first that differs stops
// the replay with an Error naming both.
import { notePrefix } from './scenarios.js';
import { checkRecording } from './recording.js';
import type { Transport } from './run.js';

interface Exchange {
  request: { method: string; path: string; body?: unknown };
  response: { status: number; headers?: Record<string, string>; body?: unknown; text?: string };
}

export interface Replay extends Transport {
  /** The recorded run's id (from the notes it created): the kit's notes must be the same. */
  runId: string;
}

const shape = (path: string) => path.replace(/\/\d+(?=\/|\?|$)/g, '/{id}').replace(/([?&]page=)\d+/g, '$1{n}');

export function replayTransport(recording: unknown, where = 'the recording'): Replay {
  const { base, exchanges } = checkRecording(recording, where) as { base: string; exchanges: Exchange[] };
  const note = exchanges.map((exchange) => (exchange.request.body as { note?: unknown } | undefined)?.note).find((value): value is string => typeof value === 'string' && value.startsWith(notePrefix));
  if (note === undefined) throw new Error(`${where}: no request of it created an authorization with the kit's note, so it is not a recording of a kit run`);
  const runId = note.slice(notePrefix.length).split(' ')[0]!;
  let next = 0;
  return {
    base,
    runId,
    async send(request) {
      const url = new URL(request.url);
      const path = `${url.pathname.slice(new URL(base).pathname.replace(/\/$/, '').length)}${url.search}`;
      const exchange = exchanges[next];
      if (!exchange) throw new Error(`${where} ends after ${exchanges.length} exchanges; the kit sent one more: ${request.method} ${path}`);
      if (exchange.request.method !== request.method || shape(exchange.request.path) !== shape(path)) {
        throw new Error(`${where}: exchange ${next} is ${exchange.request.method} ${exchange.request.path}, the kit sent ${request.method} ${path} (replay a recording of the same kit version's run)`);
      }
      next += 1;
      const { status, headers = {}, body, text } = exchange.response;
      const payload = body !== undefined ? JSON.stringify(body) : (text ?? null);
      return new Response(status === 204 || status === 304 ? null : payload, {
        status,
        headers: Object.entries(headers).filter(([name]) => name !== 'content-length' && name !== 'content-encoding' && name !== 'transfer-encoding'),
      });
    },
  };
}
