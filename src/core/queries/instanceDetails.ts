// Instances with what a view by owner and shared users needs: owner, the users it is shared with, its organization
// and offering. Used by dialects that present ownership (CSM).
import type { Actor } from '../actor';
import { catalogIndex } from '../catalog';
import type { Deps } from '../context';
import { hidden, missing } from '../errors';
import { instanceAccess, loadAccess, readableScope } from '../policy';
import type { Organization, ServiceInstance, ServiceOffering, ServicePlan, Space, User } from '../records';
import type { InstanceFilter } from '../store';

export interface InstanceDetail {
  instance: ServiceInstance;
  space: Space;
  organization: Organization;
  owner: User | null;
  sharedWith: User[];
  offering: ServiceOffering | null;
  plan: ServicePlan | null;
}

async function detailOf(deps: Deps, instance: ServiceInstance): Promise<InstanceDetail | null> {
  const space = await deps.store.getSpace(instance.spaceGuid);
  const organization = space && (await deps.store.getOrganization(space.organizationGuid));
  if (!space || !organization) return null;
  const owner = instance.ownerGuid ? ((await deps.store.getUser(instance.ownerGuid)) ?? null) : null;
  const sharedWith: User[] = [];
  for (const share of await deps.store.listLiveSharesOfResource('service_instance', instance.guid, 'user')) {
    const user = await deps.store.getUser(share.granteeGuid);
    if (user) sharedWith.push(user);
  }
  const index = catalogIndex(deps.catalog);
  return { instance, space, organization, owner, sharedWith, offering: index.offeringOfPlan(instance.servicePlanGuid) ?? null, plan: index.plan(instance.servicePlanGuid) ?? null };
}

/** One instance the actor may see (its owner and the users it is shared with included), else not found. */
export async function getInstanceDetail(deps: Deps, actor: Actor, guid: string): Promise<InstanceDetail> {
  const instance = await deps.store.getInstance(guid);
  const space = instance && (await deps.store.getSpace(instance.spaceGuid));
  if (!instance || !space) throw missing('service_instance', guid);
  if (!(await instanceAccess(deps, actor, instance, space)).read) throw hidden('service_instance', guid);
  const detail = await detailOf(deps, instance);
  if (!detail) throw missing('service_instance', guid);
  return detail;
}

/** Every instance the actor may see, oldest first. */
export async function listInstanceDetails(deps: Deps, actor: Actor): Promise<InstanceDetail[]> {
  const filter: InstanceFilter = {};
  if (!actor.readsAll) filter.visible = { ...readableScope(await loadAccess(deps, actor)), userGuid: actor.userGuid };
  const page = await deps.store.listInstances(filter, { page: 1, perPage: 1_000_000, orderBy: { field: 'created_at', direction: 'asc' } });
  const details: InstanceDetail[] = [];
  for (const instance of page.items) {
    const detail = await detailOf(deps, instance);
    if (detail) details.push(detail);
  }
  return details;
}
