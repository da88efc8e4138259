import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { RoleFilter } from '../../core/store';
import type { SqlDialect } from '../sqlDialect';
import { scopeSpaces, type Schema } from './db';
import { commonConditions, where } from './filters';

// Role lists read share_roles alone: each role carries its share's resource and grantee (schema/sqlite.ts), and a
// role row exists only while its share is live.
/** The columns and conditions of the v3 roles view over share roles. */
export function roleView(d: SqlDialect, { shareRoles: sr, spaces: sp }: Schema) {
  const inList = d.inList;
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
      ...commonConditions(d, { guid: sr.guid, createdAt: sr.createdAt, updatedAt: sr.updatedAt }, f),
      f.types ? typesCondition(f.types) : undefined,
      f.userGuids ? inList(sr.granteeGuid, f.userGuids) : undefined,
      f.spaceGuids ? sql`(${sr.resourceType} = 'space' AND ${inList(sr.resourceGuid, f.spaceGuids)})` : undefined,
      // as in Cloud Controller's roles view, only organization roles carry an organization (space roles have none)
      f.organizationGuids ? sql`(${sr.resourceType} = 'organization' AND ${inList(sr.resourceGuid, f.organizationGuids)})` : undefined,
      v
        ? sql`(${sr.granteeGuid} = ${v.userGuid} OR (${sr.resourceType} = 'space' AND ${sr.resourceGuid} IN (${scopeSpaces(d, v)})) OR (${sr.resourceType} = 'organization' AND ${inList(sr.resourceGuid, v.orgGuids)}))`
        : undefined,
    ]);
  }
  return { roleColumns, liveUserRoles, roleConditions, typePairs };
}
