import type { ServiceBroker } from '../../../../src/core/catalog';
import type { ServiceOffering, ServicePlan } from '../../../../src/core/records';
import { timestamp, type Links } from '../../links';

const noMetadata = { labels: {}, annotations: {} };

/** CC's ServiceOfferingPresenter: key order as built there; documentation_url is '' when the broker gives none. */
export const presentOffering = (links: Links) => (o: ServiceOffering) => ({
  guid: o.guid,
  created_at: timestamp(o.createdAt),
  updated_at: timestamp(o.updatedAt),
  name: o.name,
  description: o.description,
  available: o.available,
  tags: o.tags,
  requires: o.requires,
  shareable: o.shareable,
  documentation_url: o.documentationUrl ?? '',
  broker_catalog: {
    id: o.guid,
    metadata: { shareable: o.shareable, ...(o.documentationUrl ? { documentationUrl: o.documentationUrl } : {}) },
    features: { plan_updateable: true, bindable: o.bindable, instances_retrievable: o.instancesRetrievable, bindings_retrievable: false, allow_context_updates: false },
  },
  relationships: { service_broker: { data: { guid: o.brokerGuid } } },
  metadata: noMetadata,
  links: {
    self: links.href(`/v3/service_offerings/${o.guid}`),
    service_plans: links.href(`/v3/service_plans?service_offering_guids=${o.guid}`),
    service_broker: links.href(`/v3/service_brokers/${o.brokerGuid}`),
  },
});

export const presentPlan = (links: Links, offering: (guid: string) => ServiceOffering | undefined) => (p: ServicePlan) => ({
  guid: p.guid,
  created_at: timestamp(p.createdAt),
  updated_at: timestamp(p.updatedAt),
  name: p.name,
  visibility_type: p.public ? 'public' : 'admin',
  available: p.active,
  free: p.free,
  costs: [],
  description: p.description,
  maintenance_info: p.maintenanceInfo ?? {},
  broker_catalog: {
    id: p.guid,
    metadata: {},
    maximum_polling_duration: null,
    features: { bindable: offering(p.offeringGuid)?.bindable ?? true, plan_updateable: true },
  },
  schemas: {
    service_instance: { create: { parameters: {} }, update: { parameters: {} } },
    service_binding: { create: { parameters: {} } },
  },
  relationships: { service_offering: { data: { guid: p.offeringGuid } } },
  metadata: noMetadata,
  links: {
    self: links.href(`/v3/service_plans/${p.guid}`),
    service_offering: links.href(`/v3/service_offerings/${p.offeringGuid}`),
    visibility: links.href(`/v3/service_plans/${p.guid}/visibility`),
  },
});

/** CC's ServicePlanVisibilityPresenter for the visibility types sharegate's catalog has (public, admin). */
export const presentPlanVisibility = (p: ServicePlan) => ({ type: p.public ? 'public' : 'admin' });

/**
 * CC's ServiceBrokerPresenter. The built-in broker runs inside the gateway, so its url is the gateway's own; it is
 * registered globally, so it has no space relationship.
 */
export const presentBroker = (links: Links) => (b: ServiceBroker) => ({
  guid: b.guid,
  created_at: timestamp(b.createdAt),
  updated_at: timestamp(b.updatedAt),
  name: b.name,
  url: links.base,
  relationships: {},
  metadata: noMetadata,
  links: {
    self: links.href(`/v3/service_brokers/${b.guid}`),
    service_offerings: links.href(`/v3/service_offerings?service_broker_guids=${b.guid}`),
  },
});

/** `included.service_brokers` for fields[...service_broker]: CC's field decorators build name before guid. */
export const presentBrokerFields = (keys: string[]) => (b: ServiceBroker) => ({
  ...(keys.includes('name') ? { name: b.name } : {}),
  ...(keys.includes('guid') ? { guid: b.guid } : {}),
});
