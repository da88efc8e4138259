import { catalogBrokers, catalogFor, catalogIndex, readableBrokers, type CatalogIndex, type ServiceBroker } from '../../../../src/core/catalog';
import { notFound } from '../../../../src/core/errors';
import type { ServiceOffering, ServicePlan } from '../../../../src/core/records';
import { CfError } from '../../errorCatalogue';
import type { Links } from '../../links';
import { parseList, type ParsedList } from '../listQuery';
import { presentBroker, presentBrokerFields, presentOffering, presentPlan, presentPlanVisibility } from '../presenters/presentCatalog';
import { byCreation } from '../presenters/presentDirectory';
import { pageInMemory } from '../pageInMemory';
import { presentList } from '../presenters/presentList';
import { actorOf, ok, param, type Add } from '../routes';

// parameters in the order CC's messages register them
const BROKER_FIELDS = ['guid', 'name'];
const OFFERINGS = {
  keys: ['available', 'fields', 'broker_catalog_ids', 'service_broker_guids', 'service_broker_names', 'names', 'space_guids', 'organization_guids', 'label_selector'],
  orderBy: ['name'],
  fields: { service_broker: BROKER_FIELDS },
};
const OFFERING = { keys: ['fields'], unpaginated: true, fields: { service_broker: BROKER_FIELDS } };
const PLAN_INCLUDES = ['space.organization', 'service_offering'];
const PLAN_FIELDS = { 'service_offering.service_broker': BROKER_FIELDS };
const PLANS = {
  keys: [
    'available',
    'fields',
    'broker_catalog_ids',
    'names',
    'organization_guids',
    'service_broker_guids',
    'service_broker_names',
    'service_instance_guids',
    'service_offering_guids',
    'service_offering_names',
    'space_guids',
    'include',
    'label_selector',
  ],
  orderBy: ['name'],
  include: PLAN_INCLUDES,
  fields: PLAN_FIELDS,
};
const PLAN = { keys: ['fields', 'include'], unpaginated: true, include: PLAN_INCLUDES, fields: PLAN_FIELDS };
const BROKERS = { keys: ['space_guids', 'names', 'label_selector'], orderBy: ['name'] };

/** The catalog is small and read-only: filter, order and page it in memory. */

const matches = (list: string[] | undefined, value: string) => !list || list.includes(value);
/** Catalog entries carry no labels: only absence requirements (`!key`, `key notin (...)`, `key!=v`) hold. */
const unlabeledMatch = (q: ParsedList) => (q.labelSelector ?? []).every((r) => r.op === 'not_exists' || r.op === 'not_in');

const brokersOf = (index: CatalogIndex, offerings: ServiceOffering[]): ServiceBroker[] => {
  const guids = new Set(offerings.map((o) => o.brokerGuid));
  return byCreation(catalogBrokers(index.catalog).filter((b) => guids.has(b.guid)));
};

/** CC's FieldServiceOfferingServiceBrokerDecorator. */
function offeringIncluded(index: CatalogIndex, offerings: ServiceOffering[], q: ParsedList) {
  const keys = q.fields.service_broker;
  return keys ? { service_brokers: brokersOf(index, offerings).map(presentBrokerFields(keys)) } : undefined;
}

/**
 * CC's plan decorators, in CC's order: space.organization (the spaces of space-scoped brokers and their
 * organizations; the built-in broker is global, so both are empty), service_offering, then the broker fields.
 */
function planIncluded(links: Links, index: CatalogIndex, plans: ServicePlan[], q: ParsedList) {
  const brokerKeys = q.fields['service_offering.service_broker'];
  if (q.include.length === 0 && !brokerKeys) return undefined;
  const offerings = byCreation(plans.map((p) => index.offering(p.offeringGuid)!));
  const included: Record<string, unknown[]> = {};
  if (q.include.includes('space.organization')) {
    included.spaces = [];
    included.organizations = [];
  }
  if (q.include.includes('service_offering')) included.service_offerings = offerings.map(presentOffering(links));
  if (brokerKeys) included.service_brokers = brokersOf(index, offerings).map(presentBrokerFields(brokerKeys));
  return included;
}

export function catalogRoutes(add: Add) {
  add('get', '/v3/service_offerings', async (req, { core, links }) => {
    const q = parseList(req.query, OFFERINGS);
    const l = q.lists;
    const catalog = catalogFor(actorOf(req), core.catalog);
    const items = catalog.offerings.filter(
      (o: ServiceOffering) =>
        unlabeledMatch(q) &&
        matches(l.guids, o.guid) &&
        matches(l.names, o.name) &&
        matches(l.available, String(o.available)) &&
        matches(l.broker_catalog_ids, o.guid) &&
        matches(l.service_broker_guids, o.brokerGuid) &&
        matches(l.service_broker_names, o.brokerName),
    );
    const page = pageInMemory(items, q);
    return ok(presentList(links, '/v3/service_offerings', q, page, presentOffering(links), offeringIncluded(catalogIndex(catalog), page.items, q)));
  });
  add('get', '/v3/service_offerings/:guid', async (req, { core, links }) => {
    const index = catalogIndex(catalogFor(actorOf(req), core.catalog));
    const offering = index.offering(param(req, 'guid'));
    if (!offering) throw notFound('service_offering.not_found');
    // CC looks the offering up before it validates the query
    const q = parseList(req.query, OFFERING);
    const body: Record<string, unknown> = presentOffering(links)(offering);
    const included = offeringIncluded(index, [offering], q);
    if (included) body.included = included;
    return ok(body);
  });
  add('get', '/v3/service_plans', async (req, { core, links }) => {
    const q = parseList(req.query, PLANS);
    const l = q.lists;
    const catalog = catalogFor(actorOf(req), core.catalog);
    const index = catalogIndex(catalog);
    let instancePlans: string[] | undefined;
    if (l.service_instance_guids) {
      const instances = await core.listInstances(actorOf(req), { guids: l.service_instance_guids }, { page: 1, perPage: 5000 });
      instancePlans = instances.items.map((i) => i.servicePlanGuid).filter((g): g is string => g !== null);
    }
    const items = catalog.plans.filter((p: ServicePlan) => {
      const o = index.offering(p.offeringGuid)!;
      return (
        unlabeledMatch(q) &&
        matches(instancePlans, p.guid) &&
        matches(l.guids, p.guid) &&
        matches(l.names, p.name) &&
        matches(l.available, String(p.active)) &&
        matches(l.broker_catalog_ids, p.guid) &&
        matches(l.service_offering_guids, o.guid) &&
        matches(l.service_offering_names, o.name) &&
        matches(l.service_broker_guids, o.brokerGuid) &&
        matches(l.service_broker_names, o.brokerName)
      );
    });
    const page = pageInMemory(items, q);
    return ok(presentList(links, '/v3/service_plans', q, page, presentPlan(links, index.offering), planIncluded(links, index, page.items, q)));
  });
  add('get', '/v3/service_plans/:guid', async (req, { core, links }) => {
    // CC validates the query before it looks the plan up
    const q = parseList(req.query, PLAN);
    const index = catalogIndex(catalogFor(actorOf(req), core.catalog));
    const plan = index.plan(param(req, 'guid'));
    if (!plan) throw notFound('service_plan.not_found');
    const body: Record<string, unknown> = presentPlan(links, index.offering)(plan);
    const included = planIncluded(links, index, [plan], q);
    if (included) body.included = included;
    return ok(body);
  });
  add('get', '/v3/service_plans/:guid/visibility', async (req, { core }) => {
    const plan = catalogIndex(catalogFor(actorOf(req), core.catalog)).plan(param(req, 'guid'));
    if (!plan) throw notFound('service_plan.not_found');
    return ok(presentPlanVisibility(plan));
  });
  add('get', '/v3/service_brokers', async (req, { core, links }) => {
    const q = parseList(req.query, BROKERS);
    const l = q.lists;
    // the built-in broker is global: a space_guids filter never matches it
    const items = readableBrokers(actorOf(req), core.catalog).filter((b) => unlabeledMatch(q) && !l.space_guids && matches(l.guids, b.guid) && matches(l.names, b.name));
    return ok(presentList(links, '/v3/service_brokers', q, pageInMemory(items, q), presentBroker(links)));
  });
  add('get', '/v3/service_brokers/:guid', async (req, { core, links }) => {
    const broker = readableBrokers(actorOf(req), core.catalog).find((b) => b.guid === param(req, 'guid'));
    if (!broker) throw new CfError('ResourceNotFound', 'Service broker not found');
    return ok(presentBroker(links)(broker));
  });
}
