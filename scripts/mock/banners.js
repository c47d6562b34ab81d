// What `npm start` prints besides the package's own banner (src/server/banner.ts): the lines about
// its Prism mode and /docs, and the whole banner of `--static`.
import { loggingLine, routeLines } from '../../src/server/banner.js';

/** npm start's lines in the simulator's banner: the Prism mode and the docs page, which the package does not ship. */
export const simulatorBannerLines = (/** @type {string} */ url) => `The docs' examples verbatim, through Prism: npm start -- --static
Docs: ${url}/docs   (built by \`npm run docs\`)
`;

/**
 * The banner of `npm start -- --static` (Prism answering the documented examples).
 * @param {{ url: string, routes: ReadonlyArray<{ method: string, path: string }>, verbose: boolean }} options
 */
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
${loggingLine(verbose)} Ctrl-C stops.
`;
}
