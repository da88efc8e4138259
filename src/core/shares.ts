// The share record's life cycle (design.md §1): one live share per (resource, grantee), a revision bumped by every
// change, soft delete when the last role goes or the resource is unshared. Every dialect writes shares through here.
import type { Deps } from './context';
import { conflict } from './errors';
import type { GranteeType, ResourceType, Share, ShareRole } from './records';
import type { WriteStore } from './store';

export interface ShareKey {
  resourceType: ResourceType;
  resourceGuid: string;
  granteeType: GranteeType;
  granteeGuid: string;
}

/** A new live share (revision 0), created now or, for an imported grant, at `at` with the guid it had. */
export async function createShare(deps: Deps, tx: WriteStore, key: ShareKey, at: number = deps.clock.now(), guid: string = deps.ids.guid()): Promise<Share> {
  const share: Share = { guid, ...key, revision: 0, createdAt: at, updatedAt: at, deletedAt: null };
  await tx.insertShare(share);
  return share;
}

/** Bumps the revision with compare-and-set; a concurrent writer makes this a `share.revision_mismatch` conflict. */
export async function bumpShare(deps: Deps, tx: WriteStore, share: Share, deleted = false): Promise<Share> {
  const now = deps.clock.now();
  const next: Share = { ...share, revision: share.revision + 1, updatedAt: now, deletedAt: deleted ? now : null };
  if (!(await tx.updateShare(next, share.revision))) throw conflict('share.revision_mismatch');
  return next;
}

/** Creates the live share of a bare grant (instance -> space) unless one exists. Returns null if it existed. */
export async function addBareShare(deps: Deps, tx: WriteStore, key: ShareKey): Promise<Share | null> {
  if (await tx.getLiveShare(key.resourceType, key.resourceGuid, key.granteeType, key.granteeGuid)) return null;
  return createShare(deps, tx, key);
}

/**
 * Adds roles to the live share of `key`, creating it (revision 0) if there is none. An existing share's revision is
 * bumped once when a role was added. Returns the share and the roles that are new.
 */
export async function addShareRoles(deps: Deps, tx: WriteStore, key: ShareKey, roles: string[]): Promise<{ share: Share; added: ShareRole[] }> {
  const existing = await tx.getLiveShare(key.resourceType, key.resourceGuid, key.granteeType, key.granteeGuid);
  const have = new Set(existing ? (await tx.listShareRoles(existing.guid)).map((r) => r.role) : []);
  const wanted = [...new Set(roles)].filter((r) => !have.has(r));
  let share = existing ?? (await createShare(deps, tx, key));
  if (existing && wanted.length > 0) share = await bumpShare(deps, tx, existing);
  const added = await insertRoles(deps, tx, share.guid, wanted);
  return { share, added };
}

async function insertRoles(deps: Deps, tx: WriteStore, shareGuid: string, roles: string[]): Promise<ShareRole[]> {
  const now = deps.clock.now();
  const added: ShareRole[] = [];
  for (const role of roles) {
    const row: ShareRole = { guid: deps.ids.guid(), shareGuid, role, createdAt: now, updatedAt: now };
    await tx.insertShareRole(row);
    added.push(row);
  }
  return added;
}

/** Removes one role; removing the last role soft-deletes the share. */
export async function removeShareRole(deps: Deps, tx: WriteStore, share: Share, roleGuid: string): Promise<Share> {
  await tx.deleteShareRole(roleGuid);
  const left = await tx.listShareRoles(share.guid);
  return bumpShare(deps, tx, share, left.length === 0);
}

/**
 * Replaces the role set of a live share in one revision step (env-shares PATCH). `expectedRevision` must match the
 * stored revision exactly, else `share.revision_mismatch`.
 */
export async function replaceShareRoles(
  deps: Deps,
  tx: WriteStore,
  share: Share,
  roles: string[],
  expectedRevision: number,
): Promise<{ share: Share; added: ShareRole[]; removed: ShareRole[] }> {
  if (share.revision !== expectedRevision) throw conflict('share.revision_mismatch');
  const current = await tx.listShareRoles(share.guid);
  const wanted = new Set(roles);
  const removed = current.filter((r) => !wanted.has(r.role));
  for (const r of removed) await tx.deleteShareRole(r.guid);
  const have = new Set(current.map((r) => r.role));
  const added = await insertRoles(
    deps,
    tx,
    share.guid,
    [...wanted].filter((r) => !have.has(r)),
  );
  const next = await bumpShare(deps, tx, share);
  return { share: next, added, removed };
}

/** Soft-deletes a share and drops its roles. `expectedRevision`, when given, must match exactly. */
export async function deleteShare(deps: Deps, tx: WriteStore, share: Share, expectedRevision?: number): Promise<{ share: Share; removed: ShareRole[] }> {
  if (expectedRevision !== undefined && share.revision !== expectedRevision) throw conflict('share.revision_mismatch');
  const removed = await tx.listShareRoles(share.guid);
  for (const r of removed) await tx.deleteShareRole(r.guid);
  return { share: await bumpShare(deps, tx, share, true), removed };
}
