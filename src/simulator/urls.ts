// The URLs of an answer, rendered when the answer is made: the model keeps no origin (moto's rule:
// the backend knows no transport), so an object's `url`, a `Location` and the contract's examples
// are put on the base the request came in on (its origin, plus /api/v3 when it had it).
import type { ApplicationGrant, Authorization } from '../../generated/schema.js';

/** An authorization as the model keeps it: all but its `url`. */
export type StoredAuthorization = Omit<Authorization, 'url'>;
/** A grant as the model derives it: all but its `url`. */
export type StoredGrant = Omit<ApplicationGrant, 'url'>;

/**
 * Where the URLs of `state()` and `persisted()` point, which no request made: the contract's
 * placeholder host. A data set's `url` is not kept, so any base loads back the same.
 */
export const stateBase = 'https://HOSTNAME/api/v3';

export const authorizationUrl = (base: string, id: number) => `${base}/authorizations/${id}`;
export const grantUrl = (base: string, id: number) => `${base}/applications/grants/${id}`;

/** The authorization as answered: `url` on `base`, after the id, as GitHub's answers put it. */
export const withUrl = ({ id, ...rest }: StoredAuthorization, base: string): Authorization => ({ id, url: authorizationUrl(base, id), ...rest });

/** The grant as answered: `url` on `base`, after the id. */
export const grantWithUrl = ({ id, ...rest }: StoredGrant, base: string): ApplicationGrant => ({ id, url: grantUrl(base, id), ...rest });

/** The authorization as the model keeps it: its `url` dropped (it is rendered from the id). */
export const withoutUrl = ({ url: _url, ...rest }: StoredAuthorization & { url?: string }): StoredAuthorization => rest;

// The hosts the contract's examples are written for.
const placeholderBases = ['https://HOSTNAME/api/v3', 'https://enterprise.octocat.com/api/v3', 'https://HOSTNAME'];

/** `value` (JSON or header text) with the examples' placeholder hosts replaced by `base`. */
export function rewriteUrls<T>(value: T, base: string): T {
  if (typeof value === 'string') {
    let text: string = value;
    for (const placeholder of placeholderBases) text = text.split(placeholder).join(base);
    return text as T;
  }
  if (Array.isArray(value)) return value.map((item) => rewriteUrls(item, base)) as T;
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewriteUrls(item, base)])) as T;
  return value;
}
