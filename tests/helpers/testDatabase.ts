// PostgreSQL for the tests, when TEST_DATABASE_URL names one: each store or gateway gets a schema of its own
// (dropped when it closes), so test files running side by side never see each other's rows. Without the variable
// everything runs on in-memory SQLite.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { AnyStore } from '../../src/store/openStore';
import type { SqliteStore } from '../../src/store/sqliteStore';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

/** Says why a PostgreSQL-only test does not run here. */
export const postgresSkipReason = 'TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:55432/gateway): PostgreSQL tests skipped';

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The URL with its search path set to `schema` (every table, and drizzle's migrations table, lives there). */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/** A new empty schema in the test database: its URL, and how to drop it. */
export async function freshSchema(url = TEST_DATABASE_URL): Promise<{ url: string; schema: string; drop: () => Promise<void> }> {
  if (!url) throw new Error(postgresSkipReason);
  const schema = `test_${randomBytes(6).toString('hex')}`;
  await withClient(url, (c) => c.query(`CREATE SCHEMA ${schema}`));
  return {
    url: urlWithSchema(url, schema),
    schema,
    drop: () => withClient(url, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined),
  };
}

/**
 * Rows of a statement run straight on a gateway's database, either store (`?` placeholders): what tests check that
 * no API shows, such as what is stored of a secret.
 */
export async function queryRows<T = Record<string, unknown>>(store: AnyStore, text: string, ...params: unknown[]): Promise<T[]> {
  if (store.kind === 'sqlite') {
    const statement = store.sqlite.prepare(text);
    if (statement.reader) return statement.all(...params) as T[];
    statement.run(...params);
    return [];
  }
  let n = 0;
  return (
    await store.pool.query(
      text.replace(/\?/g, () => `$${++n}`),
      params,
    )
  ).rows as T[];
}

/** The SQLite connection of a store, for a test that reads the file itself (it names a SQLite file or runs on one). */
export function sqliteOf(store: AnyStore): SqliteStore['sqlite'] {
  if (store.kind !== 'sqlite') throw new Error('this check reads the SQLite database directly');
  return store.sqlite;
}
