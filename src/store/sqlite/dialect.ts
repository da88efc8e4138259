// SQLite's spelling of the fragments the query modules share (see ../sqlDialect.ts): lists bound as JSON text and
// read with json_each, NOCASE collation, group_concat, json_extract.
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { Comparison, SqlDialect } from '../sqlDialect';

const OPS: Record<Comparison, string> = { eq: '=', lt: '<', lte: '<=', gt: '>', gte: '>=' };

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  inList: (expr, values) => sql`${expr} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`,
  inPlaceholder: (expr, name) => sql`${expr} IN (SELECT value FROM json_each(${sql.placeholder(name)}))`,
  listParam: (values) => JSON.stringify(values),
  listOf: (values) => sql`SELECT value FROM json_each(${JSON.stringify(values)})`,
  inListNoCase: (expr, values) => sql`${expr} COLLATE NOCASE IN (SELECT value FROM json_each(${JSON.stringify(values)}))`,
  compareNoCase: (expr, op, value) => sql`${expr} COLLATE NOCASE ${sql.raw(OPS[op])} ${value}`,
  groupConcat: (expr) => sql`group_concat(${expr})`,
  labelValue: (labels, key) => sql`json_extract(${labels}, ${`$."${key.replace(/"/g, '')}"`})`,
  contains: (expr, part) => sql`instr(${expr}, ${part}) > 0`,
  rows: <T>(db: unknown, query: SQL) => Promise.resolve((db as BetterSQLite3Database).all<T>(query)),
  least: (a: SQLWrapper, b: SQLWrapper) => sql`min(${a}, ${b})`,
  greatest: (a: SQLWrapper, b: SQLWrapper) => sql`max(${a}, ${b})`,
};
