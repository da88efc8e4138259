import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Share } from '../../core/records';
import type { ReadStore, RoleFilter, RoleRow, WriteStore } from '../../core/store';
import type { SqlDialect } from '../sqlDialect';
import { scopeSpaces, type QueryContext, type Schema } from './db';
import { commonConditions, first, run, offsetOf, orderColumns, where } from './filters';
import { toShare, toShareRole } from './rows';

/** The columns and conditions of the v3 roles view over shares and their roles. */
function roleView(d: SqlDialect, { shares: sh, shareRoles: sr, spaces: sp }: Schema) {
  const inList = d.inList;
  const roleType = sql<string>`${sh.resourceType} || '_' || ${sr.role}`;
  const roleOrg = sql<string>`CASE WHEN ${sh.resourceType} = 'space' THEN ${sp.organizationGuid} ELSE ${sh.resourceGuid} END`;
  const roleColumns = {
    guid: sr.guid,
    type: roleType,
    userGuid: sh.granteeGuid,
    resourceType: sh.resourceType,
    resourceGuid: sh.resourceGuid,
    organizationGuid: roleOrg,
    createdAt: sr.createdAt,
    updatedAt: sr.updatedAt,
  };
  const liveUserRoles = and(isNull(sh.deletedAt), eq(sh.granteeType, 'user'), inList(sh.resourceType, ['organization', 'space']));

  function roleConditions(f: RoleFilter): SQL | undefined {
    const v = f.visible;
    return where([
      liveUserRoles,
      ...commonConditions(d, { guid: sr.guid, createdAt: sr.createdAt, updatedAt: sr.updatedAt }, f),
      f.types ? inList(roleType, f.types) : undefined,
      f.userGuids ? inList(sh.granteeGuid, f.userGuids) : undefined,
      f.spaceGuids ? sql`(${sh.resourceType} = 'space' AND ${inList(sh.resourceGuid, f.spaceGuids)})` : undefined,
      // as in Cloud Controller's roles view, only organization roles carry an organization (space roles have none)
      f.organizationGuids ? sql`(${sh.resourceType} = 'organization' AND ${inList(sh.resourceGuid, f.organizationGuids)})` : undefined,
      v
        ? sql`(${sh.granteeGuid} = ${v.userGuid} OR (${sh.resourceType} = 'space' AND ${sh.resourceGuid} IN (${scopeSpaces(d, v)})) OR (${sh.resourceType} = 'organization' AND ${inList(sh.resourceGuid, v.orgGuids)}))`
        : undefined,
    ]);
  }
  return { roleColumns, liveUserRoles, roleConditions };
}

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
  const { roleColumns, liveUserRoles, roleConditions } = roleView(d, t);
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
  const insertRole = db
    .insert(sr)
    .values({
      guid: sql.placeholder('guid'),
      shareGuid: sql.placeholder('shareGuid'),
      role: sql.placeholder('role'),
      createdAt: sql.placeholder('createdAt'),
      updatedAt: sql.placeholder('updatedAt'),
    })
    .prepare();
  const deleteRole = db
    .delete(sr)
    .where(eq(sr.guid, sql.placeholder('guid')))
    .prepare();
  const roleQuery = () =>
    db
      .select(roleColumns)
      .from(sr)
      .innerJoin(sh, eq(sh.guid, sr.shareGuid))
      .leftJoin(sp, and(eq(sh.resourceType, 'space'), eq(sp.guid, sh.resourceGuid)));
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
      const [totalRow] = await db
        .select({ n: count() })
        .from(sr)
        .innerJoin(sh, eq(sh.guid, sr.shareGuid))
        .leftJoin(sp, and(eq(sh.resourceType, 'space'), eq(sp.guid, sh.resourceGuid)))
        .where(cond);
      const total = totalRow!.n;
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
      await insertRole.execute({ ...role });
    },
    async deleteShareRole(guid) {
      await deleteRole.execute({ guid });
    },
  };
}
