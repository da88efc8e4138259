// The ServiceOfferingInstance searches the store can answer as one paged query: criteria that are a conjunction of
// EQUALS / IN / NOT_EQUALS / NOT_IN on name and guid, ordered by creation. Anything else (LIKE and NOT_LIKE, whose
// case folding and single-character wildcard the store's comparisons do not reproduce, other attributes, OR / NOT,
// another order) is answered by filtering and ordering the caller's instances in memory, whose answer this one equals.
import type { InstanceFilter, PageRequest } from '../../src/core/store';
import { compileCriteria, conjunctionOf, type SearchParams } from './search';

/** every row: pageSize -1 */
const ALL_ROWS = 1_000_000_000;

/** Values both lists hold (a second EQUALS on the same attribute narrows the first). */
const narrow = (current: string[] | undefined, values: string[]) => (current ? current.filter((v) => values.includes(v)) : [...new Set(values)]);

function filterOf(p: SearchParams, attributes: string[]): InstanceFilter | undefined {
  if (p.criteria === undefined) return {};
  compileCriteria(p.criteria, attributes); // its errors, exactly as the in-memory search raises them
  const conditions = conjunctionOf(p.criteria, attributes);
  if (!conditions) return undefined;
  const filter: InstanceFilter = {};
  // EQUALS / IN and NOT_EQUALS / NOT_IN compare exactly (case-sensitively), as the store's name and guid lists do
  for (const c of conditions) {
    const key = `${c.attribute} ${c.operator}`;
    if (key === 'name EQUALS' || key === 'name IN') filter.names = narrow(filter.names, c.values);
    else if (key === 'guid EQUALS' || key === 'guid IN') filter.guids = narrow(filter.guids, c.values);
    else if (key === 'name NOT_EQUALS' || key === 'name NOT_IN') filter.excludedNames = [...(filter.excludedNames ?? []), ...c.values];
    else if (key === 'guid NOT_EQUALS' || key === 'guid NOT_IN') filter.excludedGuids = [...(filter.excludedGuids ?? []), ...c.values];
    else return undefined;
  }
  return filter;
}

/** orderBy that keeps the oldest-first order: none, or createdTime ascending (ties stay oldest first either way). */
function keepsCreationOrder(orderBy: string[] | undefined): boolean {
  return (orderBy ?? []).every((order) => {
    const [field = '', dir = 'ASC'] = order.trim().split(/\s+/);
    return field.toLowerCase() === 'createdtime' && dir.toUpperCase() !== 'DESC';
  });
}

function pageOf(p: SearchParams): PageRequest | undefined {
  const pageSize = p.pageSize ?? -1;
  const pageNo = p.pageNo ?? 0;
  if (!Number.isInteger(pageSize) || !Number.isInteger(pageNo) || pageNo < 0 || (pageSize < 1 && pageSize !== -1)) return undefined;
  const orderBy = { field: 'created_at', direction: 'asc' } as const;
  if (pageSize === -1) return { page: 1, perPage: ALL_ROWS, orderBy };
  if ((pageNo + 1) * pageSize > Number.MAX_SAFE_INTEGER) return undefined;
  return { page: pageNo + 1, perPage: pageSize, orderBy };
}

/** The store query answering this search, or undefined when only the in-memory search can. */
export function instanceStoreQuery(p: SearchParams, attributes: string[]): { filter: InstanceFilter; page: PageRequest } | undefined {
  const filter = filterOf(p, attributes);
  if (!filter || !keepsCreationOrder(p.orderBy)) return undefined;
  const page = pageOf(p);
  return page && { filter, page };
}
