// v2 list parameters as Cloud Controller's CommonParams, Query and PaginatedCollectionRenderer read them.
import type { PageRequest } from '../../../src/core/store';
import { badQuery, CfError } from '../errorCatalogue';

export type QOp = '=' | '>=' | '<=' | '<' | '>' | 'IN';
/** One `q` filter; `op` null for a key without operator (`q=name`), which matches nothing. */
export interface QFilter {
  key: string;
  op: QOp | null;
  values: string[];
}

export interface V2ListSpec {
  /** the keys `q` may filter on (CC's query_parameters) */
  q: readonly string[];
  /** `order-by` fields allowed (CC's sortable_parameters); none by default */
  orderBy?: readonly string[];
  /** parameters kept in next/prev links (CC's preserve_query_parameters) */
  preserve?: readonly string[];
}

export interface V2List {
  page: number;
  perPage: number;
  direction: 'asc' | 'desc';
  depth: number;
  orderBy?: string;
  filters: QFilter[];
  /** what next/prev links repeat besides page, results-per-page and order-direction */
  linkParams: Record<string, string | string[]>;
}

export const MAX_PER_PAGE = 100;
const MAX_PAGE = 2_147_483_647;
const MAX_DEPTH = 3;
const INTEGER = /^[+-]?\d+$/;

const first = (v: unknown) => (Array.isArray(v) ? String(v[v.length - 1]) : v === undefined ? undefined : String(v));

function integer(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!INTEGER.test(raw.trim())) throw badQuery(`${name} must be an integer`);
  return Number(raw.trim());
}

/** Q#parse: `;` separates filters (`;;` is a literal `;`), each `<key><op><value>`. */
export function parseQ(raw: string[], allowed: readonly string[]): QFilter[] {
  const filters: QFilter[] = [];
  const literal = '\u0000';
  for (const q of raw) {
    for (const piece of q.split(';;').join(literal).split(';')) {
      if (piece === '') continue;
      const segment = piece.split(literal).join(';');
      const m = segment.match(/(:|>=|<=|<|>| IN )/);
      const key = m ? segment.slice(0, m.index) : segment;
      if (!allowed.includes(key)) throw badQuery(key);
      if (!m) {
        filters.push({ key, op: null, values: [] });
        continue;
      }
      const value = segment.slice(m.index! + m[0].length);
      const op: QOp = m[0] === ':' ? '=' : m[0] === ' IN ' ? 'IN' : (m[0] as QOp);
      filters.push({ key, op, values: op === 'IN' ? value.split(',') : [value] });
    }
  }
  return filters;
}

/** `inline-relations-depth` alone (0..3), for answers that are one resource. */
export function inlineDepth(query: Record<string, unknown>): number {
  const depth = integer('inline_relations_depth', first(query['inline-relations-depth']), 0);
  if (depth > MAX_DEPTH) throw badQuery(`inline_relations_depth must be <= ${MAX_DEPTH}`);
  if (depth < 0) throw badQuery('inline_relations_depth must be >= 0');
  return depth;
}

export function parseV2List(query: Record<string, unknown>, spec: V2ListSpec): V2List {
  const page = integer('page', first(query.page), 1);
  const perPage = integer('results_per_page', first(query['results-per-page']), 50);
  const depth = integer('inline_relations_depth', first(query['inline-relations-depth']), 0);
  if (page < 1) throw badQuery('page must be greater than 0');
  if (page > MAX_PAGE) throw badQuery(`page must be less than or equal to ${MAX_PAGE}`);
  if (perPage > MAX_PER_PAGE) throw badQuery(`results_per_page must be <= ${MAX_PER_PAGE}`);
  if (perPage < 1) throw badQuery('results_per_page must be greater than 0');
  if (depth > MAX_DEPTH) throw badQuery(`inline_relations_depth must be <= ${MAX_DEPTH}`);
  if (depth < 0) throw badQuery('inline_relations_depth must be >= 0');
  const direction = first(query['order-direction']) ?? 'asc';
  if (direction !== 'asc' && direction !== 'desc') throw badQuery(`order_direction must be 'asc' or 'desc' but was '${direction}'`);
  const orderBy = first(query['order-by']);
  if (orderBy !== undefined && !(spec.orderBy ?? []).includes(orderBy)) throw new CfError('OrderByParameterInvalid', orderBy);
  const rawQ = query.q === undefined ? [] : Array.isArray(query.q) ? query.q.map(String) : [String(query.q)];
  const filters = parseQ(rawQ, spec.q);

  const linkParams: Record<string, string | string[]> = {};
  if (query['inline-relations-depth'] !== undefined) linkParams['inline-relations-depth'] = String(depth);
  if (rawQ.length) linkParams.q = rawQ.length === 1 ? rawQ[0]! : rawQ;
  if (orderBy !== undefined) linkParams['order-by'] = orderBy;
  for (const key of ['orphan-relations', 'exclude-relations', 'include-relations', ...(spec.preserve ?? [])]) {
    const v = first(query[key]);
    if (v !== undefined) linkParams[key] = v;
  }
  return { page, perPage, direction, depth, orderBy, filters, linkParams };
}

/** The core's page request: v2 orders by creation (CC's `id`), ascending unless asked otherwise. */
export const pageRequest = (l: V2List): PageRequest => ({
  page: l.page,
  perPage: l.perPage,
  orderBy: l.direction === 'desc' || l.orderBy === 'name' ? { field: l.orderBy === 'name' ? 'name' : 'created_at', direction: l.direction } : undefined,
});

/** Values of every `:`/` IN ` filter on a key (AND of several filters: their intersection); undefined if none. */
export function equalityValues(filters: QFilter[], key: string): string[] | undefined {
  let out: string[] | undefined;
  for (const f of filters) {
    if (f.key !== key) continue;
    const values = f.op === null ? [] : f.values;
    out = out === undefined ? values : out.filter((v) => values.includes(v));
  }
  return out;
}

/** Addressable's normalized query encoding: a space is %20; `:`, `@`, `,`, `;`, `=`, `$`, `/` and `?` stay as they are. */
const KEPT: Record<string, string> = { '%3A': ':', '%40': '@', '%2C': ',', '%3B': ';', '%3D': '=', '%24': '$', '%2F': '/', '%3F': '?' };
const encode = (v: string) => encodeURIComponent(v).replace(/%(3A|40|2C|3B|3D|24|2F|3F)/gi, (m) => KEPT[m.toUpperCase()]!);

/** A next/prev link: keys sorted alphabetically, as Addressable's query_values= writes them. */
export function pageUrl(path: string, l: V2List, page: number): string {
  const params: Record<string, string | string[]> = { ...l.linkParams, page: String(page), 'results-per-page': String(l.perPage), 'order-direction': l.direction };
  const pairs: string[] = [];
  for (const key of Object.keys(params).sort()) {
    const v = params[key]!;
    for (const value of Array.isArray(v) ? v : [v]) pairs.push(`${encode(key)}=${encode(value)}`);
  }
  return `${path}?${pairs.join('&')}`;
}
