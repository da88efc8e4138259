import type { UsageSummary } from '../../../../src/core/queries/directory';
import type { Quota } from '../../../../src/core/quotas';
import { timestamp, type Links } from '../../links';

const limit = (n: number) => (n === -1 ? null : n);

/** CC's OrganizationQuotaPresenter (-1, "unlimited", is null), with the organizations the caller can read. */
export const presentOrganizationQuota = (links: Links) => (q: Quota, organizationGuids: string[]) => ({
  guid: q.guid,
  created_at: timestamp(q.createdAt),
  updated_at: timestamp(q.updatedAt),
  name: q.name,
  apps: {
    total_memory_in_mb: limit(q.limits.memoryLimit),
    per_process_memory_in_mb: limit(q.limits.instanceMemoryLimit),
    total_instances: limit(q.limits.appInstanceLimit),
    per_app_tasks: limit(q.limits.appTaskLimit),
    log_rate_limit_in_bytes_per_second: limit(q.limits.logRateLimit),
  },
  services: { paid_services_allowed: q.nonBasicServicesAllowed, total_service_instances: limit(q.limits.totalServices), total_service_keys: limit(q.limits.totalServiceKeys) },
  routes: { total_routes: limit(q.limits.totalRoutes), total_reserved_ports: limit(q.limits.totalReservedRoutePorts) },
  domains: { total_domains: limit(q.limits.totalPrivateDomains) },
  relationships: { organizations: { data: organizationGuids.map((guid) => ({ guid })) } },
  links: { self: links.href(`/v3/organization_quotas/${q.guid}`) },
});

/** CC's usage summary body (organization and info): no apps, routes, tasks, domains or keys run here. */
export const presentUsage = (u: UsageSummary) => ({
  started_instances: 0,
  memory_in_mb: 0,
  routes: 0,
  service_instances: u.serviceInstances,
  reserved_ports: 0,
  domains: 0,
  per_app_tasks: 0,
  service_keys: 0,
});

export const presentOrganizationUsageSummary = (links: Links, organizationGuid: string, u: UsageSummary) => ({
  usage_summary: presentUsage(u),
  links: {
    self: links.href(`/v3/organizations/${organizationGuid}/usage_summary`),
    organization: links.href(`/v3/organizations/${organizationGuid}`),
  },
});
