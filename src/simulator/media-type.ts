// Media types, in one place: what an API answer's Content-Type and X-GitHub-Media-Type say, and
// whether a request's Accept admits JSON (406 otherwise).
//
// X-GitHub-Media-Type: which of GitHub's media types an answer is in, from the request's Accept.
// GitHub sent it on every answer, 204 included, and echoed a requested version and `param`
// (github3.py asks for application/vnd.github.v3.full+json and got `github.v3; param=full;
// format=json`, recorded 2018). The body is JSON whatever the param: the format stays json.

/** The Content-Type of every JSON answer, as GitHub sent it. */
export const jsonContentType = 'application/json; charset=utf-8';

/** GitHub's answer to "which media type is this?", sent with every JSON response. */
export const githubMediaType = 'github.v3; format=json';

/** True for the Accept GitHub's docs recommend, or plain JSON: what clients send, which asks for the default (no splitting on every request). */
const isCommonAccept = (accept: string): boolean => accept === 'application/vnd.github+json' || accept === 'application/json';

const vendorType = /^application\/vnd\.github(?:\.([a-z0-9_-]+))?(?:\.([a-z0-9_-]+))?(?:\+json)?$/;

/** The X-GitHub-Media-Type for a request's Accept header (absent or not GitHub's: `github.v3; format=json`). */
export function mediaTypeFor(accept: string | null): string {
  if (!accept || isCommonAccept(accept)) return githubMediaType;
  for (const range of accept.split(',')) {
    const match = vendorType.exec((range.split(';')[0] ?? '').trim().toLowerCase());
    if (!match) continue;
    const [, first, second] = match;
    // `vnd.github.v3.full`, `vnd.github.squirrel-girl-preview`; a lone `vnd.github.full` is v3's param.
    const isVersion = first !== undefined && (/^v\d+$/.test(first) || first.endsWith('-preview'));
    const version = isVersion ? first : 'v3';
    const param = isVersion ? second : (first ?? second);
    return `github.${version}; ${param ? `param=${param}; ` : ''}format=json`;
  }
  return githubMediaType;
}

/** True when the Accept header (absent = anything) admits a JSON answer, as GitHub reads it: its vendor media types are JSON. */
export function acceptsJson(accept: string | null): boolean {
  if (!accept || isCommonAccept(accept)) return true;
  return accept.split(',').some((range) => {
    const [type = '', ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    const quality = parameters.find((p) => p.startsWith('q='));
    if (quality && !(Number(quality.slice(2)) > 0)) return false;
    return (
      type === '*/*' ||
      type === 'application/*' ||
      type === 'application/json' ||
      type.endsWith('+json') || // structured-syntax suffix (RFC 6839), e.g. application/vnd.github.v3+json
      type === 'application/vnd.github' ||
      (type.startsWith('application/vnd.github.') && isVendorSuffix(type.slice('application/vnd.github.'.length))) // application/vnd.github.v3
    );
  });
}

const isVendorSuffix = (text: string) => /^[\w.-]+$/.test(text);
