import { and, asc, count, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Share } from '../../core/records';
import type { ReadStore, RoleFilter, RoleRow, WriteStore } from '../../core/store';
import { scopeSpaces, type QueryContext } from './db';
import { first, run, offsetOf, orderColumns } from './filters';
import { roleView } from './roleView';
import { toShare, toShareRole } from './rows';

type ShareRead = Pick<
  ReadStore,
  | 'getLiveShare'
  | 'getShare'
  | 'listLiveSharesOfResource'
  | 'listLiveSharesOfGrantee'
  | 'listShareRoles'
  | 'listLiveSharesWithRoles'
  | 'listLiveSharesOfResources'
  | 'listUserGrants'
  | 'countUserSpaceRolesInOrganization'
  | 'countLiveShares'
  | 'getRole'
  | 'listRoles'
>;
type ShareWrite = Pick<WriteStore, 'insertShare' | 'updateShare' | 'insertShareRole' | 'deleteShareRole'>;

export function shareQueries({ db, t, d }: QueryContext): ShareRead & ShareWrite {
  const { shares: sh, shareRoles: sr, spaces: sp } = t;
  const { roleColumns, liveUserRoles, roleConditions, typePairs } = roleView(d, t);
  const live = db
    .select()
    .from(sh)
    .where(
      and(
        eq(sh.resourceType, sql.placeholder('rt')),
        eq(sh.resourceGuid, sql.placeholder('rg')),
        eq(sh.granteeType, sql.placeholder('gt')),
        eq(sh.granteeGuid, sql.placeholder('gg')),
        isNull(sh.deletedAt),
      ),
    )
    .prepare();
  const ofResource = db
    .select()
    .from(sh)
    .where(and(eq(sh.resourceType, sql.placeholder('rt')), eq(sh.resourceGuid, sql.placeholder('rg')), eq(sh.granteeType, sql.placeholder('gt')), isNull(sh.deletedAt)))
    .orderBy(asc(sh.id))
    .prepare();
  const grants = db
    .select({ resourceType: sh.resourceType, resourceGuid: sh.resourceGuid, roles: sql<string | null>`${d.groupConcat(sr.role)}`, organizationGuid: sp.organizationGuid })
    .from(sh)
    .leftJoin(sr, eq(sr.shareGuid, sh.guid))
    .leftJoin(sp, and(eq(sh.resourceType, 'space'), eq(sp.guid, sh.resourceGuid)))
    .where(and(eq(sh.granteeType, 'user'), eq(sh.granteeGuid, sql.placeholder('user')), isNull(sh.deletedAt)))
    .groupBy(sh.id, sp.organizationGuid)
    .prepare();
  // the statements of every single-row read and write, built and compiled once
  const byGuid = db
    .select()
    .from(sh)
    .where(eq(sh.guid, sql.placeholder('guid')))
    .prepare();
  const ofGrantee = db
    .select()
    .from(sh)
    .where(and(eq(sh.granteeType, sql.placeholder('gt')), eq(sh.granteeGuid, sql.placeholder('gg')), isNull(sh.deletedAt)))
    .orderBy(sh.id)
    .prepare();
  const rolesOf = db
    .select()
    .from(sr)
    .where(eq(sr.shareGuid, sql.placeholder('share')))
    .orderBy(sr.id)
    .prepare();
  const withRoles = db
    .select({ share: sh, role: sr.role })
    .from(sh)
    .leftJoin(sr, eq(sr.shareGuid, sh.guid))
    .where(and(eq(sh.resourceType, sql.placeholder('rt')), eq(sh.resourceGuid, sql.placeholder('rg')), eq(sh.granteeType, sql.placeholder('gt')), isNull(sh.deletedAt)))
    .orderBy(asc(sh.id), asc(sr.id))
    .prepare();
  const ofResources = db
    .select()
    .from(sh)
    // the guid list as one parameter (SQLite: JSON read with json_each; PostgreSQL: an array)
    .where(and(eq(sh.resourceType, sql.placeholder('rt')), d.inPlaceholder(sh.resourceGuid, 'guids'), eq(sh.granteeType, sql.placeholder('gt')), isNull(sh.deletedAt)))
    .orderBy(asc(sh.id))
    .prepare();
  const countLive = db
    .select({ n: count() })
    .from(sh)
    .where(and(eq(sh.resourceType, sql.placeholder('rt')), eq(sh.resourceGuid, sql.placeholder('rg')), eq(sh.granteeType, sql.placeholder('gt')), isNull(sh.deletedAt)))
    .prepare();
  const insert = db
    .insert(sh)
    .values({
      guid: sql.placeholder('guid'),
      resourceType: sql.placeholder('resourceType'),
      resourceGuid: sql.placeholder('resourceGuid'),
      granteeType: sql.placeholder('granteeType'),
      granteeGuid: sql.placeholder('granteeGuid'),
      revision: sql.placeholder('revision'),
      createdAt: sql.placeholder('createdAt'),
      updatedAt: sql.placeholder('updatedAt'),
      deletedAt: sql.placeholder('deletedAt'),
    })
    .prepare();
  const update = db
    .update(sh)
    .set({ revision: sql`${sql.placeholder('revision')}`, updatedAt: sql`${sql.placeholder('updatedAt')}`, deletedAt: sql`${sql.placeholder('deletedAt')}` })
    .where(and(eq(sh.guid, sql.placeholder('guid')), eq(sh.revision, sql.placeholder('expected'))))
    .returning({ id: sh.id })
    .prepare();
  // the role with its share's resource and grantee, in one statement
  const insertRole = (role: { guid: string; shareGuid: string; role: string; createdAt: number; updatedAt: number }) =>
    d.rows(
      db,
      sql`INSERT INTO share_roles (guid, share_guid, role, created_at, updated_at, resource_type, resource_guid, grantee_type, grantee_guid)
        SELECT ${role.guid}, guid, ${role.role}, ${role.createdAt}, ${role.updatedAt}, resource_type, resource_guid, grantee_type, grantee_guid FROM shares WHERE guid = ${role.shareGuid}
        RETURNING id`,
    );
  // a role of a missing share: the plain insert, refused by the foreign key as before
  const insertOrphanRole = (role: { guid: string; shareGuid: string; role: string; createdAt: number; updatedAt: number }) =>
    db.insert(sr).values({ guid: role.guid, shareGuid: role.shareGuid, role: role.role, createdAt: role.createdAt, updatedAt: role.updatedAt });
  const deleteRole = db
    .delete(sr)
    .where(eq(sr.guid, sql.placeholder('guid')))
    .prepare();
  const roleQuery = () =>
    db
      .select(roleColumns)
      .from(sr)
      .leftJoin(sp, and(eq(sr.resourceType, 'space'), eq(sp.guid, sr.resourceGuid)));
  /**
   * The number of roles a non-admin sees, without deduplicating a union: its own roles (off the grantee index) plus
   * the roles of others in the spaces and organizations it may read. The two sets are disjoint, so their counts add
   * up. The others' count takes the cheaper of two ways: when few roles are held by anyone else (at most
   * FEW_OTHERS, counted off the grantee index on both sides of the caller), it checks each of those against the
   * readable lists; otherwise it looks up each readable resource. Both count exactly.
   */
  const FEW_OTHERS = 1000;
  const visibleRoleCount = async (filter: RoleFilter, v: NonNullable<RoleFilter['visible']>): Promise<number> => {
    const rest = roleConditions({ ...filter, visible: undefined });
    // own roles: one seek per (resource type, roles) along the grantee index, rather than one pass over all of them
    const ownOf = async (c: SQL | undefined) =>
      (await first(
        db
          .select({ n: count() })
          .from(sr)
          .where(and(c, eq(sr.granteeGuid, v.userGuid))),
      ))!.n;
    const untyped = roleConditions({ ...filter, types: undefined, visible: undefined });
    let own = 0;
    if (filter.types) for (const [resourceType, roles] of typePairs(filter.types)) own += await ownOf(and(untyped, eq(sr.resourceType, resourceType), inArray(sr.role, roles)));
    else own = await ownOf(rest);
    const countOf = async (query: SQL) => Number((await d.rows<{ n: number }>(db, query))[0]!.n);
    // only the grantee column is constrained, so that these read the grantee index as two ranges
    const otherIds = sql`SELECT id FROM share_roles WHERE grantee_guid < ${v.userGuid} UNION ALL SELECT id FROM share_roles WHERE grantee_guid > ${v.userGuid}`;
    const heldByOthers = await countOf(sql`SELECT count(*) AS n FROM (${otherIds} LIMIT ${FEW_OTHERS + 1}) AS other`);
    if (heldByOthers === 0) return own;
    const readableResource = sql`((${sr.resourceType} = 'space' AND ${sr.resourceGuid} IN (${scopeSpaces(d, v)})) OR (${sr.resourceType} = 'organization' AND ${d.inList(sr.resourceGuid, v.orgGuids)}))`;
    if (heldByOthers <= FEW_OTHERS) {
      // driven by the others' roles (CROSS JOIN keeps that order), each checked against the readable lists
      return own + (await countOf(sql`SELECT count(*) AS n FROM (${otherIds}) AS other CROSS JOIN ${sr} WHERE ${sr.id} = other.id AND ${rest} AND ${readableResource}`));
    }
    // driven by the readable resources (CROSS JOIN keeps that order: each resource one index lookup), not by a scan of
    // every role of the kind
    const readable = sql`SELECT 'space' AS kind, guid FROM (${scopeSpaces(d, v)}) AS s
      UNION ALL SELECT 'organization', value FROM (${d.listOf(v.orgGuids)}) AS o`;
    return (
      own +
      (await countOf(
        sql`SELECT count(*) AS n FROM (${readable}) AS readable CROSS JOIN ${sr}
        WHERE ${sr.resourceGuid} = readable.guid AND ${sr.resourceType} = readable.kind AND ${sr.granteeGuid} <> ${v.userGuid} AND ${rest}`,
      ))
    );
  };
  const toRole = (r: { resourceType: string } & Omit<RoleRow, 'resourceType'>): RoleRow => ({ ...r, resourceType: r.resourceType as RoleRow['resourceType'] });

  return {
    async getLiveShare(rt, rg, gt, gg) {
      const r = await first(live.execute({ rt, rg, gt, gg }));
      return r && toShare(r);
    },
    async getShare(guid) {
      const r = await first(byGuid.execute({ guid }));
      return r && toShare(r);
    },
    async listLiveSharesOfResource(rt, rg, gt) {
      return (await run(ofResource.execute({ rt, rg, gt }))).map(toShare);
    },
    async listLiveSharesOfGrantee(gt, gg) {
      return (await run(ofGrantee.execute({ gt, gg }))).map(toShare);
    },
    async listShareRoles(shareGuid) {
      return (await run(rolesOf.execute({ share: shareGuid }))).map(toShareRole);
    },
    async listLiveSharesWithRoles(rt, rg, gt) {
      const out: { share: Share; roles: string[] }[] = [];
      let last: { share: Share; roles: string[] } | undefined;
      for (const r of await run(withRoles.execute({ rt, rg, gt }))) {
        if (last?.share.guid !== r.share.guid) out.push((last = { share: toShare(r.share), roles: [] }));
        if (r.role !== null) last.roles.push(r.role);
      }
      return out;
    },
    async listLiveSharesOfResources(rt, guids, gt) {
      if (guids.length === 0) return [];
      return (await run(ofResources.execute({ rt, guids: d.listParam(guids), gt }))).map(toShare);
    },
    async listUserGrants(user) {
      return (await run(grants.execute({ user }))).map((g) => ({
        resourceType: g.resourceType as RoleRow['resourceType'],
        resourceGuid: g.resourceGuid,
        roles: g.roles ? g.roles.split(',') : [],
        organizationGuid: g.organizationGuid,
      }));
    },
    async countUserSpaceRolesInOrganization(user, org) {
      const [row] = await db
        .select({ n: count() })
        .from(sh)
        .innerJoin(sp, eq(sp.guid, sh.resourceGuid))
        // a share whose roles are all gone (or all outside a dialect's vocabulary) holds no role
        .innerJoin(sr, eq(sr.shareGuid, sh.guid))
        .where(and(eq(sh.resourceType, 'space'), eq(sh.granteeType, 'user'), eq(sh.granteeGuid, user), isNull(sh.deletedAt), eq(sp.organizationGuid, org)));
      return row!.n;
    },
    async countLiveShares(rt, rg, gt) {
      return (await first(countLive.execute({ rt, rg, gt })))!.n;
    },
    async getRole(guid) {
      const r = await first(roleQuery().where(and(liveUserRoles, eq(sr.guid, guid))));
      return r && toRole(r);
    },
    async listRoles(filter, page) {
      const cond = roleConditions(filter);
      const total = filter.visible ? await visibleRoleCount(filter, filter.visible) : (await first(db.select({ n: count() }).from(sr).where(cond)))!.n;
      const rows = await roleQuery()
        .where(cond)
        .orderBy(...orderColumns({ id: sr.id, createdAt: sr.createdAt, updatedAt: sr.updatedAt }, page.orderBy))
        .limit(page.perPage)
        .offset(offsetOf(page));
      return { total, items: rows.map(toRole) };
    },

    async insertShare(share) {
      await insert.execute({ ...share });
    },
    async updateShare(share, expectedRevision) {
      const rows = await update.execute({ guid: share.guid, revision: share.revision, updatedAt: share.updatedAt, deletedAt: share.deletedAt, expected: expectedRevision });
      return rows.length === 1;
    },
    async insertShareRole(role) {
      if ((await insertRole(role)).length === 0) await insertOrphanRole(role);
    },
    async deleteShareRole(guid) {
      await deleteRole.execute({ guid });
    },
  };
}
