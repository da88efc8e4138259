import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { count, sql, type SQL } from 'drizzle-orm';
import * as schema from '../../../schema/sqlite';
import type { PageOf, PageRequest, SpaceScope } from '../../core/store';
import { inList, offsetOf, orderColumns } from './filters';

/** drizzle over the connection; `$client` is the connection itself (with its statement cache) */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export { schema };

/** Guids of the spaces a scope covers, as a sub-select. */
export const scopeSpaces = (scope: SpaceScope): SQL =>
  sql`SELECT guid FROM spaces WHERE ${inList(sql`guid`, scope.spaceGuids)} OR ${inList(sql`organization_guid`, scope.organizationGuids)}`;

export const spacesOfOrganizations = (orgGuids: string[]): SQL => sql`SELECT guid FROM spaces WHERE ${inList(sql`organization_guid`, orgGuids)}`;

type ListedTable = typeof schema.organizations | typeof schema.spaces | typeof schema.users | typeof schema.events;

/** One list page of a single table: the exact total, then the page in the requested order. */
export function pageOfTable<T extends ListedTable, R>(db: Db, table: T, cond: SQL | undefined, page: PageRequest, toRecord: (row: T['$inferSelect']) => R): PageOf<R> {
  const t = table as typeof schema.organizations; // every listed table has id, created_at and updated_at
  const total = db.select({ n: count() }).from(t).where(cond).get()!.n;
  const rows = db
    .select()
    .from(t)
    .where(cond)
    .orderBy(...orderColumns(t, page.orderBy))
    .limit(page.perPage)
    .offset(offsetOf(page))
    .all();
  return { total, items: (rows as T['$inferSelect'][]).map(toRecord) };
}
