import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Share } from '../../core/records';
import type { ReadStore, RoleFilter, RoleRow, WriteStore } from '../../core/store';
import { schema, scopeSpaces, type Db } from './db';
import { commonConditions, inList, offsetOf, orderColumns, where } from './filters';
import { toShare, toShareRole } from './rows';

const { shares: sh, shareRoles: sr, spaces: sp } = schema;

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
    ...commonConditions({ guid: sr.guid, createdAt: sr.createdAt, updatedAt: sr.updatedAt }, f),
    f.types ? inList(roleType, f.types) : undefined,
    f.userGuids ? inList(sh.granteeGuid, f.userGuids) : undefined,
    f.spaceGuids ? sql`(${sh.resourceType} = 'space' AND ${inList(sh.resourceGuid, f.spaceGuids)})` : undefined,
    // as in Cloud Controller's roles view, only organization roles carry an organization (space roles have none)
    f.organizationGuids ? sql`(${sh.resourceType} = 'organization' AND ${inList(sh.resourceGuid, f.organizationGuids)})` : undefined,
    v
      ? sql`(${sh.granteeGuid} = ${v.userGuid} OR (${sh.resourceType} = 'space' AND ${sh.resourceGuid} IN (${scopeSpaces(v)})) OR (${sh.resourceType} = 'organization' AND ${inList(sh.resourceGuid, v.orgGuids)}))`
      : undefined,
  ]);
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

export function shareQueries(db: Db): ShareRead & ShareWrite {
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
    .select({ resourceType: sh.resourceType, resourceGuid: sh.resourceGuid, roles: sql<string | null>`group_concat(${sr.role})`, organizationGuid: sp.organizationGuid })
    .from(sh)
    .leftJoin(sr, eq(sr.shareGuid, sh.guid))
    .leftJoin(sp, and(eq(sh.resourceType, 'space'), eq(sp.guid, sh.resourceGuid)))
    .where(and(eq(sh.granteeType, 'user'), eq(sh.granteeGuid, sql.placeholder('user')), isNull(sh.deletedAt)))
    .groupBy(sh.id)
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
    // the guid list as one JSON parameter (SQLite's json_each; a list parameter elsewhere)
    .where(
      and(
        eq(sh.resourceType, sql.placeholder('rt')),
        sql`${sh.resourceGuid} IN (SELECT value FROM json_each(${sql.placeholder('guids')}))`,
        eq(sh.granteeType, sql.placeholder('gt')),
        isNull(sh.deletedAt),
      ),
    )
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
      const r = live.get({ rt, rg, gt, gg });
      return r && toShare(r);
    },
    async getShare(guid) {
      const r = byGuid.get({ guid });
      return r && toShare(r);
    },
    async listLiveSharesOfResource(rt, rg, gt) {
      return ofResource.all({ rt, rg, gt }).map(toShare);
    },
    async listLiveSharesOfGrantee(gt, gg) {
      return ofGrantee.all({ gt, gg }).map(toShare);
    },
    async listShareRoles(shareGuid) {
      return rolesOf.all({ share: shareGuid }).map(toShareRole);
    },
    async listLiveSharesWithRoles(rt, rg, gt) {
      const out: { share: Share; roles: string[] }[] = [];
      let last: { share: Share; roles: string[] } | undefined;
      for (const r of withRoles.all({ rt, rg, gt })) {
        if (last?.share.guid !== r.share.guid) out.push((last = { share: toShare(r.share), roles: [] }));
        if (r.role !== null) last.roles.push(r.role);
      }
      return out;
    },
    async listLiveSharesOfResources(rt, guids, gt) {
      if (guids.length === 0) return [];
      return ofResources.all({ rt, guids: JSON.stringify(guids), gt }).map(toShare);
    },
    async listUserGrants(user) {
      return grants.all({ user }).map((g) => ({
        resourceType: g.resourceType as RoleRow['resourceType'],
        resourceGuid: g.resourceGuid,
        roles: g.roles ? g.roles.split(',') : [],
        organizationGuid: g.organizationGuid,
      }));
    },
    async countUserSpaceRolesInOrganization(user, org) {
      return (
        db
          .select({ n: count() })
          .from(sh)
          .innerJoin(sp, eq(sp.guid, sh.resourceGuid))
          // a share whose roles are all gone (or all outside a dialect's vocabulary) holds no role
          .innerJoin(sr, eq(sr.shareGuid, sh.guid))
          .where(and(eq(sh.resourceType, 'space'), eq(sh.granteeType, 'user'), eq(sh.granteeGuid, user), isNull(sh.deletedAt), eq(sp.organizationGuid, org)))
          .get()!.n
      );
    },
    async countLiveShares(rt, rg, gt) {
      return countLive.get({ rt, rg, gt })!.n;
    },
    async getRole(guid) {
      const r = roleQuery()
        .where(and(liveUserRoles, eq(sr.guid, guid)))
        .get();
      return r && toRole(r);
    },
    async listRoles(filter, page) {
      const cond = roleConditions(filter);
      const total = db
        .select({ n: count() })
        .from(sr)
        .innerJoin(sh, eq(sh.guid, sr.shareGuid))
        .leftJoin(sp, and(eq(sh.resourceType, 'space'), eq(sp.guid, sh.resourceGuid)))
        .where(cond)
        .get()!.n;
      const rows = roleQuery()
        .where(cond)
        .orderBy(...orderColumns({ id: sr.id, createdAt: sr.createdAt, updatedAt: sr.updatedAt }, page.orderBy))
        .limit(page.perPage)
        .offset(offsetOf(page))
        .all();
      return { total, items: rows.map(toRole) };
    },

    async insertShare(share) {
      insert.run({ ...share });
    },
    async updateShare(share, expectedRevision) {
      const r = update.run({ guid: share.guid, revision: share.revision, updatedAt: share.updatedAt, deletedAt: share.deletedAt, expected: expectedRevision });
      return r.changes === 1;
    },
    async insertShareRole(role) {
      insertRole.run({ ...role });
    },
    async deleteShareRole(guid) {
      deleteRole.run({ guid });
    },
  };
}
