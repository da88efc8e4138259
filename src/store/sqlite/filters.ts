// SQL fragments shared by the list queries: common filters, label selectors, ordering and paging.
import { and, asc, desc, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { CommonFilter, LabelRequirement, OrderBy, PageRequest, TimeFilter } from '../../core/store';

/** `col IN (list)` through json_each, so that one prepared shape serves any list length. */
export const inList = (col: SQLiteColumn | SQL, values: readonly string[]): SQL => sql`${col} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;

const ops = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

function timeCondition(col: SQLiteColumn, filters: TimeFilter[] | undefined): SQL[] {
  const out: SQL[] = [];
  for (const f of filters ?? []) {
    if (f.op === 'eq') {
      // timestamps are shown to the second: equality means "within that second"
      const parts = f.values.map((v) => sql`(${col} >= ${v} AND ${col} < ${v + 1000})`);
      out.push(sql`(${sql.join(parts, sql` OR `)})`);
    } else {
      const bound = f.op === 'lte' || f.op === 'gt' ? f.values[0]! + 999 : f.values[0]!;
      out.push(sql`${col} ${sql.raw(ops[f.op])} ${bound}`);
    }
  }
  return out;
}

function labelCondition(labels: SQLiteColumn, r: LabelRequirement): SQL {
  const path = `$."${r.key.replace(/"/g, '')}"`;
  const value = sql`json_extract(${labels}, ${path})`;
  switch (r.op) {
    case 'exists':
      return sql`${value} IS NOT NULL`;
    case 'not_exists':
      return sql`${value} IS NULL`;
    case 'in':
      return inList(value, r.values);
    case 'not_in':
      return sql`(${value} IS NULL OR NOT ${inList(value, r.values)})`;
  }
}

export interface CommonColumns {
  guid: SQLiteColumn;
  createdAt: SQLiteColumn;
  updatedAt: SQLiteColumn;
  labels?: SQLiteColumn;
}

export function commonConditions(cols: CommonColumns, f: CommonFilter): SQL[] {
  const out: SQL[] = [];
  if (f.guids) out.push(inList(cols.guid, f.guids));
  out.push(...timeCondition(cols.createdAt, f.createdAts), ...timeCondition(cols.updatedAt, f.updatedAts));
  if (cols.labels) for (const r of f.labelSelector ?? []) out.push(labelCondition(cols.labels, r));
  return out;
}

export const where = (conds: (SQL | undefined)[]) => and(...conds.filter((c): c is SQL => c !== undefined));

export function orderColumns(cols: { id: SQLiteColumn; createdAt: SQLiteColumn; updatedAt: SQLiteColumn; name?: SQLiteColumn }, order?: OrderBy): SQL[] {
  if (!order) return [asc(cols.id)];
  const col = order.field === 'name' ? cols.name! : order.field === 'created_at' ? cols.createdAt : cols.updatedAt;
  const dir = order.direction === 'asc' ? asc : desc;
  return [dir(col), dir(cols.id)];
}

export const offsetOf = (page: PageRequest) => (page.page - 1) * page.perPage;
