// Creating an organization or a space together with its first role holders, as v2 `POST /v2/organizations` and
// `POST /v2/spaces` accept them (`user_guids`, `manager_guids`, ... / `manager_guids`, `developer_guids`, ...). The
// record is made by the ordinary create command; the roles are then granted through the same share records as every
// other role change (one event each).
import type { Actor } from '../actor';
import type { AuditPayload, Deps, Input } from '../context';
import { denied, invalid } from '../errors';
import { ensureCfUser, isOrganizationUser, recordRoleEvent, type MemberResourceType } from '../memberships';
import { canManageOrganization, canReadOrganization, loadAccess } from '../policy';
import type { Organization, Space } from '../records';
import { addShareRoles } from '../shares';
import { createOrganization, type CreateOrganizationInput } from './organizations';
import { createSpace } from './spaces';

/** Users to be given a role in the new record. */
export type FirstMembers = { role: string; userGuids: string[] }[];

async function grantFirstRoles(deps: Deps, actor: Actor, type: MemberResourceType, resourceGuid: string, organizationGuid: string, members: FirstMembers, audit: AuditPayload) {
  if (members.every((m) => m.userGuids.length === 0)) return;
  await deps.store.transaction(async (tx) => {
    for (const { role, userGuids } of members) {
      for (const guid of new Set(userGuids)) {
        const user = await ensureCfUser(deps, tx, await tx.getUser(guid), guid);
        const { added } = await addShareRoles(deps, tx, { resourceType: type, resourceGuid, granteeType: 'user', granteeGuid: guid }, [role]);
        if (added.length > 0) await recordRoleEvent(deps, tx, actor, 'add', type, resourceGuid, organizationGuid, role, user, audit);
      }
    }
  });
}

/**
 * An organization and its first users, managers, auditors and billing managers (guids never seen become users, as
 * Cloud Controller creates them). Authorization and rules are createOrganization's.
 */
export async function setUpOrganization(deps: Deps, actor: Actor, input: Input<CreateOrganizationInput & { members: FirstMembers }>): Promise<Organization> {
  let given: (CreateOrganizationInput & { members: FirstMembers }) | undefined;
  const org = await createOrganization(deps, actor, () => (given = input()));
  if (given) await grantFirstRoles(deps, actor, 'organization', org.guid, org.guid, given.members, given.audit);
  return org;
}

export interface SetUpSpaceInput {
  name: string;
  organizationGuid: string;
  /** users made managers, developers and auditors of the new space; each must be a user of the organization */
  members: FirstMembers;
  /** the request for the audit events */
  audit: AuditPayload;
}

/**
 * A space with its first role holders. An unknown organization, or one the caller cannot see, is
 * `space.invalid_organization` (with `exists`); one the caller may not manage is forbidden; a role holder who is not an
 * organization user is `role.user_not_in_organization`, and then nothing is created.
 */
export async function setUpSpace(deps: Deps, actor: Actor, input: SetUpSpaceInput): Promise<Space> {
  const org = await deps.store.getOrganization(input.organizationGuid);
  if (!org) throw invalid('space.invalid_organization', { resource: 'organization', guid: input.organizationGuid, exists: false });
  if (!actor.isAdmin) {
    const access = await loadAccess(deps, actor);
    if (!canReadOrganization(actor, access, org.guid)) throw invalid('space.invalid_organization', { resource: 'organization', guid: org.guid, exists: true });
    if (org.status !== 'active' || org.suspended || !canManageOrganization(actor, access, org.guid)) throw denied('organization', org.guid);
  }
  for (const { userGuids } of input.members) {
    for (const guid of userGuids) if (!(await isOrganizationUser(deps.store, org.guid, guid))) throw invalid('role.user_not_in_organization', { userGuid: guid });
  }
  const space = await createSpace(deps, actor, () => ({ name: input.name, organizationGuid: org.guid, audit: input.audit }));
  await grantFirstRoles(deps, actor, 'space', space.guid, org.guid, input.members, input.audit);
  return space;
}
