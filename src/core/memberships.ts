// What organization and space role changes share: who is an organization user, the user row a role goes to, and the
// audit event of one role added or removed (audit.user.<organization|space>_<role>_<add|remove>).
import type { Actor } from './actor';
import type { AuditPayload, Deps } from './context';
import { recordEvent } from './events';
import { emptyMetadata } from './metadata';
import { invalid } from './errors';
import type { Share, User } from './records';
import { addShareRoles, removeShareRole } from './shares';
import type { ReadStore, WriteStore } from './store';

export type MemberResourceType = 'organization' | 'space';

const eventTarget = (user: User) => ({ guid: user.guid, type: 'user', name: user.username });

/** One event for one role added to or removed from a user. */
export async function recordRoleEvent(
  deps: Deps,
  tx: WriteStore,
  actor: Actor | null,
  verb: 'add' | 'remove',
  type: MemberResourceType,
  resourceGuid: string,
  organizationGuid: string,
  role: string,
  user: User,
  request: Record<string, unknown>,
) {
  await recordEvent(deps, tx, actor, {
    type: `audit.user.${type}_${role}_${verb}`,
    target: eventTarget(user),
    data: { request },
    spaceGuid: type === 'space' ? resourceGuid : null,
    organizationGuid,
  });
}

/** Holds the organization `user` role (Cloud Controller's `in_organization?`, the precondition of a space role). */
export async function isOrganizationUser(store: ReadStore, organizationGuid: string, userGuid: string): Promise<boolean> {
  const share = await store.getLiveShare('organization', organizationGuid, 'user', userGuid);
  if (!share) return false;
  return (await store.listShareRoles(share.guid)).some((r) => r.role === 'user');
}

/** A new user record of the CF APIs, with no account of its own yet unless `fields` give one. */
export function newUser(deps: Deps, fields: Partial<User> & { guid: string }): User {
  const now = deps.clock.now();
  return {
    username: null,
    origin: null,
    email: null,
    passwordHash: null,
    cfUser: true,
    scopes: [],
    createdAt: now,
    updatedAt: now,
    metadata: emptyMetadata(),
    ...fields,
  };
}

/** The user row a role is granted to: created for a guid never seen, registered if only its account existed. */
export async function ensureCfUser(deps: Deps, tx: WriteStore, user: User | undefined, guid: string): Promise<User> {
  const now = deps.clock.now();
  if (!user) {
    const created = newUser(deps, { guid });
    await tx.insertUser(created);
    return created;
  }
  if (user.cfUser) return user;
  const registered = { ...user, cfUser: true, updatedAt: now };
  await tx.updateUser(registered);
  return registered;
}

/** Users given a role in a record as it is created (v2 `POST /v2/organizations` `manager_guids`, ...). */
export type FirstMembers = { role: string; userGuids: string[] }[];

/** Grants the first roles of a new organization or space in the creating transaction; unknown guids become users. */
export async function grantFirstRoles(
  deps: Deps,
  tx: WriteStore,
  actor: Actor,
  record: { type: MemberResourceType; guid: string; organizationGuid: string },
  members: FirstMembers,
  audit: AuditPayload,
): Promise<void> {
  for (const { role, userGuids } of members) {
    for (const guid of new Set(userGuids)) {
      const user = await ensureCfUser(deps, tx, await tx.getUser(guid), guid);
      const { added } = await addShareRoles(deps, tx, { resourceType: record.type, resourceGuid: record.guid, granteeType: 'user', granteeGuid: guid }, [role]);
      if (added.length > 0) await recordRoleEvent(deps, tx, actor, 'add', record.type, record.guid, record.organizationGuid, role, user, audit);
    }
  }
}

/** Live space shares of a user, holding at least one role, in the spaces of an organization. */
export async function spaceSharesInOrganization(tx: ReadStore, organizationGuid: string, userGuid: string): Promise<Share[]> {
  const out: Share[] = [];
  for (const share of await tx.listLiveSharesOfGrantee('user', userGuid)) {
    if (share.resourceType !== 'space') continue;
    const space = await tx.getSpace(share.resourceGuid);
    if (space?.organizationGuid === organizationGuid && (await tx.listShareRoles(share.guid)).length > 0) out.push(share);
  }
  return out;
}

/**
 * Makes the holders of each named role exactly the given users (v2 `PUT` with `manager_guids`, ...): adds the missing
 * (a space role only for users of the organization, else `role.user_not_in_organization`), removes the others (an
 * organization user who still holds space roles there is `role.org_user_has_space_roles`); one event per change.
 */
export async function replaceRoleHolders(
  deps: Deps,
  tx: WriteStore,
  actor: Actor,
  record: { type: MemberResourceType; guid: string; organizationGuid: string },
  members: FirstMembers,
  audit: AuditPayload,
): Promise<void> {
  for (const { role, userGuids } of members) {
    const wanted = new Set(userGuids);
    for (const share of await tx.listLiveSharesOfResource(record.type, record.guid, 'user')) {
      const row = (await tx.listShareRoles(share.guid)).find((r) => r.role === role);
      if (!row || wanted.has(share.granteeGuid)) continue;
      if (record.type === 'organization' && role === 'user' && (await spaceSharesInOrganization(tx, record.guid, share.granteeGuid)).length > 0) {
        throw invalid('role.org_user_has_space_roles');
      }
      await removeShareRole(deps, tx, share, row.guid);
      const user = await tx.getUser(share.granteeGuid);
      if (user) await recordRoleEvent(deps, tx, actor, 'remove', record.type, record.guid, record.organizationGuid, role, user, audit);
    }
    if (record.type === 'space') {
      for (const guid of wanted) if (!(await isOrganizationUser(tx, record.organizationGuid, guid))) throw invalid('role.user_not_in_organization', { userGuid: guid });
    }
  }
  await grantFirstRoles(deps, tx, actor, record, members, audit);
}
