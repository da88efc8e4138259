// v3 roles: each is one role of a space -> user or organization -> user share (design.md §1).
import type { Actor } from '../actor';
import type { Deps } from '../context';
import { forbidden, invalid, isDomainError, notFound } from '../errors';
import { recordEvent } from '../events';
import { assertFeatureEnabled } from '../lookups';
import { emptyMetadata } from '../metadata';
import { getUser } from '../queries/directory';
import { queueOperation, withQueuedOperation } from '../operations';
import { canManageOrganization, canManageSpaceRoles, canReadOrganization, canReadSpace, loadAccess } from '../policy';
import type { Operation, User } from '../records';
import { roleTypeParts, type RoleType } from '../roleTypes';
import { addShareRoles, removeShareRole } from '../shares';
import type { RoleRow, WriteStore } from '../store';

export type RoleUserRef = { guid: string } | { username: string; origin?: string };

export interface CreateRoleInput {
  type: RoleType;
  user: RoleUserRef;
  resourceGuid: string;
  /** the request as received, for the audit event */
  request: Record<string, unknown>;
}

/**
 * The user a role is for, as Cloud Controller finds it: an organization role for an unknown guid creates the user;
 * a space role needs a user the caller can see, else it is the "needs a role in the organization" error.
 */
async function resolveUser(deps: Deps, tx: WriteStore, actor: Actor, ref: RoleUserRef, onSpace: boolean): Promise<User> {
  if ('guid' in ref) {
    const user = await tx.getUser(ref.guid);
    if (user) {
      if (onSpace && !(await userVisible(deps, actor, user.guid))) throw invalid('role.space_role_requires_org_role');
      return user;
    }
    if (onSpace) throw invalid('role.space_role_requires_org_role');
    const now = deps.clock.now();
    const created: User = { guid: ref.guid, username: null, origin: null, email: null, passwordHash: null, cfUser: true, scopes: [], createdAt: now, updatedAt: now, metadata: emptyMetadata() };
    await tx.insertUser(created);
    return created;
  }
  const found = await tx.findUsersByUsername(ref.username, ref.origin);
  if (found.length === 0) {
    if (onSpace) throw invalid('role.space_role_requires_org_role');
    throw invalid('role.unknown_username', { username: ref.username, origin: ref.origin ?? null });
  }
  if (found.length > 1) {
    const origins = found.map((u) => u.origin ?? '').sort();
    throw invalid('role.ambiguous_username', { username: ref.username, origins });
  }
  return found[0]!;
}

async function userVisible(deps: Deps, actor: Actor, guid: string): Promise<boolean> {
  try {
    await getUser(deps, actor, guid);
    return true;
  } catch (e) {
    if (isDomainError(e) && e.kind === 'not_found') return false;
    throw e;
  }
}

export async function createRole(deps: Deps, actor: Actor, input: CreateRoleInput): Promise<RoleRow> {
  const { resourceType, role } = roleTypeParts(input.type);
  const access = await loadAccess(deps, actor);
  let organizationGuid: string;
  let resourceName: string;
  // As in Cloud Controller: a missing space or organization is 422, an existing one the caller may not manage 403.
  if (resourceType === 'space') {
    const space = await deps.store.getSpace(input.resourceGuid);
    if (!space) throw invalid('role.invalid_space');
    if (!canManageSpaceRoles(actor, access, space)) throw forbidden();
    organizationGuid = space.organizationGuid;
    resourceName = space.name;
  } else {
    const org = await deps.store.getOrganization(input.resourceGuid);
    if (!org) throw invalid('role.invalid_organization');
    if (!canManageOrganization(actor, access, org.guid)) throw forbidden();
    organizationGuid = org.guid;
    resourceName = org.name;
  }
  if (!('guid' in input.user)) await assertFeatureEnabled(deps, 'set_roles_by_username');

  return deps.store.transaction(async (tx) => {
    const user = await resolveUser(deps, tx, actor, input.user, resourceType === 'space');
    if (resourceType === 'space') {
      const orgShare = await tx.getLiveShare('organization', organizationGuid, 'user', user.guid);
      if (!orgShare) throw invalid('role.space_role_requires_org_role');
    }
    const key = { resourceType, resourceGuid: input.resourceGuid, granteeType: 'user' as const, granteeGuid: user.guid };
    const { share, added } = await addShareRoles(deps, tx, key, [role]);
    const row = added[0];
    if (!row) throw invalid('role.already_exists', { username: user.username ?? user.guid, type: input.type, resourceType, resourceName });
    await recordEvent(deps, tx, actor, {
      type: `audit.user.${input.type}_add`,
      target: { guid: user.guid, type: 'user', name: user.username },
      data: { request: input.request },
      spaceGuid: resourceType === 'space' ? input.resourceGuid : null,
      organizationGuid,
    });
    return { guid: row.guid, type: input.type, userGuid: user.guid, resourceType, resourceGuid: share.resourceGuid, organizationGuid, createdAt: row.createdAt, updatedAt: row.updatedAt };
  });
}

/** A role the actor can see: roles in readable spaces and organizations, and the actor's own. */
export async function requireRole(deps: Deps, actor: Actor, guid: string): Promise<RoleRow> {
  const role = await deps.store.getRole(guid);
  if (!role) throw notFound('role.not_found');
  if (role.userGuid === actor.userGuid || actor.readsAll) return role;
  const access = await loadAccess(deps, actor);
  const visible =
    role.resourceType === 'space'
      ? canReadSpace(actor, access, { guid: role.resourceGuid, organizationGuid: role.organizationGuid })
      : canReadOrganization(actor, access, role.resourceGuid);
  if (!visible) throw notFound('role.not_found');
  return role;
}

export async function deleteRole(deps: Deps, actor: Actor, guid: string): Promise<Operation> {
  const role = await requireRole(deps, actor, guid);
  const access = await loadAccess(deps, actor);
  const allowed =
    role.resourceType === 'space'
      ? canManageSpaceRoles(actor, access, { guid: role.resourceGuid, organizationGuid: role.organizationGuid })
      : canManageOrganization(actor, access, role.resourceGuid);
  if (!allowed) throw forbidden();
  if (role.type === 'organization_user' && (await deps.store.countUserSpaceRolesInOrganization(role.userGuid, role.resourceGuid)) > 0) {
    throw invalid('role.org_user_has_space_roles');
  }
  return withQueuedOperation(deps, (tx) =>
    queueOperation(deps, tx, actor, { operation: 'role.delete', resourceType: 'role', resourceGuid: guid, input: { actor: actor.userGuid } }),
  );
}

/** Removes one role now (used by the role.delete job and by other dialects' synchronous revokes). */
export async function revokeRole(deps: Deps, tx: WriteStore, actor: Actor | null, role: RoleRow): Promise<void> {
  const share = await tx.getLiveShare(role.resourceType, role.resourceGuid, 'user', role.userGuid);
  if (!share) return;
  await removeShareRole(deps, tx, share, role.guid);
  const user = await tx.getUser(role.userGuid);
  await recordEvent(deps, tx, actor, {
    type: `audit.user.${role.type}_remove`,
    target: { guid: role.userGuid, type: 'user', name: user?.username ?? null },
    data: { request: {} },
    spaceGuid: role.resourceType === 'space' ? role.resourceGuid : null,
    organizationGuid: role.organizationGuid,
  });
}
