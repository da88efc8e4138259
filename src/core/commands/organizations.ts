// Organizations: create, update, delete (check order: context.ts).
import type { Actor } from '../actor';
import type { AuditPayload, Deps, Input } from '../context';
import { conflict, denied, forbidden, invalid } from '../errors';
import { recordEvent } from '../events';
import { grantFirstRoles, replaceRoleHolders, type FirstMembers } from '../memberships';
import { featureEnabled, requireOrganization } from '../lookups';
import { applyMetadata, emptyMetadata, type MetadataPatch } from '../metadata';
import { completeQueued, queueOperation, withQueuedOperation } from '../operations';
import { canManageOrganization, loadAccess } from '../policy';
import type { Operation, Organization } from '../records';
import { addShareRoles } from '../shares';

export interface CreateOrganizationInput {
  name: string;
  suspended?: boolean;
  metadata?: MetadataPatch;
  /** users given roles in the new organization (v2 `user_guids`, `manager_guids`, ...) */
  members?: FirstMembers;
  /** the request for the audit event, as the dialect records it */
  audit: AuditPayload;
}

const target = (org: Organization) => ({ guid: org.guid, type: 'organization', name: org.name });

/**
 * Authorize: admins, or anyone while user_org_creation is on (CC answers a plain 403, not FeatureDisabled).
 * Input. Rules: the name is free. A non-admin creator becomes the organization's user and manager; `members` get
 * their roles (guids never seen become users, as Cloud Controller creates them).
 */
export async function createOrganization(deps: Deps, actor: Actor, input: Input<CreateOrganizationInput>): Promise<Organization> {
  return deps.store.transaction(async (tx) => {
    if (!actor.isAdmin && !(await featureEnabled(deps, 'user_org_creation', tx))) throw forbidden();
    const given = input();
    if (await tx.getOrganizationByName(given.name)) throw conflict('organization.name_taken', { name: given.name });
    const now = deps.clock.now();
    const org: Organization = {
      guid: deps.ids.guid(),
      name: given.name,
      suspended: given.suspended ?? false,
      status: 'active',
      createdAt: now,
      updatedAt: now,
      metadata: applyMetadata(emptyMetadata(), given.metadata),
    };
    await tx.insertOrganization(org);
    // As in Cloud Controller, a non-admin who creates an organization becomes its user and manager.
    if (!actor.isAdmin) {
      await addShareRoles(deps, tx, { resourceType: 'organization', resourceGuid: org.guid, granteeType: 'user', granteeGuid: actor.userGuid }, ['user', 'manager']);
    }
    await recordEvent(deps, tx, actor, { type: 'audit.organization.create', target: target(org), organizationGuid: org.guid, data: { request: given.audit } });
    await grantFirstRoles(deps, tx, actor, { type: 'organization', guid: org.guid, organizationGuid: org.guid }, given.members ?? [], given.audit);
    return org;
  });
}

export interface UpdateOrganizationInput {
  name?: string;
  suspended?: boolean;
  metadata?: MetadataPatch;
  /** for each role named, exactly these users hold it afterwards (v2 `manager_guids`, ...) */
  members?: FirstMembers;
  audit: AuditPayload;
}

/**
 * Authorize: readable (else missing/hidden), manageable by the actor (admin, org manager; else forbidden). Input.
 * Rules: only admins suspend or unsuspend; a new name must be free.
 */
export async function updateOrganization(deps: Deps, actor: Actor, guid: string, input: Input<UpdateOrganizationInput>): Promise<Organization> {
  return deps.store.transaction(async (tx) => {
    const org = await requireOrganization(deps, actor, guid, tx);
    if (!canManageOrganization(actor, await loadAccess(deps, actor), guid)) throw denied('organization', guid);
    const given = input();
    if (given.suspended !== undefined && !actor.isAdmin) throw denied('organization', guid);
    if (given.name !== undefined && given.name !== org.name) {
      const clash = await tx.getOrganizationByName(given.name);
      if (clash) throw conflict('organization.rename_taken', { name: given.name });
    }
    const next: Organization = {
      ...org,
      name: given.name ?? org.name,
      suspended: given.suspended ?? org.suspended,
      metadata: applyMetadata(org.metadata, given.metadata),
      updatedAt: deps.clock.now(),
    };
    await tx.updateOrganization(next);
    await recordEvent(deps, tx, actor, { type: 'audit.organization.update', target: target(next), organizationGuid: guid, data: { request: given.audit } });
    if (given.members) await replaceRoleHolders(deps, tx, actor, { type: 'organization', guid, organizationGuid: guid }, given.members, given.audit);
    return next;
  });
}

export interface DeleteOptions {
  /** false: refuse while the record still holds anything (v2 without `recursive=true`); default true */
  recursive?: boolean;
  /** the caller waits for the outcome: the operation finishes in the same transaction */
  wait?: boolean;
}

/**
 * Admins only; the organization is marked deleting and removed, with all it holds, by an operation. Not recursive,
 * an organization with spaces is `organization.has_spaces`.
 */
export async function deleteOrganization(deps: Deps, actor: Actor, guid: string, options: DeleteOptions = {}): Promise<Operation> {
  return withQueuedOperation(deps, async (tx) => {
    const org = await requireOrganization(deps, actor, guid, tx);
    if (!actor.isAdmin) throw denied('organization', guid);
    const recursive = options.recursive ?? true;
    if (!recursive && (await tx.spaceGuidsOfOrganizations([guid])).length > 0) throw invalid('organization.has_spaces', { resource: 'organization', guid });
    await tx.updateOrganization({ ...org, status: 'deleting', updatedAt: deps.clock.now() });
    await recordEvent(deps, tx, actor, { type: 'audit.organization.delete-request', target: target(org), organizationGuid: guid, data: { request: { recursive } } });
    const op = await queueOperation(deps, tx, actor, { operation: 'organization.delete', resourceType: 'organization', resourceGuid: guid });
    return options.wait ? completeQueued(deps, tx, op) : op;
  });
}
