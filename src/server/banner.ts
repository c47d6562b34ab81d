// What `npm start` and the bin print once the simulator answers: where it is, what it serves, how to call it.
import type { AccountConfig } from '../simulator/index.js';

/** One line per operation: `  GET     /authorizations`. */
export const routeLines = (routes: ReadonlyArray<{ method: string; path: string }>): string => {
  const width = Math.max(...routes.map((route) => route.method.length));
  return routes.map((route) => `  ${route.method.toUpperCase().padEnd(width)}  ${route.path}`).join('\n');
};
/** What the banner says about the verbose switch (options.ts's --verbose row, MOCK_VERBOSE). */
export const loggingLine = (verbose: boolean): string => (verbose ? 'Logging every request.' : 'Quiet: --verbose or MOCK_VERBOSE=1 logs every request.');

export interface SimulatorBannerOptions {
  url: string;
  routes: ReadonlyArray<{ method: string; path: string }>;
  verbose: boolean;
  /** The configured accounts (--accounts): user names with their password or two-factor settings. */
  accounts?: Readonly<Record<string, AccountConfig>>;
  delayMs?: number | undefined;
  stateFile?: string | undefined;
  controlToken?: boolean;
  /** Lines of the caller's own, before the last one (npm start's: --static and /docs). */
  more?: string;
}

/** The simulator's banner, as the bin prints it; npm start adds its own lines (`more`). */
export function simulatorBanner({ url, routes, verbose, accounts = {}, delayMs = 0, stateFile, controlToken = false, more = '' }: SimulatorBannerOptions): string {
  const configured = Object.entries(accounts).map(
    ([user, config]) =>
      `  ${user}: ${[config.password && 'its own password', config.otp && `two-factor authentication (X-GitHub-OTP: ${config.otp.code}, channel ${config.otp.channel ?? 'app'})`].filter(Boolean).join(', ')}`,
  );
  return `
GHES OAuth Authorizations API simulator: it remembers what you create, per user name
  ${url}    and the same under ${url}/api/v3

${routeLines(routes)}

Authenticate with Basic credentials: each user name has its own data, seeded from the docs' examples.
Any user and non-empty password works (tokens get 401, as on the server):
  curl -u octocat:secret -H 'Accept: application/vnd.github+json' ${url}/api/v3/authorizations
${configured.length > 0 ? `Accounts (--accounts):\n${configured.join('\n')}` : 'Two-factor accounts and passwords: --accounts <file.json>, or PUT /_simulator/accounts/<user>.'}
Force a documented response with the Prefer header (the state is not touched):
  Prefer: code=201                   a status the operation documents
  Prefer: example=otp-required       a named example (the names are listed in the docs)
Latency and failures: X-Simulator-Delay: <ms>, X-Simulator-Fault: 500|502|503|drop${delayMs ? ` (every answer waits ${delayMs} ms: --delay)` : ''}
Control API, for your own tests and tools (send X-Simulator-Control: 1${controlToken ? ' and Authorization: Bearer <your --control-token>' : ''}; pages on other origins cannot):
  curl -X POST -H 'X-Simulator-Control: 1' ${url}/_simulator/reset   (also GET|PUT /_simulator/state, GET|PUT|DELETE /_simulator/faults, GET|PUT|POST /_simulator/clock,
    the journal: GET /_simulator/requests (requests.har for devtools); scenarios: GET|POST|PUT|DELETE /_simulator/scenarios)
${stateFile ? `State kept in ${stateFile} (written after each change and on Ctrl-C).\n` : ''}${more}${loggingLine(verbose)} Ctrl-C stops.
`;
}
