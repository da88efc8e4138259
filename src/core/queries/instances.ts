import type { Actor } from '../actor';
import { SCOPES, hasScope } from '../actor';
import { catalogIndex } from '../catalog';
import type { Deps } from '../context';
import { conflict, denied, invalid, missing } from '../errors';
import { recordEvent } from '../events';
import { requireInstanceRecord, requireReadableInstance } from '../lookups';
import { canWriteSpace, instanceAccess, loadAccess, readableScope } from '../policy';
import type { Organization, ServiceInstance, Space } from '../records';
import type { InstanceFilter, PageOf, PageRequest } from '../store';

export async function getInstance(deps: Deps, actor: Actor, guid: string): Promise<ServiceInstance> {
  return (await requireReadableInstance(deps, actor, guid)).instance;
}

export async function listInstances(deps: Deps, actor: Actor, filter: InstanceFilter & { servicePlanNames?: string[] }, page: PageRequest): Promise<PageOf<ServiceInstance>> {
  const { servicePlanNames, ...rest } = filter;
  const f: InstanceFilter = { ...rest };
  if (servicePlanNames) {
    const byName = catalogIndex(deps.catalog).planGuidsNamed(servicePlanNames);
    f.servicePlanGuids = f.servicePlanGuids ? f.servicePlanGuids.filter((g) => byName.includes(g)) : byName;
  }
  if (!actor.readsAll) f.visible = { ...readableScope(await loadAccess(deps, actor)), userGuid: actor.userGuid };
  return deps.store.listInstances(f, page);
}

/** The credentials of a user-provided instance: admins and developers of its owning space. Reading them is audited. */
export async function getInstanceCredentials(deps: Deps, actor: Actor, guid: string): Promise<Record<string, unknown>> {
  return deps.store.transaction(async (tx) => {
    const { instance, space } = await requireReadableInstance(deps, actor, guid, tx);
    if (instance.type !== 'user-provided') throw missing('service_instance', guid);
    const allowed = actor.isAdmin || hasScope(actor, SCOPES.adminReadOnly) || canWriteSpace(actor, await loadAccess(deps, actor), space);
    if (!allowed) throw denied('service_instance', guid);
    await recordEvent(deps, tx, actor, {
      type: 'audit.user_provided_service_instance.show',
      target: { guid, type: 'user_provided_service_instance', name: instance.name },
      spaceGuid: space.guid,
      organizationGuid: space.organizationGuid,
    });
    return instance.credentials;
  });
}

export async function getInstanceParameters(deps: Deps, actor: Actor, guid: string): Promise<Record<string, unknown>> {
  const { instance, access } = await requireReadableInstance(deps, actor, guid);
  if (!access.readOwning) throw denied('service_instance', guid);
  const offering = catalogIndex(deps.catalog).offeringOfPlan(instance.servicePlanGuid);
  if (instance.type !== 'managed' || !offering?.instancesRetrievable) throw invalid('service_instance.parameters_not_supported');
  if (instance.lastOperation.type === 'create' && instance.lastOperation.state === 'in progress') {
    throw conflict('service_instance.create_in_progress', { name: instance.name });
  }
  return instance.parameters;
}

/** Whether the actor may read each instance's credentials: admins, read-only admins, developers of its own space. */
export async function credentialsVisibility(deps: Deps, actor: Actor, instances: ServiceInstance[]): Promise<boolean[]> {
  if (actor.isAdmin || hasScope(actor, SCOPES.adminReadOnly)) return instances.map(() => true);
  const access = await loadAccess(deps, actor);
  return instances.map((i) => canWriteSpace(actor, access, { guid: i.spaceGuid }));
}

export interface SpaceWithOrganization {
  space: Space;
  organization: Organization | undefined;
}

/**
 * Where a readable instance lives and every space it is shared into (in share order), with their organizations:
 * anyone who may read the instance sees these names.
 */
export async function getInstanceSharing(
  deps: Deps,
  actor: Actor,
  guid: string,
): Promise<{ instance: ServiceInstance; source: SpaceWithOrganization; targets: SpaceWithOrganization[] }> {
  const { instance, space, org } = await requireReadableInstance(deps, actor, guid);
  const shares = await deps.store.listLiveSharesOfResource('service_instance', guid, 'space');
  const spaces = new Map((await deps.store.getSpaces(shares.map((s) => s.granteeGuid))).map((s) => [s.guid, s]));
  const orgs = new Map<string, Organization | undefined>([[org.guid, org]]);
  const targets: SpaceWithOrganization[] = [];
  for (const share of shares) {
    const target = spaces.get(share.granteeGuid);
    if (!target) continue;
    if (!orgs.has(target.organizationGuid)) orgs.set(target.organizationGuid, await deps.store.getOrganization(target.organizationGuid));
    targets.push({ space: target, organization: orgs.get(target.organizationGuid) });
  }
  return { instance, source: { space, organization: org }, targets };
}

/** Whether the actor reads the instance only through a space it is shared into (not through its own space). */
export async function readsOnlyThroughShare(deps: Deps, actor: Actor, guid: string): Promise<boolean> {
  const { access } = await requireReadableInstance(deps, actor, guid);
  return !access.readOwning;
}

/** What the actor may do with an instance; an invisible instance answers false/false, a missing one not found. */
export async function getInstancePermissions(deps: Deps, actor: Actor, guid: string): Promise<{ manage: boolean; read: boolean }> {
  const { instance, space, org } = await requireInstanceRecord(deps, guid);
  const access = await instanceAccess(deps, actor, instance, space);
  // manage: admin, a developer of its space, its owner, or a user it is shared with (design.md §1)
  const manage = access.read && (actor.isAdmin || (!org.suspended && access.manage));
  return { manage, read: access.read };
}
