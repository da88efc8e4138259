import { and, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { InstanceFilter, ReadStore, TextCondition, WriteStore } from '../../core/store';
import type { SqlDialect } from '../sqlDialect';
import { scopeSpaces as scopeSpacesIn, spacesOfOrganizations as spacesOfOrganizationsIn, type QueryContext, type Schema } from './db';
import { nameCondition as nameConditionIn } from './directoryQueries';
import { commonConditions, first, offsetOf, orderColumns, where } from './filters';
import { fromInstance, toInstance } from './rows';

/** Instances shared into any space of the sub-select. */
const sharedInto = (si: Schema['serviceInstances'], spaces: SQL) =>
  sql`${si.guid} IN (SELECT resource_guid FROM shares WHERE resource_type = 'service_instance' AND grantee_type = 'space' AND deleted_at IS NULL AND grantee_guid IN (${spaces}))`;

function conditions(d: SqlDialect, si: Schema['serviceInstances'], f: InstanceFilter): SQL | undefined {
  const v = f.visible;
  const inList = d.inList;
  const spaceList = (guids: string[]) => d.listOf(guids);
  const scopeSpaces = (scope: Parameters<typeof scopeSpacesIn>[1]) => scopeSpacesIn(d, scope);
  const spacesOfOrganizations = (orgs: string[]) => spacesOfOrganizationsIn(d, orgs);
  const nameCondition = (c: TextCondition) => nameConditionIn(d, si.name, c);
  const sharedInto_ = (spaces: SQL) => sharedInto(si, spaces);
  return where([
    ...commonConditions(d, si, f),
    f.names ? inList(si.name, f.names) : undefined,
    f.excludedNames?.length ? sql`NOT ${inList(si.name, f.excludedNames)}` : undefined,
    f.excludedGuids?.length ? sql`NOT ${inList(si.guid, f.excludedGuids)}` : undefined,
    ...(f.nameConditions ?? []).map(nameCondition),
    f.type ? eq(si.type, f.type) : undefined,
    f.servicePlanGuids ? inList(si.servicePlanGuid, f.servicePlanGuids) : undefined,
    f.ownSpaceGuids ? inList(si.spaceGuid, f.ownSpaceGuids) : undefined,
    f.ownOrganizationGuids ? sql`${si.spaceGuid} IN (${spacesOfOrganizations(f.ownOrganizationGuids)})` : undefined,
    f.spaceGuids ? sql`(${inList(si.spaceGuid, f.spaceGuids)} OR ${sharedInto_(spaceList(f.spaceGuids))})` : undefined,
    f.organizationGuids ? sql`(${si.spaceGuid} IN (${spacesOfOrganizations(f.organizationGuids)}) OR ${sharedInto_(spacesOfOrganizations(f.organizationGuids))})` : undefined,
    v
      ? sql`(${si.spaceGuid} IN (${scopeSpaces(v)}) OR ${sharedInto_(scopeSpaces(v))} OR ${si.guid} IN (SELECT resource_guid FROM shares WHERE resource_type = 'service_instance' AND grantee_type = 'user' AND deleted_at IS NULL AND grantee_guid = ${v.userGuid}) OR ${si.ownerGuid} = ${v.userGuid})`
      : undefined,
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
      const [totalRow] = await db.select({ n: count() }).from(si).where(cond);
      const total = totalRow!.n;
      // filtered: the page's ids first, then only those rows, so that the sort never carries whole rows; unfiltered,
      // the page is read straight off the ordering index
      const order = orderColumns(si, page.orderBy);
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
      return { total, items: rows.map(toInstance) };
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
