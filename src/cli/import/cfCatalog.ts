// The source's service offerings and plans, matched to this catalog (or, with --catalog-from-source, added to it).
import type { CfSource } from './cfSource';
import { rel, str, type ImportSession, type R } from './importSession';

/** A service of an Open Service Broker catalog (what CATALOG_FILE holds). */
export interface CatalogService {
  id: string;
  name: string;
  description: string;
  bindable: boolean;
  instances_retrievable: boolean;
  tags: string[];
  requires: string[];
  metadata: { shareable: boolean };
  plans: { id: string; name: string; description: string; free: boolean; maintenance_info?: { version: string } }[];
}

/** Source plan guid -> this catalog's plan guid: by the broker's catalog id, by guid, else by offering and plan name. */
export async function matchPlans(s: ImportSession, source: CfSource): Promise<{ plans: Map<string, string>; retrievable: Set<string> }> {
  const offerings = new Map<string, { name: string; catalogId: string | null; retrievable: boolean; resource: R }>();
  for await (const page of source.pages('/v3/service_offerings')) {
    for (const o of page.resources) {
      const catalog = (o.broker_catalog ?? {}) as R;
      const retrievable = (catalog.features as R | undefined)?.instances_retrievable === true;
      offerings.set(String(o.guid), { name: String(o.name), catalogId: str(catalog.id), retrievable, resource: o });
    }
  }
  const retrievable = new Set<string>();
  const catalog = s.core.catalog;
  const unmatched = new Map<string, CatalogService>();
  const map = new Map<string, string>();
  s.tally.begin('service_plans');
  for await (const page of source.pages('/v3/service_plans')) {
    s.tally.begin('service_plans', page.total);
    for (const p of page.resources) {
      const guid = String(p.guid);
      const catalogId = str((p.broker_catalog as R | undefined)?.id);
      const offering = offerings.get(rel(p, 'service_offering') ?? '');
      // Cloud Controller refuses to fetch the parameters of instances whose offering does not say they are retrievable
      if (offering?.retrievable) retrievable.add(guid);
      const match =
        catalog.plans.find((c) => c.guid === catalogId || c.guid === guid) ??
        catalog.plans.find((c) => c.name === p.name && catalog.offerings.some((o) => o.guid === c.offeringGuid && (o.name === offering?.name || o.guid === offering?.catalogId)));
      if (match) {
        map.set(guid, match.guid);
        s.tally.count('service_plans', 'unchanged');
      } else if (s.addToCatalog && offering) {
        const o = offering.resource;
        const features = ((o.broker_catalog as R | undefined)?.features ?? {}) as R;
        const id = offering.catalogId ?? String(o.guid);
        const service = unmatched.get(id) ?? {
          id,
          name: offering.name,
          description: str(o.description) ?? '',
          bindable: features.bindable !== false,
          instances_retrievable: offering.retrievable,
          tags: Array.isArray(o.tags) ? o.tags.map(String) : [],
          requires: Array.isArray(o.requires) ? o.requires.map(String) : [],
          metadata: { shareable: o.shareable === true },
          plans: [],
        };
        unmatched.set(id, service);
        const version = str((p.maintenance_info as R | undefined)?.version);
        service.plans.push({
          id: catalogId ?? guid,
          name: String(p.name),
          description: str(p.description) ?? '',
          free: p.free !== false,
          ...(version ? { maintenance_info: { version } } : {}),
        });
        map.set(guid, catalogId ?? guid);
        s.report(`${s.run.dryRun ? 'would add' : 'adding'} plan ${offering.name}/${String(p.name)} (${catalogId ?? guid}) to the catalog`);
        s.tally.count('service_plans', 'created');
      } else {
        const reason = 'no plan of this catalog matches it by broker catalog id or by offering and plan name';
        s.report(`skipped service_plan ${offering?.name ?? '?'}/${String(p.name)} (${guid}): ${reason}`);
        s.tally.count('service_plans', 'skipped', reason);
      }
    }
  }
  if (unmatched.size > 0) await s.addToCatalog!([...unmatched.values()]);
  return { plans: map, retrievable };
}
