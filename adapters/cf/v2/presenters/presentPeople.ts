// Organizations, spaces and users in Cloud Controller's v2 shape (OrganizationPresenter, SpacePresenter,
// UserPresenter and the RelationsPresenter links after the exported attributes).
import type { Member } from '../../../../src/core/queries/members';
import { DEFAULT_QUOTA_GUID } from '../../../../src/core/quotas';
import type { Organization, Space, User } from '../../../../src/core/records';
import { resource, type V2Resource } from '../envelope';

export const organizationUrl = (guid: string) => `/v2/organizations/${guid}`;
export const spaceUrl = (guid: string) => `/v2/spaces/${guid}`;
export const userUrl = (guid: string) => `/v2/users/${guid}`;

export function presentOrganization(org: Organization): V2Resource {
  const url = organizationUrl(org.guid);
  return resource(url, org.guid, org.createdAt, org.updatedAt, {
    name: org.name,
    billing_enabled: false,
    // every organization has the one default quota
    quota_definition_guid: DEFAULT_QUOTA_GUID,
    status: org.suspended ? 'suspended' : 'active',
    default_isolation_segment_guid: null,
    quota_definition_url: `/v2/quota_definitions/${DEFAULT_QUOTA_GUID}`,
    spaces_url: `${url}/spaces`,
    domains_url: `${url}/domains`,
    private_domains_url: `${url}/private_domains`,
    users_url: `${url}/users`,
    managers_url: `${url}/managers`,
    billing_managers_url: `${url}/billing_managers`,
    auditors_url: `${url}/auditors`,
    app_events_url: `${url}/app_events`,
    space_quota_definitions_url: `${url}/space_quota_definitions`,
  });
}

export function presentSpace(space: Space): V2Resource {
  const url = spaceUrl(space.guid);
  return resource(url, space.guid, space.createdAt, space.updatedAt, {
    name: space.name,
    organization_guid: space.organizationGuid,
    space_quota_definition_guid: null,
    isolation_segment_guid: null,
    allow_ssh: true,
    organization_url: organizationUrl(space.organizationGuid),
    developers_url: `${url}/developers`,
    managers_url: `${url}/managers`,
    auditors_url: `${url}/auditors`,
    apps_url: `${url}/apps`,
    routes_url: `${url}/routes`,
    domains_url: `${url}/domains`,
    service_instances_url: `${url}/service_instances`,
    app_events_url: `${url}/app_events`,
    events_url: `${url}/events`,
    security_groups_url: `${url}/security_groups`,
    staging_security_groups_url: `${url}/staging_security_groups`,
  });
}

/** How /user_roles names a role (UsernamesAndRolesPopulator). */
const SPACE_ROLE_NAMES: Record<string, string> = { developer: 'space_developer', manager: 'space_manager', auditor: 'space_auditor' };
const ORG_ROLE_NAMES: Record<string, string> = { user: 'org_user', manager: 'org_manager', auditor: 'org_auditor', billing_manager: 'billing_manager' };
const SPACE_ROLE_ORDER = ['space_developer', 'space_manager', 'space_auditor'];
const ORG_ROLE_ORDER = ['org_user', 'org_manager', 'org_auditor', 'billing_manager'];

/** A user; `roles` adds `space_roles` or `organization_roles` after `username` as /user_roles does. */
export function presentUser(user: User, roles?: { kind: 'space' | 'organization'; held: string[] }): V2Resource {
  const url = userUrl(user.guid);
  const entity: Record<string, unknown> = { admin: false, active: false, default_space_guid: null };
  // the name comes from UAA, and is left out when UAA has none (a client, say)
  if (user.username !== null) entity.username = user.username;
  if (roles?.kind === 'space') {
    const names = new Set(roles.held.map((r) => SPACE_ROLE_NAMES[r]).filter((r): r is string => r !== undefined));
    entity.space_roles = SPACE_ROLE_ORDER.filter((r) => names.has(r));
  } else if (roles?.kind === 'organization') {
    const names = new Set(roles.held.map((r) => ORG_ROLE_NAMES[r]).filter((r): r is string => r !== undefined));
    entity.organization_roles = ORG_ROLE_ORDER.filter((r) => names.has(r));
  }
  Object.assign(entity, {
    spaces_url: `${url}/spaces`,
    organizations_url: `${url}/organizations`,
    managed_organizations_url: `${url}/managed_organizations`,
    billing_managed_organizations_url: `${url}/billing_managed_organizations`,
    audited_organizations_url: `${url}/audited_organizations`,
    managed_spaces_url: `${url}/managed_spaces`,
    audited_spaces_url: `${url}/audited_spaces`,
  });
  return resource(url, user.guid, user.createdAt, user.updatedAt, entity);
}

export const presentMember = (kind: 'space' | 'organization') => (m: Member) => presentUser(m.user, { kind, held: m.roles });
export const presentMemberUser = (m: Member) => presentUser(m.user);
