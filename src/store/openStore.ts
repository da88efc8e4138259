// DATABASE_URL picks the store: `postgres://` or `postgresql://` a PostgreSQL database (shared by replicas), any other
// value a SQLite file (or `:memory:`) owned by this one process.
import { isPostgresUrl, openPostgresStore, type PostgresStore } from './postgresStore';
import { openSqliteStore, type SqliteStore } from './sqliteStore';

export type AnyStore = SqliteStore | PostgresStore;

export function openStore(databaseUrl: string, options: { poolSize?: number } = {}): AnyStore {
  return isPostgresUrl(databaseUrl) ? openPostgresStore(databaseUrl, { poolSize: options.poolSize }) : openSqliteStore(databaseUrl);
}

export { isPostgresUrl };
