// Service instances: create, update, delete, with Cloud Controller's check order (context.ts) and update lock.
import type { Actor } from '../actor';
import { catalogIndex } from '../catalog';
import type { AuditPayload, Deps, Input } from '../context';
import { conflict, denied, invalid } from '../errors';
import { recordEvent } from '../events';
import { assertFeatureEnabled, assertOrganizationWritable, readableSpace, requireManageableInstance } from '../lookups';
import { applyMetadata, emptyMetadata, type MetadataPatch } from '../metadata';
import { completeQueued, queueOperation, withQueuedOperation } from '../operations';
import { canWriteSpace, loadAccess } from '../policy';
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
  /** the request for the audit events, redacted by the dialect */
  audit: AuditPayload;
}

/** What a create or update answers: the instance now, or the operation that will finish it. */
export type InstanceResult = { instance: ServiceInstance; operation: Operation | null };

export const eventPrefix = (i: Pick<ServiceInstance, 'type'>) => (i.type === 'managed' ? 'audit.service_instance' : 'audit.user_provided_service_instance');

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
  // `exists`: the plan is there but may not be used (a dialect that does not mask existence answers "not authorized")
  if (!plan || !offering || !plan.active || !plan.public || !offering.available) throw invalid('service_instance.invalid_plan', { exists: plan !== undefined });
  return { plan, offering };
}

/**
 * Creates an instance: a user-provided one at once, a managed one through an operation. Authorize: non-admins only
 * while service_instance_creation is on (before the body, as CC does). Input. Rules: the space must be readable
 * (else `service_instance.invalid_space`) and writable, its organization writable, the plan visible.
 */
/** `wait`: the caller waits for the outcome, so a managed instance's operation finishes in the same transaction. */
export interface OperationOptions {
  wait?: boolean;
}

/** The instance and its operation once the operation has finished within `tx`. */
async function finished(deps: Deps, tx: WriteStore, instance: ServiceInstance, operation: Operation): Promise<InstanceResult> {
  const done = await completeQueued(deps, tx, operation);
  return { instance: (await tx.getInstance(instance.guid)) ?? instance, operation: done };
}

export async function createInstance(deps: Deps, actor: Actor, input: Input<CreateInstanceInput>, options: OperationOptions = {}): Promise<InstanceResult> {
  const work = async (tx: WriteStore): Promise<InstanceResult> => {
    if (!actor.isAdmin) await assertFeatureEnabled(deps, 'service_instance_creation', tx);
    const given = input();
    const space = await readableSpace(deps, actor, given.spaceGuid, tx);
    // as CC v3: a missing and an invisible space are one error; `exists` tells them apart for dialects that differ
    if (!space) throw invalid('service_instance.invalid_space', { resource: 'space', guid: given.spaceGuid, exists: (await tx.getSpace(given.spaceGuid)) !== undefined });
    if (!canWriteSpace(actor, await loadAccess(deps, actor), space)) throw denied('space', space.guid);
    const org = await tx.getOrganization(space.organizationGuid);
    if (org) assertOrganizationWritable(actor, org);
    if (given.routeServiceUrl && !given.routeServiceUrl.startsWith('https:')) throw invalid('service_instance.route_service_url_not_https');
    const managed = given.type === 'managed';
    const plan = managed ? visiblePlan(deps, given.servicePlanGuid).plan : null;
    await assertNameFree(tx, space.guid, given.name, given.type);
    const now = deps.clock.now();
    const instance: ServiceInstance = {
      guid: deps.ids.guid(),
      spaceGuid: space.guid,
      name: given.name,
      type: given.type,
      servicePlanGuid: plan?.guid ?? null,
      ownerGuid: actor.userGuid,
      credentials: managed ? {} : (given.credentials ?? {}),
      parameters: managed ? (given.parameters ?? {}) : {},
      tags: given.tags ?? [],
      syslogDrainUrl: managed ? null : (given.syslogDrainUrl ?? null),
      routeServiceUrl: managed ? null : (given.routeServiceUrl ?? null),
      dashboardUrl: null,
      maintenanceInfo: plan?.maintenanceInfo ?? null,
      lastOperation: managed
        ? { type: 'create', state: 'in progress', description: null, createdAt: now, updatedAt: now }
        : { type: 'create', state: 'succeeded', description: 'Operation succeeded', createdAt: now, updatedAt: now },
      createdAt: now,
      updatedAt: now,
      metadata: applyMetadata(emptyMetadata(), given.metadata),
    };
    await tx.insertInstance(instance);
    await recordEvent(deps, tx, actor, {
      type: managed ? 'audit.service_instance.start_create' : 'audit.user_provided_service_instance.create',
      target: { guid: instance.guid, type: managed ? 'service_instance' : 'user_provided_service_instance', name: instance.name },
      data: { request: given.audit },
      spaceGuid: space.guid,
      organizationGuid: space.organizationGuid,
    });
    const operation = managed
      ? await queueOperation(deps, tx, actor, {
          operation: 'service_instance.create',
          resourceType: 'service_instances',
          resourceGuid: instance.guid,
          input: { request: given.audit },
        })
      : null;
    return operation && options.wait ? finished(deps, tx, instance, operation) : { instance, operation };
  };
  return withQueuedOperation(deps, work);
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
  /** the request for the audit events, redacted by the dialect */
  audit: AuditPayload;
}

/**
 * Updates an instance. Authorize: readable (else missing/hidden), manageable (else forbidden), organization
 * writable. Input: `input(current)` gets the instance as it stands, since the body's shape depends on its type.
 * Rules, all on the instance as read in this transaction: rename of a shared instance, plan and maintenance info,
 * then Cloud Controller's update lock (a deleting instance cannot change; another operation in progress is a
 * `service_instance.locked` conflict, except for a metadata-only change).
 */
export async function updateInstance(
  deps: Deps,
  actor: Actor,
  guid: string,
  input: (current: ServiceInstance) => UpdateInstanceInput,
  options: OperationOptions = {},
): Promise<InstanceResult> {
  return withQueuedOperation(deps, async (tx): Promise<InstanceResult> => {
    const { instance, space } = await requireManageableInstance(deps, actor, guid, tx);
    const given = input(instance);
    const managed = instance.type === 'managed';
    if (managed && given.name !== undefined && (await tx.countLiveShares('service_instance', guid, 'space')) > 0) {
      throw invalid('service_instance.shared_cannot_rename');
    }
    if (given.routeServiceUrl && !given.routeServiceUrl.startsWith('https:')) throw invalid('service_instance.route_service_url_not_https');
    let planGuid = instance.servicePlanGuid;
    if (managed && given.servicePlanGuid !== undefined && given.servicePlanGuid !== instance.servicePlanGuid) {
      const { plan } = visiblePlan(deps, given.servicePlanGuid);
      const current = catalogIndex(deps.catalog).plan(instance.servicePlanGuid);
      if (current && plan.offeringGuid !== current.offeringGuid) throw invalid('service_instance.plan_of_other_offering');
      planGuid = plan.guid;
    }
    const currentVersion = (instance.maintenanceInfo as { version?: unknown } | null)?.version;
    if (managed && given.maintenanceInfo) {
      const plan = catalogIndex(deps.catalog).plan(planGuid);
      // CC accepts the plan's version or the instance's current one
      if (plan?.maintenanceInfo?.version !== given.maintenanceInfo.version && currentVersion !== given.maintenanceInfo.version) {
        throw invalid('service_instance.maintenance_info_conflict');
      }
    }
    const { audit, ...fields } = given;
    const requested = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
    const metadataOnly = managed && requested.length === 1 && requested[0] === 'metadata';
    const { type: opType, state: opState } = instance.lastOperation;
    if (opType === 'delete' && opState === 'in progress') throw invalid('service_instance.being_deleted');
    if (opState === 'in progress' && !metadataOnly) throw conflict('service_instance.locked', { resource: 'service_instance', guid, name: instance.name });
    const maintenanceChange = given.maintenanceInfo !== undefined && given.maintenanceInfo.version !== currentVersion;
    const asynchronous = managed && (given.parameters !== undefined || planGuid !== instance.servicePlanGuid || maintenanceChange);

    if (given.name !== undefined) await assertNameFree(tx, space.guid, given.name, instance.type, instance.guid);
    const now = deps.clock.now();
    const next: ServiceInstance = {
      ...instance,
      name: given.name ?? instance.name,
      tags: given.tags ?? instance.tags,
      credentials: !managed && given.credentials ? given.credentials : instance.credentials,
      syslogDrainUrl: !managed && given.syslogDrainUrl !== undefined ? given.syslogDrainUrl : instance.syslogDrainUrl,
      routeServiceUrl: !managed && given.routeServiceUrl !== undefined ? given.routeServiceUrl : instance.routeServiceUrl,
      metadata: applyMetadata(instance.metadata, given.metadata),
      lastOperation: metadataOnly
        ? instance.lastOperation
        : asynchronous
          ? { type: 'update', state: 'in progress', description: null, createdAt: now, updatedAt: now }
          : { type: 'update', state: 'succeeded', description: 'Operation succeeded', createdAt: now, updatedAt: now },
      updatedAt: now,
    };
    await tx.updateInstance(next);
    const target = { guid, type: managed ? 'service_instance' : 'user_provided_service_instance', name: next.name };
    const event = { target, data: { request: audit }, spaceGuid: space.guid, organizationGuid: space.organizationGuid };
    if (!asynchronous) {
      await recordEvent(deps, tx, actor, { ...event, type: `${eventPrefix(instance)}.update` });
      return { instance: next, operation: null };
    }
    await recordEvent(deps, tx, actor, { ...event, type: 'audit.service_instance.start_update' });
    const operation = await queueOperation(deps, tx, actor, {
      operation: 'service_instance.update',
      resourceType: 'service_instances',
      resourceGuid: guid,
      input: { parameters: given.parameters ?? null, servicePlanGuid: planGuid, maintenanceInfo: given.maintenanceInfo ?? null, request: audit },
    });
    return options.wait ? finished(deps, tx, next, operation) : { instance: next, operation };
  });
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

export interface DeleteInstanceOptions extends OperationOptions {
  /** refuse while it is shared into other spaces, instead of unsharing it (CC v2 without `recursive=true`) */
  refuseIfShared?: boolean;
}

/**
 * Deletes an instance: a user-provided one (or any, with `purge`) at once, a managed one through a job. Purging skips
 * the broker and any operation in progress; as the instances' broker is global, only admins may purge.
 */
export async function deleteInstance(deps: Deps, actor: Actor, guid: string, purge = false, options: DeleteInstanceOptions = {}): Promise<Operation | null> {
  return withQueuedOperation(deps, async (tx) => {
    const { instance, space } = await requireManageableInstance(deps, actor, guid, tx);
    if (purge && !actor.isAdmin && instance.type === 'managed') throw denied('service_instance', guid);
    if (options.refuseIfShared && !purge && (await tx.countLiveShares('service_instance', guid, 'space')) > 0) {
      throw invalid('service_instance.shared_delete', { name: instance.name });
    }
    if (instance.lastOperation.state === 'in progress' && !purge) throw invalid('service_instance.operation_in_progress');
    if (instance.type === 'user-provided' || purge) {
      await removeInstance(deps, tx, actor, instance, space);
      return null;
    }
    const now = deps.clock.now();
    await tx.updateInstance({ ...instance, lastOperation: { type: 'delete', state: 'in progress', description: null, createdAt: now, updatedAt: now }, updatedAt: now });
    await recordEvent(deps, tx, actor, {
      type: 'audit.service_instance.start_delete',
      target: { guid, type: 'service_instance', name: instance.name },
      data: { request: {} },
      spaceGuid: space.guid,
      organizationGuid: space.organizationGuid,
    });
    const operation = await queueOperation(deps, tx, actor, { operation: 'service_instance.delete', resourceType: 'service_instance', resourceGuid: guid });
    return options.wait ? completeQueued(deps, tx, operation) : operation;
  });
}
