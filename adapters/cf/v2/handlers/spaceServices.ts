// What a space holds of services: its instances (and those shared into it), the services it may use, its summary.
import { catalogFor, catalogIndex } from '../../../../src/core/catalog';
import { timestamp } from '../../links';
import { presentPage, pageItems } from '../envelope';
import { instanceFilter } from '../instanceQuery';
import { pageRequest, parseV2List } from '../listParams';
import { presentService } from '../presenters/presentCatalog';
import { actorOf, ok, param, type Add } from '../routes';
import { boolFilter, matches, SERVICE_FIELDS } from './catalog';
import { INSTANCE_Q, presentInstances } from './serviceInstances';

const sharedSummary = (s: { space: { guid: string; name: string }; organization?: { name: string } }) => ({
  space_guid: s.space.guid,
  space_name: s.space.name,
  organization_name: s.organization?.name ?? null,
});

export function spaceServiceRoutes(add: Add) {
  add('get', '/v2/spaces/:guid/service_instances', async (req, ctx) => {
    const actor = actorOf(req);
    const space = await ctx.core.getSpace(actor, param(req, 'guid'));
    const l = parseV2List(req.query, { q: INSTANCE_Q, preserve: ['return_user_provided_service_instances'] });
    const withUserProvided = req.query.return_user_provided_service_instances === 'true';
    const filter = instanceFilter(l.filters, withUserProvided ? undefined : 'managed');
    // the space's own instances and those shared into it (the core's space filter matches both)
    filter.spaceGuids = [space.guid];
    const page = await ctx.core.listInstances(actor, filter, pageRequest(l));
    const resources = await presentInstances(ctx, req, page.items, l.depth);
    return ok(presentPage(`/v2/spaces/${space.guid}/service_instances`, l, { total: page.total, items: resources }, (r) => r));
  });

  add('get', '/v2/spaces/:guid/services', async (req, { core }) => {
    const space = await core.getSpace(actorOf(req), param(req, 'guid'));
    const l = parseV2List(req.query, { q: Object.keys(SERVICE_FIELDS) });
    const filters = boolFilter(l.filters, 'active');
    // the offerings with a plan the caller may see, in any space (no per-organization visibilities)
    const items = catalogFor(actorOf(req), core.catalog).offerings.filter((o) => matches(o, filters, SERVICE_FIELDS));
    return ok(presentPage(`/v2/spaces/${space.guid}/services`, l, pageItems(items, l), presentService));
  });

  add('get', '/v2/spaces/:guid/summary', async (req, { core }) => {
    const actor = actorOf(req);
    const space = await core.getSpace(actor, param(req, 'guid'));
    const all = await core.listInstances(actor, { spaceGuids: [space.guid] }, { page: 1, perPage: 5000 });
    const index = catalogIndex(core.catalog);
    const shared: Record<string, unknown>[] = [];
    const own: Record<string, unknown>[] = [];
    for (const i of all.items) {
      const sharing = await core.getInstanceSharing(actor, i.guid);
      const plan = index.plan(i.servicePlanGuid);
      const offering = index.offeringOfPlan(i.servicePlanGuid);
      const op = i.lastOperation;
      const summary: Record<string, unknown> = {
        guid: i.guid,
        name: i.name,
        bound_app_count: 0,
        type: i.type === 'managed' ? 'managed_service_instance' : 'user_provided_service_instance',
      };
      if (i.type === 'managed') {
        Object.assign(summary, {
          last_operation: { type: op.type, state: op.state, description: op.description ?? '', updated_at: timestamp(op.updatedAt), created_at: timestamp(op.createdAt) },
          dashboard_url: i.dashboardUrl,
          shared_from: i.spaceGuid === space.guid ? null : sharedSummary(sharing.source),
          shared_to: i.spaceGuid === space.guid ? sharing.targets.map(sharedSummary) : [],
          service_broker_name: offering?.brokerName ?? null,
          maintenance_info: i.maintenanceInfo ?? {},
          service_plan: plan &&
            offering && {
              guid: plan.guid,
              name: plan.name,
              maintenance_info: plan.maintenanceInfo ?? {},
              service: { guid: offering.guid, label: offering.name, provider: null, version: null },
            },
        });
      }
      (i.spaceGuid === space.guid ? own : shared).push(summary);
    }
    return ok({ guid: space.guid, name: space.name, apps: [], services: [...shared, ...own] });
  });
}
