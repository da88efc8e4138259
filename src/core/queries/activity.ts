// Roles, jobs and audit events as the actor may see them.
import type { Actor } from '../actor';
import type { Deps } from '../context';
import { hidden, missing } from '../errors';
import { loadAccess, readableOrganizationGuids, readableScope, canReadSpace } from '../policy';
import type { AuditEvent, Operation } from '../records';
import type { EventFilter, PageOf, PageRequest, RoleFilter, RoleRow } from '../store';

export async function listRoles(deps: Deps, actor: Actor, filter: RoleFilter, page: PageRequest): Promise<PageOf<RoleRow>> {
  const f = { ...filter };
  if (!actor.readsAll) {
    const access = await loadAccess(deps, actor);
    f.visible = { ...readableScope(access), userGuid: actor.userGuid, orgGuids: readableOrganizationGuids(access) };
  }
  return deps.store.listRoles(f, page);
}

/** A job by guid: Cloud Controller shows any job to any reader (its guid is the secret). */
export async function getOperation(deps: Deps, _actor: Actor, guid: string): Promise<Operation> {
  const op = await deps.store.getOperation(guid);
  if (!op) throw missing('job', guid);
  return op;
}

/** An operation followed by its requester (or a reader of everything): job.not_found, or job.hidden for others. */
export async function getOwnOperation(deps: Deps, actor: Actor, guid: string): Promise<Operation> {
  const op = await deps.store.getOperation(guid);
  if (!op) throw missing('job', guid);
  if (!actor.readsAll && op.userGuid !== actor.userGuid) throw hidden('job', guid);
  return op;
}

function eventScope(access: Awaited<ReturnType<typeof loadAccess>>) {
  const orgGuids: string[] = [];
  for (const [org, roles] of access.orgRoles) if (roles.has('manager') || roles.has('auditor')) orgGuids.push(org);
  return { ...readableScope(access), orgGuids };
}

export async function listEvents(deps: Deps, actor: Actor, filter: EventFilter, page: PageRequest): Promise<PageOf<AuditEvent>> {
  const f = { ...filter };
  if (!actor.readsAll) f.visible = eventScope(await loadAccess(deps, actor));
  return deps.store.listEvents(f, page);
}

export async function getEvent(deps: Deps, actor: Actor, guid: string): Promise<AuditEvent> {
  const event = await deps.store.getEvent(guid);
  if (!event) throw missing('event', guid);
  if (actor.readsAll) return event;
  const access = await loadAccess(deps, actor);
  const scope = eventScope(access);
  const visible = event.spaceGuid
    ? canReadSpace(actor, access, { guid: event.spaceGuid, organizationGuid: event.organizationGuid ?? '' })
    : event.organizationGuid !== null && scope.orgGuids.includes(event.organizationGuid);
  if (!visible) throw hidden('event', guid);
  return event;
}

/** The users, organizations and spaces that roles the actor was allowed to list point at (v3 `include`). */
export async function getRoleRelations(deps: Deps, roles: RoleRow[]) {
  const uniq = (xs: string[]) => [...new Set(xs)];
  const guidsOf = (type: RoleRow['resourceType']) => uniq(roles.filter((r) => r.resourceType === type).map((r) => r.resourceGuid));
  const present = <T>(xs: (T | undefined)[]) => xs.filter((x): x is T => x !== undefined);
  return {
    users: present(await Promise.all(uniq(roles.map((r) => r.userGuid)).map((g) => deps.store.getUser(g)))),
    organizations: present(await Promise.all(guidsOf('organization').map((g) => deps.store.getOrganization(g)))),
    spaces: await deps.store.getSpaces(guidsOf('space')),
  };
}
