// Imports that name users by login name rather than guid (a CLM's service offering instances: owner, tenant, the
// users an instance is shared with), passwords for imported users, and removals of records a source no longer has.
import type { Actor } from '../actor';
import type { Deps } from '../context';
import { conflict, forbidden } from '../errors';
import { recordEvent } from '../events';
import { newUser } from '../memberships';
import { emptyMetadata } from '../metadata';
import { newManagedInstance } from '../newManagedInstance';
import type { Organization, ServiceInstance, Space, User } from '../records';
import { addShareRoles, deleteShare } from '../shares';
import type { ReadStore, WriteStore } from '../store';
import type { ImportOutcome, ImportRun } from './imports';
import { INSTANCE_USER_ROLE } from './instanceOwnership';
import { deleteOrganization } from './organizations';
import { revokeRole } from './roles';
import { removeInstance } from './serviceInstances';
import { deleteSpace } from './spaces';

export interface ImportedOwnedInstance {
  guid: string;
  name: string;
  organization: { guid: string; name: string };
  ownerName: string | null;
  sharedUserNames: string[];
  offeringName: string | null;
  planName: string | null;
  createdAt: number;
  updatedAt: number;
  /** where a new instance goes when its organization has no space yet: a space of this name is made */
  spaceName: string;
}

async function userNamed(tx: ReadStore, name: string): Promise<User | undefined> {
  const found = await tx.findUsersByUsername(name);
  return found.find((u) => u.origin === 'uaa') ?? found[0];
}

/**
 * An instance known by its owner's and sharers' login names (CLM's ServiceOfferingInstance). An instance the target
 * already holds (by guid, e.g. imported from Cloud Foundry before) keeps its space and plan and takes the owner,
 * name and users; a new one goes into its organization's first space (made when there is none) with the plan of
 * that offering and plan name. Unknown login names become users; the organization is made when missing.
 */
export async function importOwnedInstance(deps: Deps, actor: Actor, record: ImportedOwnedInstance, run: ImportRun): Promise<ImportOutcome> {
  if (!actor.isAdmin) throw forbidden();
  return deps.store.transaction(async (tx) => {
    const writes: ((w: WriteStore) => Promise<void>)[] = [];
    const changed: string[] = [];
    let org = await tx.getOrganization(record.organization.guid);
    if (!org) {
      const named = await tx.getOrganizationByName(record.organization.name);
      if (named) throw conflict('import.name_taken', { kind: 'organization', name: record.organization.name, guid: named.guid });
      const created: Organization = {
        ...record.organization,
        suspended: false,
        status: 'active',
        createdAt: record.createdAt,
        updatedAt: record.createdAt,
        metadata: emptyMetadata(),
      };
      org = created;
      writes.push((w) => w.insertOrganization(created));
      changed.push('organization');
    }
    const users = new Map<string, User>();
    for (const name of [...(record.ownerName ? [record.ownerName] : []), ...record.sharedUserNames]) {
      if (users.has(name)) continue;
      let user = await userNamed(tx, name);
      if (!user) {
        const made = newUser(deps, { guid: deps.ids.guid(), username: name, origin: 'uaa' });
        user = made;
        writes.push((w) => w.insertUser(made));
        changed.push(`user ${name}`);
      }
      users.set(name, user);
    }
    const ownerGuid = record.ownerName ? users.get(record.ownerName)!.guid : null;
    const current = await tx.getInstance(record.guid);
    let instance: ServiceInstance;
    let space: Space | undefined;
    if (current) {
      space = await tx.getSpace(current.spaceGuid);
      instance = { ...current, name: record.name, ownerGuid, createdAt: record.createdAt, updatedAt: record.updatedAt };
      if (current.createdAt !== record.createdAt || current.updatedAt !== record.updatedAt) changed.push('times');
      if (current.name !== record.name) changed.push('name');
      if (current.ownerGuid !== ownerGuid) changed.push('ownerGuid');
    } else {
      const plan = deps.catalog.plans.find((p) => p.name === record.planName && deps.catalog.offerings.some((o) => o.guid === p.offeringGuid && o.name === record.offeringName));
      if (!plan) throw conflict('import.plan_unknown', { kind: 'service_instance', offering: record.offeringName, plan: record.planName });
      const spaces = (await tx.listSpaces({ organizationGuids: [org.guid] }, { page: 1, perPage: 1, orderBy: { field: 'created_at', direction: 'asc' } })).items;
      space = spaces[0];
      if (!space) {
        const made: Space = {
          guid: deps.ids.guid(),
          organizationGuid: org.guid,
          name: record.spaceName,
          status: 'active',
          createdAt: record.createdAt,
          updatedAt: record.createdAt,
          metadata: emptyMetadata(),
        };
        space = made;
        writes.push((w) => w.insertSpace(made));
      }
      if (await tx.getInstanceByName(space.guid, record.name)) throw conflict('import.name_taken', { kind: 'service_instance', name: record.name });
      instance = newManagedInstance({
        guid: record.guid,
        spaceGuid: space.guid,
        name: record.name,
        plan,
        ownerGuid,
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
      });
    }
    const wanted = new Set(record.sharedUserNames.map((n) => users.get(n)!.guid));
    const live = current ? await tx.listLiveSharesOfResource('service_instance', record.guid, 'user') : [];
    const gone = live.filter((s) => !wanted.has(s.granteeGuid));
    const have = new Set(live.map((s) => s.granteeGuid));
    const added = [...wanted].filter((g) => !have.has(g));
    if (gone.length > 0 || added.length > 0) changed.push('sharedUsers');
    const outcome: ImportOutcome = !current ? 'created' : changed.length > 0 ? 'updated' : 'unchanged';
    if (outcome === 'unchanged' || run.dryRun) return outcome;
    for (const write of writes) await write(tx);
    if (current) await tx.updateInstance(instance);
    else await tx.insertInstance(instance);
    for (const share of gone) await deleteShare(deps, tx, share);
    for (const granteeGuid of added) {
      await addShareRoles(deps, tx, { resourceType: 'service_instance', resourceGuid: record.guid, granteeType: 'user', granteeGuid }, [INSTANCE_USER_ROLE]);
    }
    await recordEvent(deps, tx, actor, {
      type: 'audit.service_instance.import',
      target: { guid: record.guid, type: 'service_instance', name: record.name },
      data: { import: { source: run.source, change: outcome, fields: changed } },
      spaceGuid: space?.guid ?? null,
      organizationGuid: org.guid,
    });
    return outcome;
  });
}

/** Sets the password of an imported user (`--set-passwords-from`). */
export async function setImportedPassword(deps: Deps, actor: Actor, who: { username: string; origin?: string }, password: string, run: ImportRun): Promise<ImportOutcome> {
  if (!actor.isAdmin) throw forbidden();
  if (!deps.credentials) throw conflict('import.no_credentials');
  const hash = run.dryRun ? '' : await deps.credentials.hashPassword(password);
  return deps.store.transaction(async (tx): Promise<ImportOutcome> => {
    const [user, other] = await tx.findUsersByUsername(who.username, who.origin ?? 'uaa');
    if (!user) throw conflict('import.parent_missing', { kind: 'password', parent: 'user', name: who.username });
    if (other) throw conflict('import.ambiguous_user', { kind: 'password', name: who.username });
    if (run.dryRun) return 'updated';
    await tx.updateUser({ ...user, passwordHash: hash, updatedAt: deps.clock.now() });
    await recordEvent(deps, tx, actor, {
      type: 'audit.user.import',
      target: { guid: user.guid, type: 'user', name: user.username },
      data: { import: { source: run.source, change: 'password' } },
    });
    return 'updated';
  });
}

export type PrunableKind = 'organization' | 'space' | 'role' | 'service_instance' | 'service_instance_share';
const EVENT_TYPES: Record<PrunableKind, string[]> = {
  organization: ['audit.organization.import'],
  space: ['audit.space.import'],
  role: ['audit.role.import'],
  service_instance: ['audit.service_instance.import', 'audit.user_provided_service_instance.import'],
  service_instance_share: ['audit.service_instance_share.import'],
};

/** Whether `guid` came in through an import from `source` (only such records are ever pruned). */
async function importedFrom(store: ReadStore, kind: PrunableKind, guid: string, source: string): Promise<boolean> {
  const events = await store.listEvents({ targetGuids: [guid], types: EVENT_TYPES[kind] }, { page: 1, perPage: 100 });
  return events.items.some((e) => (e.data.import as { source?: unknown } | undefined)?.source === source);
}

/**
 * Removes a record the source no longer has, if it came from that source; returns false (and changes nothing) for a
 * record that did not. A share is named `instanceGuid/spaceGuid`.
 */
export async function pruneImported(deps: Deps, actor: Actor, kind: PrunableKind, guid: string, run: ImportRun): Promise<boolean> {
  if (!actor.isAdmin) throw forbidden();
  const [instanceGuid = '', spaceGuid = ''] = kind === 'service_instance_share' ? guid.split('/') : [guid];
  if (!(await importedFrom(deps.store, kind, instanceGuid, run.source))) return false;
  if (run.dryRun) return true;
  if (kind === 'organization') await deleteOrganization(deps, actor, guid, { wait: true });
  else if (kind === 'space') await deleteSpace(deps, actor, guid, { wait: true });
  else {
    await deps.store.transaction(async (tx) => {
      if (kind === 'role') {
        const role = await tx.getRole(guid);
        if (role) await revokeRole(deps, tx, actor, role);
      } else if (kind === 'service_instance') {
        const instance = await tx.getInstance(guid);
        const space = instance && (await tx.getSpace(instance.spaceGuid));
        if (instance && space) await removeInstance(deps, tx, actor, instance, space);
      } else {
        const share = await tx.getLiveShare('service_instance', instanceGuid, 'space', spaceGuid);
        if (share) await deleteShare(deps, tx, share);
      }
    });
  }
  return true;
}

/** One page of the target's records of a kind, by guid (instance shares as `instanceGuid/spaceGuid`), for pruning. */
export async function listImportTargets(deps: Deps, actor: Actor, kind: PrunableKind, page: number, perPage: number): Promise<{ total: number; guids: string[] }> {
  if (!actor.isAdmin) throw forbidden();
  const p = { page, perPage, orderBy: { field: 'created_at' as const, direction: 'asc' as const } };
  const s = deps.store;
  const guids = (rows: { total: number; items: { guid: string }[] }) => ({ total: rows.total, guids: rows.items.map((r) => r.guid) });
  if (kind === 'organization') return guids(await s.listOrganizations({}, p));
  if (kind === 'space') return guids(await s.listSpaces({}, p));
  if (kind === 'role') return guids(await s.listRoles({}, p));
  const instances = await s.listInstances({}, p);
  if (kind === 'service_instance') return guids(instances);
  const out: string[] = [];
  for (const i of instances.items) for (const share of await s.listLiveSharesOfResource('service_instance', i.guid, 'space')) out.push(`${i.guid}/${share.granteeGuid}`);
  return { total: instances.total, guids: out };
}
