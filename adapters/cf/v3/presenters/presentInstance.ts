import type { ServiceInstance } from '../../../../src/core/records';
import type { SharedSpace } from '../../../../src/core/commands/sharing';
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

/** `included` for fields[space] / fields[space.organization]; names the caller cannot read are left out. */
export function presentSharedIncluded(spaces: SharedSpace[], fields: Record<string, string[]>) {
  const spaceKeys = fields.space;
  const orgKeys = fields['space.organization'];
  if (!spaceKeys && !orgKeys) return undefined;
  const included: Record<string, unknown[]> = {};
  const sorted = [...spaces].sort((a, b) => a.space.createdAt - b.space.createdAt || (a.space.guid < b.space.guid ? -1 : 1));
  if (spaceKeys) {
    included.spaces = sorted.map(({ space, readable }) => {
      const out: Record<string, unknown> = {};
      if (spaceKeys.includes('guid')) out.guid = space.guid;
      if (spaceKeys.includes('name') && readable) out.name = space.name;
      if (spaceKeys.includes('relationships.organization')) out.relationships = { organization: { data: { guid: space.organizationGuid } } };
      return out;
    });
  }
  if (orgKeys) {
    const seen = new Map<string, Record<string, unknown>>();
    for (const { organization, orgReadable } of sorted) {
      if (!organization || seen.has(organization.guid)) continue;
      const out: Record<string, unknown> = {};
      if (orgKeys.includes('guid')) out.guid = organization.guid;
      if (orgKeys.includes('name') && orgReadable) out.name = organization.name;
      seen.set(organization.guid, out);
    }
    included.organizations = [...seen.values()];
  }
  return included;
}
