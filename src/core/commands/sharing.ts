// Sharing an instance into other spaces: instance -> space shares, with Cloud Controller's rules and check order.
import type { Actor } from '../actor';
import { catalogIndex } from '../catalog';
import type { Deps, Input } from '../context';
import { denied, invalid, notFound } from '../errors';
import { recordEvent } from '../events';
import { assertFeatureEnabled, requireManageableInstance, requireReadableInstance } from '../lookups';
import { canReadSpace, canWriteSpace, loadAccess } from '../policy';
import type { Organization, ServiceInstance, Space } from '../records';
import { describeSpaces, type SpaceView } from '../queries/directory';
import { addBareShare, deleteShare } from '../shares';
import type { ReadStore, WriteStore } from '../store';

async function checkTargets(deps: Deps, store: ReadStore, actor: Actor, instance: ServiceInstance, targetGuids: string[]): Promise<Space[]> {
  const access = await loadAccess(deps, actor);
  const found = new Map((await store.getSpaces(targetGuids)).map((s) => [s.guid, s]));
  const orgs = new Map<string, Organization | undefined>();
  const unreadable: string[] = [];
  const unwritable: string[] = [];
  const targets: Space[] = [];
  for (const guid of targetGuids) {
    const space = found.get(guid);
    if (!space || !canReadSpace(actor, access, space)) {
      unreadable.push(guid);
      continue;
    }
    if (!orgs.has(space.organizationGuid)) orgs.set(space.organizationGuid, await store.getOrganization(space.organizationGuid));
    const org = orgs.get(space.organizationGuid);
    if (!canWriteSpace(actor, access, space) || (!actor.isAdmin && org?.suspended)) unwritable.push(guid);
    else targets.push(space);
  }
  if (unreadable.length || unwritable.length) throw invalid('share.invalid_targets', { instanceName: instance.name, unreadable, unwritable });
  return targets;
}

async function checkRules(deps: Deps, tx: WriteStore, instance: ServiceInstance, owning: Space, targets: Space[]) {
  const index = catalogIndex(deps.catalog);
  const plan = index.plan(instance.servicePlanGuid);
  const offering = index.offeringOfPlan(instance.servicePlanGuid);
  if (instance.routeServiceUrl || offering?.requires.includes('route_forwarding')) throw invalid('share.route_service');
  if (instance.type === 'user-provided') throw invalid('share.user_provided');
  if (!offering?.shareable) throw invalid('share.not_shareable', { offeringName: offering?.name ?? '' });
  if (targets.some((t) => t.guid === owning.guid)) throw invalid('share.into_own_space', { instanceName: instance.name, spaceGuid: owning.guid });
  if (!plan?.active) throw invalid('share.plan_inactive', { planName: plan?.name ?? '' });
  for (const target of targets) {
    if (!plan.public) {
      const org = await tx.getOrganization(target.organizationGuid);
      throw invalid('share.plan_not_enabled', { offeringName: offering.name, planName: plan.name, organizationName: org?.name ?? '', spaceName: target.name });
    }
    if (await tx.getInstanceByName(target.guid, instance.name)) throw invalid('share.name_exists', { name: instance.name, spaceName: target.name });
    if (await tx.instanceSharedIntoSpaceByName(target.guid, instance.name)) throw invalid('share.name_shared', { name: instance.name, spaceName: target.name });
  }
  const op = instance.lastOperation;
  if (op.type === 'create' && op.state === 'failed') throw notFound('share.instance_create_failed', { resource: 'service_instance', guid: instance.guid, name: instance.name });
  if (op.type === 'create' && op.state !== 'succeeded') throw invalid('share.instance_creating');
  if (op.type === 'delete' && op.state === 'in progress') throw invalid('share.instance_deleting');
}

/**
 * Shares the instance into every target space, all or nothing; returns every space it is now shared into.
 * Authorize: service_instance_sharing on, the instance readable and manageable, its organization writable. Input:
 * the target space guids. Rules: every target readable and writable, then CC's sharing rules.
 */
export async function shareInstance(deps: Deps, actor: Actor, guid: string, input: Input<string[]>): Promise<string[]> {
  return deps.store.transaction(async (tx) => {
    await assertFeatureEnabled(deps, 'service_instance_sharing', tx);
    const { instance: fresh, space, access } = await requireManageableInstance(deps, actor, guid, tx);
    // a user the instance is shared with manages it but may not share it further
    if (!access.share) throw denied('service_instance', guid);
    const targetGuids = input();
    const targets = await checkTargets(deps, tx, actor, fresh, targetGuids);
    await checkRules(deps, tx, fresh, space, targets);
    for (const target of targets) {
      await addBareShare(deps, tx, { resourceType: 'service_instance', resourceGuid: guid, granteeType: 'space', granteeGuid: target.guid });
    }
    await recordEvent(deps, tx, actor, {
      type: 'audit.service_instance.share',
      target: { guid, type: 'service_instance', name: fresh.name },
      data: { target_space_guids: targetGuids },
      spaceGuid: space.guid,
      organizationGuid: space.organizationGuid,
    });
    return (await tx.listLiveSharesOfResource('service_instance', guid, 'space')).map((s) => s.granteeGuid);
  });
}

/**
 * Unshares from one space. Not shared there: nothing changes. The target space's access is not checked. Who may
 * share it may unshare it (a user the instance is shared with manages it, but changes neither where it is shared
 * nor whether).
 */
export async function unshareInstance(deps: Deps, actor: Actor, guid: string, spaceGuid: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const { instance, space, access } = await requireManageableInstance(deps, actor, guid, tx);
    if (!access.share) throw denied('service_instance', guid);
    if (!(await tx.getSpace(spaceGuid))) throw invalid('unshare.space_not_found', { spaceGuid });
    const share = await tx.getLiveShare('service_instance', guid, 'space', spaceGuid);
    if (!share) return;
    await deleteShare(deps, tx, share);
    await recordEvent(deps, tx, actor, {
      type: 'audit.service_instance.unshare',
      target: { guid, type: 'service_instance', name: instance.name },
      data: { target_space_guid: spaceGuid },
      spaceGuid: space.guid,
      organizationGuid: space.organizationGuid,
    });
  });
}

/** The spaces an instance is shared into, in share order, with what the caller may see of each. */
export async function listSharedSpaces(deps: Deps, actor: Actor, guid: string): Promise<{ instance: ServiceInstance; spaces: SpaceView[] }> {
  const { instance } = await requireReadableInstance(deps, actor, guid);
  const shares = await deps.store.listLiveSharesOfResource('service_instance', guid, 'space');
  return {
    instance,
    spaces: await describeSpaces(
      deps,
      actor,
      shares.map((s) => s.granteeGuid),
    ),
  };
}
