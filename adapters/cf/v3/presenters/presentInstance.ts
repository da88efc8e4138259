import type { CatalogIndex } from '../../../../src/core/catalog';
import type { ServiceInstance, ServiceOffering, ServicePlan } from '../../../../src/core/records';
import type { SpaceView } from '../../../../src/core/queries/directory';
import { timestamp, type Links } from '../../links';
import { presentMetadata } from './presentDirectory';

export const presentInstance = (links: Links) => (i: ServiceInstance) => {
  const self = `/v3/service_instances/${i.guid}`;
  const common = {
    self: links.href(self),
    space: links.href(`/v3/spaces/${i.spaceGuid}`),
    service_credential_bindings: links.href(`/v3/service_credential_bindings?service_instance_guids=${i.guid}`),
    service_route_bindings: links.href(`/v3/service_route_bindings?service_instance_guids=${i.guid}`),
  };
  const head = {
    guid: i.guid,
    created_at: timestamp(i.createdAt),
    updated_at: timestamp(i.updatedAt),
    name: i.name,
    tags: i.tags,
    last_operation: {
      type: i.lastOperation.type,
      state: i.lastOperation.state,
      description: i.lastOperation.description,
      updated_at: timestamp(i.lastOperation.updatedAt),
      created_at: timestamp(i.lastOperation.createdAt),
    },
    type: i.type,
  };
  const space = { space: { data: { guid: i.spaceGuid } } };
  if (i.type === 'user-provided') {
    return {
      ...head,
      syslog_drain_url: i.syslogDrainUrl,
      route_service_url: i.routeServiceUrl,
      relationships: space,
      metadata: presentMetadata(i.metadata),
      links: { ...common, credentials: links.href(`${self}/credentials`) },
    };
  }
  return {
    ...head,
    maintenance_info: i.maintenanceInfo ?? {},
    upgrade_available: false,
    dashboard_url: i.dashboardUrl,
    relationships: { ...space, service_plan: { data: { guid: i.servicePlanGuid } } },
    metadata: presentMetadata(i.metadata),
    links: {
      ...common,
      service_plan: links.href(`/v3/service_plans/${i.servicePlanGuid}`),
      parameters: links.href(`${self}/parameters`),
      shared_spaces: links.href(`${self}/relationships/shared_spaces`),
    },
  };
};

type Fields = Record<string, string[]>;

function pick(keys: string[], values: Record<string, () => unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) if (keys.includes(key)) out[key] = value();
  return out;
}

/**
 * `included` for the fields[...] parameter, as CC's FieldServiceInstance*Decorators build it, in their order: spaces,
 * organizations, then the catalog resources, each sorted by (created_at, guid). Names of spaces and organizations
 * the caller cannot read are left out. The catalog keys are set only when the answer holds a managed instance (CC's
 * plan, offering and broker decorators leave the hash alone otherwise); undefined when no key is set.
 */
export function presentIncluded(views: SpaceView[], fields: Fields, plans: ServicePlan[] = [], catalog?: CatalogIndex) {
  if (Object.keys(fields).length === 0) return undefined;
  const byCreation = <T extends { createdAt: number; guid: string }>(xs: T[]) =>
    [...new Map(xs.map((x) => [x.guid, x])).values()].sort((a, b) => a.createdAt - b.createdAt || (a.guid < b.guid ? -1 : 1));
  const included: Record<string, unknown[]> = {};
  const sorted = [...views].sort((a, b) => a.space.createdAt - b.space.createdAt || (a.space.guid < b.space.guid ? -1 : 1));
  if (fields.space) {
    included.spaces = sorted
      .map(({ space, readable }) =>
        pick(fields.space!, {
          guid: () => space.guid,
          ...(readable ? { name: () => space.name } : {}),
          'relationships.organization': () => ({ organization: { data: { guid: space.organizationGuid } } }),
        }),
      )
      .map(renameRelationships);
  }
  if (fields['space.organization']) {
    const orgs = byCreation(sorted.filter((v) => v.organization).map((v) => ({ ...v.organization!, view: v })));
    included.organizations = orgs.map(({ view: { organization, orgReadable } }) =>
      pick(fields['space.organization']!, { guid: () => organization!.guid, ...(orgReadable ? { name: () => organization!.name } : {}) }),
    );
  }
  if (!catalog || plans.length === 0) return Object.keys(included).length ? included : undefined;
  if (fields.service_plan) {
    included.service_plans = byCreation(plans).map((p) =>
      renameRelationships(
        pick(fields.service_plan!, { guid: () => p.guid, name: () => p.name, 'relationships.service_offering': () => ({ service_offering: { data: { guid: p.offeringGuid } } }) }),
      ),
    );
  }
  const offerings = byCreation(plans.map((p) => catalog.offering(p.offeringGuid)).filter((o): o is ServiceOffering => o !== undefined));
  if (fields['service_plan.service_offering']) {
    included.service_offerings = offerings.map((o) =>
      renameRelationships(
        pick(fields['service_plan.service_offering']!, {
          name: () => o.name,
          guid: () => o.guid,
          description: () => o.description,
          tags: () => o.tags,
          documentation_url: () => o.documentationUrl,
          'relationships.service_broker': () => ({ service_broker: { data: { guid: o.brokerGuid } } }),
        }),
      ),
    );
  }
  if (fields['service_plan.service_offering.service_broker']) {
    const brokers = byCreation(offerings.map((o) => ({ guid: o.brokerGuid, name: o.brokerName, createdAt: o.createdAt })));
    included.service_brokers = brokers.map((b) => pick(fields['service_plan.service_offering.service_broker']!, { name: () => b.name, guid: () => b.guid }));
  }
  return included;
}

/** `relationships.x` keys become one `relationships` object. */
function renameRelationships(entry: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry)) {
    if (key.startsWith('relationships.')) out.relationships = { ...((out.relationships as object) ?? {}), ...(value as object) };
    else out[key] = value;
  }
  return out;
}
