// Bringing records in from another foundation (`npm run import`), keeping their guids and timestamps. Each call
// writes one record in one transaction, as an administrator (no policy but that), and records an import event
// (`audit.<kind>.import`, data.import = {source, change}) in the same transaction. Running one again with the same
// record changes nothing ('unchanged'); a changed record is brought up to date ('updated'). A record that cannot go
// in as it is (a name another guid holds, a parent that is not there) is a conflict: nothing of it is written.
import type { Actor } from '../actor';
import { catalogIndex } from '../catalog';
import type { Deps } from '../context';
import { conflict, forbidden } from '../errors';
import { recordEvent } from '../events';
import { newUser } from '../memberships';
import { roleTypeParts, type RoleType } from '../roleTypes';
import type { Organization, ServiceInstance, Space, User } from '../records';
import { addBareShare, bumpShare, createShare } from '../shares';
import type { WriteStore } from '../store';

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

export interface ImportRun {
  /** where the records come from (recorded in each import event) */
  source: string;
  /** only say what would change: nothing is written */
  dryRun?: boolean;
  /**
   * In a dry run, the guids a real run would have created before this record (so that a child of a record that
   * would be created is not reported as a conflict).
   */
  pending?: ReadonlySet<string>;
}

export type ImportedOrganization = Pick<Organization, 'guid' | 'name' | 'suspended' | 'createdAt' | 'updatedAt' | 'metadata'>;
export type ImportedSpace = Pick<Space, 'guid' | 'organizationGuid' | 'name' | 'createdAt' | 'updatedAt' | 'metadata'>;
export type ImportedUser = Pick<User, 'guid' | 'username' | 'origin' | 'createdAt' | 'updatedAt' | 'metadata'>;
export interface ImportedRole {
  guid: string;
  type: RoleType;
  userGuid: string;
  /** the space or organization */
  resourceGuid: string;
  createdAt: number;
  updatedAt: number;
  /** the guid of the space or organization -> user share the role is part of, when the source names it */
  shareGuid?: string;
}
/** An instance as the source has it; an undefined `parameters`, `credentials` or `ownerGuid` is one the source does not
 * show (what the target holds is kept). */
export type ImportedInstance = Omit<ServiceInstance, 'parameters' | 'credentials' | 'ownerGuid'> & Partial<Pick<ServiceInstance, 'parameters' | 'credentials' | 'ownerGuid'>>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Fields of `next` that differ from `current` (compared as JSON), for the update event. A time the source gives in
 * whole seconds (as the CF APIs present them) is the same as a stored time in that second: the finer one is kept in
 * `next`, so that a source with coarser times does not undo a finer one (from the CSM API) on every run.
 */
function changedFields<T extends { createdAt: number; updatedAt: number }>(current: T, next: T): string[] {
  for (const k of ['createdAt', 'updatedAt'] as const) {
    if (next[k] % 1000 === 0 && Math.floor(current[k] / 1000) * 1000 === next[k]) next[k] = current[k];
  }
  return (Object.keys(next) as (keyof T)[]).filter((k) => !same(current[k], next[k])).map(String);
}

type Write = (tx: WriteStore) => Promise<void>;

/**
 * The one shape of every import: check (throws conflicts), then, unless a dry run, write and record the event, all in
 * one transaction. `plan` answers the outcome and the write.
 */
async function importOne(
  deps: Deps,
  actor: Actor,
  run: ImportRun,
  plan: (tx: WriteStore) => Promise<{
    outcome: ImportOutcome;
    write?: Write;
    target: { guid: string; type: string; name: string | null };
    changed?: string[];
    spaceGuid?: string | null;
    organizationGuid?: string | null;
  }>,
): Promise<ImportOutcome> {
  if (!actor.isAdmin) throw forbidden();
  return deps.store.transaction(async (tx) => {
    const p = await plan(tx);
    if (p.outcome === 'unchanged' || run.dryRun) return p.outcome;
    await p.write!(tx);
    await recordEvent(deps, tx, actor, {
      type: `audit.${p.target.type}.import`,
      target: p.target,
      data: { import: { source: run.source, change: p.outcome, ...(p.changed ? { fields: p.changed } : {}) } },
      spaceGuid: p.spaceGuid ?? null,
      organizationGuid: p.organizationGuid ?? null,
    });
    return p.outcome;
  });
}

const exists = async (run: ImportRun, guid: string, read: () => Promise<unknown>) => (await read()) !== undefined || (run.pending?.has(guid) ?? false);

export async function importOrganization(deps: Deps, actor: Actor, record: ImportedOrganization, run: ImportRun): Promise<ImportOutcome> {
  return importOne(deps, actor, run, async (tx) => {
    const current = await tx.getOrganization(record.guid);
    const named = await tx.getOrganizationByName(record.name);
    if (named && named.guid !== record.guid) throw conflict('import.name_taken', { kind: 'organization', name: record.name, guid: named.guid });
    const target = { guid: record.guid, type: 'organization', name: record.name };
    if (!current) {
      const org: Organization = { ...record, status: 'active' };
      return { outcome: 'created', target, organizationGuid: record.guid, write: (w) => w.insertOrganization(org) };
    }
    const next: Organization = { ...current, ...record };
    const changed = changedFields(current, next);
    if (changed.length === 0) return { outcome: 'unchanged', target };
    return { outcome: 'updated', target, changed, organizationGuid: record.guid, write: (w) => w.updateOrganization(next) };
  });
}

export async function importSpace(deps: Deps, actor: Actor, record: ImportedSpace, run: ImportRun): Promise<ImportOutcome> {
  return importOne(deps, actor, run, async (tx) => {
    if (!(await exists(run, record.organizationGuid, () => tx.getOrganization(record.organizationGuid)))) {
      throw conflict('import.parent_missing', { kind: 'space', parent: 'organization', guid: record.organizationGuid });
    }
    const current = await tx.getSpace(record.guid);
    if (current && current.organizationGuid !== record.organizationGuid)
      throw conflict('import.moved', { kind: 'space', from: current.organizationGuid, to: record.organizationGuid });
    const named = await tx.getSpaceByName(record.organizationGuid, record.name);
    if (named && named.guid !== record.guid) throw conflict('import.name_taken', { kind: 'space', name: record.name, guid: named.guid });
    const target = { guid: record.guid, type: 'space', name: record.name };
    const where = { spaceGuid: record.guid, organizationGuid: record.organizationGuid };
    if (!current) return { outcome: 'created', target, ...where, write: (w) => w.insertSpace({ ...record, status: 'active' }) };
    const next: Space = { ...current, ...record };
    const changed = changedFields(current, next);
    if (changed.length === 0) return { outcome: 'unchanged', target };
    return { outcome: 'updated', target, changed, ...where, write: (w) => w.updateSpace(next) };
  });
}

/** A user of the Cloud Foundry APIs, without a password (see setImportedPassword). */
export async function importUser(deps: Deps, actor: Actor, record: ImportedUser, run: ImportRun): Promise<ImportOutcome> {
  return importOne(deps, actor, run, async (tx) => {
    const current = await tx.getUser(record.guid);
    if (record.username !== null) {
      const clash = (await tx.findUsersByUsername(record.username, record.origin ?? undefined)).find((u) => u.guid !== record.guid && u.origin === record.origin);
      if (clash) throw conflict('import.name_taken', { kind: 'user', name: record.username, origin: record.origin, guid: clash.guid });
    }
    const target = { guid: record.guid, type: 'user', name: record.username };
    if (!current) return { outcome: 'created', target, write: (w) => w.insertUser(newUser(deps, { ...record })) };
    const next: User = { ...current, ...record, cfUser: true };
    const changed = changedFields(current, next);
    if (changed.length === 0) return { outcome: 'unchanged', target };
    return { outcome: 'updated', target, changed, write: (w) => w.updateUser(next) };
  });
}

/** An organization or space role with its own guid. Roles do not change: a role is created or unchanged. */
export async function importRole(deps: Deps, actor: Actor, record: ImportedRole, run: ImportRun): Promise<ImportOutcome> {
  return importOne(deps, actor, run, async (tx) => {
    const { resourceType, role } = roleTypeParts(record.type);
    if (!(await exists(run, record.userGuid, () => tx.getUser(record.userGuid)))) {
      throw conflict('import.parent_missing', { kind: 'role', parent: 'user', guid: record.userGuid });
    }
    let organizationGuid = record.resourceGuid;
    if (resourceType === 'space') {
      const space = await tx.getSpace(record.resourceGuid);
      if (!space && !run.pending?.has(record.resourceGuid)) throw conflict('import.parent_missing', { kind: 'role', parent: 'space', guid: record.resourceGuid });
      organizationGuid = space?.organizationGuid ?? '';
    } else if (!(await exists(run, record.resourceGuid, () => tx.getOrganization(record.resourceGuid)))) {
      throw conflict('import.parent_missing', { kind: 'role', parent: 'organization', guid: record.resourceGuid });
    }
    const target = { guid: record.guid, type: 'role', name: record.type };
    const where = { spaceGuid: resourceType === 'space' ? record.resourceGuid : null, organizationGuid: organizationGuid || null };
    const current = await tx.getRole(record.guid);
    if (current) {
      if (current.type !== record.type || current.userGuid !== record.userGuid || current.resourceGuid !== record.resourceGuid) {
        throw conflict('import.guid_taken', { kind: 'role', guid: record.guid });
      }
      return { outcome: 'unchanged', target };
    }
    const key = { resourceType, resourceGuid: record.resourceGuid, granteeType: 'user' as const, granteeGuid: record.userGuid };
    const live = await tx.getLiveShare(resourceType, record.resourceGuid, 'user', record.userGuid);
    if (live && (await tx.listShareRoles(live.guid)).some((r) => r.role === role)) {
      throw conflict('import.role_held', { kind: 'role', type: record.type, userGuid: record.userGuid, resourceGuid: record.resourceGuid });
    }
    // the source's share guid, unless it names another share here
    const shareGuid = record.shareGuid && !(await tx.getShare(record.shareGuid)) ? record.shareGuid : undefined;
    const write: Write = async (w) => {
      const share = live ? await bumpShare(deps, w, live) : await createShare(deps, w, key, record.createdAt, shareGuid);
      await w.insertShareRole({ guid: record.guid, shareGuid: share.guid, role, createdAt: record.createdAt, updatedAt: record.updatedAt });
    };
    return { outcome: 'created', target, ...where, write };
  });
}

export async function importInstance(deps: Deps, actor: Actor, record: ImportedInstance, run: ImportRun): Promise<ImportOutcome> {
  return importOne(deps, actor, run, async (tx) => {
    const space = await tx.getSpace(record.spaceGuid);
    if (!space && !run.pending?.has(record.spaceGuid)) throw conflict('import.parent_missing', { kind: 'service_instance', parent: 'space', guid: record.spaceGuid });
    if (record.type === 'managed' && !catalogIndex(deps.catalog).plan(record.servicePlanGuid)) {
      throw conflict('import.plan_unknown', { kind: 'service_instance', planGuid: record.servicePlanGuid });
    }
    const current = await tx.getInstance(record.guid);
    if (current && current.spaceGuid !== record.spaceGuid) throw conflict('import.moved', { kind: 'service_instance', from: current.spaceGuid, to: record.spaceGuid });
    const own = await tx.getInstanceByName(record.spaceGuid, record.name);
    if (own && own.guid !== record.guid) throw conflict('import.name_taken', { kind: 'service_instance', name: record.name, guid: own.guid });
    const targetType = record.type === 'managed' ? 'service_instance' : 'user_provided_service_instance';
    const target = { guid: record.guid, type: targetType, name: record.name };
    const where = { spaceGuid: record.spaceGuid, organizationGuid: space?.organizationGuid ?? null };
    const { parameters, credentials, ownerGuid, ...fields } = record;
    const next: ServiceInstance = {
      ...fields,
      ownerGuid: ownerGuid !== undefined ? ownerGuid : (current?.ownerGuid ?? null),
      parameters: parameters ?? current?.parameters ?? {},
      credentials: credentials ?? current?.credentials ?? {},
    };
    if (!current) return { outcome: 'created', target, ...where, write: (w) => w.insertInstance(next) };
    const changed = changedFields(current, next);
    if (changed.length === 0) return { outcome: 'unchanged', target };
    return { outcome: 'updated', target, changed, ...where, write: (w) => w.updateInstance(next) };
  });
}

/** An instance shared into another space (v3 shared_spaces). */
export async function importInstanceSpaceShare(deps: Deps, actor: Actor, share: { instanceGuid: string; spaceGuid: string }, run: ImportRun): Promise<ImportOutcome> {
  return importOne(deps, actor, run, async (tx) => {
    const instance = await tx.getInstance(share.instanceGuid);
    if (!instance && !run.pending?.has(share.instanceGuid)) throw conflict('import.parent_missing', { kind: 'share', parent: 'service_instance', guid: share.instanceGuid });
    if (!(await exists(run, share.spaceGuid, () => tx.getSpace(share.spaceGuid))))
      throw conflict('import.parent_missing', { kind: 'share', parent: 'space', guid: share.spaceGuid });
    const target = { guid: share.instanceGuid, type: 'service_instance_share', name: instance?.name ?? null };
    if (await tx.getLiveShare('service_instance', share.instanceGuid, 'space', share.spaceGuid)) return { outcome: 'unchanged', target };
    const key = { resourceType: 'service_instance' as const, resourceGuid: share.instanceGuid, granteeType: 'space' as const, granteeGuid: share.spaceGuid };
    return {
      outcome: 'created',
      target,
      spaceGuid: share.spaceGuid,
      write: async (w) => {
        await addBareShare(deps, w, key);
      },
    };
  });
}
