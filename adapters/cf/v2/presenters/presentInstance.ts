// Service instances in v2's shape: managed ones under /v2/service_instances, user-provided ones under
// /v2/user_provided_service_instances (SIC url_for_guid), each entity in CC's export order, then its links.
import type { CatalogIndex } from '../../../../src/core/catalog';
import type { ServiceInstance } from '../../../../src/core/records';
import { timestamp } from '../../links';
import { resource, type V2Resource } from '../envelope';

export const REDACTED = { redacted_message: '[PRIVATE DATA HIDDEN]' };

export const instanceUrl = (i: Pick<ServiceInstance, 'guid' | 'type'>) =>
  i.type === 'managed' ? `/v2/service_instances/${i.guid}` : `/v2/user_provided_service_instances/${i.guid}`;

function managedEntity(i: ServiceInstance, index: CatalogIndex, credentials: unknown) {
  const url = instanceUrl(i);
  const plan = index.plan(i.servicePlanGuid);
  const op = i.lastOperation;
  return {
    name: i.name,
    credentials,
    service_plan_guid: i.servicePlanGuid,
    space_guid: i.spaceGuid,
    gateway_data: null,
    dashboard_url: i.dashboardUrl,
    type: 'managed_service_instance',
    last_operation: { type: op.type, state: op.state, description: op.description ?? '', updated_at: timestamp(op.updatedAt), created_at: timestamp(op.createdAt) },
    tags: i.tags,
    maintenance_info: i.maintenanceInfo ?? {},
    service_guid: plan?.offeringGuid ?? null,
    space_url: `/v2/spaces/${i.spaceGuid}`,
    ...(plan ? { service_plan_url: `/v2/service_plans/${plan.guid}` } : {}),
    service_bindings_url: `${url}/service_bindings`,
    service_keys_url: `${url}/service_keys`,
    routes_url: `${url}/routes`,
    ...(plan ? { service_url: `/v2/services/${plan.offeringGuid}` } : {}),
    shared_from_url: `${url}/shared_from`,
    shared_to_url: `${url}/shared_to`,
    service_instance_parameters_url: `${url}/parameters`,
  };
}

function userProvidedEntity(i: ServiceInstance, credentials: unknown) {
  const url = instanceUrl(i);
  return {
    name: i.name,
    credentials,
    space_guid: i.spaceGuid,
    type: 'user_provided_service_instance',
    syslog_drain_url: i.syslogDrainUrl ?? '',
    route_service_url: i.routeServiceUrl ?? '',
    tags: i.tags,
    space_url: `/v2/spaces/${i.spaceGuid}`,
    service_bindings_url: `${url}/service_bindings`,
    routes_url: `${url}/routes`,
  };
}

/** `credentialsVisible`: the caller may read them (else CC's redaction message stands in). */
export function presentInstance(index: CatalogIndex, i: ServiceInstance, credentialsVisible: boolean): V2Resource {
  const credentials = credentialsVisible ? i.credentials : REDACTED;
  const entity = i.type === 'managed' ? managedEntity(i, index, credentials) : userProvidedEntity(i, credentials);
  return resource(instanceUrl(i), i.guid, i.createdAt, i.updatedAt, entity);
}
