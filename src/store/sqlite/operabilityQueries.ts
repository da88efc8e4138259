// What operating the gateway reads and writes: operation counts, usage counts, and whether the schema is current.
import { and, asc, count, desc, eq, gte, lt, lte, max, min, or, sql, sum, type SQL } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import type { ReadStore, UsageFilter, WriteStore } from '../../core/store';
import type { QueryContext, Schema } from './db';
import { operationStateOf } from './rows';

type OperabilityRead = Pick<ReadStore, 'countOperationsByState' | 'listUsage' | 'listDailyUsage' | 'pendingMigrations'>;
type OperabilityWrite = Pick<WriteStore, 'addUsage' | 'deleteUsageBefore'>;

function usageConditions(u: Schema['usage'], f: UsageFilter): SQL | undefined {
  return and(
    f.sinceDay ? gte(u.day, f.sinceDay) : undefined,
    f.untilDay ? lte(u.day, f.untilDay) : undefined,
    f.dialect ? eq(u.dialect, f.dialect) : undefined,
    f.user ? or(eq(u.userGuid, f.user), eq(u.userName, f.user)) : undefined,
  );
}

/** Creation times of the migrations this build ships (drizzle's journal). */
function shippedMigrations(migrationsFolder: string): number[] {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return journal.entries.map((e) => e.when);
}

export function operabilityQueries({ db, t, d }: QueryContext, migrationsFolder: string): OperabilityRead & OperabilityWrite {
  const { operations: op, usage: u } = t;
  const shipped = shippedMigrations(migrationsFolder);
  const upsert = db
    .insert(u)
    .values({
      day: sql.placeholder('day'),
      dialect: sql.placeholder('dialect'),
      route: sql.placeholder('route'),
      clientId: sql.placeholder('clientId'),
      agent: sql.placeholder('agent'),
      userGuid: sql.placeholder('userGuid'),
      userName: sql.placeholder('userName'),
      count: sql.placeholder('count'),
      firstSeen: sql.placeholder('firstSeen'),
      lastSeen: sql.placeholder('lastSeen'),
    })
    .onConflictDoUpdate({
      target: [u.day, u.dialect, u.route, u.clientId, u.agent, u.userGuid],
      set: {
        count: sql`${u.count} + excluded.count`,
        firstSeen: d.least(u.firstSeen, sql`excluded.first_seen`),
        lastSeen: d.greatest(u.lastSeen, sql`excluded.last_seen`),
        userName: sql`CASE WHEN excluded.user_name <> '' THEN excluded.user_name ELSE ${u.userName} END`,
      },
    })
    .prepare();
  return {
    async countOperationsByState() {
      const rows = await db.select({ operation: op.operation, state: op.state, count: count() }).from(op).groupBy(op.operation, op.state);
      return rows.map((r) => ({ operation: r.operation, state: operationStateOf(r.state), count: r.count }));
    },
    async listUsage(filter) {
      const total = sum(u.count).mapWith(Number);
      return await db
        .select({
          dialect: u.dialect,
          route: u.route,
          clientId: u.clientId,
          agent: u.agent,
          userGuid: u.userGuid,
          userName: max(u.userName).mapWith(String),
          count: total,
          firstSeen: min(u.firstSeen).mapWith(Number),
          lastSeen: max(u.lastSeen).mapWith(Number),
        })
        .from(u)
        .where(usageConditions(u, filter))
        .groupBy(u.dialect, u.route, u.clientId, u.agent, u.userGuid)
        .orderBy(desc(total), asc(u.dialect), asc(u.route), asc(u.clientId), asc(u.agent), asc(u.userGuid));
    },
    async listDailyUsage(filter) {
      return await db
        .select({ day: u.day, dialect: u.dialect, count: sum(u.count).mapWith(Number) })
        .from(u)
        .where(usageConditions(u, filter))
        .groupBy(u.day, u.dialect)
        .orderBy(asc(u.day), asc(u.dialect));
    },
    async pendingMigrations() {
      const [applied] = await db.select({ last: sql<number | null>`max(created_at)`.mapWith((v) => (v === null ? null : Number(v))) }).from(sql`__drizzle_migrations`);
      const last = applied?.last ?? -1;
      return shipped.filter((when) => when > last).length;
    },
    async addUsage(counts) {
      for (const c of counts) await upsert.execute({ ...c });
    },
    async deleteUsageBefore(day) {
      return (await db.delete(u).where(lt(u.day, day)).returning({ day: u.day })).length;
    },
  };
}
