// Who may use the control API (/_simulator/…, with or without /api/v3): the developer's own tests
// and tools, never a web page on another origin. One check, in front of every control route, in
// every transport (the HTTP server and the MSW handlers alike):
// - the request carries `X-Simulator-Control`, a header no simple cross-site request can send (a
//   form, `no-cors` fetch, beacon or <img> cannot set it; a page's fetch that sets it is preflighted,
//   and the control routes grant no CORS, so the browser never sends it);
// - when a control token is configured, `Authorization: Bearer <token>` too.
// In-process use (simulator.reset(), .load(), …) is no request and needs neither.
import type { Answer } from './answer.js';
import type { ApiCall } from './request-checks.js';

/** The header every control request carries; its value is not read (send `1`). */
export const controlHeader = 'X-Simulator-Control';

/** A control token as `Authorization: Bearer` can carry it (RFC 6750's b64token, 8 to 256 characters). */
const tokenShape = /^[A-Za-z0-9\-._~+/]{8,256}=*$/;

/** Checks a configured control token's shape; throws an Error naming `where` (e.g. `--control-token`). */
export function checkControlToken(token: unknown, where = 'controlToken'): string {
  if (typeof token !== 'string' || !tokenShape.test(token)) {
    throw new Error(`${where}: must be 8 to 256 characters of A-Z a-z 0-9 - . _ ~ + / (a bearer token), optionally ending in =`);
  }
  return token;
}

/** The refusal for a control request that may not run, or undefined when it may. The token never appears in an answer. */
export function controlRefusal(call: Pick<ApiCall, 'headers'>, token: string | undefined): Answer | undefined {
  if (call.headers.get(controlHeader) === null) {
    const message = `Forbidden: a control request needs the header ${controlHeader}: 1 (a web page on another origin cannot send it, so it cannot drive the simulator)`;
    return { status: 403, body: { message }, reason: message };
  }
  if (token === undefined) return undefined;
  const authorization = call.headers.get('authorization') ?? '';
  const given = /^Bearer +(\S+) *$/i.exec(authorization)?.[1];
  if (given !== undefined && sameText(given, token)) return undefined;
  const message =
    given === undefined
      ? 'Requires authentication: this simulator was started with a control token; send Authorization: Bearer <token> on control requests'
      : 'Bad credentials: the bearer token is not the control token this simulator was started with';
  return { status: 401, body: { message }, headers: { 'www-authenticate': 'Bearer realm="simulator control"' }, reason: message };
}

/** Compares in time that depends on the lengths only, not on where the texts differ. */
function sameText(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) difference |= (a.charCodeAt(i % Math.max(a.length, 1)) || 0) ^ b.charCodeAt(i);
  return difference === 0;
}
