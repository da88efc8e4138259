// The service catalog: read-only, loaded once at start.
import type { Catalog, ServiceOffering, ServicePlan } from './records';

export class CatalogIndex {
  private readonly plans = new Map<string, ServicePlan>();
  private readonly offerings = new Map<string, ServiceOffering>();
  constructor(readonly catalog: Catalog) {
    for (const p of catalog.plans) this.plans.set(p.guid, p);
    for (const o of catalog.offerings) this.offerings.set(o.guid, o);
  }
  plan = (guid: string | null) => (guid === null ? undefined : this.plans.get(guid));
  offering = (guid: string) => this.offerings.get(guid);
  offeringOfPlan = (planGuid: string | null) => {
    const plan = this.plan(planGuid);
    return plan && this.offerings.get(plan.offeringGuid);
  };
  planGuidsNamed = (names: string[]) => this.catalog.plans.filter((p) => names.includes(p.name)).map((p) => p.guid);
}

const indexes = new WeakMap<Catalog, CatalogIndex>();
export function catalogIndex(catalog: Catalog): CatalogIndex {
  let index = indexes.get(catalog);
  if (!index) indexes.set(catalog, (index = new CatalogIndex(catalog)));
  return index;
}
