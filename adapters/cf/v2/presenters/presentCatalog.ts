// The catalog in v2's shape: offerings are /v2/services, plans /v2/service_plans (the same guids as v3's).
import type { ServiceOffering, ServicePlan } from '../../../../src/core/records';
import { resource } from '../envelope';

export const presentService = (o: ServiceOffering) =>
  resource(`/v2/services/${o.guid}`, o.guid, o.createdAt, o.updatedAt, {
    label: o.name,
    provider: null,
    url: null,
    description: o.description,
    long_description: null,
    version: null,
    info_url: null,
    active: o.available,
    bindable: o.bindable,
    unique_id: o.guid,
    extra: JSON.stringify({ shareable: o.shareable, ...(o.documentationUrl ? { documentationUrl: o.documentationUrl } : {}) }),
    tags: o.tags,
    requires: o.requires,
    documentation_url: o.documentationUrl,
    service_broker_guid: o.brokerGuid,
    plan_updateable: true,
    bindings_retrievable: false,
    instances_retrievable: o.instancesRetrievable,
    allow_context_updates: false,
    service_broker_name: o.brokerName,
    service_plans_url: `/v2/services/${o.guid}/service_plans`,
  });

export const presentServicePlan = (p: ServicePlan) =>
  resource(`/v2/service_plans/${p.guid}`, p.guid, p.createdAt, p.updatedAt, {
    name: p.name,
    free: p.free,
    description: p.description,
    service_guid: p.offeringGuid,
    extra: null,
    unique_id: p.guid,
    public: p.public,
    bindable: true,
    plan_updateable: true,
    active: p.active,
    maintenance_info: p.maintenanceInfo ?? {},
    schemas: {
      service_instance: { create: { parameters: {} }, update: { parameters: {} } },
      service_binding: { create: { parameters: {} } },
    },
    service_url: `/v2/services/${p.offeringGuid}`,
    service_instances_url: `/v2/service_plans/${p.guid}/service_instances`,
  });
