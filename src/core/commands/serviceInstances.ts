import type { Actor } from '../actor';
import { catalogIndex } from '../catalog';
import type { Deps } from '../context';
import { conflict, forbidden, invalid, notFound } from '../errors';
import { recordEvent } from '../events';
import { assertFeatureEnabled, assertOrganizationWritable, readableSpace, requireInstanceRecord } from '../lookups';
import { applyMetadata, emptyMetadata, type MetadataPatch } from '../metadata';
import { queueOperation, withQueuedOperation } from '../operations';
import { canWriteSpace, instanceAccess, loadAccess } from '../policy';
import type { InstanceType, Operation, ServiceInstance, Space } from '../records';
import { deleteShare } from '../shares';
import type { WriteStore } from '../store';

export interface CreateInstanceInput {
  type: InstanceType;
  name: string;
  spaceGuid: string;
  servicePlanGuid?: string;
  parameters?: Record<string, unknown>;
  credentials?: Record<string, unknown>;
  tags?: string[];
  syslogDrainUrl?: string | null;
  routeServiceUrl?: string | null;
  metadata?: MetadataPatch;
}

/** What a create or update answers: the instance now, or the job that will finish it. */
export type InstanceResult = { instance: ServiceInstance; operation: Operation | null };

export const eventPrefix = (i: Pick<ServiceInstance, 'type'>) =>
  i.type === 'managed' ? 'audit.service_instance' : 'audit.user_provided_service_instance';

export const redactedRequest = (request: Record<string, unknown>) => {
  const copy = { ...request };
  if ('parameters' in copy) copy.parameters = '[PRIVATE DATA HIDDEN]';
  if ('credentials' in copy) copy.credentials = '[REDACTED]';
  return copy;
};

async function assertNameFree(tx: WriteStore, spaceGuid: string, name: string, type: InstanceType, self?: string) {
  const update = self !== undefined;
  const own = await tx.getInstanceByName(spaceGuid, name);
  const shared = await tx.instanceSharedIntoSpaceByName(spaceGuid, name);
  if ((own && own.guid !== self) || (shared && shared.guid !== self)) throw invalid('service_instance.name_taken', { name, type, update });
}

function visiblePlan(deps: Deps, guid: string | undefined) {
  const index = catalogIndex(deps.catalog);
  const plan = guid === undefined ? undefined : index.plan(guid);
  const offering = plan && index.offering(plan.offeringGuid);
  // `hidden`: the plan exists but may not be used (a dialect that does not mask existence answers "not authorized")
  if (!plan || !offering || !plan.active || !plan.public || !offering.available) throw invalid('service_instance.invalid_plan', { hidden: plan !== undefined });
  return { plan, offering };
}

/** Non-admins create instances only while service_instance_creation is on (checked before the body, as CC does). */
export async function authorizeInstanceCreation(deps: Deps, actor: Actor): Promise<void> {
  if (!actor.isAdmin) await assertFeatureEnabled(deps, 'service_instance_creation');
}

export async function createInstance(deps: Deps, actor: Actor, input: CreateInstanceInput, request: Record<string, unknown>): Promise<InstanceResult> {
  await authorizeInstanceCreation(deps, actor);
  const space = await readableSpace(deps, actor, input.spaceGuid);
  if (!space) throw invalid('service_instance.invalid_space');
  if (!canWriteSpace(actor, await loadAccess(deps, actor), space)) throw forbidden();
  const org = await deps.store.getOrganization(space.organizationGuid);
  if (org) assertOrganizationWritable(actor, org);
  if (input.routeServiceUrl && !input.routeServiceUrl.startsWith('https:')) throw invalid('service_instance.route_service_url_not_https');
  const managed = input.type === 'managed';
  const plan = managed ? visiblePlan(deps, input.servicePlanGuid).plan : null;

  const work = async (tx: WriteStore): Promise<InstanceResult> => {
    await assertNameFree(tx, space.guid, input.name, input.type);
    const now = deps.clock.now();
    const instance: ServiceInstance = {
      guid: deps.ids.guid(),
      spaceGuid: space.guid,
      name: input.name,
      type: input.type,
      servicePlanGuid: plan?.guid ?? null,
      ownerGuid: actor.userGuid,
      credentials: managed ? {} : (input.credentials ?? {}),
      parameters: managed ? (input.parameters ?? {}) : {},
      tags: input.tags ?? [],
      syslogDrainUrl: managed ? null : (input.syslogDrainUrl ?? null),
      routeServiceUrl: managed ? null : (input.routeServiceUrl ?? null),
      dashboardUrl: null,
      maintenanceInfo: plan?.maintenanceInfo ?? null,
      lastOperation: managed
        ? { type: 'create', state: 'in progress', description: null, createdAt: now, updatedAt: now }
        : { type: 'create', state: 'succeeded', description: 'Operation succeeded', createdAt: now, updatedAt: now },
      createdAt: now,
      updatedAt: now,
      metadata: applyMetadata(emptyMetadata(), input.metadata),
    };
    await tx.insertInstance(instance);
    await recordEvent(deps, tx, actor, {
      type: managed ? 'audit.service_instance.start_create' : 'audit.user_provided_service_instance.create',
      target: { guid: instance.guid, type: managed ? 'service_instance' : 'user_provided_service_instance', name: instance.name },
      data: { request: redactedRequest(request) },
      spaceGuid: space.guid,
      organizationGuid: space.organizationGuid,
    });
    const operation = managed
      ? await queueOperation(deps, tx, actor, { operation: 'service_instance.create', resourceType: 'service_instances', resourceGuid: instance.guid, input: { request: redactedRequest(request) } })
      : null;
    return { instance, operation };
  };
  return managed ? withQueuedOperation(deps, work) : deps.store.transaction(work);
}

/** The instance with its space, if the actor may read it; else service_instance.not_found. */
export async function requireReadableInstance(deps: Deps, actor: Actor, guid: string) {
  const record = await requireInstanceRecord(deps, guid);
  const access = await instanceAccess(deps, actor, record.instance, record.space);
  // it exists: `hidden` lets a dialect that does not mask existence (CF v2) answer "not authorized"
  if (!access.read) throw notFound('service_instance.not_found', { guid, hidden: true });
  return { ...record, access };
}

/** Readable and manageable from its owning side; shared-to users get forbidden. */
export async function requireManageableInstance(deps: Deps, actor: Actor, guid: string) {
  const record = await requireReadableInstance(deps, actor, guid);
  // `sharedTarget`: the actor sees it only through a space it is shared into (CC v2 names that case)
  if (!record.access.manage) throw forbidden('not_authorized', { sharedTarget: !record.access.readOwning });
  assertOrganizationWritable(actor, record.org);
  return record;
}

export interface UpdateInstanceInput {
  name?: string;
  tags?: string[];
  credentials?: Record<string, unknown>;
  parameters?: Record<string, unknown>;
  servicePlanGuid?: string;
  maintenanceInfo?: { version: string };
  syslogDrainUrl?: string | null;
  routeServiceUrl?: string | null;
  metadata?: MetadataPatch;
}

export async function updateInstance(deps: Deps, actor: Actor, guid: string, input: UpdateInstanceInput, request: Record<string, unknown>): Promise<InstanceResult> {
  const { instance, space } = await requireManageableInstance(deps, actor, guid);
  const managed = instance.type === 'managed';
  if (managed && input.name !== undefined && (await deps.store.countLiveShares('service_instance', guid, 'space')) > 0) {
    throw invalid('service_instance.shared_cannot_rename');
  }
  if (input.routeServiceUrl && !input.routeServiceUrl.startsWith('https:')) throw invalid('service_instance.route_service_url_not_https');
  let planGuid = instance.servicePlanGuid;
  if (managed && input.servicePlanGuid !== undefined && input.servicePlanGuid !== instance.servicePlanGuid) {
    const { plan } = visiblePlan(deps, input.servicePlanGuid);
    const current = catalogIndex(deps.catalog).plan(instance.servicePlanGuid);
    if (current && plan.offeringGuid !== current.offeringGuid) throw invalid('service_instance.plan_of_other_offering');
    planGuid = plan.guid;
  }
  const currentVersion = (instance.maintenanceInfo as { version?: unknown } | null)?.version;
  if (managed && input.maintenanceInfo) {
    const plan = catalogIndex(deps.catalog).plan(planGuid);
    // CC accepts the plan's version or the instance's current one
    if (plan?.maintenanceInfo?.version !== input.maintenanceInfo.version && currentVersion !== input.maintenanceInfo.version) {
      throw invalid('service_instance.maintenance_info_conflict');
    }
  }
  // as CC's preflight: a deleting instance cannot change; another operation in progress holds the lock (409),
  // except for a metadata-only change, which touches neither the broker nor last_operation
  const requested = Object.entries(input).filter(([, v]) => v !== undefined).map(([k]) => k);
  const metadataOnly = managed && requested.length === 1 && requested[0] === 'metadata';
  const { type: opType, state: opState } = instance.lastOperation;
  if (opType === 'delete' && opState === 'in progress') throw invalid('service_instance.being_deleted');
  if (opState === 'in progress' && !metadataOnly) throw conflict('service_instance.locked', { name: instance.name });
  const maintenanceChange = input.maintenanceInfo !== undefined && input.maintenanceInfo.version !== currentVersion;
  const asynchronous = managed && (input.parameters !== undefined || planGuid !== instance.servicePlanGuid || maintenanceChange);

  const work = async (tx: WriteStore): Promise<InstanceResult> => {
    if (input.name !== undefined) await assertNameFree(tx, space.guid, input.name, instance.type, instance.guid);
    const now = deps.clock.now();
    const next: ServiceInstance = {
      ...instance,
      name: input.name ?? instance.name,
      tags: input.tags ?? instance.tags,
      credentials: !managed && input.credentials ? input.credentials : instance.credentials,
      syslogDrainUrl: !managed && input.syslogDrainUrl !== undefined ? input.syslogDrainUrl : instance.syslogDrainUrl,
      routeServiceUrl: !managed && input.routeServiceUrl !== undefined ? input.routeServiceUrl : instance.routeServiceUrl,
      metadata: applyMetadata(instance.metadata, input.metadata),
      lastOperation: metadataOnly
        ? instance.lastOperation
        : asynchronous
          ? { type: 'update', state: 'in progress', description: null, createdAt: now, updatedAt: now }
          : { type: 'update', state: 'succeeded', description: 'Operation succeeded', createdAt: now, updatedAt: now },
      updatedAt: now,
    };
    await tx.updateInstance(next);
    const target = { guid, type: managed ? 'service_instance' : 'user_provided_service_instance', name: next.name };
    const event = { target, data: { request: redactedRequest(request) }, spaceGuid: space.guid, organizationGuid: space.organizationGuid };
    if (!asynchronous) {
      await recordEvent(deps, tx, actor, { ...event, type: `${eventPrefix(instance)}.update` });
      return { instance: next, operation: null };
    }
    await recordEvent(deps, tx, actor, { ...event, type: 'audit.service_instance.start_update' });
    const operation = await queueOperation(deps, tx, actor, {
      operation: 'service_instance.update',
      resourceType: 'service_instances',
      resourceGuid: guid,
      input: { parameters: input.parameters ?? null, servicePlanGuid: planGuid, maintenanceInfo: input.maintenanceInfo ?? null, request: redactedRequest(request) },
    });
    return { instance: next, operation };
  };
  return asynchronous ? withQueuedOperation(deps, work) : deps.store.transaction(work);
}

/** Removes an instance and every share of it (v3 unshares automatically). */
export async function removeInstance(deps: Deps, tx: WriteStore, actor: Actor | null, instance: ServiceInstance, space: Space): Promise<void> {
  for (const kind of ['space', 'user'] as const) {
    for (const share of await tx.listLiveSharesOfResource('service_instance', instance.guid, kind)) await deleteShare(deps, tx, share);
  }
  await tx.deleteInstance(instance.guid);
  await recordEvent(deps, tx, actor, {
    type: `${eventPrefix(instance)}.delete`,
    target: { guid: instance.guid, type: instance.type === 'managed' ? 'service_instance' : 'user_provided_service_instance', name: instance.name },
    data: { request: {} },
    spaceGuid: space.guid,
    organizationGuid: space.organizationGuid,
  });
}

export interface DeleteInstanceOptions {
  /** refuse while it is shared into other spaces, instead of unsharing it (CC v2 without `recursive=true`) */
  refuseIfShared?: boolean;
}

/**
 * Deletes an instance: a user-provided one (or any, with `purge`) at once, a managed one through a job. Purging skips
 * the broker and any operation in progress; as the instances' broker is global, only admins may purge.
 */
export async function deleteInstance(deps: Deps, actor: Actor, guid: string, purge = false, options: DeleteInstanceOptions = {}): Promise<Operation | null> {
  const { instance, space } = await requireManageableInstance(deps, actor, guid);
  if (purge && !actor.isAdmin && instance.type === 'managed') throw forbidden();
  if (options.refuseIfShared && !purge && (await deps.store.countLiveShares('service_instance', guid, 'space')) > 0) {
    throw invalid('service_instance.shared_delete', { name: instance.name });
  }
  if (instance.lastOperation.state === 'in progress' && !purge) throw invalid('service_instance.operation_in_progress');
  if (instance.type === 'user-provided' || purge) {
    await deps.store.transaction((tx) => removeInstance(deps, tx, actor, instance, space));
    return null;
  }
  return withQueuedOperation(deps, async (tx) => {
    const now = deps.clock.now();
    await tx.updateInstance({ ...instance, lastOperation: { type: 'delete', state: 'in progress', description: null, createdAt: now, updatedAt: now }, updatedAt: now });
    await recordEvent(deps, tx, actor, {
      type: 'audit.service_instance.start_delete',
      target: { guid, type: 'service_instance', name: instance.name },
      data: { request: {} },
      spaceGuid: space.guid,
      organizationGuid: space.organizationGuid,
    });
    return queueOperation(deps, tx, actor, { operation: 'service_instance.delete', resourceType: 'service_instance', resourceGuid: guid });
  });
}
