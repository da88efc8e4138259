// Fetch-or-fail helpers shared by commands and queries. Each tells "missing" from "hidden" (errors.ts): a record
// that does not exist is `missing(resource, guid)`, one the actor may not see is `hidden(resource, guid)`, one the
// actor sees but may not change is `denied(resource, guid)`.
//
// Every helper takes the store to read from: a command passes its transaction (`tx`) so that the record it checks
// is the record it writes; a query passes nothing and reads `deps.store`.
import type { Actor } from './actor';
import type { Deps } from './context';
import { denied, forbidden, hidden, invalid, missing } from './errors';
import { canReadOrganization, canReadSpace, instanceAccess, loadAccess, type InstanceAccess } from './policy';
import type { Organization, ServiceInstance, Space } from './records';
import type { ReadStore } from './store';

export async function readableOrganization(deps: Deps, actor: Actor, guid: string, store: ReadStore = deps.store): Promise<Organization | undefined> {
  const org = await store.getOrganization(guid);
  if (!org) return undefined;
  return canReadOrganization(actor, await loadAccess(deps, actor), guid) ? org : undefined;
}

/** The organization, if the actor may read it; else organization missing or hidden. */
export async function requireOrganization(deps: Deps, actor: Actor, guid: string, store: ReadStore = deps.store): Promise<Organization> {
  const org = await store.getOrganization(guid);
  if (!org) throw missing('organization', guid);
  if (!canReadOrganization(actor, await loadAccess(deps, actor), guid)) throw hidden('organization', guid);
  return org;
}

export async function readableSpace(deps: Deps, actor: Actor, guid: string, store: ReadStore = deps.store): Promise<Space | undefined> {
  const space = await store.getSpace(guid);
  if (!space) return undefined;
  return canReadSpace(actor, await loadAccess(deps, actor), space) ? space : undefined;
}

/** The space, if the actor may read it; else space missing or hidden. */
export async function requireSpace(deps: Deps, actor: Actor, guid: string, store: ReadStore = deps.store): Promise<Space> {
  const space = await store.getSpace(guid);
  if (!space) throw missing('space', guid);
  if (!canReadSpace(actor, await loadAccess(deps, actor), space)) throw hidden('space', guid);
  return space;
}

export interface InstanceRecord {
  instance: ServiceInstance;
  space: Space;
  org: Organization;
}

/** The instance with its space and organization, whoever asks; service_instance missing if there is none. */
export async function requireInstanceRecord(deps: Deps, guid: string, store: ReadStore = deps.store): Promise<InstanceRecord> {
  const instance = await store.getInstance(guid);
  if (!instance) throw missing('service_instance', guid);
  const space = await store.getSpace(instance.spaceGuid);
  const org = space && (await store.getOrganization(space.organizationGuid));
  if (!space || !org) throw missing('service_instance', guid);
  return { instance, space, org };
}

/** The instance with its space, if the actor may read it; else service_instance missing or hidden. */
export async function requireReadableInstance(deps: Deps, actor: Actor, guid: string, store: ReadStore = deps.store): Promise<InstanceRecord & { access: InstanceAccess }> {
  const record = await requireInstanceRecord(deps, guid, store);
  const access = await instanceAccess(deps, actor, record.instance, record.space, store);
  if (!access.read) throw hidden('service_instance', guid);
  return { ...record, access };
}

/** Readable and manageable (design.md §1), in a writable organization; readers who may not manage it are denied. */
export async function requireManageableInstance(deps: Deps, actor: Actor, guid: string, store: ReadStore = deps.store): Promise<InstanceRecord & { access: InstanceAccess }> {
  const record = await requireReadableInstance(deps, actor, guid, store);
  if (!record.access.manage) throw denied('service_instance', guid);
  assertOrganizationWritable(actor, record.org);
  return record;
}

/** Writes into a suspended or deleting organization are refused to everyone but admins (deleting: to everyone). */
export function assertOrganizationWritable(actor: Actor, org: Organization): void {
  if (org.status === 'deleting') throw invalid('organization.being_deleted', { resource: 'organization', guid: org.guid });
  if (org.suspended && !actor.isAdmin) throw denied('organization', org.guid, 'organization.suspended');
}

/** Throws `feature_flag.disabled` when the named flag is off. */
export async function assertFeatureEnabled(deps: Deps, name: string, store: ReadStore = deps.store): Promise<void> {
  const flag = await store.getFeatureFlag(name);
  const enabled = flag?.enabled ?? deps.settings.featureFlagDefaults[name] ?? false;
  if (!enabled) throw forbidden('feature_flag.disabled', { resource: 'feature_flag', guid: name, name, message: flag?.customErrorMessage ?? name });
}

/** Whether the named flag is on (its stored value, else its default). */
export async function featureEnabled(deps: Deps, name: string, store: ReadStore = deps.store): Promise<boolean> {
  const flag = await store.getFeatureFlag(name);
  return flag?.enabled ?? deps.settings.featureFlagDefaults[name] ?? false;
}
