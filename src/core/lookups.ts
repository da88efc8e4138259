// Fetch-or-fail helpers shared by commands and queries.
import type { Actor } from './actor';
import type { Deps } from './context';
import { forbidden, invalid, notFound } from './errors';
import { canReadOrganization, canReadSpace, loadAccess } from './policy';
import type { Organization, ServiceInstance, Space } from './records';

export async function readableOrganization(deps: Deps, actor: Actor, guid: string): Promise<Organization | undefined> {
  const org = await deps.store.getOrganization(guid);
  if (!org) return undefined;
  return canReadOrganization(actor, await loadAccess(deps, actor), guid) ? org : undefined;
}

export async function requireOrganization(deps: Deps, actor: Actor, guid: string): Promise<Organization> {
  const org = await readableOrganization(deps, actor, guid);
  if (!org) throw notFound('organization.not_found');
  return org;
}

export async function readableSpace(deps: Deps, actor: Actor, guid: string): Promise<Space | undefined> {
  const space = await deps.store.getSpace(guid);
  if (!space) return undefined;
  return canReadSpace(actor, await loadAccess(deps, actor), space) ? space : undefined;
}

export async function requireSpace(deps: Deps, actor: Actor, guid: string): Promise<Space> {
  const space = await readableSpace(deps, actor, guid);
  if (!space) throw notFound('space.not_found');
  return space;
}

export async function requireInstanceRecord(deps: Deps, guid: string): Promise<{ instance: ServiceInstance; space: Space; org: Organization }> {
  const instance = await deps.store.getInstance(guid);
  if (!instance) throw notFound('service_instance.not_found', { guid });
  const space = await deps.store.getSpace(instance.spaceGuid);
  const org = space && (await deps.store.getOrganization(space.organizationGuid));
  if (!space || !org) throw notFound('service_instance.not_found', { guid });
  return { instance, space, org };
}

/** Writes into a suspended or deleting organization are refused to everyone but admins (deleting: to everyone). */
export function assertOrganizationWritable(actor: Actor, org: Organization): void {
  if (org.status === 'deleting') throw invalid('organization.being_deleted');
  if (org.suspended && !actor.isAdmin) throw forbidden('organization.suspended');
}

/** Throws `feature_flag.disabled` when the named flag is off. */
export async function assertFeatureEnabled(deps: Deps, name: string): Promise<void> {
  const flag = await deps.store.getFeatureFlag(name);
  const enabled = flag?.enabled ?? deps.settings.featureFlagDefaults[name] ?? false;
  if (!enabled) throw forbidden('feature_flag.disabled', { name, message: flag?.customErrorMessage ?? name });
}

/** Whether the named flag is on (its stored value, else its default). */
export async function featureEnabled(deps: Deps, name: string): Promise<boolean> {
  const flag = await deps.store.getFeatureFlag(name);
  return flag?.enabled ?? deps.settings.featureFlagDefaults[name] ?? false;
}
