// The query modules are written once against drizzle's builders over the SQLite table definitions; the PostgreSQL
// store runs the same modules over its own tables (schema/postgres.ts has the same tables and columns), so `Db` and
// `schema` here name the shape both databases share. What the two spell differently comes in a SqlDialect.
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { count, sql, type SQL } from 'drizzle-orm';
import * as schema from '../../../schema/sqlite';
import type { PageOf, PageRequest, SpaceScope } from '../../core/store';
import type { SqlDialect } from '../sqlDialect';
import { offsetOf, orderColumns } from './filters';

export type Db = BetterSQLite3Database<typeof schema>;
export type Schema = typeof schema;
export { schema };

/** What every query module is built from: the connection, the tables, and the dialect's fragments. */
export interface QueryContext {
  db: Db;
  t: Schema;
  d: SqlDialect;
}

/** Guids of the spaces a scope covers, as a sub-select. */
export const scopeSpaces = (d: SqlDialect, scope: SpaceScope): SQL =>
  sql`SELECT guid FROM spaces WHERE ${d.inList(sql`guid`, scope.spaceGuids)} OR ${d.inList(sql`organization_guid`, scope.organizationGuids)}`;

export const spacesOfOrganizations = (d: SqlDialect, orgGuids: string[]): SQL => sql`SELECT guid FROM spaces WHERE ${d.inList(sql`organization_guid`, orgGuids)}`;

type ListedTable = Schema['organizations'] | Schema['spaces'] | Schema['users'] | Schema['events'];

/** One list page of a single table: the exact total, then the page in the requested order. */
export async function pageOfTable<T extends ListedTable, R>(
  db: Db,
  table: T,
  cond: SQL | undefined,
  page: PageRequest,
  toRecord: (row: T['$inferSelect']) => R,
): Promise<PageOf<R>> {
  const t = table as Schema['organizations']; // every listed table has id, created_at and updated_at
  const [totalRow] = await db.select({ n: count() }).from(t).where(cond);
  const rows = await db
    .select()
    .from(t)
    .where(cond)
    .orderBy(...orderColumns(t, page.orderBy))
    .limit(page.perPage)
    .offset(offsetOf(page));
  return { total: totalRow!.n, items: (rows as T['$inferSelect'][]).map(toRecord) };
}
