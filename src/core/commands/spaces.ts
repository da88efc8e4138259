// Spaces: create, update, delete (check order: context.ts).
import type { Actor } from '../actor';
import type { AuditPayload, Deps, Input } from '../context';
import { conflict, denied, invalid } from '../errors';
import { recordEvent } from '../events';
import { grantFirstRoles, isOrganizationUser, replaceRoleHolders, type FirstMembers } from '../memberships';
import { readableOrganization, requireSpace } from '../lookups';
import { applyMetadata, emptyMetadata, type MetadataPatch } from '../metadata';
import { completeQueued, queueOperation, withQueuedOperation } from '../operations';
import { canManageOrganization, canManageSpaceRoles, loadAccess } from '../policy';
import type { Operation, Space } from '../records';
import type { DeleteOptions } from './organizations';

export interface CreateSpaceInput {
  name: string;
  organizationGuid: string;
  metadata?: MetadataPatch;
  /** users given roles in the new space (v2 `manager_guids`, ...); each must be a user of the organization */
  members?: FirstMembers;
  /** the request for the audit event, as the dialect records it */
  audit: AuditPayload;
}

const target = (space: Space) => ({ guid: space.guid, type: 'space', name: space.name });

/**
 * Input first (the body names the organization). Rules: the organization readable (else
 * `space.invalid_organization`), managed by the actor (else forbidden), the name free in it, every one of `members` a
 * user of the organization (else `role.user_not_in_organization`).
 */
export async function createSpace(deps: Deps, actor: Actor, input: Input<CreateSpaceInput>): Promise<Space> {
  return deps.store.transaction(async (tx) => {
    const given = input();
    const org = await readableOrganization(deps, actor, given.organizationGuid, tx);
    // a missing and an invisible organization are one error; `exists` tells them apart for dialects that differ
    if (!org)
      throw invalid('space.invalid_organization', {
        resource: 'organization',
        guid: given.organizationGuid,
        exists: (await tx.getOrganization(given.organizationGuid)) !== undefined,
      });
    if (!canManageOrganization(actor, await loadAccess(deps, actor), org.guid)) throw denied('organization', org.guid);
    if (await tx.getSpaceByName(org.guid, given.name)) throw conflict('space.name_taken', { name: given.name });
    for (const { userGuids } of given.members ?? []) {
      for (const guid of userGuids) if (!(await isOrganizationUser(tx, org.guid, guid))) throw invalid('role.user_not_in_organization', { userGuid: guid });
    }
    const now = deps.clock.now();
    const space: Space = {
      guid: deps.ids.guid(),
      organizationGuid: org.guid,
      name: given.name,
      status: 'active',
      createdAt: now,
      updatedAt: now,
      metadata: applyMetadata(emptyMetadata(), given.metadata),
    };
    await tx.insertSpace(space);
    await recordEvent(deps, tx, actor, { type: 'audit.space.create', target: target(space), spaceGuid: space.guid, organizationGuid: org.guid, data: { request: given.audit } });
    await grantFirstRoles(deps, tx, actor, { type: 'space', guid: space.guid, organizationGuid: org.guid }, given.members ?? [], given.audit);
    return space;
  });
}

export interface UpdateSpaceInput {
  name?: string;
  metadata?: MetadataPatch;
  /** for each role named, exactly these users hold it afterwards (v2 `developer_guids`, ...) */
  members?: FirstMembers;
  audit: AuditPayload;
}

/** Authorize: readable (else missing/hidden); admin, org manager or space manager (else forbidden). Input. Rules: name free. */
export async function updateSpace(deps: Deps, actor: Actor, guid: string, input: Input<UpdateSpaceInput>): Promise<Space> {
  return deps.store.transaction(async (tx) => {
    const space = await requireSpace(deps, actor, guid, tx);
    if (!canManageSpaceRoles(actor, await loadAccess(deps, actor), space)) throw denied('space', guid);
    const given = input();
    if (given.name !== undefined && given.name !== space.name && (await tx.getSpaceByName(space.organizationGuid, given.name))) {
      throw conflict('space.name_taken', { name: given.name });
    }
    const next: Space = { ...space, name: given.name ?? space.name, metadata: applyMetadata(space.metadata, given.metadata), updatedAt: deps.clock.now() };
    await tx.updateSpace(next);
    await recordEvent(deps, tx, actor, {
      type: 'audit.space.update',
      target: target(next),
      spaceGuid: guid,
      organizationGuid: space.organizationGuid,
      data: { request: given.audit },
    });
    if (given.members) await replaceRoleHolders(deps, tx, actor, { type: 'space', guid, organizationGuid: space.organizationGuid }, given.members, given.audit);
    return next;
  });
}

/**
 * Admins and org managers; the space is marked deleting and removed, with its instances and shares, by an operation.
 * Not recursive, a space that owns service instances is `space.not_empty`. Options as for deleteOrganization.
 */
export async function deleteSpace(deps: Deps, actor: Actor, guid: string, options: DeleteOptions = {}): Promise<Operation> {
  return withQueuedOperation(deps, async (tx) => {
    const space = await requireSpace(deps, actor, guid, tx);
    if (!canManageOrganization(actor, await loadAccess(deps, actor), space.organizationGuid)) throw denied('space', guid);
    const recursive = options.recursive ?? true;
    if (!recursive && (await tx.listInstances({ ownSpaceGuids: [guid] }, { page: 1, perPage: 1 })).total > 0) {
      throw invalid('space.not_empty', { resource: 'space', guid, name: space.name });
    }
    await tx.updateSpace({ ...space, status: 'deleting', updatedAt: deps.clock.now() });
    await recordEvent(deps, tx, actor, {
      type: 'audit.space.delete-request',
      target: target(space),
      spaceGuid: guid,
      organizationGuid: space.organizationGuid,
      data: { request: { recursive } },
    });
    const op = await queueOperation(deps, tx, actor, { operation: 'space.delete', resourceType: 'space', resourceGuid: guid });
    return options.wait ? completeQueued(deps, tx, op) : op;
  });
}
