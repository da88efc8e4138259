// Deleting an organization or a space the way Cloud Controller's v2 API does: refused while it still has contents
// unless `recursive`; queued as an operation (`async`), or run at once. Missing is not found; anything the caller may
// not delete, visible or not, is forbidden.
import type { Actor } from '../actor';
import type { Deps } from '../context';
import { denied, hidden, invalid, missing } from '../errors';
import { operationHandlers } from '../operationHandlers';
import { runOperationNow } from '../operations';
import { canManageOrganization, canReadOrganization, canReadSpace, loadAccess } from '../policy';
import type { Operation } from '../records';
import { deleteOrganization } from './organizations';
import { deleteSpace } from './spaces';

export interface RemoveOptions {
  recursive: boolean;
}

/** Admins only. Without `recursive`, an organization with spaces is `organization.has_spaces`. */
export async function removeOrganization(deps: Deps, actor: Actor, guid: string, options: RemoveOptions): Promise<Operation> {
  const org = await deps.store.getOrganization(guid);
  if (!org) throw missing('organization', guid);
  if (!actor.isAdmin) throw canReadOrganization(actor, await loadAccess(deps, actor), guid) ? denied('organization', guid) : hidden('organization', guid);
  if (!options.recursive && (await deps.store.spaceGuidsOfOrganizations([guid])).length > 0) throw invalid('organization.has_spaces');
  return deleteOrganization(deps, actor, guid);
}

/** Admins and managers of its (live) organization. Without `recursive`, a space holding instances is `space.not_empty`. */
export async function removeSpace(deps: Deps, actor: Actor, guid: string, options: RemoveOptions): Promise<Operation> {
  const space = await deps.store.getSpace(guid);
  const org = space && (await deps.store.getOrganization(space.organizationGuid));
  if (!space || !org) throw missing('space', guid);
  if (!actor.isAdmin) {
    const access = await loadAccess(deps, actor);
    if (!canReadSpace(actor, access, space)) throw hidden('space', guid);
    if (org.status !== 'active' || org.suspended || !canManageOrganization(actor, access, org.guid)) throw denied('space', guid);
  }
  if (!options.recursive) {
    const instances = await deps.store.listInstances({ spaceGuids: [guid] }, { page: 1, perPage: 1000 });
    if (instances.items.some((i) => i.spaceGuid === guid)) throw invalid('space.not_empty', { name: space.name });
  }
  return deleteSpace(deps, actor, guid);
}

/** Runs a queued operation now (a synchronous delete) and returns it as it ended; a failure is rethrown. */
export async function finishOperation(deps: Deps, op: Operation): Promise<Operation> {
  const done = (await runOperationNow(deps, operationHandlers, op.guid)) ?? op;
  const error = done.errors[0];
  if (done.state === 'failed' && error) throw invalid(error.code, error.params);
  return done;
}
