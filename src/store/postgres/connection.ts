// The PostgreSQL connection as the query modules see it: one pool, and a client object for drizzle that sends each
// query to the transaction open in the caller's async context (one pooled connection per transaction, as the SQLite
// store marks its transactions with AsyncLocalStorage) or, outside one, to the pool. A query before the schema is
// migrated waits for it; a query that cannot reach the database fails with the core's `unavailable` error, which
// every dialect renders as its own 503-style answer, and the pool reconnects on the next query.
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { DomainError } from '../../core/errors';

// bigint columns hold epoch milliseconds and counts, well inside a double's exact range: read them as numbers
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** The connection a transaction holds; `done` once it has been given back (late queries then go to the pool). */
export interface Held {
  client: pg.PoolClient;
  done: boolean;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '53300']);

/** The error PostgreSQL (or the network) gave, under drizzle's "Failed query" wrapper. */
export function causeOf(e: unknown): unknown {
  let inner = e;
  while (inner instanceof Error && !(inner instanceof DomainError) && (inner as { code?: unknown }).code === undefined && inner.cause !== undefined) inner = inner.cause;
  return inner;
}

/** PostgreSQL's SQLSTATE (or the socket's error code) of `e`. */
export const codeOf = (e: unknown): unknown => (causeOf(e) as { code?: unknown } | undefined)?.code;

/** Whether `e` says the database could not be reached (rather than that it refused the statement). */
export function isConnectionError(e: unknown): boolean {
  e = causeOf(e);
  if (e instanceof DomainError) return e.kind === 'unavailable';
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  const message = e instanceof Error ? e.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(message);
}

export const unavailable = (e: unknown) => new DomainError('unavailable', 'store.unavailable', { message: e instanceof Error ? e.message : String(e) });

export interface Connection {
  pool: pg.Pool;
  held: AsyncLocalStorage<Held>;
  /** what drizzle is given as its client */
  router: pg.Pool;
}

export function connect(url: string, poolSize: number, ready: () => Promise<void>): Connection {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // an idle connection that breaks (server restart, network) is dropped by the pool; it must not end the process
  pool.on('error', () => undefined);
  const held = new AsyncLocalStorage<Held>();
  const query = async (...args: unknown[]) => {
    const h = held.getStore();
    const target: { query: (...a: unknown[]) => Promise<unknown> } = h && !h.done ? h.client : pool;
    if (!h) await ready();
    try {
      return await target.query(...args);
    } catch (e) {
      throw isConnectionError(e) ? unavailable(e) : e;
    }
  };
  const router = { query } as unknown as pg.Pool;
  return { pool, held, router };
}
