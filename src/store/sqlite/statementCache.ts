// The connection as drizzle sees it, with compiled statements kept by SQL text: drizzle builds the SQL of a dynamic
// query (list filters, inserts, updates) on every call and would have SQLite parse and plan it again each time.
// Statements run synchronously and to completion, so one compiled statement can serve every caller; the wrapper
// resets the statement's row mode on each use, because drizzle switches it to arrays (`raw()`) and never back.
import type Database from 'better-sqlite3';

const MAX_STATEMENTS = 500;

type Statement = Database.Statement<unknown[], unknown>;

class SharedStatement {
  constructor(private readonly stmt: Statement) {}
  private objects(): Statement {
    return this.stmt.reader ? this.stmt.raw(false) : this.stmt;
  }
  get reader() {
    return this.stmt.reader;
  }
  raw(toggle = true) {
    return this.stmt.raw(toggle);
  }
  run(...params: unknown[]) {
    return this.stmt.run(...params);
  }
  get(...params: unknown[]) {
    return this.objects().get(...params);
  }
  all(...params: unknown[]) {
    return this.objects().all(...params);
  }
}

/** A client for drizzle whose `prepare` reuses compiled statements; everything else is the connection itself. */
export function withStatementCache(sqlite: Database.Database): Database.Database {
  const cache = new Map<string, SharedStatement>();
  const prepare = (source: string) => {
    let shared = cache.get(source);
    if (!shared) {
      shared = new SharedStatement(sqlite.prepare(source));
      if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
      cache.set(source, shared);
    }
    return shared;
  };
  return new Proxy(sqlite, {
    get(target, key) {
      if (key === 'prepare') return prepare;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
