// Every response of this API is JSON. GitHub serves it for `application/json` and for its own
// vendor types, `application/vnd.github+json`, `application/vnd.github.v3+json` and the like (with
// or without parameters), which plain Prism refuses with 406 because the contract names only
// `application/json`. So: read the Accept header the way GitHub does, and ask Prism for JSON.

/** GitHub's answer to "which media type is this?", sent with every JSON response. */
export const githubMediaType = 'github.v3; format=json';

/** True when the Accept header (absent = anything) admits a JSON answer. */
export function acceptsJson(accept) {
  if (!accept) return true;
  return accept.split(',').some((range) => {
    const [type = '', ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    const quality = parameters.find((p) => p.startsWith('q='));
    if (quality && !(Number(quality.slice(2)) > 0)) return false;
    return (
      type === '*/*' ||
      type === 'application/*' ||
      type === 'application/json' ||
      type.endsWith('+json') || // structured-syntax suffix (RFC 6839), e.g. application/vnd.github.v3+json
      /^application\/vnd\.github(\.[\w.-]+)?$/.test(type) // application/vnd.github.v3: JSON too on GitHub
    );
  });
}
