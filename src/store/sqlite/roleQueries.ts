// v3 roles: the (share, role) rows of users' organization and space shares, listed and counted off share_roles alone.
import { and, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ReadStore, RoleFilter, RoleRow } from '../../core/store';
import { schema, scopeSpaces, type Db } from './db';
import { commonConditions, inList, offsetOf, orderColumns, where } from './filters';

const { shareRoles: sr, spaces: sp } = schema;

// Role lists read share_roles alone: each role carries its share's resource and grantee (schema/sqlite.ts), and a
// role row exists only while its share is live.
const roleType = sql<string>`${sr.resourceType} || '_' || ${sr.role}`;
const roleOrg = sql<string>`CASE WHEN ${sr.resourceType} = 'space' THEN ${sp.organizationGuid} ELSE ${sr.resourceGuid} END`;
const roleColumns = {
  guid: sr.guid,
  type: roleType,
  userGuid: sr.granteeGuid,
  resourceType: sr.resourceType,
  resourceGuid: sr.resourceGuid,
  organizationGuid: roleOrg,
  createdAt: sr.createdAt,
  updatedAt: sr.updatedAt,
};
// the condition of the partial index share_roles_user_roles, word for word, so that the planner can use it
const liveUserRoles = and(eq(sr.granteeType, 'user'), sql`resource_type IN ('organization', 'space')`);

/** `types` as (resource type, roles) pairs; an unknown type names none. */
function typePairs(types: string[]): ['organization' | 'space', string[]][] {
  const pairs: ['organization' | 'space', string[]][] = [];
  for (const resourceType of ['organization', 'space'] as const) {
    const roles = types.filter((t) => t.startsWith(`${resourceType}_`)).map((t) => t.slice(resourceType.length + 1));
    if (roles.length) pairs.push([resourceType, roles]);
  }
  return pairs;
}

/** `types` as (resource type, role) conditions, so that the kind index answers them; an unknown type matches nothing. */
function typesCondition(types: string[]): SQL {
  const parts = typePairs(types).map(([resourceType, roles]) => sql`(${sr.resourceType} = ${resourceType} AND ${inArray(sr.role, roles)})`);
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`0 = 1`;
}

function roleConditions(f: RoleFilter): SQL | undefined {
  const v = f.visible;
  return where([
    liveUserRoles,
    ...commonConditions({ guid: sr.guid, createdAt: sr.createdAt, updatedAt: sr.updatedAt }, f),
    f.types ? typesCondition(f.types) : undefined,
    f.userGuids ? inList(sr.granteeGuid, f.userGuids) : undefined,
    f.spaceGuids ? sql`(${sr.resourceType} = 'space' AND ${inList(sr.resourceGuid, f.spaceGuids)})` : undefined,
    // as in Cloud Controller's roles view, only organization roles carry an organization (space roles have none)
    f.organizationGuids ? sql`(${sr.resourceType} = 'organization' AND ${inList(sr.resourceGuid, f.organizationGuids)})` : undefined,
    v
      ? sql`(${sr.granteeGuid} = ${v.userGuid} OR (${sr.resourceType} = 'space' AND ${sr.resourceGuid} IN (${scopeSpaces(v)})) OR (${sr.resourceType} = 'organization' AND ${inList(sr.resourceGuid, v.orgGuids)}))`
      : undefined,
  ]);
}

export function roleQueries(db: Db): Pick<ReadStore, 'getRole' | 'listRoles'> {
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
  const visibleRoleCount = (filter: RoleFilter, v: NonNullable<RoleFilter['visible']>): number => {
    const rest = roleConditions({ ...filter, visible: undefined });
    // own roles: one seek per (resource type, roles) along the grantee index, rather than one pass over all of them
    const ownOf = (c: SQL | undefined) =>
      db
        .select({ n: count() })
        .from(sr)
        .where(and(c, eq(sr.granteeGuid, v.userGuid)))
        .get()!.n;
    const untyped = roleConditions({ ...filter, types: undefined, visible: undefined });
    const own = filter.types
      ? typePairs(filter.types).reduce((n, [resourceType, roles]) => n + ownOf(and(untyped, eq(sr.resourceType, resourceType), inArray(sr.role, roles))), 0)
      : ownOf(rest);
    // only the grantee column is constrained, so that these read the grantee index as two ranges
    const otherIds = sql`SELECT id FROM share_roles WHERE grantee_guid < ${v.userGuid} UNION ALL SELECT id FROM share_roles WHERE grantee_guid > ${v.userGuid}`;
    const heldByOthers = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (${otherIds} LIMIT ${FEW_OTHERS + 1}) AS other`).n;
    if (heldByOthers === 0) return own;
    const readableResource = sql`((${sr.resourceType} = 'space' AND ${sr.resourceGuid} IN (${scopeSpaces(v)})) OR (${sr.resourceType} = 'organization' AND ${inList(sr.resourceGuid, v.orgGuids)}))`;
    if (heldByOthers <= FEW_OTHERS) {
      // driven by the others' roles (CROSS JOIN keeps that order), each checked against the readable lists
      return own + db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (${otherIds}) AS other CROSS JOIN ${sr} WHERE ${sr.id} = other.id AND ${rest} AND ${readableResource}`).n;
    }
    // driven by the readable resources (CROSS JOIN keeps that order: each resource one index lookup), not by a scan of
    // every role of the kind
    const readable = sql`SELECT 'space' AS kind, guid FROM (${scopeSpaces(v)}) AS s
      UNION ALL SELECT 'organization', value FROM json_each(${JSON.stringify(v.orgGuids)})`;
    const others = db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM (${readable}) AS readable CROSS JOIN ${sr}
        WHERE ${sr.resourceGuid} = readable.guid AND ${sr.resourceType} = readable.kind AND ${sr.granteeGuid} <> ${v.userGuid} AND ${rest}`,
    ).n;
    return own + others;
  };
  const toRole = (r: { resourceType: string } & Omit<RoleRow, 'resourceType'>): RoleRow => ({ ...r, resourceType: r.resourceType as RoleRow['resourceType'] });

  return {
    async getRole(guid) {
      const r = roleQuery()
        .where(and(liveUserRoles, eq(sr.guid, guid)))
        .get();
      return r && toRole(r);
    },
    async listRoles(filter, page) {
      const cond = roleConditions(filter);
      const total = filter.visible ? visibleRoleCount(filter, filter.visible) : db.select({ n: count() }).from(sr).where(cond).get()!.n;
      const rows = roleQuery()
        .where(cond)
        .orderBy(...orderColumns({ id: sr.id, createdAt: sr.createdAt, updatedAt: sr.updatedAt }, page.orderBy))
        .limit(page.perPage)
        .offset(offsetOf(page))
        .all();
      return { total, items: rows.map(toRole) };
    },
  };
}
