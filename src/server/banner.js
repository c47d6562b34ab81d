// What `npm start` prints once the mock answers: where it is, what it serves, how to call it.

const routeLines = (routes) => {
  const width = Math.max(...routes.map((route) => route.method.length));
  return routes.map((route) => `  ${route.method.toUpperCase().padEnd(width)}  ${route.path}`).join('\n');
};
const logging = (verbose) => (verbose ? 'Logging every request.' : 'Quiet: --verbose or MOCK_VERBOSE=1 logs every request.');

/**
 * The simulator's banner (the default). `accounts` are the configured user names with two-factor
 * authentication or a password. `fromPackage`: the bin of the installed package, which has neither
 * the Prism mode nor the docs page.
 */
/** @param {{ url: string, routes: ReadonlyArray<{ method: string, path: string }>, verbose: boolean, accounts?: object, delayMs?: number | undefined, fromPackage?: boolean, stateFile?: string | undefined, controlToken?: boolean }} options */
export function simulatorBanner({ url, routes, verbose, accounts = {}, delayMs = 0, fromPackage = false, stateFile, controlToken = false }) {
  const configured = Object.entries(accounts).map(
    ([user, config]) => `  ${user}: ${[config.password && 'its own password', config.otp && `two-factor authentication (X-GitHub-OTP: ${config.otp.code}, channel ${config.otp.channel ?? 'app'})`].filter(Boolean).join(', ')}`,
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
${stateFile ? `State kept in ${stateFile} (written after each change and on Ctrl-C).\n` : ''}${fromPackage ? '' : `The docs' examples verbatim, through Prism: npm start -- --static
Docs: ${url}/docs   (built by \`npm run docs\`)
`}${logging(verbose)} Ctrl-C stops.
`;
}

/** The banner of `npm start -- --static` (Prism answering the documented examples). */
export function staticBanner({ url, routes, verbose }) {
  return `
GHES OAuth Authorizations API mock (Prism, --static): the docs' examples as documented, no state
  ${url}    and the same under ${url}/api/v3

${routeLines(routes)}

Authenticate with Basic credentials, any user and password (tokens get 401, as on the server):
  curl -u octocat:secret -H 'Accept: application/vnd.github+json' ${url}/authorizations
Pick a documented response with the Prefer header:
  Prefer: code=201                   a status the operation documents
  Prefer: example=otp-required       a named example (the names are listed in the docs)
Docs: ${url}/docs   (built by \`npm run docs\`)
${logging(verbose)} Ctrl-C stops.
`;
}
