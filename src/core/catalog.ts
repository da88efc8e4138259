// The service catalog: read-only, loaded once at start.
import type { Catalog, ServiceOffering, ServicePlan } from './records';
import type { Actor } from './actor';

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

/** A service broker behind the catalog; sharegate has one built-in broker, registered globally (no space). */
export interface ServiceBroker {
  guid: string;
  name: string;
  createdAt: number;
  updatedAt: number;
}

/** The catalog's brokers, in catalog order. */
export function catalogBrokers(catalog: Catalog): ServiceBroker[] {
  const brokers = new Map<string, ServiceBroker>();
  for (const o of catalog.offerings) {
    if (!brokers.has(o.brokerGuid)) brokers.set(o.brokerGuid, { guid: o.brokerGuid, name: o.brokerName, createdAt: o.createdAt, updatedAt: o.updatedAt });
  }
  return [...brokers.values()];
}

/** Global brokers are read by those who read everything (admin, admin read-only, global auditor); others see none. */
export const readableBrokers = (actor: Actor, catalog: Catalog): ServiceBroker[] => (actor.readsAll ? catalogBrokers(catalog) : []);

const publicCatalogs = new WeakMap<Catalog, Catalog>();

/**
 * The catalog as the actor may see it, as Cloud Controller's plan visibility has it: those who read everything see
 * every plan; others see the public plans, and the offerings that have one.
 */
export function catalogFor(actor: Actor, catalog: Catalog): Catalog {
  if (actor.readsAll) return catalog;
  let visible = publicCatalogs.get(catalog);
  if (!visible) {
    const plans = catalog.plans.filter((p) => p.public);
    const offerings = new Set(plans.map((p) => p.offeringGuid));
    publicCatalogs.set(catalog, (visible = { plans, offerings: catalog.offerings.filter((o) => offerings.has(o.guid)) }));
  }
  return visible;
}
