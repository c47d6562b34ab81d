// Pagination over the `Link` header: follows rel="next" while it stays on the client's origin.
import { answeredUrls, describeAnswer, nextPageFetchers } from './client.js';
import { PageLimitError } from './errors.js';

/** Options of `paginate()` and `paginateAll()`. */
export interface PaginateOptions {
  /**
   * Read at most this many pages (default `defaultMaxPages`, 1,000). A list that still links a next
   * page after them ends in a `PageLimitError` (with the items read, from `paginateAll`): a cut list
   * is never returned as if it were whole, and a server that links pages without end cannot keep
   * the loop (and `paginateAll`'s array) growing. `Infinity` lifts the bound. To read only the
   * first pages on purpose, `break` out of `paginate()`'s loop.
   */
  maxPages?: number;
}

/**
 * The most pages read when no `maxPages` is given: 1,000 pages are 100,000 items at GitHub's
 * largest `per_page` (100) and 30,000 at its default (30), far more authorizations or grants than
 * one account holds, and little enough memory for `paginateAll`.
 */
export const defaultMaxPages = 1000;

/** A client function whose answer is a list, such as `client.listAuthorizations`. */
export type ListFunction = (request: never) => Promise<{ data: readonly unknown[]; headers: Headers }>;
/** An item of the list a `ListFunction` answers with. */
export type ItemOf<F extends ListFunction> = Awaited<ReturnType<F>>['data'][number];

/**
 * The pages of a list, one array per page: calls `list(request)`, then follows each `Link: rel="next"`
 * with the same headers and signal. A relative link resolves against the URL of the page that
 * carried it. It stops with an error:
 * - before sending anything to a next link on another origin than the client's baseUrl;
 * - when a next link repeats a page already read (compared as URLs, without their fragment);
 * - when a page is not a JSON array (naming the status, Content-Type and what the body was);
 * - with a `PageLimitError` when a next page is still linked after `maxPages` pages (default
 *   `defaultMaxPages`, 1,000), after yielding them.
 */
export async function* paginate<F extends ListFunction>(list: F, request?: Parameters<F>[0], { maxPages }: PaginateOptions = {}): AsyncGenerator<ItemOf<F>[], void, undefined> {
  const fetchNextPage = nextPageFetchers.get(list);
  if (!fetchNextPage) throw new TypeError('paginate: pass a list function of a client, e.g. client.listAuthorizations');
  if (maxPages !== undefined && !(maxPages >= 1)) throw new RangeError('paginate: maxPages must be at least 1');
  const bound = maxPages ?? defaultMaxPages;
  let result: { data: readonly unknown[]; headers: Headers } = await list(request as never);
  let url = pageUrl(answeredUrls.get(result)!);
  const read = new Set([url.href]);
  for (let page = 1; ; page++) {
    if (!Array.isArray(result.data)) {
      const { status, headers, data } = result as { status?: number; headers: Headers; data: unknown };
      throw new TypeError(`paginate: page ${page} is not a list: the server answered ${describeAnswer(status!, headers, JSON.stringify(data))}`);
    }
    yield result.data as ItemOf<F>[];
    const link = parseLink(result.headers.get('Link')).next;
    if (link === undefined) return;
    const next = pageUrl(link, url);
    if (page >= bound) throw new PageLimitError(page, next.href);
    if (read.has(next.href)) throw new Error(`paginate: the next link repeats ${next.href}`);
    read.add(next.href);
    result = (await fetchNextPage(next, request)) as typeof result;
    url = pageUrl(answeredUrls.get(result) ?? next.href);
  }
}

/**
 * Every item of every page of a list, in order; see `paginate()`. A list longer than `maxPages`
 * rejects with a `PageLimitError` whose `items` are the items read.
 */
export async function paginateAll<F extends ListFunction>(list: F, request?: Parameters<F>[0], options?: PaginateOptions): Promise<ItemOf<F>[]> {
  const items: ItemOf<F>[] = [];
  try {
    for await (const page of paginate(list, request, options)) items.push(...page);
  } catch (error) {
    if (error instanceof PageLimitError) throw new PageLimitError(error.pages, error.next, items);
    throw error;
  }
  return items;
}

/**
 * The URLs of a `Link` header by relation: `<a>; rel="next", <b>; rel="last"` → `{ next: 'a', last: 'b' }`.
 * Relation types are lower-cased (they compare case-insensitively); a link's first `rel` counts, and
 * the first link of a relation wins. No regular expression that can backtrack: split at each `<`
 * (no URL holds one), then at each `;`, which is linear in the header's length, however hostile.
 */
export function parseLink(header: string | null | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  for (const link of (header ?? '').split('<')) {
    // The URL up to its '>' (URLs may hold commas and semicolons), then the link's parameters.
    const close = link.indexOf('>');
    if (close === -1) continue;
    for (const parameter of link.slice(close + 1).split(';')) {
      const equals = parameter.indexOf('=');
      if (equals === -1 || parameter.slice(0, equals).trim().toLowerCase() !== 'rel') continue;
      // `rel=next` or `rel="next last"`, up to a closing quote or the comma before the next link.
      const relations = parameter
        .slice(equals + 1)
        .trim()
        .replace(/^"/, '')
        .split(/[",]/, 1)[0]!;
      for (const relation of relations.split(' ')) if (relation) links[relation.toLowerCase()] ??= link.slice(0, close);
      break;
    }
  }
  return links;
}

// ---- utils

/** A page's URL as paginate compares it: absolute, normalised by URL, without its fragment. */
function pageUrl(link: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(link, base);
  } catch {
    throw new TypeError(`paginate: the next link is not a URL: ${link.slice(0, 100)}`);
  }
  url.hash = '';
  return url;
}
