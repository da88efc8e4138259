import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import * as schema from '../../../schema/sqlite';
import type { SpaceScope } from '../../core/store';
import { inList } from './filters';

export type Db = BetterSQLite3Database<typeof schema>;
export { schema };

/** Guids of the spaces a scope covers, as a sub-select. */
export const scopeSpaces = (scope: SpaceScope): SQL =>
  sql`SELECT guid FROM spaces WHERE ${inList(sql`guid`, scope.spaceGuids)} OR ${inList(sql`organization_guid`, scope.organizationGuids)}`;

export const spacesOfOrganizations = (orgGuids: string[]): SQL => sql`SELECT guid FROM spaces WHERE ${inList(sql`organization_guid`, orgGuids)}`;
