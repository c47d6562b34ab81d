// A recording → a data set the simulator loads (`--data`, PUT /_simulator/state): what the server
// held for each user at the end of the recording, rebuilt from its answers in order. A full list
// (page 1 that has no next page, no filter) replaces what is known of that user; every other
// answer that is an authorization adds or updates it; a 204 to a DELETE removes it (a grant's
// DELETE: every authorization of that grant's app). Checked like any data set (src/simulator/data.ts).
import type { Authorization } from '../../generated/schema.js';
import { checkData } from '../simulator/data.js';
import type { SimulatorData } from '../simulator/index.js';
import { checkRecording } from './recording.js';

interface Exchange {
  request: { method: string; path: string; user?: string };
  response: { status: number; headers?: Record<string, string>; body?: unknown };
}

const isAuthorization = (value: unknown): value is Authorization =>
  value !== null && typeof value === 'object' && typeof (value as Authorization).id === 'number' && typeof (value as Authorization).app === 'object' && 'hashed_token' in value;

/** The data set a recording ends with; throws an Error naming the problem (the recording's, or the data set's field). */
export function importRecording(recording: unknown, where = 'the recording'): SimulatorData {
  const { exchanges } = checkRecording(recording, where) as { exchanges: Exchange[] };
  const users = new Map<string, Map<number, Authorization>>();
  const grantApps = new Map<number, string>();
  for (const { request, response } of exchanges) {
    if (request.user === undefined || response.status < 200 || response.status > 299) continue;
    const known = users.get(request.user) ?? new Map<number, Authorization>();
    users.set(request.user, known);
    const url = new URL(request.path, 'http://recording.invalid');
    const path = url.pathname;
    const body = response.body;
    if (path === '/applications/grants' || /^\/applications\/grants\/\d+$/.test(path)) {
      for (const grant of Array.isArray(body) ? body : [body]) {
        const { id, app } = (grant ?? {}) as { id?: unknown; app?: { client_id?: unknown } };
        if (typeof id === 'number' && typeof app?.client_id === 'string') grantApps.set(id, app.client_id);
      }
    }
    if (request.method === 'DELETE' && response.status === 204) {
      const authorization = /^\/authorizations\/(\d+)$/.exec(path);
      if (authorization) known.delete(Number(authorization[1]));
      const grant = /^\/applications\/grants\/(\d+)$/.exec(path);
      if (grant) {
        const clientId = grantApps.get(Number(grant[1])) ?? known.get(Number(grant[1]))?.app.client_id;
        for (const [id, item] of known) if (item.app.client_id === clientId) known.delete(id);
      }
      continue;
    }
    if (path === '/authorizations' && request.method === 'GET' && Array.isArray(body)) {
      const whole = !url.searchParams.has('client_id') && Number(url.searchParams.get('page') ?? 1) === 1 && !/rel="next"/.test(response.headers?.link ?? '');
      if (whole) known.clear();
      for (const item of body) if (isAuthorization(item)) known.set(item.id, item);
      continue;
    }
    if (path.startsWith('/authorizations') && isAuthorization(body)) known.set(body.id, body);
  }
  const data: SimulatorData = {};
  for (const [user, known] of users) {
    // The server keeps no token (only its digest), and neither does a data set.
    data[user] = { authorizations: [...known.values()].sort((a, b) => a.id - b.id).map((item) => ({ ...item, token: '' })) };
  }
  try {
    return checkData(data);
  } catch (error) {
    throw new Error(`${where} does not make a valid data set: ${(error as Error).message}`);
  }
}
