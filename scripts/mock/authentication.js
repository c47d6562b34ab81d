// Only HTTP Basic credentials work on these endpoints (the docs pages say so, and the real server
// refuses OAuth and personal access tokens here). The mock keeps no accounts, so any user name and
// non-empty password are accepted.

/** True for `Authorization: Basic base64(user:password)`; false for none, a token or malformed Basic. */
export function hasBasicCredentials(header) {
  const match = /^basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header ?? '');
  if (!match) return false;
  const credentials = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = credentials.indexOf(':');
  return colon > 0 && colon < credentials.length - 1;
}
