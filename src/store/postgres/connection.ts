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
  for (
    let depth = 0;
    depth < 5 && inner instanceof Error && !(inner instanceof DomainError) && (inner as { code?: unknown }).code === undefined && inner.cause !== undefined;
    depth++
  ) {
    inner = inner.cause;
  }
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

/**
 * PostgreSQL text cannot hold a NUL character, which SQLite stores and compares like any other. No stored value has
 * one, so a read that looks for one finds nothing: it looks for U+FFFF instead (a noncharacter, never stored either).
 * A write with one fails and is answered as invalid input.
 */
const withoutNul = (v: unknown): unknown => (typeof v === 'string' ? (v.includes('\u0000') ? v.split('\u0000').join('\uffff') : v) : Array.isArray(v) ? v.map(withoutNul) : v);

function readable(args: unknown[]): unknown[] {
  const [query, values] = args as [{ text?: string; values?: unknown[] } | string, unknown[] | undefined];
  const text = typeof query === 'string' ? query : query.text;
  if (!text || !/^\s*(select|with)\b/i.test(text)) return args;
  if (Array.isArray(values)) return [query, values.map(withoutNul), ...args.slice(2)];
  if (typeof query === 'object' && Array.isArray(query.values)) return [{ ...query, values: query.values.map(withoutNul) }, ...args.slice(1)];
  return args;
}

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
      return await target.query(...readable(args));
    } catch (e) {
      throw isConnectionError(e) ? unavailable(e) : e;
    }
  };
  const router = { query } as unknown as pg.Pool;
  return { pool, held, router };
}
