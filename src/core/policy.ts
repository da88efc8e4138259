// The one policy module every dialect uses (design.md §1, "Who may do what").
import type { Actor } from './actor';
import type { Deps } from './context';
import type { ServiceInstance, Space } from './records';
import type { ReadStore, SpaceScope, UserGrant } from './store';

export interface Access {
  spaceRoles: Map<string, Set<string>>;
  spaceOrg: Map<string, string>;
  orgRoles: Map<string, Set<string>>;
  /** instances shared directly with the user, with the roles of that share */
  instanceRoles: Map<string, Set<string>>;
}

const cache = new WeakMap<Actor, Promise<Access>>();

/** The actor's grants, loaded once per actor (an actor lives for one request). */
export function loadAccess(deps: Deps, actor: Actor): Promise<Access> {
  let access = cache.get(actor);
  if (!access) {
    access = buildAccess(deps, actor);
    cache.set(actor, access);
  }
  return access;
}

/** Drops the cached grants after the actor changed its own roles. */
export const forgetAccess = (actor: Actor) => cache.delete(actor);

/**
 * What a set of grants allows, built once per set: a store that keeps a user's grants answers the same (frozen) array
 * until they change, so a user with thousands of roles does not rebuild the same maps on every request.
 */
const accessOfGrants = new WeakMap<readonly UserGrant[], Access>();

async function buildAccess(deps: Deps, actor: Actor): Promise<Access> {
  const grants = await deps.store.listUserGrants(actor.userGuid);
  let access = accessOfGrants.get(grants);
  if (!access) {
    access = accessFrom(grants);
    if (Object.isFrozen(grants)) accessOfGrants.set(grants, access);
  }
  return access;
}

function accessFrom(grants: readonly UserGrant[]): Access {
  const access: Access = { spaceRoles: new Map(), spaceOrg: new Map(), orgRoles: new Map(), instanceRoles: new Map() };
  for (const grant of grants) {
    // a live share with no roles (a space user share created with no roles) grants nothing
    if (grant.roles.length === 0) continue;
    const roles = new Set(grant.roles);
    if (grant.resourceType === 'space') {
      access.spaceRoles.set(grant.resourceGuid, roles);
      access.spaceOrg.set(grant.resourceGuid, grant.organizationGuid ?? '');
    } else if (grant.resourceType === 'organization') access.orgRoles.set(grant.resourceGuid, roles);
    else access.instanceRoles.set(grant.resourceGuid, roles);
  }
  return access;
}

const hasOrgRole = (access: Access, orgGuid: string, role: string) => access.orgRoles.get(orgGuid)?.has(role) ?? false;
const hasSpaceRole = (access: Access, spaceGuid: string, role: string) => access.spaceRoles.get(spaceGuid)?.has(role) ?? false;

export function canReadOrganization(actor: Actor, access: Access, orgGuid: string): boolean {
  if (actor.readsAll || access.orgRoles.has(orgGuid)) return true;
  for (const org of access.spaceOrg.values()) if (org === orgGuid) return true;
  return false;
}

export const canManageOrganization = (actor: Actor, access: Access, orgGuid: string) => actor.isAdmin || hasOrgRole(access, orgGuid, 'manager');

export const canReadSpace = (actor: Actor, access: Access, space: Pick<Space, 'guid' | 'organizationGuid'>) =>
  actor.readsAll || access.spaceRoles.has(space.guid) || hasOrgRole(access, space.organizationGuid, 'manager');

/** Space developer (or admin): may create, change and share instances in the space. */
export const canWriteSpace = (actor: Actor, access: Access, space: Pick<Space, 'guid'>) => actor.isAdmin || hasSpaceRole(access, space.guid, 'developer');

/** Admin, org manager of the space's organization, or space manager: may grant and revoke space roles. */
export const canManageSpaceRoles = (actor: Actor, access: Access, space: Pick<Space, 'guid' | 'organizationGuid'>) =>
  actor.isAdmin || hasOrgRole(access, space.organizationGuid, 'manager') || hasSpaceRole(access, space.guid, 'manager');

/**
 * May see a space's user share records (with their ids and revisions): those who may manage them, and global
 * readers (read-only admins, global auditors), in a space that is not being deleted.
 */
export const canViewSpaceUserShares = (actor: Actor, access: Access, space: Pick<Space, 'guid' | 'organizationGuid' | 'status'>) =>
  space.status === 'active' && canReadSpace(actor, access, space) && (actor.readsAll || canManageSpaceRoles(actor, access, space));

const scopes = new WeakMap<Access, { scope: SpaceScope; orgGuids: string[] }>();
/** The lists below, derived once per Access (which may be shared by many requests: treat them as read-only). */
function derived(access: Access) {
  let d = scopes.get(access);
  if (!d) {
    const organizationGuids: string[] = [];
    for (const [org, roles] of access.orgRoles) if (roles.has('manager')) organizationGuids.push(org);
    d = { scope: { spaceGuids: [...access.spaceRoles.keys()], organizationGuids }, orgGuids: [...new Set([...access.orgRoles.keys(), ...access.spaceOrg.values()])] };
    scopes.set(access, d);
  }
  return d;
}

/** The spaces a non-admin can read, for list queries. */
export function readableScope(access: Access): SpaceScope {
  const { scope } = derived(access);
  return { spaceGuids: [...scope.spaceGuids], organizationGuids: [...scope.organizationGuids] };
}

/** Organizations whose records a non-admin can read: any org role, or a space role in one of its spaces. */
export function readableOrganizationGuids(access: Access): string[] {
  return [...derived(access).orgGuids];
}

export interface InstanceAccess {
  read: boolean;
  /** may change or delete the instance: admin, developer of its space, its owner, or a user it is shared with */
  manage: boolean;
  /** may read through its owning space (not only through a share) */
  readOwning: boolean;
  /** may share it further: manages it through its owning space (admin, space developer), not only through a user share */
  share: boolean;
}

export async function instanceAccess(deps: Deps, actor: Actor, instance: ServiceInstance, owningSpace: Space, store: ReadStore = deps.store): Promise<InstanceAccess> {
  const access = await loadAccess(deps, actor);
  const readOwning = canReadSpace(actor, access, owningSpace);
  const sharedWithUser = access.instanceRoles.has(instance.guid);
  const share = canWriteSpace(actor, access, owningSpace);
  const owner = instance.ownerGuid !== null && instance.ownerGuid === actor.userGuid;
  const manage = share || sharedWithUser || owner;
  if (readOwning || sharedWithUser || owner) return { read: true, manage, readOwning, share };
  const sharedSpaces = await store.listLiveSharesOfResource('service_instance', instance.guid, 'space');
  if (sharedSpaces.length === 0) return { read: false, manage, readOwning, share };
  const targets = await store.getSpaces(sharedSpaces.map((s) => s.granteeGuid));
  return { read: targets.some((t) => canReadSpace(actor, access, t)), manage, readOwning, share };
}

/** Org manager of the organization (CSM: tenant admin). */
export const isOrganizationManager = (access: Access, orgGuid: string) => hasOrgRole(access, orgGuid, 'manager');

/** May set the users an instance is shared with: its owner, a manager of its organization, or an admin. */
export const canShareWithUsers = (actor: Actor, access: Access, instance: Pick<ServiceInstance, 'ownerGuid'>, space: Pick<Space, 'organizationGuid'>) =>
  actor.isAdmin || instance.ownerGuid === actor.userGuid || isOrganizationManager(access, space.organizationGuid);

/** May give an instance to a new owner: an admin, or a manager of both the instance's and the new owner's organization. */
export const canTransferInstance = (actor: Actor, access: Access, fromOrgGuid: string, toOrgGuid: string) =>
  actor.isAdmin || (isOrganizationManager(access, fromOrgGuid) && isOrganizationManager(access, toOrgGuid));

/** Organizations a user belongs to: any role in the organization or in one of its spaces. */
export async function organizationsOfUser(deps: Deps, userGuid: string): Promise<Set<string>> {
  const orgs = new Set<string>();
  for (const grant of await deps.store.listUserGrants(userGuid)) {
    if (grant.roles.length === 0) continue;
    if (grant.resourceType === 'organization') orgs.add(grant.resourceGuid);
    else if (grant.resourceType === 'space' && grant.organizationGuid) orgs.add(grant.organizationGuid);
  }
  return orgs;
}
