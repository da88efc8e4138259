// Organization and space roles granted and revoked one user at a time, by user guid or by user name, as Cloud
// Controller's v2 role endpoints do (PUT/DELETE /v2/{organizations,spaces}/:guid/<role>s[/:user]). Every change is a
// change of the same share records /v3/roles and environment shares use (./../shares): one revision step and one
// audit event per role added or removed; a request that changes nothing writes nothing.
import { makeActor, type Actor } from '../actor';
import type { AuditPayload, Deps } from '../context';
import { denied, forbidden, hidden, invalid, missing, notFound } from '../errors';
import { assertFeatureEnabled } from '../lookups';
import { canManageOrganization, canManageSpaceRoles, canReadOrganization, canReadSpace, loadAccess } from '../policy';
import type { Operation, Organization, Share, Space, User } from '../records';
import { addShareRoles, removeShareRole } from '../shares';
import { completeQueued, queueOperation, withQueuedOperation, type OperationHandler } from '../operations';
import type { ReadStore, WriteStore } from '../store';
import { ensureCfUser, isOrganizationUser, recordRoleEvent, spaceSharesInOrganization, type MemberResourceType } from '../memberships';

export type { MemberResourceType } from '../memberships';
export type UsernameRef = { username: string; origin?: string };
/**
 * Who: a user guid (token `user_id`), or a user name with an optional origin, given as is or read lazily (a request
 * body is read only after the by-name feature flag has been checked, as Cloud Controller does).
 */
export type MemberRef = { guid: string } | UsernameRef | (() => UsernameRef);

const isGuidRef = (ref: MemberRef): ref is { guid: string } => typeof ref !== 'function' && 'guid' in ref;

/** The account a by-name reference names, after its feature flag (admins exempt); undefined for a guid reference. */
async function namedUser(deps: Deps, actor: Actor, ref: MemberRef, flag: string, store: ReadStore): Promise<User | undefined> {
  if (isGuidRef(ref)) return undefined;
  if (!actor.isAdmin) await assertFeatureEnabled(deps, flag);
  const { username, origin } = typeof ref === 'function' ? ref() : ref;
  return userByUsername(deps, username, origin, store);
}

export interface MemberRoleInput {
  resourceType: MemberResourceType;
  resourceGuid: string;
  /** organization: user, manager, auditor, billing_manager; space: manager, developer, auditor */
  role: string;
  user: MemberRef;
  /** the request for the audit event, as the dialect records it */
  audit?: AuditPayload;
}

export interface RemoveMemberRoleInput extends MemberRoleInput {
  /** removing an organization user also removes their space roles in it and their other organization roles */
  recursive?: boolean;
}

export type MemberResource = { type: 'organization'; organization: Organization } | { type: 'space'; space: Space };

const originOf = (u: User) => u.origin ?? 'uaa';

/**
 * The account behind a user name, as Cloud Controller asks UAA: an origin that is not one of the name's origins is
 * "not found with origin"; no origin and several of them is ambiguous; no account at all is "user not found".
 */
export async function userByUsername(deps: Deps, username: string, origin?: string, store: ReadStore = deps.store): Promise<User> {
  const all = await store.findUsersByUsername(username);
  const origins = [...new Set(all.map(originOf))].sort();
  if (origin !== undefined && origin !== '') {
    if (!origins.includes(origin)) throw notFound('user.origin_not_found', { username, origin });
  } else if (origins.length > 1) throw invalid('user.multiple_origins', { username, origins });
  const user = all.find((u) => !origin || originOf(u) === origin);
  if (!user) throw notFound('user.username_not_found', { username });
  return user;
}

/** A live organization the actor may change roles in: else organization missing, hidden or denied. */
async function organizationToManage(deps: Deps, actor: Actor, guid: string, store: ReadStore): Promise<Organization> {
  const org = await store.getOrganization(guid);
  if (!org) throw missing('organization', guid);
  if (actor.isAdmin) return org;
  const access = await loadAccess(deps, actor);
  if (!canReadOrganization(actor, access, guid)) throw hidden('organization', guid);
  if (org.status !== 'active' || org.suspended || !canManageOrganization(actor, access, guid)) throw denied('organization', guid);
  return org;
}

async function spaceToManage(deps: Deps, actor: Actor, guid: string, store: ReadStore): Promise<{ space: Space; org: Organization }> {
  const space = await store.getSpace(guid);
  const org = space && (await store.getOrganization(space.organizationGuid));
  if (!space || !org) throw missing('space', guid);
  if (actor.isAdmin) return { space, org };
  const access = await loadAccess(deps, actor);
  if (!canReadSpace(actor, access, space)) throw hidden('space', guid);
  if (space.status !== 'active' || org.status !== 'active' || org.suspended || !canManageSpaceRoles(actor, access, space)) throw denied('space', guid);
  return { space, org };
}

/** The resource a role change is about and the organization it belongs to, with the change allowed for `actor`. */
async function resourceToManage(deps: Deps, actor: Actor, type: MemberResourceType, guid: string, store: ReadStore, selfRemoval = false) {
  if (type === 'organization') {
    const org = selfRemoval ? await store.getOrganization(guid) : await organizationToManage(deps, actor, guid, store);
    if (!org) throw missing('organization', guid);
    return { resource: { type, organization: org } as MemberResource, organizationGuid: org.guid, name: org.name };
  }
  if (selfRemoval) {
    const space = await store.getSpace(guid);
    if (!space) throw missing('space', guid);
    return { resource: { type, space } as MemberResource, organizationGuid: space.organizationGuid, name: space.name };
  }
  const { space } = await spaceToManage(deps, actor, guid, store);
  return { resource: { type, space } as MemberResource, organizationGuid: space.organizationGuid, name: space.name };
}

/**
 * Grants one role. By user name: the `set_roles_by_username` flag (admins exempt), then the name's origins, then the
 * account. By guid: an organization role for a guid never seen creates the user, as Cloud Controller does. A space
 * role needs the user to be a user of the space's organization first (`role.user_not_in_organization`). Granting a
 * role the user holds already succeeds and changes nothing.
 */
export async function addMemberRole(deps: Deps, actor: Actor, input: MemberRoleInput): Promise<MemberResource> {
  return deps.store.transaction(async (tx) => {
    const named = await namedUser(deps, actor, input.user, 'set_roles_by_username', tx);
    const { resource, organizationGuid } = await resourceToManage(deps, actor, input.resourceType, input.resourceGuid, tx);
    const guid = named?.guid ?? (input.user as { guid: string }).guid;
    let user = await tx.getUser(guid);
    if (input.resourceType === 'space' && (!user || !(await isOrganizationUser(tx, organizationGuid, guid)))) {
      throw invalid('role.user_not_in_organization', { userGuid: guid });
    }
    user = await ensureCfUser(deps, tx, user, guid);
    const key = { resourceType: input.resourceType, resourceGuid: input.resourceGuid, granteeType: 'user' as const, granteeGuid: guid };
    const { added } = await addShareRoles(deps, tx, key, [input.role]);
    if (added.length > 0) await recordRoleEvent(deps, tx, actor, 'add', input.resourceType, input.resourceGuid, organizationGuid, input.role, user, input.audit ?? {});
    return resource;
  });
}

/**
 * Revokes one role. By user name: the `unset_roles_by_username` flag (admins exempt), the name's origins, and a user
 * known to the Cloud Foundry API (else `user.username_not_found`). By guid: an unknown user is
 * `role.unknown_user_guid`; a user may drop their own role without the right to manage the resource. Removing the
 * organization `user` role of someone who still holds space roles there is `role.org_user_has_space_roles` unless
 * `recursive`. Revoking a role the user does not hold succeeds and changes nothing.
 */
export async function removeMemberRole(deps: Deps, actor: Actor, input: RemoveMemberRoleInput): Promise<MemberResource> {
  return deps.store.transaction(async (tx) => {
    const named = await namedUser(deps, actor, input.user, 'unset_roles_by_username', tx);
    if (named && !named.cfUser) throw notFound('user.username_not_found', { username: named.username });
    const guid = named?.guid ?? (input.user as { guid: string }).guid;
    const self = !named && guid === actor.userGuid;
    const { resource, organizationGuid } = await resourceToManage(deps, actor, input.resourceType, input.resourceGuid, tx, self);
    const user = await tx.getUser(guid);
    if (!user) throw invalid('role.unknown_user_guid', { guid });
    const request = input.audit ?? {};
    if (input.resourceType === 'organization' && input.role === 'user') {
      const spaceShares = await spaceSharesInOrganization(tx, organizationGuid, guid);
      if (spaceShares.length > 0 && !input.recursive) throw invalid('role.org_user_has_space_roles');
      if (input.recursive) {
        for (const share of spaceShares) await dropAllRoles(deps, tx, actor, share, organizationGuid, user, request);
        const orgShare = await tx.getLiveShare('organization', organizationGuid, 'user', guid);
        if (orgShare) await dropAllRoles(deps, tx, actor, orgShare, organizationGuid, user, request);
        return resource;
      }
    }
    const share = await tx.getLiveShare(input.resourceType, input.resourceGuid, 'user', guid);
    const row = share && (await tx.listShareRoles(share.guid)).find((r) => r.role === input.role);
    if (!share || !row) return resource;
    await removeShareRole(deps, tx, share, row.guid);
    await recordRoleEvent(deps, tx, actor, 'remove', input.resourceType, input.resourceGuid, organizationGuid, input.role, user, request);
    return resource;
  });
}

/** Removes every role of a share one by one (one revision step and one event each); the last removal deletes it. */
async function dropAllRoles(deps: Deps, tx: WriteStore, actor: Actor | null, share: Share, organizationGuid: string, user: User, request: Record<string, unknown>) {
  let current = share;
  for (const row of await tx.listShareRoles(share.guid)) {
    current = await removeShareRole(deps, tx, current, row.guid);
    await recordRoleEvent(deps, tx, actor, 'remove', share.resourceType as MemberResourceType, share.resourceGuid, organizationGuid, row.role, user, request);
  }
}

/** A role held in a kind of record: what a user-side role list names (v2 `/v2/users/:guid/managed_spaces`, ...). */
export interface HeldRole {
  resourceType: MemberResourceType;
  role: string;
}

/**
 * Grants a role from the user's side (PUT /v2/users/:guid/<relation>/:resource): admins only, as Cloud Controller's
 * UserAccess has it, then as `addMemberRole` by guid. Returns the user.
 */
export async function addUserRelation(deps: Deps, actor: Actor, userGuid: string, { resourceType, role }: HeldRole, resourceGuid: string): Promise<User> {
  if (!actor.isAdmin) throw forbidden();
  const user = await deps.store.getUser(userGuid);
  if (!user || !user.cfUser) throw missing('user', userGuid);
  await addMemberRole(deps, actor, { resourceType, resourceGuid, role, user: { guid: userGuid }, audit: {} });
  return (await deps.store.getUser(userGuid)) ?? user;
}

/**
 * Removes a user from the Cloud Foundry API (v2 `DELETE /v2/users/:guid`): admins only; every organization and space
 * role goes (one revision step and one event each) and the user is no longer listed; the account itself stays, as a
 * UAA account outlives its Cloud Controller user (the cf CLI deletes it from UAA next). Queued as an operation;
 * `wait` finishes it in the same transaction.
 */
export async function unregisterUser(deps: Deps, actor: Actor, guid: string, options: { wait?: boolean } = {}): Promise<Operation> {
  return withQueuedOperation(deps, async (tx) => {
    const user = await tx.getUser(guid);
    if (!user || !user.cfUser) throw missing('user', guid);
    if (!actor.isAdmin) throw actor.userGuid === guid ? denied('user', guid) : hidden('user', guid);
    const op = await queueOperation(deps, tx, actor, { operation: 'user.unregister', resourceType: 'user', resourceGuid: guid });
    return options.wait ? completeQueued(deps, tx, op) : op;
  });
}

/** The operation behind unregisterUser. */
export const memberRoleHandlers: Record<string, OperationHandler> = {
  'user.unregister': async (deps, tx, op) => {
    const user = op.resourceGuid ? await tx.getUser(op.resourceGuid) : undefined;
    if (!user || !user.cfUser) return;
    const actorUser = op.userGuid ? await tx.getUser(op.userGuid) : undefined;
    const actor = actorUser
      ? makeActor({ userGuid: actorUser.guid, username: actorUser.username, email: actorUser.email, origin: actorUser.origin, clientId: null, scopes: [] })
      : null;
    for (const share of await tx.listLiveSharesOfGrantee('user', user.guid)) {
      if (share.resourceType === 'organization') await dropAllRoles(deps, tx, actor, share, share.resourceGuid, user, {});
      else if (share.resourceType === 'space') {
        const space = await tx.getSpace(share.resourceGuid);
        await dropAllRoles(deps, tx, actor, share, space?.organizationGuid ?? '', user, {});
      }
    }
    await tx.updateUser({ ...user, cfUser: false, updatedAt: deps.clock.now() });
  },
};
