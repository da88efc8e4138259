// A ServiceOfferingInstance: the core instance with its owner, tenant, status, shared users and offering.
import type { InstanceDetail, InstanceSummary } from '../../../src/core/queries/instanceDetails';
import type { ServiceInstance } from '../../../src/core/records';

export const SOI_CLASS = 'com.bmc.cloud.model.beans.ServiceOfferingInstance';

/** CLM's instance status from the core's last operation. */
export function statusOf(instance: Pick<ServiceInstance, 'lastOperation'>): string {
  const { type, state } = instance.lastOperation;
  if (type === 'create' && state === 'failed') return 'Failed';
  if (type === 'create' && state !== 'succeeded') return 'Provisioning';
  if (type === 'delete' && state === 'in progress') return 'Decommissioning';
  return 'Running';
}

export function presentInstance(d: InstanceDetail): Record<string, unknown> {
  const { instance, organization, offering } = d;
  return {
    cloudClass: SOI_CLASS,
    guid: instance.guid,
    name: instance.name,
    description: '',
    ownerName: d.owner?.username ?? null,
    tenant: `/Organization/${organization.guid}`,
    tenantName: organization.name,
    status: statusOf(instance),
    sharedUsers: d.sharedWith.map((u) => u.username ?? u.guid),
    serviceOffering: offering ? `/ServiceOffering/${offering.guid}` : null,
    serviceOfferingName: offering?.name ?? null,
    servicePlanName: d.plan?.name ?? null,
    createdTime: new Date(instance.createdAt).toISOString(),
    modifiedTime: new Date(instance.updatedAt).toISOString(),
  };
}

/** The attributes a search may filter and sort on. */
export const instanceAttributes = (d: InstanceSummary): Record<string, string> => ({
  name: d.instance.name,
  guid: d.instance.guid,
  ownerName: d.owner?.username ?? '',
  status: statusOf(d.instance),
  tenantName: d.organization.name,
  serviceOfferingName: d.offering?.name ?? '',
  createdTime: new Date(d.instance.createdAt).toISOString(),
  modifiedTime: new Date(d.instance.updatedAt).toISOString(),
});
