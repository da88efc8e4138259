import { and, count, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { InstanceFilter, ReadStore, TextCondition, WriteStore } from '../../core/store';
import { schema, scopeSpaces, spacesOfOrganizations, type Db } from './db';
import { commonConditions, inList, offsetOf, orderColumns, where } from './filters';
import { fromInstance, toInstance } from './rows';

const { serviceInstances: si } = schema;

/**
 * Ids of the instances a non-admin sees, as a union of indexed lookups: instances of its spaces (by space), instances
 * shared into its spaces and instances shared with it (shares by grantee, then instances by guid), and instances it
 * owns (by owner). Each part reads only the rows it yields, so the cost follows the caller's visible set, not the table.
 */
function visibleIds(v: NonNullable<InstanceFilter['visible']>): SQL {
  const spaces = scopeSpaces(v);
  const sharedWith = (grantee: SQL) =>
    sql`SELECT i.id FROM shares s JOIN service_instances i ON i.guid = s.resource_guid WHERE ${grantee} AND s.resource_type = 'service_instance' AND s.deleted_at IS NULL`;
  return sql`SELECT id FROM service_instances WHERE space_guid IN (${spaces})
    UNION ${sharedWith(sql`s.grantee_type = 'space' AND s.grantee_guid IN (${spaces})`)}
    UNION ${sharedWith(sql`s.grantee_type = 'user' AND s.grantee_guid = ${v.userGuid}`)}
    UNION SELECT id FROM service_instances WHERE owner_guid = ${v.userGuid}`;
}

/** Instances shared into any space of the sub-select. */
const sharedInto = (spaces: SQL) =>
  sql`${si.guid} IN (SELECT resource_guid FROM shares WHERE resource_type = 'service_instance' AND grantee_type = 'space' AND deleted_at IS NULL AND grantee_guid IN (${spaces}))`;

const COMPARE = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

function nameCondition(c: TextCondition): SQL {
  if (c.op === 'eq') return sql`${si.name} COLLATE NOCASE IN (SELECT value FROM json_each(${JSON.stringify(c.values)}))`;
  return sql`${si.name} COLLATE NOCASE ${sql.raw(COMPARE[c.op])} ${c.values[0] ?? ''}`;
}

function conditions(f: InstanceFilter): SQL | undefined {
  const v = f.visible;
  const spaceList = (guids: string[]) => sql`SELECT value FROM json_each(${JSON.stringify(guids)})`;
  return where([
    ...commonConditions(si, f),
    f.names ? inList(si.name, f.names) : undefined,
    f.excludedNames?.length ? sql`NOT ${inList(si.name, f.excludedNames)}` : undefined,
    f.excludedGuids?.length ? sql`NOT ${inList(si.guid, f.excludedGuids)}` : undefined,
    ...(f.nameConditions ?? []).map(nameCondition),
    f.type ? eq(si.type, f.type) : undefined,
    f.servicePlanGuids ? inList(si.servicePlanGuid, f.servicePlanGuids) : undefined,
    f.ownSpaceGuids ? inList(si.spaceGuid, f.ownSpaceGuids) : undefined,
    f.ownOrganizationGuids ? sql`${si.spaceGuid} IN (${spacesOfOrganizations(f.ownOrganizationGuids)})` : undefined,
    f.spaceGuids ? sql`(${inList(si.spaceGuid, f.spaceGuids)} OR ${sharedInto(spaceList(f.spaceGuids))})` : undefined,
    f.organizationGuids ? sql`(${si.spaceGuid} IN (${spacesOfOrganizations(f.organizationGuids)}) OR ${sharedInto(spacesOfOrganizations(f.organizationGuids))})` : undefined,
    v ? sql`${si.id} IN (${visibleIds(v)})` : undefined,
  ]);
}

type InstanceRead = Pick<ReadStore, 'getInstance' | 'getInstanceByName' | 'listInstances' | 'instanceSharedIntoSpaceByName'>;
type InstanceWrite = Pick<WriteStore, 'insertInstance' | 'updateInstance' | 'deleteInstance'>;

export function instanceQueries(db: Db): InstanceRead & InstanceWrite {
  const byGuid = db
    .select()
    .from(si)
    .where(eq(si.guid, sql.placeholder('guid')))
    .prepare();
  const byName = db
    .select()
    .from(si)
    .where(and(eq(si.spaceGuid, sql.placeholder('space')), sql`${si.name} = ${sql.placeholder('name')} COLLATE NOCASE`))
    .prepare();
  const sharedByName = db
    .select()
    .from(si)
    .where(and(sql`${si.name} = ${sql.placeholder('name')} COLLATE NOCASE`, sharedInto(sql`SELECT ${sql.placeholder('space')}`)))
    .prepare();

  return {
    async getInstance(guid) {
      const r = byGuid.get({ guid });
      return r && toInstance(r);
    },
    async getInstanceByName(space, name) {
      const r = byName.get({ space, name });
      return r && toInstance(r);
    },
    async instanceSharedIntoSpaceByName(space, name) {
      const r = sharedByName.get({ space, name });
      return r && toInstance(r);
    },
    async listInstances(filter, page) {
      const cond = conditions(filter);
      const order = orderColumns(si, page.orderBy);
      if (!cond) {
        // unfiltered: the count off the smallest index, the page straight off the ordering index
        const total = db.select({ n: count() }).from(si).get()!.n;
        const rows = db
          .select()
          .from(si)
          .orderBy(...order)
          .limit(page.perPage)
          .offset(offsetOf(page))
          .all();
        return { total, items: rows.map(toInstance) };
      }
      // filtered: one statement. The inner select orders only ids and counts every match (a window over the whole
      // result, computed before LIMIT); the page's rows are then read by id, so the sort never carries whole rows.
      const matching = db
        .select({ id: si.id, total: sql<number>`count(*) OVER ()`.as('total') })
        .from(si)
        .where(cond)
        .orderBy(...order)
        .limit(page.perPage)
        .offset(offsetOf(page))
        .as('page');
      const rows = db
        .select({ ...getTableColumns(si), total: matching.total })
        .from(matching)
        .innerJoin(si, eq(si.id, matching.id))
        .orderBy(...order)
        .all();
      // a page past the end has no row to carry the total: count apart (only then)
      const total = rows.length > 0 ? rows[0]!.total : offsetOf(page) === 0 ? 0 : db.select({ n: count() }).from(si).where(cond).get()!.n;
      return { total, items: rows.map(toInstance) };
    },
    async insertInstance(i) {
      db.insert(si).values(fromInstance(i)).run();
    },
    async updateInstance(i) {
      db.update(si).set(fromInstance(i)).where(eq(si.guid, i.guid)).run();
    },
    async deleteInstance(guid) {
      db.delete(si).where(eq(si.guid, guid)).run();
    },
  };
}
