import type { Actor } from '../actor';
import type { Deps } from '../context';
import { conflict, forbidden, invalid } from '../errors';
import { recordEvent } from '../events';
import { readableOrganization, requireSpace } from '../lookups';
import { applyMetadata, emptyMetadata, type MetadataPatch } from '../metadata';
import { queueOperation, withQueuedOperation } from '../operations';
import { canManageOrganization, canManageSpaceRoles, loadAccess } from '../policy';
import type { Operation, Space } from '../records';

export interface CreateSpaceInput {
  name: string;
  organizationGuid: string;
  metadata?: MetadataPatch;
  /** the request as received, for the audit event */
  request?: Record<string, unknown>;
}

const target = (space: Space) => ({ guid: space.guid, type: 'space', name: space.name });

export async function createSpace(deps: Deps, actor: Actor, input: CreateSpaceInput): Promise<Space> {
  const org = await readableOrganization(deps, actor, input.organizationGuid);
  if (!org) throw invalid('space.invalid_organization');
  if (!canManageOrganization(actor, await loadAccess(deps, actor), org.guid)) throw forbidden();
  return deps.store.transaction(async (tx) => {
    if (await tx.getSpaceByName(org.guid, input.name)) throw conflict('space.name_taken', { name: input.name });
    const now = deps.clock.now();
    const space: Space = {
      guid: deps.ids.guid(),
      organizationGuid: org.guid,
      name: input.name,
      status: 'active',
      createdAt: now,
      updatedAt: now,
      metadata: applyMetadata(emptyMetadata(), input.metadata),
    };
    await tx.insertSpace(space);
    await recordEvent(deps, tx, actor, { type: 'audit.space.create', target: target(space), spaceGuid: space.guid, organizationGuid: org.guid, data: { request: input.request ?? input } });
    return space;
  });
}

export interface UpdateSpaceInput {
  name?: string;
  metadata?: MetadataPatch;
}

/** The space, if the actor may change it (admin, org manager, space manager): not found, else forbidden. */
export async function authorizeSpaceUpdate(deps: Deps, actor: Actor, guid: string): Promise<Space> {
  const space = await requireSpace(deps, actor, guid);
  if (!canManageSpaceRoles(actor, await loadAccess(deps, actor), space)) throw forbidden();
  return space;
}

export async function updateSpace(deps: Deps, actor: Actor, guid: string, input: UpdateSpaceInput): Promise<Space> {
  const space = await authorizeSpaceUpdate(deps, actor, guid);
  return deps.store.transaction(async (tx) => {
    if (input.name !== undefined && input.name !== space.name && (await tx.getSpaceByName(space.organizationGuid, input.name))) {
      throw conflict('space.name_taken', { name: input.name });
    }
    const next: Space = { ...space, name: input.name ?? space.name, metadata: applyMetadata(space.metadata, input.metadata), updatedAt: deps.clock.now() };
    await tx.updateSpace(next);
    await recordEvent(deps, tx, actor, { type: 'audit.space.update', target: target(next), spaceGuid: guid, organizationGuid: space.organizationGuid, data: { request: input } });
    return next;
  });
}

export async function deleteSpace(deps: Deps, actor: Actor, guid: string): Promise<Operation> {
  const space = await requireSpace(deps, actor, guid);
  if (!canManageOrganization(actor, await loadAccess(deps, actor), space.organizationGuid)) throw forbidden();
  return withQueuedOperation(deps, async (tx) => {
    await tx.updateSpace({ ...space, status: 'deleting', updatedAt: deps.clock.now() });
    await recordEvent(deps, tx, actor, { type: 'audit.space.delete-request', target: target(space), spaceGuid: guid, organizationGuid: space.organizationGuid, data: { request: { recursive: true } } });
    return queueOperation(deps, tx, actor, { operation: 'space.delete', resourceType: 'space', resourceGuid: guid });
  });
}
