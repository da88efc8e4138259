// /v2/services, /v2/service_plans and /v2/service_plan_visibilities: the catalog, with the guids v3 shows.
import { catalogFor, catalogIndex } from '../../../../src/core/catalog';
import { notFound } from '../../../../src/core/errors';
import type { ServiceOffering, ServicePlan } from '../../../../src/core/records';
import { pageItems, presentPage } from '../envelope';
import { parseV2List, type QFilter } from '../listParams';
import { presentService, presentServicePlan } from '../presenters/presentCatalog';
import { actorOf, ok, param, type Add } from '../routes';

type Field<T> = (item: T) => string;

/** `q` on an in-memory list: equality, IN and comparisons on the field's text, as CC's Query reads them. */
export function matches<T>(item: T, filters: QFilter[], fields: Record<string, Field<T>>): boolean {
  return filters.every((f) => {
    const v = fields[f.key]!(item);
    switch (f.op) {
      case null:
        return false;
      case '=':
      case 'IN':
        return f.values.includes(v);
      case '<':
        return v < f.values[0]!;
      case '<=':
        return v <= f.values[0]!;
      case '>':
        return v > f.values[0]!;
      case '>=':
        return v >= f.values[0]!;
    }
  });
}

const bool = (b: boolean) => (b ? 'true' : 'false');
/** CC casts boolean query values: `t` and `true` are true, anything else false. */
export const boolFilter = (filters: QFilter[], key: string) =>
  filters.map((f) => (f.key === key && f.op !== null ? { ...f, values: f.values.map((v) => bool(v === 't' || v === 'true')) } : f));

export const SERVICE_FIELDS: Record<string, Field<ServiceOffering>> = {
  active: (o) => bool(o.available),
  label: (o) => o.name,
  provider: () => '',
  service_broker_guid: (o) => o.brokerGuid,
  unique_id: (o) => o.guid,
};

export function catalogRoutes(add: Add) {
  add('get', '/v2/services', async (req, { core }) => {
    const l = parseV2List(req.query, { q: Object.keys(SERVICE_FIELDS) });
    const filters = boolFilter(l.filters, 'active');
    const items = catalogFor(actorOf(req), core.catalog).offerings.filter((o) => matches(o, filters, SERVICE_FIELDS));
    return ok(presentPage('/v2/services', l, pageItems(items, l), presentService));
  });
  add('get', '/v2/services/:guid', async (req, { core }) => {
    const offering = catalogIndex(catalogFor(actorOf(req), core.catalog)).offering(param(req, 'guid'));
    if (!offering) throw notFound('service_offering.not_found', { guid: param(req, 'guid') });
    return ok(presentService(offering));
  });

  const planFields = (index: ReturnType<typeof catalogIndex>): Record<string, Field<ServicePlan>> => ({
    active: (p) => bool(p.active),
    service_guid: (p) => p.offeringGuid,
    service_broker_guid: (p) => index.offering(p.offeringGuid)?.brokerGuid ?? '',
    unique_id: (p) => p.guid,
  });
  add('get', '/v2/service_plans', async (req, { core }) => {
    const catalog = catalogFor(actorOf(req), core.catalog);
    const index = catalogIndex(catalog);
    const l = parseV2List(req.query, { q: ['active', 'service_guid', 'service_instance_guid', 'service_broker_guid', 'unique_id'] });
    let filters = boolFilter(l.filters, 'active');
    // a plan matches service_instance_guid through the instances of it the caller can see
    const byInstance = filters.filter((f) => f.key === 'service_instance_guid');
    let planGuids: Set<string> | undefined;
    if (byInstance.length) {
      const guids = byInstance.flatMap((f) => (f.op === null ? [] : f.values));
      const instances = guids.length ? (await core.listInstances(actorOf(req), { guids }, { page: 1, perPage: 5000 })).items : [];
      planGuids = new Set(instances.map((i) => i.servicePlanGuid).filter((g): g is string => g !== null));
      filters = filters.filter((f) => f.key !== 'service_instance_guid');
    }
    const fields = planFields(index);
    const items = catalog.plans.filter((p) => (!planGuids || planGuids.has(p.guid)) && matches(p, filters, fields));
    return ok(presentPage('/v2/service_plans', l, pageItems(items, l), presentServicePlan));
  });
  add('get', '/v2/service_plans/:guid', async (req, { core }) => {
    const plan = catalogIndex(catalogFor(actorOf(req), core.catalog)).plan(param(req, 'guid'));
    if (!plan) throw notFound('service_plan.not_found', { guid: param(req, 'guid') });
    return ok(presentServicePlan(plan));
  });
  add('get', '/v2/services/:guid/service_plans', async (req, { core }) => {
    const guid = param(req, 'guid');
    const catalog = catalogFor(actorOf(req), core.catalog);
    if (!catalogIndex(catalog).offering(guid)) throw notFound('service_offering.not_found', { guid });
    const l = parseV2List(req.query, { q: ['active', 'service_guid', 'service_broker_guid', 'unique_id'] });
    const items = catalog.plans.filter((p) => p.offeringGuid === guid && matches(p, boolFilter(l.filters, 'active'), planFields(catalogIndex(catalog))));
    return ok(presentPage(`/v2/services/${guid}/service_plans`, l, pageItems(items, l), presentServicePlan));
  });

  // plans are public or admin-only: there are no per-organization visibilities to list
  add('get', '/v2/service_plan_visibilities', async (req) => {
    const l = parseV2List(req.query, { q: ['organization_guid', 'service_plan_guid'] });
    return ok(presentPage('/v2/service_plan_visibilities', l, { total: 0, items: [] }, (x: never) => x));
  });
}
