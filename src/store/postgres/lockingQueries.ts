// Row locks, which SQLite (one writer at a time) does without: an operation is claimed with FOR UPDATE SKIP LOCKED,
// so runners on several processes never wait for each other and never both take the same row.
import { eq } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as pgSchema from '../../../schema/postgres';
import type { WriteStore } from '../../core/store';
import { toOperation } from '../sqlite/rows';

const { operations: op } = pgSchema;

export function lockingQueries(db: NodePgDatabase<typeof pgSchema>): Pick<WriteStore, 'lockOperation'> {
  return {
    async lockOperation(guid) {
      const [r] = await db.select().from(op).where(eq(op.guid, guid)).for('update', { skipLocked: true });
      return r && toOperation(r);
    },
  };
}
