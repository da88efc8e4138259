// PostgreSQL's spelling of the fragments the query modules share (see ../sqlDialect.ts): lists bound as one array
// parameter (`= ANY`), lower() for case-insensitive names, string_agg, labels read as jsonb.
import { sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Comparison, SqlDialect } from '../sqlDialect';

const OPS: Record<Comparison, string> = { eq: '=', lt: '<', lte: '<=', gt: '>', gte: '>=' };

export const postgresDialect: SqlDialect = {
  name: 'postgres',
  inList: (expr, values) => sql`${expr} = ANY(${sql.param([...values])}::text[])`,
  inPlaceholder: (expr, name) => sql`${expr} = ANY(${sql.placeholder(name)}::text[])`,
  listParam: (values) => [...values],
  listOf: (values) => sql`SELECT unnest(${sql.param([...values])}::text[]) AS value`,
  inListNoCase: (expr, values) => sql`lower(${expr}) = ANY(${sql.param(values.map((v) => v.toLowerCase()))}::text[])`,
  compareNoCase: (expr, op, value) => sql`lower(${expr}) ${sql.raw(OPS[op])} lower(${value}::text)`,
  groupConcat: (expr) => sql`string_agg(${expr}, ',' ORDER BY ${expr})`,
  labelValue: (labels, key): SQL => sql`(${labels}::jsonb ->> ${key.replace(/"/g, '')}::text)`,
  contains: (expr, part) => sql`strpos(${expr}, ${part}::text) > 0`,
  rows: async <T>(db: unknown, query: SQL) => (await (db as NodePgDatabase).execute(query)).rows as T[],
  least: (a, b) => sql`LEAST(${a}, ${b})`,
  greatest: (a, b) => sql`GREATEST(${a}, ${b})`,
};
