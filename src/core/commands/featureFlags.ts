import type { Actor } from '../actor';
import type { AuditPayload, Deps, Input } from '../context';
import { denied, missing } from '../errors';
import { recordEvent } from '../events';
import type { FeatureFlag } from '../records';
import type { ReadStore } from '../store';

export interface UpdateFeatureFlagInput {
  enabled?: boolean;
  customErrorMessage?: string | null;
  /** the request for the audit event, as the dialect records it */
  audit: AuditPayload;
}

/** A flag as it stands: stored, or its default when never set. Unknown names are not flags. */
export async function getFeatureFlag(deps: Deps, name: string, store: ReadStore = deps.store): Promise<FeatureFlag> {
  const stored = await store.getFeatureFlag(name);
  if (stored) return stored;
  // own keys only: names such as __proto__ or constructor are not flags
  const defaults = deps.settings.featureFlagDefaults;
  const enabled = Object.hasOwn(defaults, name) ? defaults[name] : undefined;
  if (typeof enabled !== 'boolean') throw missing('feature_flag', name);
  return { name, enabled, customErrorMessage: null, updatedAt: null };
}

export async function listFeatureFlags(deps: Deps): Promise<FeatureFlag[]> {
  const stored = new Map((await deps.store.listFeatureFlags()).map((f) => [f.name, f]));
  return Object.keys(deps.settings.featureFlagDefaults)
    .sort()
    .map((name) => stored.get(name) ?? { name, enabled: deps.settings.featureFlagDefaults[name]!, customErrorMessage: null, updatedAt: null });
}

/** Authorize: the flag exists (else missing), the actor is an admin (else forbidden). Input. Then the write. */
export async function updateFeatureFlag(deps: Deps, actor: Actor, name: string, input: Input<UpdateFeatureFlagInput>): Promise<FeatureFlag> {
  return deps.store.transaction(async (tx) => {
    const current = await getFeatureFlag(deps, name, tx);
    if (!actor.isAdmin) throw denied('feature_flag', name);
    const given = input();
    const next: FeatureFlag = {
      name,
      enabled: given.enabled ?? current.enabled,
      customErrorMessage: given.customErrorMessage !== undefined ? given.customErrorMessage : current.customErrorMessage,
      updatedAt: deps.clock.now(),
    };
    await tx.upsertFeatureFlag(next);
    await recordEvent(deps, tx, actor, { type: 'audit.feature_flag.update', target: { guid: name, type: 'feature_flag', name }, data: { request: given.audit } });
    return next;
  });
}
