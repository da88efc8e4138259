// The messages and list parameters of the organization, space and user endpoints (CC's define_attributes,
// query_parameters and sortable_parameters of OrganizationsController, SpacesController and UsersController).
import { bool, str, strings } from './parseBody';
import type { V2ListSpec } from './listParams';

export const OrganizationCreateMessage = {
  name: str(true),
  billing_enabled: bool(),
  status: str(),
  quota_definition_guid: str(),
  user_guids: strings(),
  manager_guids: strings(),
  billing_manager_guids: strings(),
  auditor_guids: strings(),
};

export const OrganizationUpdateMessage = {
  name: str(),
  billing_enabled: bool(),
  status: str(),
  default_isolation_segment_guid: str(),
  quota_definition_guid: str(),
  user_guids: strings(),
  manager_guids: strings(),
  billing_manager_guids: strings(),
  auditor_guids: strings(),
};

export const SpaceCreateMessage = {
  name: str(true),
  allow_ssh: bool(),
  isolation_segment_guid: str(),
  organization_guid: str(true),
  developer_guids: strings(),
  manager_guids: strings(),
  auditor_guids: strings(),
  domain_guids: strings(),
  security_group_guids: strings(),
  staging_security_group_guids: strings(),
  space_quota_definition_guid: str(),
};

export const SpaceUpdateMessage = {
  name: str(),
  allow_ssh: bool(),
  isolation_segment_guid: str(),
  organization_guid: str(),
  developer_guids: strings(),
  manager_guids: strings(),
  auditor_guids: strings(),
};

export const UserCreateMessage = {
  guid: str(true),
  admin: bool(),
  default_space_guid: str(),
};

export const ORGANIZATION_LIST: V2ListSpec = {
  q: ['name', 'space_guid', 'user_guid', 'manager_guid', 'billing_manager_guid', 'auditor_guid', 'status'],
  orderBy: ['id', 'name'],
};

export const SPACE_LIST: V2ListSpec = {
  q: ['name', 'organization_guid', 'developer_guid', 'app_guid', 'isolation_segment_guid'],
  orderBy: ['id', 'name'],
};

export const USER_LIST: V2ListSpec = {
  q: ['space_guid', 'organization_guid', 'managed_organization_guid', 'billing_managed_organization_guid', 'audited_organization_guid', 'managed_space_guid', 'audited_space_guid'],
};

/** The `<role>_guids` fields of organization and space messages, and the role each names. */
export const ORG_ROLE_FIELDS = { user_guids: 'user', manager_guids: 'manager', auditor_guids: 'auditor', billing_manager_guids: 'billing_manager' };
export const SPACE_ROLE_FIELDS = { manager_guids: 'manager', developer_guids: 'developer', auditor_guids: 'auditor' };

/** The role holders a parsed message names: one entry per `<role>_guids` field it has. */
export function membersOf(m: Record<string, unknown>, fields: Record<string, string>): { role: string; userGuids: string[] }[] {
  return Object.entries(fields).flatMap(([field, role]) => (Array.isArray(m[field]) ? [{ role, userGuids: m[field] as string[] }] : []));
}
