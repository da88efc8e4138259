// SQL fragments shared by the list queries: common filters, label selectors, ordering and paging.
import { and, asc, desc, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { CommonFilter, LabelRequirement, OrderBy, PageRequest, TimeFilter } from '../../core/store';
import type { SqlDialect } from '../sqlDialect';

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

function labelCondition(d: SqlDialect, labels: SQLiteColumn, r: LabelRequirement): SQL {
  const value = d.labelValue(labels, r.key);
  switch (r.op) {
    case 'exists':
      return sql`${value} IS NOT NULL`;
    case 'not_exists':
      return sql`${value} IS NULL`;
    case 'in':
      return d.inList(value, r.values);
    case 'not_in':
      return sql`(${value} IS NULL OR NOT ${d.inList(value, r.values)})`;
  }
}

export interface CommonColumns {
  guid: SQLiteColumn;
  createdAt: SQLiteColumn;
  updatedAt: SQLiteColumn;
  labels?: SQLiteColumn;
}

export function commonConditions(d: SqlDialect, cols: CommonColumns, f: CommonFilter): SQL[] {
  const out: SQL[] = [];
  if (f.guids) out.push(d.inList(cols.guid, f.guids));
  out.push(...timeCondition(cols.createdAt, f.createdAts), ...timeCondition(cols.updatedAt, f.updatedAts));
  if (cols.labels) for (const r of f.labelSelector ?? []) out.push(labelCondition(d, cols.labels, r));
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

/**
 * Runs a query now: `await query` would start it a turn later, while SQLite answers at the call, which the read
 * cache's rule relies on (a read made outside a transaction is answered outside it).
 */
export const run = <T>(query: PromiseLike<T>): Promise<T> => new Promise<T>((resolve, reject) => query.then(resolve, reject));

/** The first row of a result, as `.get()` gives it on SQLite. */
export const first = <T>(query: PromiseLike<T[]>): Promise<T | undefined> => run(query).then((rows) => rows[0]);
