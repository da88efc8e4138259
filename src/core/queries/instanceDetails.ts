// Instances with what a view by owner and shared users needs: owner, the users it is shared with, its organization
// and offering. Used by dialects that present ownership (CSM).
import type { Actor } from '../actor';
import { catalogIndex } from '../catalog';
import type { Deps } from '../context';
import { hidden, missing } from '../errors';
import { instanceAccess, loadAccess, readableScope } from '../policy';
import type { Organization, ServiceInstance, ServiceOffering, ServicePlan, Space, User } from '../records';
import type { InstanceFilter, PageOf, PageRequest } from '../store';

export interface InstanceDetail {
  instance: ServiceInstance;
  space: Space;
  organization: Organization;
  owner: User | null;
  sharedWith: User[];
  offering: ServiceOffering | null;
  plan: ServicePlan | null;
}

/** A detail without the users the instance is shared with (one store read per instance fewer). */
export type InstanceSummary = Omit<InstanceDetail, 'sharedWith'>;

/** Builds details, reading each space, organization and user once however many instances share it. */
function detailLoader(deps: Deps) {
  const spaces = new Map<string, Promise<Space | undefined>>();
  const organizations = new Map<string, Promise<Organization | undefined>>();
  const users = new Map<string, Promise<User | undefined>>();
  /** the users each instance is shared with, by instance guid, for instances prefetched together */
  const userShares = new Map<string, Promise<string[]>>();
  const once = <T>(cache: Map<string, Promise<T>>, key: string, read: (key: string) => Promise<T>) => {
    let hit = cache.get(key);
    if (!hit) cache.set(key, (hit = read(key)));
    return hit;
  };
  const index = catalogIndex(deps.catalog);
  const user = (guid: string) => once(users, guid, (g) => deps.store.getUser(g));
  return {
    /** reads the spaces of these instances in one call */
    async prefetchSpaces(instances: ServiceInstance[]) {
      const wanted = [...new Set(instances.map((i) => i.spaceGuid))].filter((g) => !spaces.has(g));
      if (wanted.length === 0) return;
      const found = new Map((await deps.store.getSpaces(wanted)).map((s) => [s.guid, s]));
      for (const g of wanted) spaces.set(g, Promise.resolve(found.get(g)));
    },
    /** reads the user shares of these instances in one call */
    async prefetchUserShares(instances: ServiceInstance[]) {
      const wanted = instances.map((i) => i.guid).filter((g) => !userShares.has(g));
      if (wanted.length === 0) return;
      const found = new Map<string, string[]>(wanted.map((g) => [g, []]));
      for (const share of await deps.store.listLiveSharesOfResources('service_instance', wanted, 'user')) found.get(share.resourceGuid)?.push(share.granteeGuid);
      for (const [g, grantees] of found) userShares.set(g, Promise.resolve(grantees));
    },
    async summaryOf(instance: ServiceInstance): Promise<InstanceSummary | null> {
      const space = await once(spaces, instance.spaceGuid, (g) => deps.store.getSpace(g));
      const organization = space && (await once(organizations, space.organizationGuid, (g) => deps.store.getOrganization(g)));
      if (!space || !organization) return null;
      const owner = instance.ownerGuid ? ((await user(instance.ownerGuid)) ?? null) : null;
      return { instance, space, organization, owner, offering: index.offeringOfPlan(instance.servicePlanGuid) ?? null, plan: index.plan(instance.servicePlanGuid) ?? null };
    },
    async completed(summary: InstanceSummary): Promise<InstanceDetail> {
      const sharedWith: User[] = [];
      const grantees = await once(userShares, summary.instance.guid, async (g) =>
        (await deps.store.listLiveSharesOfResource('service_instance', g, 'user')).map((share) => share.granteeGuid),
      );
      for (const guid of grantees) {
        const grantee = await user(guid);
        if (grantee) sharedWith.push(grantee);
      }
      return { ...summary, sharedWith };
    },
    async detailOf(instance: ServiceInstance): Promise<InstanceDetail | null> {
      const summary = await this.summaryOf(instance);
      return summary && this.completed(summary);
    },
  };
}

/** One instance the actor may see (its owner and the users it is shared with included), else not found. */
export async function getInstanceDetail(deps: Deps, actor: Actor, guid: string): Promise<InstanceDetail> {
  const instance = await deps.store.getInstance(guid);
  const space = instance && (await deps.store.getSpace(instance.spaceGuid));
  if (!instance || !space) throw missing('service_instance', guid);
  if (!(await instanceAccess(deps, actor, instance, space)).read) throw hidden('service_instance', guid);
  const detail = await detailLoader(deps).detailOf(instance);
  if (!detail) throw missing('service_instance', guid);
  return detail;
}

/** The actor's visibility added to a filter (admins and global readers see every instance). */
async function visibleFilter(deps: Deps, actor: Actor, filter: InstanceFilter): Promise<InstanceFilter> {
  if (actor.readsAll) return filter;
  return { ...filter, visible: { ...readableScope(await loadAccess(deps, actor)), userGuid: actor.userGuid } };
}

async function detailsOf(deps: Deps, instances: ServiceInstance[]): Promise<InstanceDetail[]> {
  const loader = detailLoader(deps);
  await loader.prefetchSpaces(instances);
  await loader.prefetchUserShares(instances);
  const details: InstanceDetail[] = [];
  for (const instance of instances) {
    const detail = await loader.detailOf(instance);
    if (detail) details.push(detail);
  }
  return details;
}

/** Every instance the actor may see, oldest first, without the users each is shared with. */
export async function listInstanceSummaries(deps: Deps, actor: Actor): Promise<InstanceSummary[]> {
  const filter = await visibleFilter(deps, actor, {});
  const page = await deps.store.listInstances(filter, { page: 1, perPage: 1_000_000, orderBy: { field: 'created_at', direction: 'asc' } });
  const loader = detailLoader(deps);
  await loader.prefetchSpaces(page.items);
  const summaries: InstanceSummary[] = [];
  for (const instance of page.items) {
    const summary = await loader.summaryOf(instance);
    if (summary) summaries.push(summary);
  }
  return summaries;
}

/** Summaries completed with the users each instance is shared with. */
export async function completeInstanceDetails(deps: Deps, summaries: InstanceSummary[]): Promise<InstanceDetail[]> {
  const loader = detailLoader(deps);
  await loader.prefetchUserShares(summaries.map((s) => s.instance));
  const details: InstanceDetail[] = [];
  for (const summary of summaries) details.push(await loader.completed(summary));
  return details;
}

/** One page of the instances the actor may see that match the filter, with the total of all that match. */
export async function pageInstanceDetails(deps: Deps, actor: Actor, filter: InstanceFilter, page: PageRequest): Promise<PageOf<InstanceDetail>> {
  const found = await deps.store.listInstances(await visibleFilter(deps, actor, filter), page);
  return { total: found.total, items: await detailsOf(deps, found.items) };
}
