// Pagination over the `Link` header: follows rel="next" while it stays on the client's origin.
import { nextPageFetchers } from './client.js';

/** Options of `paginate()` and `paginateAll()`. */
export interface PaginateOptions {
  /** Stop after this many pages, even when there is a next one (default: no limit). */
  maxPages?: number;
}

/** A client function whose answer is a list, such as `client.listAuthorizations`. */
export type ListFunction = (request: never) => Promise<{ data: readonly unknown[]; headers: Headers }>;
/** An item of the list a `ListFunction` answers with. */
export type ItemOf<F extends ListFunction> = Awaited<ReturnType<F>>['data'][number];

/**
 * The pages of a list, one array per page: calls `list(request)`, then follows each `Link: rel="next"`
 * with the same headers and signal. A next link to another origin than the client's baseUrl stops it
 * with an error before anything is sent there.
 */
export async function* paginate<F extends ListFunction>(
  list: F,
  request?: Parameters<F>[0],
  { maxPages = Infinity }: PaginateOptions = {},
): AsyncGenerator<ItemOf<F>[], void, undefined> {
  const fetchNextPage = nextPageFetchers.get(list);
  if (!fetchNextPage) throw new TypeError('paginate: pass a list function of a client, e.g. client.listAuthorizations');
  if (!(maxPages >= 1)) throw new RangeError('paginate: maxPages must be at least 1');
  const followed = new Set<string>();
  let result: { data: readonly unknown[]; headers: Headers } = await list(request as never);
  for (let page = 1; ; page++) {
    yield result.data as ItemOf<F>[];
    const next = parseLink(result.headers.get('Link')).next;
    if (!next || page >= maxPages) return;
    if (followed.has(next)) throw new Error(`paginate: the next link repeats ${next}`);
    followed.add(next);
    result = (await fetchNextPage(next, request)) as typeof result;
  }
}

/** Every item of every page of a list, in order; see `paginate()`. */
export async function paginateAll<F extends ListFunction>(list: F, request?: Parameters<F>[0], options?: PaginateOptions): Promise<ItemOf<F>[]> {
  const items: ItemOf<F>[] = [];
  for await (const page of paginate(list, request, options)) items.push(...page);
  return items;
}

/** The URLs of a `Link` header by relation: `<a>; rel="next", <b>; rel="last"` → `{ next: 'a', last: 'b' }`. */
export function parseLink(header: string | null | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  // Match each <url> first: URLs may hold commas. A rel may list several relations.
  for (const [, url, relations] of (header ?? '').matchAll(/<([^>]*)>[^<]*?rel="?([^";,]*)/g)) {
    for (const relation of relations!.split(' ')) links[relation] ??= url!;
  }
  return links;
}
