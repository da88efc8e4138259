// Ordering and paging of small in-memory lists (the catalog, the feature flags), as the store does for tables.
import type { PageOf } from '../../../src/core/store';
import type { ParsedList } from './listQuery';

type Sortable = { name: string; createdAt?: number; updatedAt?: number | null };

export function pageInMemory<T extends Sortable>(items: T[], q: ParsedList): PageOf<T> {
  const o = q.page.orderBy;
  const keyOf = (item: T) => (o?.field === 'name' ? item.name : o?.field === 'created_at' ? (item.createdAt ?? 0) : (item.updatedAt ?? 0));
  const sorted = o
    ? [...items].sort((a, b) => {
        const [x, y] = [keyOf(a), keyOf(b)];
        const c = x < y ? -1 : x > y ? 1 : 0;
        return o.direction === 'asc' ? c : -c;
      })
    : items;
  const start = (q.page.page - 1) * q.page.perPage;
  return { total: sorted.length, items: sorted.slice(start, start + q.page.perPage) };
}
