// Space user shares: the space -> user share record (design.md §1) with its set of space roles and its revision,
// for dialects that manage a user's access to a space as one record with compare-and-set (env-shares today). The
// roles are the space roles v3 grants one by one (`/v3/roles`), so both are views of one record; revisions and soft
// delete come from ../shares.
//
// Who may do what (policy.ts): the share records of a space are seen by whoever may manage its user shares (admin,
// org manager, space manager) and by global readers; only managers change them. Errors, in check order:
//   space:  missing (or being deleted) -> space.not_found; not readable -> space.hidden; readable but the share
//           records may not be seen or changed -> forbidden (params {resource: 'space', guid});
//   share:  missing, not a space -> user share, or its space gone -> share.not_found; its space's shares not
//           viewable -> share.hidden; viewable but not manageable -> forbidden ({resource: 'share', guid});
//           stale expected revision -> conflict share.revision_mismatch (checked before "deleted", so a writer that
//           lost a race to a delete learns it lost, not that the share is gone); soft-deleted -> share.not_found;
//   create: grantee unknown -> user.not_found; a live share exists -> conflict share.already_exists;
//           `settings.maxSharesPerSpace` reached -> invalid share.limit_exceeded {limit}; unknown role -> invalid
//           share.invalid_role.
// Each dialect words and masks these itself (env-shares renders share.hidden as its 404, for instance).
import type { Actor } from '../actor';
import type { AuditPayload, Deps, Input } from '../context';
import { conflict, denied, hidden, invalid, missing } from '../errors';
import { recordEvent } from '../events';
import { canManageSpaceRoles, canReadSpace, canViewSpaceUserShares, loadAccess, type Access } from '../policy';
import type { Share, ShareRole, Space, User } from '../records';
import { SPACE_ROLES, type SpaceRole } from '../roleTypes';
import { addShareRoles, deleteShare, replaceShareRoles } from '../shares';
import type { ReadStore, WriteStore } from '../store';

export interface SpaceUserShare {
  guid: string;
  /** bumped by one on every change through any dialect; a new share starts at 0 */
  revision: number;
  spaceGuid: string;
  userGuid: string;
  /** the space roles it holds, in SPACE_ROLES order; empty for a share that grants nothing */
  roles: SpaceRole[];
  /** set once the share was deleted (its last role removed, or unshared) */
  deleted: boolean;
}

/** How a share change is recorded: the dialect's request, already redacted, and what else it wants on the events. */
export interface ShareAudit {
  request: AuditPayload;
  /** more event data, from the share as written (env-shares adds its id and revision under its own name) */
  details?: (share: SpaceUserShare) => Record<string, unknown>;
  /** the event written when no role was added or removed; default `audit.space_user_share.<create|update|delete>` */
  unchangedEventType?: string;
}

export interface CreateSpaceUserShareInput {
  userGuid: string;
  roles: SpaceRole[];
  /** make the grantee an organization user first if it is none (for dialects that know no organizations) */
  joinOrganization?: boolean;
  audit: ShareAudit;
}

export interface UpdateSpaceUserShareInput {
  /** must equal the stored revision, else share.revision_mismatch */
  expectedRevision: number;
  /** the new role set, replacing the old one in one revision step */
  roles: SpaceRole[];
  joinOrganization?: boolean;
  audit: ShareAudit;
}

export interface DeleteSpaceUserShareInput {
  expectedRevision: number;
  audit: ShareAudit;
}

const ORDER = new Map<string, number>(SPACE_ROLES.map((r, i) => [r, i]));
const sortRoles = (roles: Iterable<string>): SpaceRole[] => [...new Set(roles)].filter((r): r is SpaceRole => ORDER.has(r)).sort((a, b) => ORDER.get(a)! - ORDER.get(b)!);

function checkRoles(roles: string[]): SpaceRole[] {
  const unknown = roles.filter((r) => !ORDER.has(r));
  if (unknown.length) throw invalid('share.invalid_role', { roles: unknown });
  return sortRoles(roles);
}

const view = (share: Share, roles: Iterable<string>): SpaceUserShare => ({
  guid: share.guid,
  revision: share.revision,
  spaceGuid: share.resourceGuid,
  userGuid: share.granteeGuid,
  roles: sortRoles(roles),
  deleted: share.deletedAt !== null,
});

const rolesOf = async (store: ReadStore, share: Share) => (await store.listShareRoles(share.guid)).map((r) => r.role);

type Right = 'view' | 'manage';
const may = (actor: Actor, access: Access, space: Space, right: Right) =>
  right === 'view' ? canViewSpaceUserShares(actor, access, space) : canManageSpaceRoles(actor, access, space);

/** The space whose shares are listed or created: missing, hidden, or forbidden (design.md §1). */
async function requireSharesOfSpace(deps: Deps, store: ReadStore, actor: Actor, guid: string, right: Right): Promise<Space> {
  const space = await store.getSpace(guid);
  if (!space || space.status !== 'active') throw missing('space', guid);
  const access = await loadAccess(deps, actor);
  if (!canReadSpace(actor, access, space)) throw hidden('space', guid);
  if (!may(actor, access, space, right)) throw denied('space', guid);
  return space;
}

/** A share by guid (deleted ones too: the caller decides, after its revision check). */
async function requireShareRecord(deps: Deps, store: ReadStore, actor: Actor, guid: string, right: Right): Promise<{ share: Share; space: Space }> {
  const share = await store.getShare(guid);
  const space = share && share.resourceType === 'space' && share.granteeType === 'user' ? await store.getSpace(share.resourceGuid) : undefined;
  if (!share || !space || space.status !== 'active') throw missing('share', guid);
  const access = await loadAccess(deps, actor);
  if (!canViewSpaceUserShares(actor, access, space)) throw hidden('share', guid);
  if (!may(actor, access, space, right)) throw denied('share', guid);
  return { share, space };
}

function assertRevision(share: Share, expected: number) {
  if (share.revision !== expected) throw conflict('share.revision_mismatch', { resource: 'share', guid: share.guid, expected, actual: share.revision });
}

/** A grantee with a space role becomes an organization user if it is not one (with its event). */
async function joinOrganization(deps: Deps, tx: WriteStore, actor: Actor, space: Space, user: User): Promise<void> {
  if (await tx.getLiveShare('organization', space.organizationGuid, 'user', user.guid)) return;
  const key = { resourceType: 'organization' as const, resourceGuid: space.organizationGuid, granteeType: 'user' as const, granteeGuid: user.guid };
  await addShareRoles(deps, tx, key, ['user']);
  await recordEvent(deps, tx, actor, {
    type: 'audit.user.organization_user_add',
    target: { guid: user.guid, type: 'user', name: user.username },
    data: { request: {} },
    organizationGuid: space.organizationGuid,
  });
}

interface Change {
  space: Space;
  result: SpaceUserShare;
  added: ShareRole[];
  removed: ShareRole[];
  verb: 'create' | 'update' | 'delete';
  audit: ShareAudit;
}

/** One event per role added or removed, under the role events' names; one "unchanged" event if none changed. */
async function recordChange(deps: Deps, tx: WriteStore, actor: Actor, c: Change): Promise<void> {
  const user = await tx.getUser(c.result.userGuid);
  const types = [...c.added.map((r) => `audit.user.space_${r.role}_add`), ...c.removed.map((r) => `audit.user.space_${r.role}_remove`)];
  if (types.length === 0) types.push(c.audit.unchangedEventType ?? `audit.space_user_share.${c.verb}`);
  const data = { request: c.audit.request, ...c.audit.details?.(c.result) };
  for (const type of types) {
    await recordEvent(deps, tx, actor, {
      type,
      target: { guid: c.result.userGuid, type: 'user', name: user?.username ?? null },
      data,
      spaceGuid: c.space.guid,
      organizationGuid: c.space.organizationGuid,
    });
  }
}

/** The live user shares of a space. */
export async function listSpaceUserShares(deps: Deps, actor: Actor, spaceGuid: string): Promise<SpaceUserShare[]> {
  const space = await requireSharesOfSpace(deps, deps.store, actor, spaceGuid, 'view');
  return (await deps.store.listLiveSharesWithRoles('space', space.guid, 'user')).map(({ share, roles }) => view(share, roles));
}

/** One live space user share. */
export async function getSpaceUserShare(deps: Deps, actor: Actor, guid: string): Promise<SpaceUserShare> {
  const { share } = await requireShareRecord(deps, deps.store, actor, guid, 'view');
  if (share.deletedAt !== null) throw missing('share', guid);
  return view(share, await rolesOf(deps.store, share));
}

/** Shares a space with a user: a new live share at revision 0 (roles may be empty). */
export async function createSpaceUserShare(deps: Deps, actor: Actor, spaceGuid: string, input: Input<CreateSpaceUserShareInput>): Promise<SpaceUserShare> {
  return deps.store.transaction(async (tx) => {
    const space = await requireSharesOfSpace(deps, tx, actor, spaceGuid, 'manage');
    const given = input();
    const roles = checkRoles(given.roles);
    const user = await tx.getUser(given.userGuid);
    if (!user) throw missing('user', given.userGuid);
    const key = { resourceType: 'space' as const, resourceGuid: space.guid, granteeType: 'user' as const, granteeGuid: user.guid };
    if (await tx.getLiveShare(key.resourceType, key.resourceGuid, key.granteeType, key.granteeGuid)) {
      throw conflict('share.already_exists', { resource: 'space', guid: space.guid, userGuid: user.guid });
    }
    const limit = deps.settings.maxSharesPerSpace;
    if (limit !== undefined && (await tx.countLiveShares('space', space.guid, 'user')) >= limit) throw invalid('share.limit_exceeded', { limit });
    if (roles.length > 0 && given.joinOrganization) await joinOrganization(deps, tx, actor, space, user);
    const { share, added } = await addShareRoles(deps, tx, key, roles);
    const result = view(share, roles);
    await recordChange(deps, tx, actor, { space, result, added, removed: [], verb: 'create', audit: given.audit });
    return result;
  });
}

/**
 * Replaces the role set of a live share in one revision step (every update bumps the revision, even one that
 * changes no role). `input(current)` sees the share as it stands, for dialects that keep roles they cannot name.
 */
export async function updateSpaceUserShare(deps: Deps, actor: Actor, guid: string, input: (current: SpaceUserShare) => UpdateSpaceUserShareInput): Promise<SpaceUserShare> {
  return deps.store.transaction(async (tx) => {
    const { share, space } = await requireShareRecord(deps, tx, actor, guid, 'manage');
    const given = input(view(share, await rolesOf(tx, share)));
    assertRevision(share, given.expectedRevision);
    if (share.deletedAt !== null) throw missing('share', guid);
    const roles = checkRoles(given.roles);
    const user = await tx.getUser(share.granteeGuid);
    if (user && roles.length > 0 && given.joinOrganization) await joinOrganization(deps, tx, actor, space, user);
    const changed = await replaceShareRoles(deps, tx, share, roles, given.expectedRevision);
    const result = view(changed.share, roles);
    await recordChange(deps, tx, actor, { space, result, added: changed.added, removed: changed.removed, verb: 'update', audit: given.audit });
    return result;
  });
}

/** Unshares: soft-deletes the share and drops its roles; answers the share at `revision + 1` with its last roles. */
export async function deleteSpaceUserShare(deps: Deps, actor: Actor, guid: string, input: Input<DeleteSpaceUserShareInput>): Promise<SpaceUserShare> {
  return deps.store.transaction(async (tx) => {
    const { share, space } = await requireShareRecord(deps, tx, actor, guid, 'manage');
    const given = input();
    assertRevision(share, given.expectedRevision);
    if (share.deletedAt !== null) throw missing('share', guid);
    const removed = await deleteShare(deps, tx, share, given.expectedRevision);
    const result = view(
      removed.share,
      removed.removed.map((r) => r.role),
    );
    await recordChange(deps, tx, actor, { space, result, added: [], removed: removed.removed, verb: 'delete', audit: given.audit });
    return result;
  });
}
