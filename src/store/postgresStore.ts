// The PostgreSQL store: drizzle over node-postgres, the same query modules as the SQLite store over the tables of
// schema/postgres.ts, migrations applied at start under an advisory lock (replicas starting together take turns),
// and every write transaction SERIALIZABLE on a connection of its own, retried when PostgreSQL reports a
// serialization failure or deadlock. Several processes may share the database: nothing is cached in the process.
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';
import * as pgSchema from '../../schema/postgres';
import { conflict, invalid } from '../core/errors';
import type { Store, WriteStore } from '../core/store';
import { causeOf, codeOf, connect, isConnectionError, unavailable, type Held } from './postgres/connection';
import { postgresDialect } from './postgres/dialect';
import { lockingQueries } from './postgres/lockingQueries';
import { loginFailureQueries } from './postgres/loginFailureQueries';
import { activityQueries } from './sqlite/activityQueries';
import { credentialQueries } from './sqlite/credentialQueries';
import type { Db, QueryContext, Schema } from './sqlite/db';
import { directoryQueries } from './sqlite/directoryQueries';
import { instanceQueries } from './sqlite/instanceQueries';
import { operabilityQueries } from './sqlite/operabilityQueries';
import { shareQueries } from './sqlite/shareQueries';

export const POSTGRES_MIGRATIONS_FOLDER = path.join(__dirname, '..', '..', 'schema', 'postgres-migrations');

export interface PostgresStore extends Store {
  readonly kind: 'postgres';
  readonly pool: pg.Pool;
  /** settles once the schema is migrated (rejects while the database cannot be reached; a later query tries again) */
  ready(): Promise<void>;
}

export interface PostgresOptions {
  /** connections in the pool (DATABASE_POOL_SIZE) */
  poolSize?: number;
}

/** `postgres://` or `postgresql://`: a DATABASE_URL that names a PostgreSQL database rather than a SQLite file. */
export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url);

const SERIALIZATION_FAILURE = '40001';
const DEADLOCK = '40P01';
const UNIQUE_VIOLATION = '23505';
const MAX_ATTEMPTS = 20;
/** a duplicate key may be one a concurrent transaction inserted after this one looked: run the work again to see */
const MAX_DUPLICATE_ATTEMPTS = 3;
/** what the transaction handles itself (a retry), so the methods pass it through untranslated */
const RETRIED = new Set([SERIALIZATION_FAILURE, DEADLOCK, UNIQUE_VIOLATION]);
const RETRY_AFTER_FAILED_START_MS = 1000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A database error as the core knows it: a broken constraint is a conflict, an unreachable database unavailable. */
function translated(e: unknown): unknown {
  const code = codeOf(e);
  if (typeof code === 'string' && code.startsWith('23')) return conflict('store.constraint', { message: (causeOf(e) as Error).message });
  if (isConnectionError(e)) return unavailable(causeOf(e));
  // text PostgreSQL cannot store (a NUL character)
  if (code === '22021' || code === '22P05') return invalid('store.invalid_text', { message: (causeOf(e) as Error).message });
  return e;
}

/** Every method with its errors translated (what a transaction retries passes through to it). */
function guarded<S extends object>(methods: S): S {
  const out: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(methods) as [string, (...a: unknown[]) => Promise<unknown>][]) {
    out[name] = (...args: unknown[]) =>
      method(...args).catch((e: unknown) => {
        const code = codeOf(e);
        throw typeof code === 'string' && RETRIED.has(code) ? e : translated(e);
      });
  }
  return out as S;
}

export function openPostgresStore(url: string, options: PostgresOptions = {}): PostgresStore {
  // the schema applied, or the attempt under way; a failed attempt is retried by the next caller after a pause
  let migrated: Promise<void> | null = null;
  let failedAt = 0;
  let closed = false;
  let closing: Promise<void> | undefined;
  const ready = (): Promise<void> => {
    if (closed) return Promise.reject(new Error('the store is closed'));
    if (!migrated || (failedAt && Date.now() - failedAt >= RETRY_AFTER_FAILED_START_MS)) {
      failedAt = 0;
      const attempt = applyMigrations();
      migrated = attempt;
      attempt.catch(() => {
        failedAt = Date.now();
      });
    }
    return migrated;
  };
  const conn = connect(url, options.poolSize ?? 10, ready);

  async function applyMigrations(): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await conn.pool.connect();
    } catch (e) {
      throw unavailable(e);
    }
    try {
      const { rows } = await client.query<{ schema: string }>('SELECT current_schema() AS schema');
      const schema = rows[0]!.schema;
      // one migrating process per database schema; the others wait here, then find nothing left to apply
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [`sharegate.migrations.${schema}`]);
      try {
        await migrate(drizzle({ client }), { migrationsFolder: POSTGRES_MIGRATIONS_FOLDER, migrationsSchema: schema });
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`sharegate.migrations.${schema}`]);
      }
    } catch (e) {
      throw isConnectionError(e) ? unavailable(e) : e;
    } finally {
      client.release();
    }
  }

  // the query modules are typed over the SQLite tables; these have the same names, columns and JavaScript types
  const pgDb = drizzle({ client: conn.router, schema: pgSchema });
  const db = pgDb as unknown as Db;
  const ctx: QueryContext = { db, t: pgSchema as unknown as Schema, d: postgresDialect };
  const methods: WriteStore = guarded({
    ...directoryQueries(ctx),
    ...instanceQueries(ctx),
    ...shareQueries(ctx),
    ...activityQueries(ctx),
    ...credentialQueries(ctx),
    ...operabilityQueries(ctx, POSTGRES_MIGRATIONS_FOLDER),
    ...lockingQueries(pgDb),
    ...loginFailureQueries(pgDb),
  });
  const open = new Set<Promise<unknown>>();

  async function attempt<T>(work: (tx: WriteStore) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await conn.pool.connect();
    } catch (e) {
      throw unavailable(e);
    }
    const held: Held = { client, done: false };
    let broken = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
      const result = await conn.held.run(held, () => work(methods));
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw e;
    } finally {
      held.done = true;
      client.release(broken);
    }
  }

  async function run<T>(work: (tx: WriteStore) => Promise<T>): Promise<T> {
    await ready();
    for (let n = 1; ; n++) {
      try {
        return await attempt(work);
      } catch (e) {
        const code = codeOf(e);
        const again = code === UNIQUE_VIOLATION ? n < MAX_DUPLICATE_ATTEMPTS : (code === SERIALIZATION_FAILURE || code === DEADLOCK) && n < MAX_ATTEMPTS;
        if (again) {
          // another transaction won the race: run the work again on what it committed, after a short random pause
          await sleep(Math.random() * Math.min(50, 2 * n));
          continue;
        }
        throw translated(e);
      }
    }
  }

  const inTransaction = conn.held as AsyncLocalStorage<Held>;
  return {
    ...methods,
    kind: 'postgres',
    pool: conn.pool,
    ready,
    transaction<T>(work: (tx: WriteStore) => Promise<T>): Promise<T> {
      const h = inTransaction.getStore();
      if (h && !h.done) {
        return Promise.reject(new Error('Nested transaction: transaction() was called inside a transaction of the same store; use the open transaction (tx) instead'));
      }
      const result = run(work);
      open.add(result);
      void result.catch(() => undefined).finally(() => open.delete(result));
      return result;
    },
    close() {
      // closing twice is closing once
      closing ??= (async () => {
        await Promise.allSettled([...open]);
        closed = true;
        await conn.pool.end();
      })();
      return closing;
    },
  };
}
