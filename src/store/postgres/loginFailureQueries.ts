// Failed password checks for the brute-force limits, in a table every replica shares (SQLite: sqlite/loginFailures.ts).
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as pgSchema from '../../../schema/postgres';
import type { ReadStore, WriteStore } from '../../core/store';

const { loginFailures: lf } = pgSchema;

type LoginFailureMethods = Pick<ReadStore, 'listLoginFailures'> & Pick<WriteStore, 'addLoginFailure' | 'deleteLoginFailures' | 'deleteLoginFailuresBefore'>;

export function loginFailureQueries(db: NodePgDatabase<typeof pgSchema>): LoginFailureMethods {
  return {
    async listLoginFailures(key, since) {
      const rows = await db
        .select({ at: lf.at })
        .from(lf)
        .where(and(eq(lf.key, key), gte(lf.at, since)))
        .orderBy(asc(lf.at), asc(lf.id));
      return rows.map((r) => r.at);
    },
    async addLoginFailure(key, at) {
      await db.insert(lf).values({ key, at });
    },
    async deleteLoginFailures(key, at) {
      if (at === undefined) {
        await db.delete(lf).where(eq(lf.key, key));
        return;
      }
      // one failure at that time (the newest of any that share it)
      const [one] = await db
        .select({ id: lf.id })
        .from(lf)
        .where(and(eq(lf.key, key), eq(lf.at, at)))
        .orderBy(asc(lf.id))
        .limit(1);
      if (one) await db.delete(lf).where(eq(lf.id, one.id));
    },
    async deleteLoginFailuresBefore(before) {
      return (await db.delete(lf).where(lt(lf.at, before)).returning({ id: lf.id })).length;
    },
  };
}
