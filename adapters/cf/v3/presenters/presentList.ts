import type { PageOf } from '../../../../src/core/store';
import type { Links } from '../../links';
import { pageQuery, type ParsedList } from '../listQuery';

/** The v3 pagination envelope; `included`, when given, follows `resources`. */
export function presentList<T>(links: Links, path: string, list: ParsedList, page: PageOf<T>, present: (item: T) => unknown, included?: unknown) {
  const { page: current, perPage } = list.page;
  const totalPages = Math.max(1, Math.ceil(page.total / perPage));
  const at = (n: number) => links.href(`${path}?${pageQuery(list.echo, n)}`);
  const body: Record<string, unknown> = {
    pagination: {
      total_results: page.total,
      total_pages: totalPages,
      first: at(1),
      last: at(totalPages),
      next: current + 1 > totalPages ? null : at(current + 1),
      previous: current - 1 < 1 ? null : at(current - 1),
    },
    resources: page.items.map(present),
  };
  if (included !== undefined) body.included = included;
  return body;
}
