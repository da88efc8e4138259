// Who belongs to an organization or a space (a role there), and what an organization uses.
import type { Actor } from '../actor';
import type { Deps } from '../context';
import { requireOrganization, requireSpace } from '../lookups';
import type { User } from '../records';
import type { PageOf, PageRequest, UserFilter } from '../store';

const ALL = { page: 1, perPage: 1_000_000 };

/** Users with a role in the organization (space roles alone do not count), for those who can read it. */
export async function listOrganizationUsers(deps: Deps, actor: Actor, organizationGuid: string, filter: UserFilter, page: PageRequest): Promise<PageOf<User>> {
  await requireOrganization(deps, actor, organizationGuid);
  const roles = await deps.store.listRoles({ organizationGuids: [organizationGuid] }, ALL);
  return deps.store.listUsers({ ...filter, visibleGuids: [...new Set(roles.items.map((r) => r.userGuid))] }, page);
}

/** Users with a role in the space, for those who can read it. */
export async function listSpaceUsers(deps: Deps, actor: Actor, spaceGuid: string, filter: UserFilter, page: PageRequest): Promise<PageOf<User>> {
  await requireSpace(deps, actor, spaceGuid);
  const roles = await deps.store.listRoles({ spaceGuids: [spaceGuid] }, ALL);
  return deps.store.listUsers({ ...filter, visibleGuids: [...new Set(roles.items.map((r) => r.userGuid))] }, page);
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
  const instances = await deps.store.listInstances({ type: 'managed', organizationGuids: [organizationGuid] }, ALL);
  return { serviceInstances: instances.items.filter((i) => spaces.has(i.spaceGuid)).length };
}

/** The whole installation's usage, for those who read everything; undefined for anyone else. */
export async function getGlobalUsageSummary(deps: Deps, actor: Actor): Promise<UsageSummary | undefined> {
  if (!actor.readsAll) return undefined;
  return { serviceInstances: (await deps.store.listInstances({ type: 'managed' }, { page: 1, perPage: 1 })).total };
}
