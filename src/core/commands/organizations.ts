import type { Actor } from '../actor';
import type { Deps } from '../context';
import { conflict, forbidden } from '../errors';
import { recordEvent } from '../events';
import { featureEnabled, requireOrganization } from '../lookups';
import { applyMetadata, emptyMetadata, type MetadataPatch } from '../metadata';
import { queueOperation, withQueuedOperation } from '../operations';
import { canManageOrganization, loadAccess } from '../policy';
import type { Operation, Organization } from '../records';
import { addShareRoles } from '../shares';

export interface CreateOrganizationInput {
  name: string;
  suspended?: boolean;
  metadata?: MetadataPatch;
}

const target = (org: Organization) => ({ guid: org.guid, type: 'organization', name: org.name });

/** Admins, or anyone while user_org_creation is on; CC answers a plain 403 (not FeatureDisabled) and checks it first. */
export async function authorizeOrganizationCreate(deps: Deps, actor: Actor): Promise<void> {
  if (!actor.isAdmin && !(await featureEnabled(deps, 'user_org_creation'))) throw forbidden();
}

export async function createOrganization(deps: Deps, actor: Actor, input: CreateOrganizationInput): Promise<Organization> {
  await authorizeOrganizationCreate(deps, actor);
  return deps.store.transaction(async (tx) => {
    if (await tx.getOrganizationByName(input.name)) throw conflict('organization.name_taken', { name: input.name });
    const now = deps.clock.now();
    const org: Organization = {
      guid: deps.ids.guid(),
      name: input.name,
      suspended: input.suspended ?? false,
      status: 'active',
      createdAt: now,
      updatedAt: now,
      metadata: applyMetadata(emptyMetadata(), input.metadata),
    };
    await tx.insertOrganization(org);
    // As in Cloud Controller, a non-admin who creates an organization becomes its user and manager.
    if (!actor.isAdmin) {
      await addShareRoles(deps, tx, { resourceType: 'organization', resourceGuid: org.guid, granteeType: 'user', granteeGuid: actor.userGuid }, ['user', 'manager']);
    }
    await recordEvent(deps, tx, actor, { type: 'audit.organization.create', target: target(org), organizationGuid: org.guid, data: { request: input } });
    return org;
  });
}

export interface UpdateOrganizationInput {
  name?: string;
  suspended?: boolean;
  metadata?: MetadataPatch;
}

/** The organization, if the actor may change it (admin, org manager): not found, else forbidden. */
export async function authorizeOrganizationUpdate(deps: Deps, actor: Actor, guid: string): Promise<Organization> {
  const org = await requireOrganization(deps, actor, guid);
  if (!canManageOrganization(actor, await loadAccess(deps, actor), guid)) throw forbidden();
  return org;
}

export async function updateOrganization(deps: Deps, actor: Actor, guid: string, input: UpdateOrganizationInput): Promise<Organization> {
  const org = await authorizeOrganizationUpdate(deps, actor, guid);
  if (input.suspended !== undefined && !actor.isAdmin) throw forbidden();
  return deps.store.transaction(async (tx) => {
    if (input.name !== undefined && input.name !== org.name) {
      const clash = await tx.getOrganizationByName(input.name);
      if (clash) throw conflict('organization.rename_taken', { name: input.name });
    }
    const next: Organization = {
      ...org,
      name: input.name ?? org.name,
      suspended: input.suspended ?? org.suspended,
      metadata: applyMetadata(org.metadata, input.metadata),
      updatedAt: deps.clock.now(),
    };
    await tx.updateOrganization(next);
    await recordEvent(deps, tx, actor, { type: 'audit.organization.update', target: target(next), organizationGuid: guid, data: { request: input } });
    return next;
  });
}

export async function deleteOrganization(deps: Deps, actor: Actor, guid: string): Promise<Operation> {
  const org = await requireOrganization(deps, actor, guid);
  if (!actor.isAdmin) throw forbidden();
  return withQueuedOperation(deps, async (tx) => {
    await tx.updateOrganization({ ...org, status: 'deleting', updatedAt: deps.clock.now() });
    await recordEvent(deps, tx, actor, { type: 'audit.organization.delete-request', target: target(org), organizationGuid: guid, data: { request: { recursive: true } } });
    return queueOperation(deps, tx, actor, { operation: 'organization.delete', resourceType: 'organization', resourceGuid: guid });
  });
}
