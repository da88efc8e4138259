// Who holds which roles in an organization or space, and where a user holds roles: the reads behind Cloud
// Controller's v2 relation lists (/v2/spaces/:g/managers, /user_roles, /v2/users/:g/organizations, ...). v2 does not
// hide rows: a missing record is "not found", one the caller may not see is "forbidden".
import type { Actor } from '../actor';
import type { Deps } from '../context';
import { forbidden, hidden, missing } from '../errors';
import { canReadOrganization, canReadSpace, loadAccess, readableOrganizationGuids, readableScope } from '../policy';
import type { Organization, Space, User } from '../records';
import type { PageOf, PageRequest, ReadStore, TextCondition } from '../store';
import type { HeldRole, MemberResourceType } from '../commands/memberRoles';

export interface Member {
  user: User;
  /** the roles the user holds in the resource, in the order they were granted */
  roles: string[];
}

export interface MemberQuery {
  resourceType: MemberResourceType;
  resourceGuid: string;
  /** only users holding this role, or one of these roles; all members when absent */
  role?: string | readonly string[];
  /** only users who also hold each of these roles */
  alsoHolding?: Holding[];
  /** only these users */
  userGuids?: string[];
}

/** A role held in an organization or a space. */
export interface Holding {
  resourceType: MemberResourceType;
  /** any of these */
  resourceGuids: string[];
  role: string;
}

/** Users holding `role` in any of the resources. */
async function holders(store: ReadStore, h: Holding): Promise<Set<string>> {
  const out = new Set<string>();
  for (const guid of h.resourceGuids) {
    for (const { share, roles } of await store.listLiveSharesWithRoles(h.resourceType, guid, 'user')) if (roles.includes(h.role)) out.add(share.granteeGuid);
  }
  return out;
}

/** Resources of a type in which any of the users holds `role`. */
async function heldBy(store: ReadStore, userGuids: string[], resourceType: MemberResourceType, role: string): Promise<Set<string>> {
  const out = new Set<string>();
  for (const userGuid of userGuids) {
    for (const grant of await store.listUserGrants(userGuid)) if (grant.resourceType === resourceType && grant.roles.includes(role)) out.add(grant.resourceGuid);
  }
  return out;
}

const intersect = (a: string[] | undefined, b: Iterable<string>): string[] => {
  const bs = [...b];
  return a === undefined ? bs : a.filter((x) => bs.includes(x));
};

/** An organization the caller may read: missing is not found, unreadable forbidden. */
export async function organizationForMembers(deps: Deps, actor: Actor, guid: string): Promise<Organization> {
  const org = await deps.store.getOrganization(guid);
  if (!org) throw missing('organization', guid);
  if (!canReadOrganization(actor, await loadAccess(deps, actor), guid)) throw hidden('organization', guid);
  return org;
}

/** A space the caller may read: missing is not found, unreadable forbidden. */
export async function spaceForMembers(deps: Deps, actor: Actor, guid: string): Promise<Space> {
  const space = await deps.store.getSpace(guid);
  if (!space) throw missing('space', guid);
  if (!canReadSpace(actor, await loadAccess(deps, actor), space)) throw hidden('space', guid);
  return space;
}

/** Role holders of a readable organization or space, one page of users in creation order. */
export async function listMembers(deps: Deps, actor: Actor, query: MemberQuery, page: PageRequest): Promise<PageOf<Member>> {
  if (query.resourceType === 'organization') await organizationForMembers(deps, actor, query.resourceGuid);
  else await spaceForMembers(deps, actor, query.resourceGuid);
  const roles = new Map<string, string[]>();
  for (const { share, roles: held } of await deps.store.listLiveSharesWithRoles(query.resourceType, query.resourceGuid, 'user')) {
    const wanted = query.role === undefined ? held : typeof query.role === 'string' ? [query.role] : query.role;
    if (held.some((r) => wanted.includes(r))) roles.set(share.granteeGuid, held);
  }
  let guids = [...roles.keys()];
  for (const h of query.alsoHolding ?? []) guids = intersect(guids, await holders(deps.store, h));
  if (query.userGuids) guids = intersect(guids, query.userGuids);
  if (guids.length === 0) return { total: 0, items: [] };
  const users = await deps.store.listUsers({ guids }, page);
  return { total: users.total, items: users.items.map((user) => ({ user, roles: roles.get(user.guid) ?? [] })) };
}

/** A user the caller may read as v2 does: themselves, or anyone for admins and global readers. */
export async function userForRelations(deps: Deps, actor: Actor, guid: string): Promise<User> {
  const user = await deps.store.getUser(guid);
  if (!user || !user.cfUser) throw missing('user', guid);
  if (!actor.readsAll && actor.userGuid !== guid) throw hidden('user', guid);
  return user;
}

/** Where a user holds a role: spaces or organizations, one page in creation order. */
export async function listUserRelation(
  deps: Deps,
  actor: Actor,
  userGuid: string,
  { resourceType, role }: HeldRole,
  page: PageRequest,
): Promise<{ type: 'space'; page: PageOf<Space> } | { type: 'organization'; page: PageOf<Organization> }> {
  await userForRelations(deps, actor, userGuid);
  const guids: string[] = [];
  for (const grant of await deps.store.listUserGrants(userGuid)) if (grant.resourceType === resourceType && grant.roles.includes(role)) guids.push(grant.resourceGuid);
  if (resourceType === 'space') {
    return { type: 'space', page: guids.length ? await deps.store.listSpaces({ guids }, page) : { total: 0, items: [] } };
  }
  return { type: 'organization', page: guids.length ? await deps.store.listOrganizations({ guids }, page) : { total: 0, items: [] } };
}

/** All users, for admins and global readers only (Cloud Controller's v2 user index), optionally by roles held. */
export async function listAllUsers(deps: Deps, actor: Actor, holding: Holding[], page: PageRequest): Promise<PageOf<User>> {
  if (!actor.readsAll) throw forbidden();
  let guids: string[] | undefined;
  for (const h of holding) guids = intersect(guids, await holders(deps.store, h));
  if (guids !== undefined && guids.length === 0) return { total: 0, items: [] };
  return deps.store.listUsers({ guids, cfUsersOnly: true }, page);
}

/** What v2 list filters (`q`) ask of organizations; the list is limited to what the caller can read. */
export interface OrganizationSearch {
  /** on the name, case-insensitively */
  names?: TextCondition[];
  /** organizations of these spaces */
  spaceGuids?: string[];
  /** organizations in which one of the users holds the role */
  heldBy?: { userGuids: string[]; role: string }[];
  statuses?: ('active' | 'suspended')[];
}

export async function searchOrganizations(deps: Deps, actor: Actor, search: OrganizationSearch, page: PageRequest): Promise<PageOf<Organization>> {
  let guids: string[] | undefined;
  if (search.spaceGuids)
    guids = intersect(
      guids,
      (await deps.store.getSpaces(search.spaceGuids)).map((s) => s.organizationGuid),
    );
  for (const h of search.heldBy ?? []) guids = intersect(guids, await heldBy(deps.store, h.userGuids, 'organization', h.role));
  if (search.statuses) {
    const all = await deps.store.listOrganizations({ guids }, { page: 1, perPage: 1_000_000 });
    guids = all.items.filter((o) => search.statuses!.includes(o.suspended ? 'suspended' : 'active')).map((o) => o.guid);
  }
  if (guids !== undefined && guids.length === 0) return { total: 0, items: [] };
  const visibleGuids = actor.readsAll ? undefined : readableOrganizationGuids(await loadAccess(deps, actor));
  return deps.store.listOrganizations({ nameConditions: search.names, guids, visibleGuids }, page);
}

/** What v2 list filters ask of spaces; the list is limited to what the caller can read. */
export interface SpaceSearch {
  /** on the name, case-insensitively */
  names?: TextCondition[];
  organizationGuids?: string[];
  /** spaces in which one of the users holds the role */
  heldBy?: { userGuids: string[]; role: string }[];
  /** a filter nothing here can match (apps, isolation segments) */
  none?: boolean;
}

export async function searchSpaces(deps: Deps, actor: Actor, search: SpaceSearch, page: PageRequest): Promise<PageOf<Space>> {
  if (search.none) return { total: 0, items: [] };
  let guids: string[] | undefined;
  for (const h of search.heldBy ?? []) guids = intersect(guids, await heldBy(deps.store, h.userGuids, 'space', h.role));
  if (guids !== undefined && guids.length === 0) return { total: 0, items: [] };
  const visible = actor.readsAll ? undefined : readableScope(await loadAccess(deps, actor));
  return deps.store.listSpaces({ nameConditions: search.names, organizationGuids: search.organizationGuids, guids, visible }, page);
}
