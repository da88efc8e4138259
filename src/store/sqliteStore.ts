// The SQLite store: drizzle over better-sqlite3, WAL, foreign keys, migrations applied at open, and write
// transactions serialised through one queue so that none interleave.
import Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { conflict } from '../core/errors';
import type { Store, WriteStore } from '../core/store';
import { activityQueries } from './sqlite/activityQueries';
import { credentialQueries } from './sqlite/credentialQueries';
import { schema, type QueryContext } from './sqlite/db';
import { sqliteDialect } from './sqlite/dialect';
import { directoryQueries } from './sqlite/directoryQueries';
import { instanceQueries } from './sqlite/instanceQueries';
import { operabilityQueries } from './sqlite/operabilityQueries';
import { loginFailures } from './sqlite/loginFailures';
import { withReadCache } from './sqlite/readCache';
import { withStatementCache } from './sqlite/statementCache';
import { shareQueries } from './sqlite/shareQueries';

export const MIGRATIONS_FOLDER = path.join(__dirname, '..', '..', 'schema', 'migrations');

/** How often the WAL is copied back into the database file, off the request path. */
const CHECKPOINT_MS = 1_000;

export interface SqliteStore extends Store {
  readonly kind: 'sqlite';
  /** the raw connection, for bulk seeding in benchmarks */
  readonly sqlite: Database.Database;
}

export function openSqliteStore(file: string): SqliteStore {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // No commit runs a checkpoint (SQLite's default has the commit that fills 1,000 WAL pages copy them back, inside
  // that request): a timer does it between requests, PASSIVE (it never waits on a reader), never inside an open
  // transaction. Closing the connection checkpoints what is left.
  let checkpoints: NodeJS.Timeout | undefined;
  if (file !== ':memory:') {
    sqlite.pragma('wal_autocheckpoint = 0');
    checkpoints = setInterval(() => {
      try {
        if (sqlite.open && !sqlite.inTransaction) sqlite.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // a checkpoint that cannot run now runs on the next tick; the WAL keeps every commit meanwhile
      }
    }, CHECKPOINT_MS);
    checkpoints.unref();
  }
  const db = drizzle({ client: withStatementCache(sqlite), schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });

  const ctx: QueryContext = { db, t: schema, d: sqliteDialect };
  const methods: WriteStore = withReadCache(sqlite, {
    ...directoryQueries(ctx),
    ...instanceQueries(ctx),
    ...shareQueries(ctx),
    ...activityQueries(ctx),
    ...credentialQueries(ctx),
    ...operabilityQueries(ctx, MIGRATIONS_FOLDER),
    ...loginFailures(),
  });
  let queue: Promise<unknown> = Promise.resolve();
  // Marks the async context of a transaction's work, so that a nested call is told apart from a concurrent one:
  // a concurrent call waits its turn; a nested one would wait for itself forever, so it fails at once.
  const inTransaction = new AsyncLocalStorage<true>();

  async function run<T>(work: (tx: WriteStore) => Promise<T>): Promise<T> {
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      const result = await inTransaction.run(true, () => work(methods));
      sqlite.exec('COMMIT');
      return result;
    } catch (e) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) throw conflict('store.constraint', { message: (e as Error).message });
      throw e;
    }
  }

  return {
    ...methods,
    kind: 'sqlite',
    sqlite,
    transaction<T>(work: (tx: WriteStore) => Promise<T>): Promise<T> {
      if (inTransaction.getStore()) {
        return Promise.reject(new Error('Nested transaction: transaction() was called inside a transaction of the same store; use the open transaction (tx) instead'));
      }
      const result = queue.then(() => run(work));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      await queue;
      clearInterval(checkpoints);
      sqlite.close();
    },
  };
}
