import type { Actor } from '../actor';
import type { Deps } from '../context';
import { hidden, missing } from '../errors';
import { requireOrganization, requireSpace } from '../lookups';
import { canReadOrganization, canReadSpace, loadAccess, readableOrganizationGuids, readableScope } from '../policy';
import type { Organization, Space, User } from '../records';
import type { OrganizationFilter, PageOf, PageRequest, ReadStore, RoleFilter, SpaceFilter, UserFilter } from '../store';

export const getOrganization = (deps: Deps, actor: Actor, guid: string) => requireOrganization(deps, actor, guid);
export const getSpace = (deps: Deps, actor: Actor, guid: string) => requireSpace(deps, actor, guid);

export async function listOrganizations(deps: Deps, actor: Actor, filter: OrganizationFilter, page: PageRequest): Promise<PageOf<Organization>> {
  const f = { ...filter };
  if (!actor.readsAll) f.visibleGuids = readableOrganizationGuids(await loadAccess(deps, actor));
  return deps.store.listOrganizations(f, page);
}

export async function listSpaces(deps: Deps, actor: Actor, filter: SpaceFilter, page: PageRequest): Promise<PageOf<Space>> {
  const f = { ...filter };
  if (!actor.readsAll) f.visible = readableScope(await loadAccess(deps, actor));
  return deps.store.listSpaces(f, page);
}

/** Users a non-admin can see: themselves and anyone with a role in an organization they can read. */
async function visibleUserGuids(deps: Deps, actor: Actor): Promise<string[] | undefined> {
  if (actor.readsAll) return undefined;
  const orgs = readableOrganizationGuids(await loadAccess(deps, actor));
  const all = { page: 1, perPage: 1_000_000 };
  const orgRoles = await deps.store.listRoles({ organizationGuids: orgs }, all);
  const spaceRoles = await deps.store.listRoles({ spaceGuids: await deps.store.spaceGuidsOfOrganizations(orgs) }, all);
  return [...new Set([actor.userGuid, ...orgRoles.items.map((r) => r.userGuid), ...spaceRoles.items.map((r) => r.userGuid)])];
}

/** A user the actor may see: user missing, or hidden (not the actor, and no role in an organization it can read). */
export async function getUser(deps: Deps, actor: Actor, guid: string, store: ReadStore = deps.store): Promise<User> {
  const user = await store.getUser(guid);
  // an account made through the login server only (SCIM) is not a Cloud Foundry user until registered or seen
  if (!user?.cfUser) throw missing('user', guid);
  const visible = await visibleUserGuids(deps, actor);
  if (visible && !visible.includes(guid)) throw hidden('user', guid);
  return user;
}

export async function listUsers(deps: Deps, actor: Actor, filter: UserFilter, page: PageRequest): Promise<PageOf<User>> {
  return deps.store.listUsers({ ...filter, visibleGuids: await visibleUserGuids(deps, actor) }, page);
}

export interface SpaceView {
  space: Space;
  organization: Organization | undefined;
  /** whether the caller may read the space (and so see its name) */
  readable: boolean;
  /** whether the caller may read its organization */
  orgReadable: boolean;
}

/** Spaces named by guid, in the given order, with what the caller may see of each (unknown guids are skipped). */
export async function describeSpaces(deps: Deps, actor: Actor, guids: string[]): Promise<SpaceView[]> {
  const spaces = new Map((await deps.store.getSpaces(guids)).map((s) => [s.guid, s]));
  const access = await loadAccess(deps, actor);
  const orgs = new Map<string, Organization | undefined>();
  const out: SpaceView[] = [];
  for (const guid of new Set(guids)) {
    const space = spaces.get(guid);
    if (!space) continue;
    if (!orgs.has(space.organizationGuid)) orgs.set(space.organizationGuid, await deps.store.getOrganization(space.organizationGuid));
    const readable = canReadSpace(actor, access, space);
    out.push({ space, organization: orgs.get(space.organizationGuid), readable, orgReadable: readable || canReadOrganization(actor, access, space.organizationGuid) });
  }
  return out;
}

// Who belongs to an organization or a space (a role there), and what an organization uses.

const EVERY = { page: 1, perPage: 1_000_000 };

/** Users with a role in the organization (space roles alone do not count), for those who can read it. */
export async function listOrganizationUsers(deps: Deps, actor: Actor, organizationGuid: string, filter: UserFilter, page: PageRequest): Promise<PageOf<User>> {
  await requireOrganization(deps, actor, organizationGuid);
  return usersHoldingRoles(deps, { organizationGuids: [organizationGuid] }, filter, page);
}

/** Users with a role in the space, for those who can read it. */
export async function listSpaceUsers(deps: Deps, actor: Actor, spaceGuid: string, filter: UserFilter, page: PageRequest): Promise<PageOf<User>> {
  await requireSpace(deps, actor, spaceGuid);
  return usersHoldingRoles(deps, { spaceGuids: [spaceGuid] }, filter, page);
}

/** A page of the users that hold one of the roles `roles` selects, filtered as the list asks. */
async function usersHoldingRoles(deps: Deps, roles: RoleFilter, filter: UserFilter, page: PageRequest): Promise<PageOf<User>> {
  const found = await deps.store.listRoles(roles, EVERY);
  return deps.store.listUsers({ ...filter, visibleGuids: [...new Set(found.items.map((r) => r.userGuid))] }, page);
}

/** What counts against a quota. sharegate runs no apps, routes, tasks, domains or service keys: only instances count. */
export interface UsageSummary {
  /** managed service instances (user-provided ones do not count, as in Cloud Controller) */
  serviceInstances: number;
}

/** An organization's usage: the managed instances its spaces own (not those shared into them). */
export async function getOrganizationUsageSummary(deps: Deps, actor: Actor, organizationGuid: string): Promise<UsageSummary> {
  await requireOrganization(deps, actor, organizationGuid);
  const spaces = new Set(await deps.store.spaceGuidsOfOrganizations([organizationGuid]));
  const instances = await deps.store.listInstances({ type: 'managed', organizationGuids: [organizationGuid] }, EVERY);
  return { serviceInstances: instances.items.filter((i) => spaces.has(i.spaceGuid)).length };
}

/** The whole installation's usage, for those who read everything; undefined for anyone else. */
export async function getGlobalUsageSummary(deps: Deps, actor: Actor): Promise<UsageSummary | undefined> {
  if (!actor.readsAll) return undefined;
  return { serviceInstances: (await deps.store.listInstances({ type: 'managed' }, { page: 1, perPage: 1 })).total };
}
