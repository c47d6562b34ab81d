// What `npm start` prints once the mock answers: where it is, what it serves, how to call it.

export function mockBanner({ url, routes, verbose }) {
  const width = Math.max(...routes.map((route) => route.method.length));
  const lines = routes.map((route) => `  ${route.method.toUpperCase().padEnd(width)}  ${route.path}`);
  return `
GHES OAuth Authorizations API mock (Prism), serving generated/openapi.json
  ${url}    and the same under ${url}/api/v3

${lines.join('\n')}

Authenticate with Basic credentials, any user and password (tokens get 401, as on the server):
  curl -u octocat:secret -H 'Accept: application/vnd.github+json' ${url}/authorizations
Pick a documented response with the Prefer header:
  Prefer: code=201                   a status the operation documents
  Prefer: example=otp-required       a named example (the names are listed in the docs)
Docs: ${url}/docs   (built by \`npm run docs\`)
${verbose ? 'Logging every request.' : 'Quiet: --verbose or MOCK_VERBOSE=1 logs every request.'} Ctrl-C stops.
`;
}
