// Pages of a list, as GitHub serves them: `page` (from 1) and `per_page` (default 30, at most 100;
// the request checks refused anything else) slice it, and `Link` names the other pages, on the
// URL the request came in on, in GitHub's order: prev, next, last, first.

export const defaultPerPage = 30;

export interface Page<T> {
  items: T[];
  /** Absent when everything fits on the one page asked for. */
  link?: string;
}

/** The page `query` asks for of `items`, with the Link header for `url` (the request's URL). */
export function paginate<T>(items: readonly T[], url: URL): Page<T> {
  const page = Number(url.searchParams.get('page') ?? 1);
  const perPage = Number(url.searchParams.get('per_page') ?? defaultPerPage);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const links: string[] = [];
  const to = (n: number, rel: string) => {
    const target = new URL(url);
    target.searchParams.set('page', String(n));
    links.push(`<${target.href}>; rel="${rel}"`);
  };
  if (page > 1) to(Math.min(page - 1, last), 'prev');
  if (page < last) {
    to(page + 1, 'next');
    to(last, 'last');
  }
  if (page > 1) to(1, 'first');
  return links.length > 0 ? { items: slice, link: links.join(', ') } : { items: slice };
}
