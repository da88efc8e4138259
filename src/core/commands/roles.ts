// v3 roles: each is one role of a space -> user or organization -> user share (design.md §1).
import type { Actor } from '../actor';
import type { AuditPayload, Deps, Input } from '../context';
import { denied, hidden, invalid, isNotVisible, missing } from '../errors';
import { recordEvent } from '../events';
import { newUser } from '../memberships';
import { assertFeatureEnabled } from '../lookups';
import { getUser } from '../queries/directory';
import { queueOperation, withQueuedOperation } from '../operations';
import { canManageOrganization, canManageSpaceRoles, canReadOrganization, canReadSpace, loadAccess } from '../policy';
import type { Operation, User } from '../records';
import { roleTypeParts, type RoleType } from '../roleTypes';
import { addShareRoles, removeShareRole } from '../shares';
import type { ReadStore, RoleRow, WriteStore } from '../store';

export type RoleUserRef = { guid: string } | { username: string; origin?: string };

export interface CreateRoleInput {
  type: RoleType;
  user: RoleUserRef;
  resourceGuid: string;
  /** the request for the audit event, as the dialect records it */
  audit: AuditPayload;
}

/**
 * The user a role is for, as Cloud Controller finds it: an organization role for an unknown guid creates the user;
 * a space role needs a user the caller can see, else it is the "needs a role in the organization" error.
 */
async function resolveUser(deps: Deps, tx: WriteStore, actor: Actor, ref: RoleUserRef, onSpace: boolean): Promise<User> {
  if ('guid' in ref) {
    const user = await tx.getUser(ref.guid);
    if (user) {
      if (onSpace && !(await userVisible(deps, actor, user.guid, tx))) throw invalid('role.space_role_requires_org_role');
      return registered(deps, tx, user);
    }
    if (onSpace) throw invalid('role.space_role_requires_org_role');
    const created = newUser(deps, { guid: ref.guid });
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
  return registered(deps, tx, found[0]!);
}

/** A login-only account given a role becomes a Cloud Foundry user, as Cloud Controller creates its user then. */
async function registered(deps: Deps, tx: WriteStore, user: User): Promise<User> {
  if (user.cfUser) return user;
  const next = { ...user, cfUser: true, updatedAt: deps.clock.now() };
  await tx.updateUser(next);
  return next;
}

async function userVisible(deps: Deps, actor: Actor, guid: string, store: ReadStore): Promise<boolean> {
  try {
    await getUser(deps, actor, guid, store);
    return true;
  } catch (e) {
    if (isNotVisible(e)) return false;
    throw e;
  }
}

/**
 * Grants one role. Input first (the body names the space or organization). Rules, as in Cloud Controller: a
 * missing space or organization is 422, one the caller may not manage 403; set_roles_by_username for user names;
 * then the user (resolveUser), org membership for space roles, and no duplicate role.
 */
export async function createRole(deps: Deps, actor: Actor, lazyInput: Input<CreateRoleInput>): Promise<RoleRow> {
  return deps.store.transaction(async (tx) => {
    const input = lazyInput();
    const { resourceType, role } = roleTypeParts(input.type);
    const access = await loadAccess(deps, actor);
    let organizationGuid: string;
    let resourceName: string;
    if (resourceType === 'space') {
      const space = await tx.getSpace(input.resourceGuid);
      if (!space) throw invalid('role.invalid_space', { resource: 'space', guid: input.resourceGuid });
      if (!canManageSpaceRoles(actor, access, space)) throw denied('space', space.guid);
      organizationGuid = space.organizationGuid;
      resourceName = space.name;
    } else {
      const org = await tx.getOrganization(input.resourceGuid);
      if (!org) throw invalid('role.invalid_organization', { resource: 'organization', guid: input.resourceGuid });
      if (!canManageOrganization(actor, access, org.guid)) throw denied('organization', org.guid);
      organizationGuid = org.guid;
      resourceName = org.name;
    }
    if (!('guid' in input.user)) await assertFeatureEnabled(deps, 'set_roles_by_username', tx);

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
      data: { request: input.audit },
      spaceGuid: resourceType === 'space' ? input.resourceGuid : null,
      organizationGuid,
    });
    return {
      guid: row.guid,
      type: input.type,
      userGuid: user.guid,
      resourceType,
      resourceGuid: share.resourceGuid,
      organizationGuid,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  });
}

/** A role the actor can see: roles in readable spaces and organizations, and the actor's own. */
export async function requireRole(deps: Deps, actor: Actor, guid: string, store: ReadStore = deps.store): Promise<RoleRow> {
  const role = await store.getRole(guid);
  if (!role) throw missing('role', guid);
  if (role.userGuid === actor.userGuid || actor.readsAll) return role;
  const access = await loadAccess(deps, actor);
  const visible =
    role.resourceType === 'space'
      ? canReadSpace(actor, access, { guid: role.resourceGuid, organizationGuid: role.organizationGuid })
      : canReadOrganization(actor, access, role.resourceGuid);
  if (!visible) throw hidden('role', guid);
  return role;
}

/** Authorize: the role visible (else missing/hidden), its space's or organization's roles manageable (else forbidden). */
export async function deleteRole(deps: Deps, actor: Actor, guid: string): Promise<Operation> {
  return withQueuedOperation(deps, async (tx) => {
    const role = await requireRole(deps, actor, guid, tx);
    const access = await loadAccess(deps, actor);
    const allowed =
      role.resourceType === 'space'
        ? canManageSpaceRoles(actor, access, { guid: role.resourceGuid, organizationGuid: role.organizationGuid })
        : canManageOrganization(actor, access, role.resourceGuid);
    if (!allowed) throw denied('role', guid);
    if (role.type === 'organization_user' && (await tx.countUserSpaceRolesInOrganization(role.userGuid, role.resourceGuid)) > 0) {
      throw invalid('role.org_user_has_space_roles');
    }
    return queueOperation(deps, tx, actor, { operation: 'role.delete', resourceType: 'role', resourceGuid: guid, input: { actor: actor.userGuid } });
  });
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
