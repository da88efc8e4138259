// v3 role types and the share roles they are stored as (design.md §1).

export const SPACE_ROLES = ['manager', 'developer', 'auditor', 'supporter'] as const;
export const ORG_ROLES = ['user', 'manager', 'auditor', 'billing_manager'] as const;
export type SpaceRole = (typeof SPACE_ROLES)[number];
export type OrgRole = (typeof ORG_ROLES)[number];

export const ROLE_TYPES = [
  'organization_auditor',
  'organization_manager',
  'organization_billing_manager',
  'organization_user',
  'space_auditor',
  'space_manager',
  'space_developer',
  'space_supporter',
] as const;
export type RoleType = (typeof ROLE_TYPES)[number];

export function roleTypeParts(type: RoleType): { resourceType: 'organization' | 'space'; role: string } {
  return type.startsWith('organization_')
    ? { resourceType: 'organization', role: type.slice('organization_'.length) }
    : { resourceType: 'space', role: type.slice('space_'.length) };
}

export const roleTypeOf = (resourceType: 'organization' | 'space', role: string) => `${resourceType}_${role}`;
