// A ServiceOffering of the catalog. `reconciliationID` is its guid: clients identify offerings by either.
import type { ServiceOffering } from '../../../src/core/records';

export const OFFERING_CLASS = 'com.bmc.cloud.model.beans.ServiceOffering';

export const presentOffering = (o: ServiceOffering): Record<string, unknown> => ({
  cloudClass: OFFERING_CLASS,
  guid: o.guid,
  reconciliationID: o.guid,
  name: o.name,
  description: o.description,
  createdTime: new Date(o.createdAt).toISOString(),
  modifiedTime: new Date(o.updatedAt).toISOString(),
});

export const offeringAttributes = (o: ServiceOffering): Record<string, string> => ({
  name: o.name,
  guid: o.guid,
  reconciliationID: o.guid,
  description: o.description,
});
