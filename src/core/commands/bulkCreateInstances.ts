// Provisioning several instances of an offering at once (CSM's bulkCreate), as a task: owned by the caller, in the
// first space of the tenant they may create instances in.
import type { Actor } from '../actor';
import { catalogIndex } from '../catalog';
import type { Deps } from '../context';
import { invalid } from '../errors';
import { recordEvent } from '../events';
import { assertOrganizationWritable } from '../lookups';
import { newManagedInstance } from '../newManagedInstance';
import { canWriteSpace, loadAccess } from '../policy';
import type { Operation, Organization, ServiceOffering, ServicePlan, Space } from '../records';
import type { ReadStore, WriteStore } from '../store';
import { actorOfOperation, paramsOf, queueInstanceTask, type OperationRequest } from './instanceTask';

export interface BulkCreateParams {
  offeringGuid: string;
  quantity: number;
  name?: string;
  organizationName?: string;
}

export const BULK_CREATE_MAX = 100;

async function spaceForCreator(deps: Deps, store: ReadStore, actor: Actor, organizationName: string | undefined): Promise<{ org: Organization; space: Space }> {
  const access = await loadAccess(deps, actor);
  let org: Organization | undefined;
  if (organizationName) {
    org = await store.getOrganizationByName(organizationName);
    if (!org) throw invalid('organization.unknown', { name: organizationName });
  }
  const candidates = org ? await store.getSpaces(await store.spaceGuidsOfOrganizations([org.guid])) : await store.getSpaces([...access.spaceRoles.keys()]);
  const space = candidates.sort((a, b) => a.createdAt - b.createdAt).find((s) => canWriteSpace(actor, access, s));
  if (!space) throw invalid('instance_create.no_space', { organizationName: organizationName ?? null });
  org ??= await store.getOrganization(space.organizationGuid);
  if (!org) throw invalid('instance_create.no_space', { organizationName: organizationName ?? null });
  return { org, space };
}

function offeringPlan(deps: Deps, offeringGuid: string): { offering: ServiceOffering; plan: ServicePlan } {
  const index = catalogIndex(deps.catalog);
  const offering = index.offering(offeringGuid);
  if (!offering || !offering.available) throw invalid('catalog.offering_unknown', { guid: offeringGuid });
  const plan = deps.catalog.plans.find((p) => p.offeringGuid === offering.guid && p.active && p.public);
  if (!plan) throw invalid('service_instance.invalid_plan');
  return { offering, plan };
}

async function checkBulkCreate(deps: Deps, store: ReadStore, actor: Actor, p: BulkCreateParams) {
  if (!Number.isInteger(p.quantity) || p.quantity < 1 || p.quantity > BULK_CREATE_MAX) throw invalid('instance_create.quantity', { max: BULK_CREATE_MAX });
  const { offering, plan } = offeringPlan(deps, p.offeringGuid);
  const { org, space } = await spaceForCreator(deps, store, actor, p.organizationName);
  assertOrganizationWritable(actor, org);
  const base = p.name || offering.name;
  const names = p.quantity === 1 && p.name ? [base] : Array.from({ length: p.quantity }, (_, i) => `${base}-${i + 1}`);
  return { offering, plan, org, space, names };
}

async function uniqueName(tx: WriteStore, space: Space, wanted: string, strict: boolean, suffix: () => string): Promise<string> {
  let name = wanted;
  while ((await tx.getInstanceByName(space.guid, name)) || (await tx.instanceSharedIntoSpaceByName(space.guid, name))) {
    if (strict) throw invalid('service_instance.name_taken', { name, type: 'managed', update: false });
    name = `${wanted}-${suffix()}`;
  }
  return name;
}

async function applyBulkCreate(deps: Deps, tx: WriteStore, actor: Actor, p: BulkCreateParams, checked: Awaited<ReturnType<typeof checkBulkCreate>>) {
  const guids: string[] = [];
  const created: { guid: string; name: string }[] = [];
  for (const wanted of checked.names) {
    // a name the caller chose must be free; a generated one gets a suffix until it is
    const name = await uniqueName(tx, checked.space, wanted, Boolean(p.name) && p.quantity === 1, () => deps.ids.guid().slice(0, 8));
    const now = deps.clock.now();
    const instance = newManagedInstance({
      guid: deps.ids.guid(),
      spaceGuid: checked.space.guid,
      name,
      plan: checked.plan,
      ownerGuid: actor.userGuid,
      createdAt: now,
      updatedAt: now,
    });
    await tx.insertInstance(instance);
    await recordEvent(deps, tx, actor, {
      type: 'audit.service_instance.create',
      target: { guid: instance.guid, type: 'service_instance', name },
      data: { request: { name, service_plan_guid: checked.plan.guid, space_guid: checked.space.guid } },
      spaceGuid: checked.space.guid,
      organizationGuid: checked.org.guid,
    });
    guids.push(instance.guid);
    created.push({ guid: instance.guid, name });
  }
  return { instanceGuids: guids, instances: created };
}

export async function requestBulkCreate(deps: Deps, actor: Actor, p: BulkCreateParams, request: OperationRequest = {}): Promise<Operation> {
  const { names } = await checkBulkCreate(deps, deps.store, actor, p);
  return queueInstanceTask(deps, actor, 'service_instance.bulk_create', null, names[0] ?? '', { ...p }, request);
}

export const bulkCreateHandlers = {
  'service_instance.bulk_create': async (deps: Deps, tx: WriteStore, op: Operation) => {
    const actor = actorOfOperation(op);
    const p = paramsOf<BulkCreateParams>(op);
    return applyBulkCreate(deps, tx, actor, p, await checkBulkCreate(deps, tx, actor, p));
  },
};
