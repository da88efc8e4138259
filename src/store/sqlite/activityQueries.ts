import { and, asc, eq, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import { UNFINISHED_OPERATION_STATES, type AuditEvent, type Operation } from '../../core/records';
import type { ReadStore, WriteStore } from '../../core/store';
import { pageOfTable, scopeSpaces, type QueryContext } from './db';
import { commonConditions, first, run, where } from './filters';
import { fromEvent, fromOperation, storedOperationState, toEvent, toOperation } from './rows';

type ActivityRead = Pick<ReadStore, 'getOperation' | 'listDueOperations' | 'listDueNotifications' | 'getEvent' | 'listEvents'>;
type ActivityWrite = Pick<WriteStore, 'insertOperation' | 'updateOperation' | 'lockOperation' | 'insertEvent'>;

export function activityQueries({ db, t, d }: QueryContext): ActivityRead & ActivityWrite {
  const { operations: op, events: ev } = t;
  const inList = d.inList;
  const opByGuid = db
    .select()
    .from(op)
    .where(eq(op.guid, sql.placeholder('guid')))
    .prepare();
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
  // every field of an operation but its guid, as placeholders of one compiled insert and one compiled update
  const q = <K extends keyof Operation>(k: K) => sql`${sql.placeholder(k)}`;
  const operationValues = {
    operation: q('operation'),
    state: q('state'),
    resourceType: q('resourceType'),
    resourceGuid: q('resourceGuid'),
    userGuid: q('userGuid'),
    input: q('input'),
    errors: q('errors'),
    warnings: q('warnings'),
    runAfter: q('runAfter'),
    result: q('result'),
    hooks: q('hooks'),
    hookResults: q('hookResults'),
    notifyDue: q('notifyDue'),
    startedAt: q('startedAt'),
    finishedAt: q('finishedAt'),
    createdAt: q('createdAt'),
    updatedAt: q('updatedAt'),
  } satisfies Record<Exclude<keyof Operation, 'guid'>, SQL>;
  const insertOperationRow = db
    .insert(op)
    .values({ guid: q('guid'), ...operationValues })
    .prepare();
  const updateOperationRow = db
    .update(op)
    .set(operationValues)
    .where(eq(op.guid, sql.placeholder('guid')))
    .prepare();
  const dueOperations = db
    .select()
    .from(op)
    .where(and(inArray(op.state, UNFINISHED_OPERATION_STATES.map(storedOperationState)), lte(op.runAfter, sql.placeholder('now'))))
    .orderBy(asc(op.id))
    .limit(sql.placeholder('limit'))
    .prepare();
  const dueNotifications = db
    .select()
    .from(op)
    .where(and(isNotNull(op.notifyDue), lte(op.notifyDue, sql.placeholder('now'))))
    .orderBy(asc(op.id))
    .limit(sql.placeholder('limit'))
    .prepare();
  return {
    async getOperation(guid) {
      const r = await first(opByGuid.execute({ guid }));
      return r && toOperation(r);
    },
    // SQLite has one writer: the transaction that reads the row already holds the database (PostgreSQL locks the
    // row, postgres/lockingQueries.ts)
    async lockOperation(guid) {
      const r = await first(opByGuid.execute({ guid }));
      return r && toOperation(r);
    },
    async listDueOperations(now, limit) {
      return (await run(dueOperations.execute({ now, limit }))).map(toOperation);
    },
    async listDueNotifications(now, limit) {
      return (await run(dueNotifications.execute({ now, limit }))).map(toOperation);
    },
    async insertOperation(o) {
      await insertOperationRow.execute(fromOperation(o));
    },
    async updateOperation(o) {
      await updateOperationRow.execute(fromOperation(o));
    },
    async getEvent(guid) {
      const r = await first(db.select().from(ev).where(eq(ev.guid, guid)));
      return r && toEvent(r);
    },
    async listEvents(f, page) {
      const v = f.visible;
      const cond = where([
        ...commonConditions(d, ev, f),
        f.types ? inList(ev.type, f.types) : undefined,
        f.targetGuids ? inList(ev.targetGuid, f.targetGuids) : undefined,
        f.spaceGuids ? inList(ev.spaceGuid, f.spaceGuids) : undefined,
        f.organizationGuids ? inList(ev.organizationGuid, f.organizationGuids) : undefined,
        v ? sql`(${ev.spaceGuid} IN (${scopeSpaces(d, v)}) OR (${ev.spaceGuid} IS NULL AND ${inList(ev.organizationGuid, v.orgGuids)}))` : undefined,
      ]);
      return pageOfTable(db, ev, cond, page, toEvent);
    },
    async insertEvent(e) {
      await insertEventRow.execute(fromEvent(e));
    },
  };
}
