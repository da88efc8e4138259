// `q` filters of organization, space and user lists turned into core searches.
import type { HeldRole } from '../../../../src/core/commands/memberRoles';
import type { Holding, OrganizationSearch, SpaceSearch } from '../../../../src/core/queries/members';
import type { TextCondition } from '../../../../src/core/store';
import { equalityValues, type QFilter } from '../listParams';

const TEXT_OP = { '=': 'eq', IN: 'eq', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' } as const;

/** `q=name...` filters as case-insensitive name conditions; a bare `q=name` matches nothing. */
export function nameConditions(filters: QFilter[]): TextCondition[] | undefined {
  const named = filters.filter((f) => f.key === 'name');
  if (named.length === 0) return undefined;
  return named.map((f) => (f.op === null ? { op: 'eq', values: [] } : { op: TEXT_OP[f.op], values: f.values }));
}

/** /v2/spaces keys: name, organization_guid, developer_guid; apps and isolation segments do not exist here. */
export function spaceSearch(filters: QFilter[]): SpaceSearch {
  const developers = equalityValues(filters, 'developer_guid');
  return {
    names: nameConditions(filters),
    organizationGuids: equalityValues(filters, 'organization_guid'),
    heldBy: developers ? [{ userGuids: developers, role: 'developer' }] : [],
    none: equalityValues(filters, 'app_guid') !== undefined || equalityValues(filters, 'isolation_segment_guid') !== undefined,
  };
}

/** The role lists of a user (`/v2/users/:guid/<relation>`): the kind of record and the role held there. */
export const USER_RELATIONS = {
  spaces: { resourceType: 'space', role: 'developer' },
  managed_spaces: { resourceType: 'space', role: 'manager' },
  audited_spaces: { resourceType: 'space', role: 'auditor' },
  organizations: { resourceType: 'organization', role: 'user' },
  managed_organizations: { resourceType: 'organization', role: 'manager' },
  billing_managed_organizations: { resourceType: 'organization', role: 'billing_manager' },
  audited_organizations: { resourceType: 'organization', role: 'auditor' },
} as const satisfies Record<string, HeldRole>;
export type UserRelation = keyof typeof USER_RELATIONS;

/** The user list's q keys, one per relation: `managed_spaces` -> `managed_space_guid`, ... */
const USER_KEYS = Object.entries(USER_RELATIONS).map(([relation, held]) => [`${relation.replace(/s$/, '')}_guid`, held] as const);

/** User list keys (UsersController query_parameters): each names a role held in the given resources. */
export function userHoldings(filters: QFilter[]): Holding[] {
  return USER_KEYS.flatMap(([key, h]) => {
    const resourceGuids = equalityValues(filters, key);
    return resourceGuids ? [{ ...h, resourceGuids }] : [];
  });
}

const ORG_ROLE_OF_KEY: Record<string, string> = { user_guid: 'user', manager_guid: 'manager', billing_manager_guid: 'billing_manager', auditor_guid: 'auditor' };
const STATUSES = ['active', 'suspended'] as const;

/** /v2/organizations keys: name, space_guid, status, and a user holding a role (user_guid, manager_guid, ...). */
export function organizationSearch(filters: QFilter[]): OrganizationSearch {
  const heldBy = Object.entries(ORG_ROLE_OF_KEY).flatMap(([key, role]) => {
    const userGuids = equalityValues(filters, key);
    return userGuids ? [{ userGuids, role }] : [];
  });
  const statuses = equalityValues(filters, 'status');
  return {
    names: nameConditions(filters),
    spaceGuids: equalityValues(filters, 'space_guid'),
    heldBy,
    statuses: statuses?.filter((s): s is (typeof STATUSES)[number] => (STATUSES as readonly string[]).includes(s)),
  };
}
