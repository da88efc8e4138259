// A Cloud Foundry v3 source, kind by kind in the order their references need: organizations, spaces, users, roles,
// the catalog (matched, not written), service instances, and instance -> space shares.
import { matchPlans } from './cfCatalog';
import { importRoles } from './cfRoles';
import type { CfSource } from './cfSource';
import { apply, eachPage, metadataOf, rel, str, time, type ImportSession, type R } from './importSession';

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
