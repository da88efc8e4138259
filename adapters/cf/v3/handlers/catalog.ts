import { catalogIndex } from '../../../../src/core/catalog';
import { notFound } from '../../../../src/core/errors';
import type { ServiceOffering, ServicePlan } from '../../../../src/core/records';
import { parseList, type ParsedList } from '../listQuery';
import { presentOffering, presentPlan } from '../presenters/presentCatalog';
import { pageInMemory } from '../pageInMemory';
import { presentList } from '../presenters/presentList';
import { badQuery } from '../../errorCatalogue';
import { actorOf, ok, param, type Add } from '../routes';

const OFFERINGS = { keys: ['names', 'available', 'service_broker_guids', 'service_broker_names', 'space_guids', 'organization_guids', 'label_selector'], orderBy: ['name'] };
const PLANS = { keys: ['names', 'available', 'broker_catalog_ids', 'service_offering_guids', 'service_offering_names', 'service_broker_guids', 'service_broker_names', 'space_guids', 'organization_guids', 'service_instance_guids', 'label_selector', 'include'], orderBy: ['name'] };

/** The catalog is small and read-only: filter, order and page it in memory. */

const matches = (list: string[] | undefined, value: string) => !list || list.includes(value);
/** Catalog entries carry no labels: only absence requirements (`!key`, `key notin (...)`, `key!=v`) hold. */
const unlabeledMatch = (q: ParsedList) => (q.labelSelector ?? []).every((r) => r.op === 'not_exists' || r.op === 'not_in');
const PLAN_INCLUDES = ['space.organization', 'service_offering'];

export function catalogRoutes(add: Add) {
  add('get', '/v3/service_offerings', async (req, { core, links }) => {
    const q = parseList(req.query, OFFERINGS);
    const l = q.lists;
    const items = core.catalog.offerings.filter(
      (o: ServiceOffering) =>
        unlabeledMatch(q) &&
        matches(l.guids, o.guid) && matches(l.names, o.name) && matches(l.available, String(o.available)) &&
        matches(l.service_broker_guids, o.brokerGuid) && matches(l.service_broker_names, o.brokerName),
    );
    return ok(presentList(links, '/v3/service_offerings', q, pageInMemory(items, q), presentOffering(links)));
  });
  add('get', '/v3/service_offerings/:guid', async (req, { core, links }) => {
    const offering = catalogIndex(core.catalog).offering(param(req, 'guid'));
    if (!offering) throw notFound('service_offering.not_found');
    return ok(presentOffering(links)(offering));
  });
  add('get', '/v3/service_plans', async (req, { core, links }) => {
    const q = parseList(req.query, PLANS);
    const l = q.lists;
    const bad = (l.include ?? []).filter((i) => !PLAN_INCLUDES.includes(i));
    if (bad.length) throw badQuery(`Invalid included resource: '${bad.join(', ')}'. Valid included resources are: ${PLAN_INCLUDES.map((i) => `'${i}'`).join(', ')}`);
    const index = catalogIndex(core.catalog);
    let instancePlans: string[] | undefined;
    if (l.service_instance_guids) {
      const instances = await core.listInstances(actorOf(req), { guids: l.service_instance_guids }, { page: 1, perPage: 5000 });
      instancePlans = instances.items.map((i) => i.servicePlanGuid).filter((g): g is string => g !== null);
    }
    const items = core.catalog.plans.filter((p: ServicePlan) => {
      const o = index.offering(p.offeringGuid)!;
      return (
        unlabeledMatch(q) &&
        matches(instancePlans, p.guid) &&
        matches(l.guids, p.guid) && matches(l.names, p.name) && matches(l.available, String(p.active)) && matches(l.broker_catalog_ids, p.guid) &&
        matches(l.service_offering_guids, o.guid) && matches(l.service_offering_names, o.name) &&
        matches(l.service_broker_guids, o.brokerGuid) && matches(l.service_broker_names, o.brokerName)
      );
    });
    const page = pageInMemory(items, q);
    const included = l.include?.includes('service_offering')
      ? { service_offerings: [...new Set(page.items.map((p) => p.offeringGuid))].map((g) => presentOffering(links)(index.offering(g)!)) }
      : undefined;
    return ok(presentList(links, '/v3/service_plans', q, page, presentPlan(links, index.offering), included));
  });
  add('get', '/v3/service_plans/:guid', async (req, { core, links }) => {
    const index = catalogIndex(core.catalog);
    const plan = index.plan(param(req, 'guid'));
    if (!plan) throw notFound('service_plan.not_found');
    const body: Record<string, unknown> = presentPlan(links, index.offering)(plan);
    if (String(req.query.include ?? '') === 'service_offering') body.included = { service_offerings: [presentOffering(links)(index.offering(plan.offeringGuid)!)] };
    return ok(body);
  });
}
