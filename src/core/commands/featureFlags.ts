import type { Actor } from '../actor';
import type { Deps } from '../context';
import { forbidden, notFound } from '../errors';
import { recordEvent } from '../events';
import type { FeatureFlag } from '../records';

export interface UpdateFeatureFlagInput {
  enabled?: boolean;
  customErrorMessage?: string | null;
}

/** A flag as it stands: stored, or its default when never set. Unknown names are not flags. */
export async function getFeatureFlag(deps: Deps, name: string): Promise<FeatureFlag> {
  const stored = await deps.store.getFeatureFlag(name);
  if (stored) return stored;
  // own keys only: names such as __proto__ or constructor are not flags
  const defaults = deps.settings.featureFlagDefaults;
  const enabled = Object.hasOwn(defaults, name) ? defaults[name] : undefined;
  if (typeof enabled !== 'boolean') throw notFound('feature_flag.not_found');
  return { name, enabled, customErrorMessage: null, updatedAt: null };
}

export async function listFeatureFlags(deps: Deps): Promise<FeatureFlag[]> {
  const stored = new Map((await deps.store.listFeatureFlags()).map((f) => [f.name, f]));
  return Object.keys(deps.settings.featureFlagDefaults)
    .sort()
    .map((name) => stored.get(name) ?? { name, enabled: deps.settings.featureFlagDefaults[name]!, customErrorMessage: null, updatedAt: null });
}

/** Only admins change flags. */
export function authorizeFeatureFlagUpdate(_deps: Deps, actor: Actor): void {
  if (!actor.isAdmin) throw forbidden();
}

export async function updateFeatureFlag(deps: Deps, actor: Actor, name: string, input: UpdateFeatureFlagInput): Promise<FeatureFlag> {
  const current = await getFeatureFlag(deps, name);
  authorizeFeatureFlagUpdate(deps, actor);
  return deps.store.transaction(async (tx) => {
    const next: FeatureFlag = {
      name,
      enabled: input.enabled ?? current.enabled,
      customErrorMessage: input.customErrorMessage !== undefined ? input.customErrorMessage : current.customErrorMessage,
      updatedAt: deps.clock.now(),
    };
    await tx.upsertFeatureFlag(next);
    await recordEvent(deps, tx, actor, { type: 'audit.feature_flag.update', target: { guid: name, type: 'feature_flag', name }, data: { request: input } });
    return next;
  });
}
