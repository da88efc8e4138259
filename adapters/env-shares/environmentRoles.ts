// Golem's environment roles and the space roles they are stored as: admin = manager, deployer = developer,
// viewer = auditor. A space role with no environment role (`supporter`) is not shown: a share holding only it
// appears with `roles: []`, a PATCH keeps it, and a DELETE (unsharing the environment) removes it with the rest.
import type { SpaceRole } from '../../src/core/roleTypes';

/** Environment roles in the order they are presented (Golem's declaration order). */
export const ENV_ROLES = ['admin', 'viewer', 'deployer'] as const;
export type EnvRole = (typeof ENV_ROLES)[number];

const SPACE_ROLE: Record<EnvRole, SpaceRole> = { admin: 'manager', viewer: 'auditor', deployer: 'developer' };
const ENV_ROLE = new Map<string, EnvRole>(ENV_ROLES.map((r) => [SPACE_ROLE[r], r]));

/** The environment roles of a set of space roles, deduplicated, in ENV_ROLES order. */
export const envRolesOf = (spaceRoles: readonly string[]): EnvRole[] => ENV_ROLES.filter((r) => spaceRoles.includes(SPACE_ROLE[r]));

/** The space roles of a set of environment roles, deduplicated. */
export const spaceRolesOf = (roles: readonly EnvRole[]): SpaceRole[] => [...new Set(roles.map((r) => SPACE_ROLE[r]))];

/** The space roles no environment role stands for (kept by a PATCH, which only replaces environment roles). */
export const unmappedSpaceRoles = (spaceRoles: readonly SpaceRole[]): SpaceRole[] => spaceRoles.filter((r) => !ENV_ROLE.has(r));
