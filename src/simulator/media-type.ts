// X-GitHub-Media-Type: which of GitHub's media types an answer is in, from the request's Accept.
// GitHub sent it on every answer, 204 included, and echoed a requested version and `param`
// (github3.py asks for application/vnd.github.v3.full+json and got `github.v3; param=full;
// format=json`, recorded 2018). The body is JSON whatever the param: the format stays json.
import { githubMediaType } from './request-checks.js';

const vendorType = /^application\/vnd\.github(?:\.([a-z0-9_-]+))?(?:\.([a-z0-9_-]+))?(?:\+json)?$/;
const known = new Map<string, string>();

/** The X-GitHub-Media-Type for a request's Accept header (absent or not GitHub's: `github.v3; format=json`). */
export function mediaTypeFor(accept: string | null): string {
  if (!accept) return githubMediaType;
  let mediaType = known.get(accept);
  if (mediaType === undefined) {
    mediaType = judge(accept);
    if (known.size >= 1000) known.clear();
    if (accept.length <= 1024) known.set(accept, mediaType);
  }
  return mediaType;
}

function judge(accept: string): string {
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
