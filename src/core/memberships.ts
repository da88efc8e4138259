// What organization and space role changes share: who is an organization user, the user row a role goes to, and the
// audit event of one role added or removed (audit.user.<organization|space>_<role>_<add|remove>).
import type { Actor } from './actor';
import type { AuditPayload, Deps } from './context';
import { recordEvent } from './events';
import { emptyMetadata } from './metadata';
import type { User } from './records';
import { addShareRoles } from './shares';
import type { ReadStore, WriteStore } from './store';

export type MemberResourceType = 'organization' | 'space';

const eventTarget = (user: User) => ({ guid: user.guid, type: 'user', name: user.username });

/** One event for one role added to or removed from a user. */
export async function recordRoleEvent(
  deps: Deps,
  tx: WriteStore,
  actor: Actor,
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

/** The user row a role is granted to: created for a guid never seen, registered if only its account existed. */
export async function ensureCfUser(deps: Deps, tx: WriteStore, user: User | undefined, guid: string): Promise<User> {
  const now = deps.clock.now();
  if (!user) {
    const created: User = {
      guid,
      username: null,
      origin: null,
      email: null,
      passwordHash: null,
      cfUser: true,
      scopes: [],
      createdAt: now,
      updatedAt: now,
      metadata: emptyMetadata(),
    };
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
