// Quotas: sharegate enforces none, so every organization has the one default quota, without limits.
import type { Deps } from './context';
import { notFound } from './errors';

export interface Quota {
  guid: string;
  name: string;
  /** -1 everywhere: no limit */
  limits: {
    totalServices: number;
    totalRoutes: number;
    totalPrivateDomains: number;
    memoryLimit: number;
    instanceMemoryLimit: number;
    appInstanceLimit: number;
    appTaskLimit: number;
    totalServiceKeys: number;
    totalReservedRoutePorts: number;
    logRateLimit: number;
  };
  nonBasicServicesAllowed: boolean;
  createdAt: number;
  updatedAt: number;
}

export const DEFAULT_QUOTA_GUID = 'e6c2a1f0-3b7d-4c8e-9a51-0d4f7b2e8c13';

const UNLIMITED: Quota['limits'] = {
  totalServices: -1,
  totalRoutes: -1,
  totalPrivateDomains: -1,
  memoryLimit: -1,
  instanceMemoryLimit: -1,
  appInstanceLimit: -1,
  appTaskLimit: -1,
  totalServiceKeys: -1,
  totalReservedRoutePorts: -1,
  logRateLimit: -1,
};

/** The organization quotas: the default one, dated with the catalog (both exist from the gateway's start). */
export function listQuotas(deps: Deps): Quota[] {
  const since = deps.catalog.offerings[0]?.createdAt ?? 0;
  return [{ guid: DEFAULT_QUOTA_GUID, name: 'default', limits: UNLIMITED, nonBasicServicesAllowed: true, createdAt: since, updatedAt: since }];
}

export function getQuota(deps: Deps, guid: string): Quota {
  const quota = listQuotas(deps).find((q) => q.guid === guid);
  if (!quota) throw notFound('quota.not_found', { guid });
  return quota;
}
