import { and, count, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { InstanceFilter, ReadStore, TextCondition, WriteStore } from '../../core/store';
import type { SqlDialect } from '../sqlDialect';
import { scopeSpaces, spacesOfOrganizations, type QueryContext, type Schema } from './db';
import { nameCondition as nameConditionOf } from './directoryQueries';
import { commonConditions, first, offsetOf, orderColumns, where } from './filters';
import { fromInstance, toInstance } from './rows';

type Instances = Schema['serviceInstances'];

/**
 * Ids of the instances a non-admin sees, as a union of indexed lookups: instances of its spaces (by space), instances
 * shared into its spaces and instances shared with it (shares by grantee, then instances by guid), and instances it
 * owns (by owner). Each part reads only the rows it yields, so the cost follows the caller's visible set, not the table.
 */
function visibleIds(d: SqlDialect, v: NonNullable<InstanceFilter['visible']>): SQL {
  const spaces = scopeSpaces(d, v);
  const sharedWith = (grantee: SQL) =>
    sql`SELECT i.id FROM shares s JOIN service_instances i ON i.guid = s.resource_guid WHERE ${grantee} AND s.resource_type = 'service_instance' AND s.deleted_at IS NULL`;
  return sql`SELECT id FROM service_instances WHERE space_guid IN (${spaces})
    UNION ${sharedWith(sql`s.grantee_type = 'space' AND s.grantee_guid IN (${spaces})`)}
    UNION ${sharedWith(sql`s.grantee_type = 'user' AND s.grantee_guid = ${v.userGuid}`)}
    UNION SELECT id FROM service_instances WHERE owner_guid = ${v.userGuid}`;
}

/** Instances shared into any space of the sub-select. */
const sharedInto = (si: Instances, spaces: SQL) =>
  sql`${si.guid} IN (SELECT resource_guid FROM shares WHERE resource_type = 'service_instance' AND grantee_type = 'space' AND deleted_at IS NULL AND grantee_guid IN (${spaces}))`;

function conditions(d: SqlDialect, si: Instances, f: InstanceFilter): SQL | undefined {
  const v = f.visible;
  const inList = d.inList;
  const nameCondition = (c: TextCondition) => nameConditionOf(d, si.name, c);
  return where([
    ...commonConditions(d, si, f),
    f.names ? inList(si.name, f.names) : undefined,
    f.excludedNames?.length ? sql`NOT ${inList(si.name, f.excludedNames)}` : undefined,
    f.excludedGuids?.length ? sql`NOT ${inList(si.guid, f.excludedGuids)}` : undefined,
    ...(f.nameConditions ?? []).map(nameCondition),
    f.type ? eq(si.type, f.type) : undefined,
    f.servicePlanGuids ? inList(si.servicePlanGuid, f.servicePlanGuids) : undefined,
    f.ownSpaceGuids ? inList(si.spaceGuid, f.ownSpaceGuids) : undefined,
    f.ownOrganizationGuids ? sql`${si.spaceGuid} IN (${spacesOfOrganizations(d, f.ownOrganizationGuids)})` : undefined,
    f.spaceGuids ? sql`(${inList(si.spaceGuid, f.spaceGuids)} OR ${sharedInto(si, d.listOf(f.spaceGuids))})` : undefined,
    f.organizationGuids
      ? sql`(${si.spaceGuid} IN (${spacesOfOrganizations(d, f.organizationGuids)}) OR ${sharedInto(si, spacesOfOrganizations(d, f.organizationGuids))})`
      : undefined,
    v ? sql`${si.id} IN (${visibleIds(d, v)})` : undefined,
  ]);
}

type InstanceRead = Pick<ReadStore, 'getInstance' | 'getInstanceByName' | 'listInstances' | 'instanceSharedIntoSpaceByName'>;
type InstanceWrite = Pick<WriteStore, 'insertInstance' | 'updateInstance' | 'deleteInstance'>;

export function instanceQueries({ db, t, d }: QueryContext): InstanceRead & InstanceWrite {
  const { serviceInstances: si } = t;
  const byGuid = db
    .select()
    .from(si)
    .where(eq(si.guid, sql.placeholder('guid')))
    .prepare();
  const byName = db
    .select()
    .from(si)
    .where(and(eq(si.spaceGuid, sql.placeholder('space')), d.compareNoCase(si.name, 'eq', sql.placeholder('name'))))
    .prepare();
  const sharedByName = db
    .select()
    .from(si)
    .where(and(d.compareNoCase(si.name, 'eq', sql.placeholder('name')), sharedInto(si, sql`SELECT CAST(${sql.placeholder('space')} AS TEXT)`)))
    .prepare();

  return {
    async getInstance(guid) {
      const r = await first(byGuid.execute({ guid }));
      return r && toInstance(r);
    },
    async getInstanceByName(space, name) {
      const r = await first(byName.execute({ space, name }));
      return r && toInstance(r);
    },
    async instanceSharedIntoSpaceByName(space, name) {
      const r = await first(sharedByName.execute({ space, name }));
      return r && toInstance(r);
    },
    async listInstances(filter, page) {
      const cond = conditions(d, si, filter);
      const order = orderColumns(si, page.orderBy);
      if (filter.visible) {
        // a non-admin's list, one statement: the inner select orders only the ids of the visible set (bounded by the
        // caller's access) and counts them all (a window over the whole result, computed before LIMIT); the page's
        // rows are then read by id, so the sort never carries whole rows
        const matching = db
          .select({ id: si.id, total: sql<number>`count(*) OVER ()`.mapWith(Number).as('total') })
          .from(si)
          .where(cond)
          .orderBy(...order)
          .limit(page.perPage)
          .offset(offsetOf(page))
          .as('page');
        const rows = await db
          .select({ ...getTableColumns(si), total: matching.total })
          .from(matching)
          .innerJoin(si, eq(si.id, matching.id))
          .orderBy(...order);
        // a page past the end has no row to carry the total: count apart (only then)
        const total = rows.length > 0 ? Number(rows[0]!.total) : offsetOf(page) === 0 ? 0 : (await first(db.select({ n: count() }).from(si).where(cond)))!.n;
        return { total, items: rows.map(toInstance) };
      }
      // everything, or a filter over everything (admins): the count, then the page, which stops after its rows rather
      // than materialising every match as a window would
      const [totalRow] = await db.select({ n: count() }).from(si).where(cond);
      const rows = await (cond
        ? db
            .select()
            .from(si)
            .where(
              inArray(
                si.id,
                db
                  .select({ id: si.id })
                  .from(si)
                  .where(cond)
                  .orderBy(...order)
                  .limit(page.perPage)
                  .offset(offsetOf(page)),
              ),
            )
            .orderBy(...order)
        : db
            .select()
            .from(si)
            .orderBy(...order)
            .limit(page.perPage)
            .offset(offsetOf(page)));
      return { total: totalRow!.n, items: rows.map(toInstance) };
    },
    async insertInstance(i) {
      await db.insert(si).values(fromInstance(i));
    },
    async updateInstance(i) {
      await db.update(si).set(fromInstance(i)).where(eq(si.guid, i.guid));
    },
    async deleteInstance(guid) {
      await db.delete(si).where(eq(si.guid, guid));
    },
  };
}
