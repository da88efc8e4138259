// A Cloud Foundry v3 source, kind by kind in the order their references need: organizations, spaces, users, roles,
// the catalog (matched, not written), service instances, and instance -> space shares.
import type { Actor } from '../../core/actor';
import type { Core } from '../../core/core';
import type { ImportOutcome, ImportRun } from '../../core/commands/imports';
import { isDomainError } from '../../core/errors';
import type { RoleType } from '../../core/roleTypes';
import type { CfSource } from './cfSource';
import { reasonOf, type Tally } from './tally';

type R = Record<string, unknown>;

export interface ImportSession {
  core: Core;
  actor: Actor;
  run: ImportRun & { pending: Set<string> };
  tally: Tally;
  /** guids seen at the source per kind (kept only when pruning) */
  seen?: Map<string, Set<string>>;
  /** one line per conflict or (in a dry run) change */
  report(line: string): void;
  /** --catalog-from-source: adds services (Open Service Broker catalog entries) to the catalog this import matches */
  addToCatalog?: (services: CatalogService[]) => Promise<void>;
}

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

const time = (v: unknown) => {
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${JSON.stringify(v)}`);
  return ms;
};
const str = (v: unknown) => (typeof v === 'string' ? v : null);
const rel = (r: R, name: string) => str(((r.relationships as R | undefined)?.[name] as { data?: { guid?: unknown } | null } | undefined)?.data?.guid);
const metadataOf = (r: R) => {
  const m = (r.metadata ?? {}) as { labels?: Record<string, string>; annotations?: Record<string, string> };
  return { labels: { ...(m.labels ?? {}) }, annotations: { ...(m.annotations ?? {}) } };
};

/** Imports one record and counts what happened; a conflict is reported and counted as skipped, anything else thrown. */
export async function apply(s: ImportSession, kind: string, label: string, guid: string, write: () => Promise<ImportOutcome>): Promise<void> {
  s.seen?.get(kind)?.add(guid);
  try {
    const outcome = await write();
    if (s.run.dryRun && outcome === 'created') s.run.pending.add(guid);
    if (s.run.dryRun && outcome !== 'unchanged') s.report(`would ${outcome === 'created' ? 'create' : 'update'} ${kind} ${label} (${guid})`);
    s.tally.count(kind, outcome);
  } catch (e) {
    if (!isDomainError(e) || (e.kind !== 'conflict' && e.kind !== 'invalid')) throw e;
    const reason = reasonOf(e);
    s.report(`skipped ${kind} ${label} (${guid}): ${reason}`);
    s.tally.count(kind, 'skipped', reason);
  }
}

async function eachPage(s: ImportSession, kind: string, pages: AsyncGenerator<{ total: number; resources: R[] }>, each: (r: R) => Promise<void>) {
  for await (const page of pages) {
    s.tally.begin(kind, page.total);
    for (const r of page.resources) await each(r);
  }
  s.tally.begin(kind);
  s.tally.draw(true);
}

/** Runs `work` over `items` with at most `limit` at once, keeping their order in the answer. */
async function pool<T, U>(items: T[], limit: number, work: (item: T) => Promise<U>): Promise<U[]> {
  const out: U[] = new Array(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  });
  await Promise.all(runners);
  return out;
}

/** Source plan guid -> this catalog's plan guid: by the broker's catalog id, by guid, else by offering and plan name. */
async function matchPlans(s: ImportSession, source: CfSource): Promise<{ plans: Map<string, string>; retrievable: Set<string> }> {
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

export async function importFromCf(s: ImportSession, source: CfSource): Promise<void> {
  const { core, actor, run } = s;
  await eachPage(s, 'organizations', source.pages('/v3/organizations'), (o) =>
    apply(s, 'organizations', String(o.name), String(o.guid), () =>
      core.importOrganization(
        actor,
        { guid: String(o.guid), name: String(o.name), suspended: o.suspended === true, createdAt: time(o.created_at), updatedAt: time(o.updated_at), metadata: metadataOf(o) },
        run,
      ),
    ),
  );
  await eachPage(s, 'spaces', source.pages('/v3/spaces'), (sp) =>
    apply(s, 'spaces', String(sp.name), String(sp.guid), () =>
      core.importSpace(
        actor,
        {
          guid: String(sp.guid),
          organizationGuid: rel(sp, 'organization') ?? '',
          name: String(sp.name),
          createdAt: time(sp.created_at),
          updatedAt: time(sp.updated_at),
          metadata: metadataOf(sp),
        },
        run,
      ),
    ),
  );
  await eachPage(s, 'users', source.pages('/v3/users'), (u) =>
    apply(s, 'users', String(u.username ?? u.guid), String(u.guid), () =>
      core.importUser(
        actor,
        { guid: String(u.guid), username: str(u.username), origin: str(u.origin), createdAt: time(u.created_at), updatedAt: time(u.updated_at), metadata: metadataOf(u) },
        run,
      ),
    ),
  );
  await importRoles(s, source);
  const { plans, retrievable } = await matchPlans(s, source);
  // what the list does not carry (a managed instance's parameters, a user-provided one's credentials) is read for
  // the next page while this one is written
  const withExtras = async function* () {
    let ahead: Promise<{ page: { total: number; resources: R[] }; extras: { parameters?: R; credentials?: R }[] }> | undefined;
    for await (const page of source.pages('/v3/service_instances')) {
      const next = pool(page.resources, 16, (i) => readExtras(source, i, retrievable)).then((extras) => ({ page, extras }));
      next.catch(() => undefined);
      if (ahead) yield await ahead;
      ahead = next;
    }
    if (ahead) yield await ahead;
  };
  for await (const { page, extras } of withExtras()) {
    s.tally.begin('service_instances', page.total);
    for (const [n, i] of page.resources.entries()) {
      const managed = i.type === 'managed';
      const sourcePlan = rel(i, 'service_plan');
      const lo = (i.last_operation ?? {}) as R;
      await apply(s, 'service_instances', String(i.name), String(i.guid), () =>
        core.importInstance(
          actor,
          {
            guid: String(i.guid),
            spaceGuid: rel(i, 'space') ?? '',
            name: String(i.name),
            type: managed ? 'managed' : 'user-provided',
            servicePlanGuid: managed ? (plans.get(sourcePlan ?? '') ?? sourcePlan) : null,
            tags: Array.isArray(i.tags) ? i.tags.map(String) : [],
            ...extras[n],
            syslogDrainUrl: str(i.syslog_drain_url),
            routeServiceUrl: str(i.route_service_url),
            dashboardUrl: str(i.dashboard_url),
            maintenanceInfo: managed && i.maintenance_info && Object.keys(i.maintenance_info).length > 0 ? (i.maintenance_info as R) : null,
            lastOperation: {
              type: (str(lo.type) ?? 'create') as 'create',
              state: (str(lo.state) ?? 'succeeded') as 'succeeded',
              description: str(lo.description),
              createdAt: lo.created_at ? time(lo.created_at) : time(i.created_at),
              updatedAt: lo.updated_at ? time(lo.updated_at) : time(i.updated_at),
            },
            createdAt: time(i.created_at),
            updatedAt: time(i.updated_at),
            metadata: metadataOf(i),
          },
          run,
        ),
      );
    }
  }
  s.tally.draw(true);
  // instance -> space shares: per space, the instances listed in it that another space owns
  for await (const spacePage of source.pages('/v3/spaces')) {
    for (const sp of spacePage.resources) {
      const spaceGuid = String(sp.guid);
      for await (const page of source.pages('/v3/service_instances', { space_guids: spaceGuid })) {
        for (const i of page.resources) {
          if (rel(i, 'space') === spaceGuid) continue;
          s.tally.begin('instance_shares');
          const instanceGuid = String(i.guid);
          await apply(s, 'instance_shares', `${String(i.name)} -> ${String(sp.name)}`, `${instanceGuid}/${spaceGuid}`, () =>
            core.importInstanceSpaceShare(actor, { instanceGuid, spaceGuid }, run),
          );
        }
      }
    }
  }
  s.tally.draw(true);
}

const ORG_ROLE_TYPES = 'organization_user,organization_manager,organization_auditor,organization_billing_manager';

/**
 * Roles. A source that also speaks env-shares (another sharegate) names its space -> user shares there: those ids are
 * kept (an env-shares client refers to a share by it), so space roles are read space by space beside their shares.
 * Any other source's roles are read as one list.
 */
async function importRoles(s: ImportSession, source: CfSource): Promise<void> {
  const one = (r: R, shareGuid?: string) =>
    apply(s, 'roles', String(r.type), String(r.guid), () =>
      s.core.importRole(
        s.actor,
        {
          guid: String(r.guid),
          type: String(r.type) as RoleType,
          userGuid: rel(r, 'user') ?? '',
          resourceGuid: rel(r, 'space') ?? rel(r, 'organization') ?? '',
          createdAt: time(r.created_at),
          updatedAt: time(r.updated_at),
          shareGuid,
        },
        s.run,
      ),
    );
  const sharesOf = async (spaceGuid: string) => {
    const body = await source.getOptional(`/v1/envs/${encodeURIComponent(spaceGuid)}/shares`);
    const values = Array.isArray(body?.values) ? (body.values as R[]) : undefined;
    return values && new Map(values.map((v) => [String(v.granteeAccountId), String(v.id)]));
  };
  let spacesSpeakShares: boolean | undefined;
  for await (const page of source.pages('/v3/spaces', { per_page: '1' })) {
    spacesSpeakShares = (await sharesOf(String(page.resources[0]!.guid))) !== undefined;
    break;
  }
  if (!spacesSpeakShares) {
    await eachPage(s, 'roles', source.pages('/v3/roles'), (r) => one(r));
    return;
  }
  const all = (await source.get('/v3/roles?per_page=1')) as { pagination?: { total_results?: number } } | undefined;
  s.tally.begin('roles', all?.pagination?.total_results);
  for await (const page of source.pages('/v3/roles', { types: ORG_ROLE_TYPES })) for (const r of page.resources) await one(r);
  for await (const spaces of source.pages('/v3/spaces')) {
    for (const sp of spaces.resources) {
      const shares = (await sharesOf(String(sp.guid))) ?? new Map<string, string>();
      for await (const page of source.pages('/v3/roles', { space_guids: String(sp.guid) })) {
        for (const r of page.resources) await one(r, shares.get(rel(r, 'user') ?? ''));
      }
    }
  }
  s.tally.draw(true);
}

/** A managed instance's parameters and a user-provided one's credentials, where the source lets us read them. */
async function readExtras(source: CfSource, i: R, retrievable: Set<string>): Promise<{ parameters?: R; credentials?: R }> {
  const guid = encodeURIComponent(String(i.guid));
  if (i.type === 'user-provided') {
    const credentials = await source.getOptional(`/v3/service_instances/${guid}/credentials`);
    return credentials ? { credentials } : {};
  }
  if (!retrievable.has(rel(i, 'service_plan') ?? '')) return {};
  const parameters = await source.getOptional(`/v3/service_instances/${guid}/parameters`);
  return parameters ? { parameters } : {};
}
