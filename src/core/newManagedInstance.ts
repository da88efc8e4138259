// A managed service instance made in one step, its creation already succeeded (CSM's synchronous creation, imports).
import { emptyMetadata } from './metadata';
import type { ServiceInstance, ServicePlan } from './records';

export interface NewManagedInstance {
  guid: string;
  spaceGuid: string;
  name: string;
  plan: ServicePlan;
  ownerGuid: string | null;
  createdAt: number;
  updatedAt: number;
}

export function newManagedInstance(i: NewManagedInstance): ServiceInstance {
  return {
    guid: i.guid,
    spaceGuid: i.spaceGuid,
    name: i.name,
    type: 'managed',
    servicePlanGuid: i.plan.guid,
    ownerGuid: i.ownerGuid,
    credentials: {},
    parameters: {},
    tags: [],
    syslogDrainUrl: null,
    routeServiceUrl: null,
    dashboardUrl: null,
    maintenanceInfo: i.plan.maintenanceInfo ?? null,
    lastOperation: { type: 'create', state: 'succeeded', description: 'Operation succeeded', createdAt: i.createdAt, updatedAt: i.updatedAt },
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    metadata: emptyMetadata(),
  };
}
