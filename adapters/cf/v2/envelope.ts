// The v2 envelopes: a resource is {metadata, entity}, a list is CC's paginated collection.
import type { PageOf } from '../../../src/core/store';
import { timestamp } from '../links';
import { pageUrl, type V2List } from './listParams';

export interface V2Resource {
  metadata: { guid: string; url: string; created_at: string; updated_at: string | null };
  entity: Record<string, unknown>;
}

export const resource = (url: string, guid: string, createdAt: number, updatedAt: number | null, entity: Record<string, unknown>): V2Resource => ({
  metadata: { guid, url, created_at: timestamp(createdAt), updated_at: updatedAt === null ? null : timestamp(updatedAt) },
  entity,
});

export interface V2Page<R> {
  total_results: number;
  total_pages: number;
  prev_url: string | null;
  next_url: string | null;
  resources: R[];
}

/** total_pages is 1 for an empty list; prev_url is set on any page past the first, even beyond the end. */
export function presentPage<T, R>(path: string, l: V2List, page: PageOf<T>, present: (item: T) => R): V2Page<R> {
  const pages = Math.max(1, Math.ceil(page.total / l.perPage));
  return {
    total_results: page.total,
    total_pages: pages,
    prev_url: l.page > 1 ? pageUrl(path, l, l.page - 1) : null,
    next_url: l.page < pages ? pageUrl(path, l, l.page + 1) : null,
    resources: page.items.map(present),
  };
}

/** Pages a small in-memory list (catalog, flags, quotas). */
export function pageItems<T>(items: T[], l: V2List): PageOf<T> {
  const ordered = l.direction === 'desc' ? [...items].reverse() : items;
  const start = (l.page - 1) * l.perPage;
  return { total: items.length, items: ordered.slice(start, start + l.perPage) };
}
