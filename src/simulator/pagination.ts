// Pages of a list, as GitHub serves them: `page` (from 1) and `per_page` (default 30, at most 100;
// the request checks refused anything else) slice it, and `Link` names the other pages, on the
// URL the request came in on, in GitHub's order: prev, next, last, first.

export const defaultPerPage = 30;

export interface Page<T> {
  items: T[];
  /** Absent when everything fits on the one page asked for. */
  link?: string;
}

/** Where the page `url` (the request's URL) asks for lies in a list of `total` items, and its Link header. */
export interface PageRange {
  start: number;
  end: number;
  /** Absent when everything fits on the one page asked for. */
  link?: string;
}

/** The page `query` asks for of `items`, with the Link header for `url` (the request's URL). */
export function paginate<T>(items: readonly T[], url: URL): Page<T> {
  const { start, end, link } = pageRange(items.length, url, url.search);
  const slice = items.slice(start, end);
  return link === undefined ? { items: slice } : { items: slice, link };
}

/**
 * The positions [start, end) of the page the request's URL (`requestUrl`, as a URL or its text) asks
 * for in a list of `total` items, with its Link header. `search` is the request's query ('' for
 * none): a URL is made from the text only when it is read (a query, or a Link), not for the first
 * page of a short list.
 */
export function pageRange(total: number, requestUrl: URL | string, search: string): PageRange {
  const parsed = search === '' ? undefined : urlOf(requestUrl);
  const query = parsed?.searchParams;
  const page = Number(query?.get('page') ?? 1);
  const perPage = Number(query?.get('per_page') ?? defaultPerPage);
  const last = Math.max(1, Math.ceil(total / perPage));
  const range: PageRange = { start: (page - 1) * perPage, end: page * perPage };
  if (page <= 1 && page >= last) return range;
  const url = parsed ?? urlOf(requestUrl);
  // The URL with its query's page set, as `URL.searchParams.set` writes it, one query object for every link.
  const href = url.href;
  const before = href.slice(0, href.length - url.search.length - url.hash.length);
  const params = new URLSearchParams(url.search);
  const { hash } = url;
  // No closure for the links (under tsx each one made costs a __name call, 2% of a GET's CPU).
  const links: string[] = [];
  if (page > 1) links.push(linkTo(before, params, hash, Math.min(page - 1, last), 'prev'));
  if (page < last) {
    links.push(linkTo(before, params, hash, page + 1, 'next'));
    links.push(linkTo(before, params, hash, last, 'last'));
  }
  if (page > 1) links.push(linkTo(before, params, hash, 1, 'first'));
  range.link = links.join(', ');
  return range;
}

/** One link of a Link header: the URL (`before` its query) with `params`' page set to `page`. */
function linkTo(before: string, params: URLSearchParams, hash: string, page: number, rel: string): string {
  params.set('page', String(page));
  return `<${before}?${params}${hash}>; rel="${rel}"`;
}

const urlOf = (url: URL | string): URL => (typeof url === 'string' ? new URL(url) : url);
