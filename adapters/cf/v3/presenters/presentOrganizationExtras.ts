import type { UsageSummary } from '../../../../src/core/queries/directory';
import { timestamp, type Links } from '../../links';
import { DEFAULT_QUOTA_GUID } from './presentDirectory';

/**
 * CC's OrganizationQuotaPresenter for the one quota every organization reports. sharegate enforces no limits, so
 * every limit is null (CC's "unlimited") and paid plans are allowed. It is dated with the service catalog, the other
 * piece of configuration the gateway starts with.
 */
export const presentOrganizationQuota = (links: Links, at: number) => (organizationGuids: string[]) => ({
  guid: DEFAULT_QUOTA_GUID,
  created_at: timestamp(at),
  updated_at: timestamp(at),
  name: 'default',
  apps: { total_memory_in_mb: null, per_process_memory_in_mb: null, total_instances: null, per_app_tasks: null, log_rate_limit_in_bytes_per_second: null },
  services: { paid_services_allowed: true, total_service_instances: null, total_service_keys: null },
  routes: { total_routes: null, total_reserved_ports: null },
  domains: { total_domains: null },
  relationships: { organizations: { data: organizationGuids.map((guid) => ({ guid })) } },
  links: { self: links.href(`/v3/organization_quotas/${DEFAULT_QUOTA_GUID}`) },
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
