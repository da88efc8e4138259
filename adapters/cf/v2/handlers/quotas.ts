// /v2/quota_definitions (the one default quota, without limits) and /v2/space_quota_definitions (there are none).
import type { Quota } from '../../../../src/core/quotas';
import { CfError } from '../../errorCatalogue';
import { pageItems, presentPage, resource } from '../envelope';
import { parseV2List } from '../listParams';
import { ok, param, type Add } from '../routes';
import { matches } from './catalog';

const present = (q: Quota) =>
  resource(`/v2/quota_definitions/${q.guid}`, q.guid, q.createdAt, q.updatedAt, {
    name: q.name,
    non_basic_services_allowed: q.nonBasicServicesAllowed,
    total_services: q.limits.totalServices,
    total_routes: q.limits.totalRoutes,
    total_private_domains: q.limits.totalPrivateDomains,
    memory_limit: q.limits.memoryLimit,
    trial_db_allowed: false,
    instance_memory_limit: q.limits.instanceMemoryLimit,
    app_instance_limit: q.limits.appInstanceLimit,
    app_task_limit: q.limits.appTaskLimit,
    total_service_keys: q.limits.totalServiceKeys,
    total_reserved_route_ports: q.limits.totalReservedRoutePorts,
    log_rate_limit: q.limits.logRateLimit,
  });

export function quotaRoutes(add: Add) {
  add('get', '/v2/quota_definitions', async (req, { core }) => {
    const l = parseV2List(req.query, { q: ['name'] });
    const items = core.listQuotas().filter((q) => matches(q, l.filters, { name: (x: Quota) => x.name }));
    return ok(presentPage('/v2/quota_definitions', l, pageItems(items, l), present));
  });
  add('get', '/v2/quota_definitions/:guid', async (req, { core }) => ok(present(core.getQuota(param(req, 'guid')))));
  add('get', '/v2/space_quota_definitions', async (req) => {
    const l = parseV2List(req.query, { q: [] });
    return ok(presentPage('/v2/space_quota_definitions', l, { total: 0, items: [] }, (x: never) => x));
  });
  add('get', '/v2/space_quota_definitions/:guid', async (req) => {
    throw new CfError('SpaceQuotaDefinitionNotFound', param(req, 'guid'));
  });
}
