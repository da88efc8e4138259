import { and, asc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { UNFINISHED_OPERATION_STATES, type AuditEvent } from '../../core/records';
import type { ReadStore, WriteStore } from '../../core/store';
import { pageOfTable, schema, scopeSpaces, type Db } from './db';
import { commonConditions, inList, where } from './filters';
import { fromEvent, fromOperation, storedOperationState, toEvent, toOperation } from './rows';

const { operations: op, events: ev } = schema;

type ActivityRead = Pick<ReadStore, 'getOperation' | 'listDueOperations' | 'getEvent' | 'listEvents'>;
type ActivityWrite = Pick<WriteStore, 'insertOperation' | 'updateOperation' | 'insertEvent'>;

export function activityQueries(db: Db): ActivityRead & ActivityWrite {
  const opByGuid = db.select().from(op).where(eq(op.guid, sql.placeholder('guid'))).prepare();
  // every field of an event (the compiler says when one is added), as placeholders of one compiled insert
  const p = <K extends keyof AuditEvent>(k: K) => sql`${sql.placeholder(k)}`;
  const eventValues = {
    guid: p('guid'),
    type: p('type'),
    actorGuid: p('actorGuid'),
    actorType: p('actorType'),
    actorName: p('actorName'),
    targetGuid: p('targetGuid'),
    targetType: p('targetType'),
    targetName: p('targetName'),
    data: p('data'),
    spaceGuid: p('spaceGuid'),
    organizationGuid: p('organizationGuid'),
    createdAt: p('createdAt'),
    updatedAt: p('updatedAt'),
  } satisfies Record<keyof AuditEvent, SQL>;
  const insertEventRow = db.insert(ev).values(eventValues).prepare();
  return {
    async getOperation(guid) {
      const r = opByGuid.get({ guid });
      return r && toOperation(r);
    },
    async listDueOperations(now, limit) {
      return db.select().from(op).where(and(inArray(op.state, UNFINISHED_OPERATION_STATES.map(storedOperationState)), lte(op.runAfter, now))).orderBy(asc(op.id)).limit(limit).all().map(toOperation);
    },
    async insertOperation(o) {
      db.insert(op).values(fromOperation(o)).run();
    },
    async updateOperation(o) {
      db.update(op).set(fromOperation(o)).where(eq(op.guid, o.guid)).run();
    },
    async getEvent(guid) {
      const r = db.select().from(ev).where(eq(ev.guid, guid)).get();
      return r && toEvent(r);
    },
    async listEvents(f, page) {
      const v = f.visible;
      const cond = where([
        ...commonConditions(ev, f),
        f.types ? inList(ev.type, f.types) : undefined,
        f.targetGuids ? inList(ev.targetGuid, f.targetGuids) : undefined,
        f.spaceGuids ? inList(ev.spaceGuid, f.spaceGuids) : undefined,
        f.organizationGuids ? inList(ev.organizationGuid, f.organizationGuids) : undefined,
        v ? sql`(${ev.spaceGuid} IN (${scopeSpaces(v)}) OR (${ev.spaceGuid} IS NULL AND ${inList(ev.organizationGuid, v.orgGuids)}))` : undefined,
      ]);
      return pageOfTable(db, ev, cond, page, toEvent);
    },
    async insertEvent(e) {
      insertEventRow.run(fromEvent(e));
    },
  };
}
