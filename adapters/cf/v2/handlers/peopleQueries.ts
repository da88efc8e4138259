// `q` filters of organization, space and user lists turned into core searches.
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

const USER_KEYS: Record<string, Omit<Holding, 'resourceGuids'>> = {
  space_guid: { resourceType: 'space', role: 'developer' },
  managed_space_guid: { resourceType: 'space', role: 'manager' },
  audited_space_guid: { resourceType: 'space', role: 'auditor' },
  organization_guid: { resourceType: 'organization', role: 'user' },
  managed_organization_guid: { resourceType: 'organization', role: 'manager' },
  billing_managed_organization_guid: { resourceType: 'organization', role: 'billing_manager' },
  audited_organization_guid: { resourceType: 'organization', role: 'auditor' },
};

/** User list keys (UsersController query_parameters): each names a role held in the given resources. */
export function userHoldings(filters: QFilter[]): Holding[] {
  return Object.entries(USER_KEYS).flatMap(([key, h]) => {
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
