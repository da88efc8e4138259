// /v2/service_instances: managed instances (a user-provided one is readable here too, in its own shape).
import type { Request } from 'express';
import { catalogIndex } from '../../../../src/core/catalog';
import type { ServiceInstance } from '../../../../src/core/records';
import { isDomainError } from '../../../../src/core/errors';
import { CfError } from '../../errorCatalogue';
import { redactRequest } from '../../redactRequest';
import { presentPage } from '../envelope';
import { instanceFilter } from '../instanceQuery';
import { inlineDepth, pageRequest, parseV2List } from '../listParams';
import { bodyObject, hash, parseMessage, str, strings } from '../parseBody';
import { presentServicePlan } from '../presenters/presentCatalog';
import { instanceUrl, presentInstance } from '../presenters/presentInstance';
import { presentJob } from '../presenters/presentJob';
import type { Reply } from '../../../../src/http/route';
import { actorOf, flag, noContent, ok, param, type Add, type V2Context } from '../routes';
import { checkName, checkTags, emptyList } from './instanceRules';

export const INSTANCE_Q = ['name', 'space_guid', 'service_plan_guid', 'service_binding_guid', 'gateway_name', 'organization_guid', 'service_key_guid'];

export const CREATE = { name: str(true), parameters: hash(), tags: strings(), space_guid: str(true), service_plan_guid: str(true), service_key_guids: strings() };
export const UPDATE = { name: str(), parameters: hash(), tags: strings(), maintenance_info: hash(), space_guid: str(), service_plan_guid: str(), service_key_guids: strings() };

/**
 * The instances as the caller sees them: credentials redacted unless the caller may read them; with
 * inline-relations-depth >= 1 the plan embedded and the (always empty) bindings, keys and routes.
 */
export async function presentInstances({ core }: V2Context, req: Request, instances: ServiceInstance[], depth = 0) {
  const visible = await core.credentialsVisibility(actorOf(req), instances);
  const index = catalogIndex(core.catalog);
  return instances.map((i, n) => {
    const r = presentInstance(index, i, visible[n]!);
    if (depth < 1) return r;
    const plan = index.plan(i.servicePlanGuid);
    const entity: Record<string, unknown> = { ...r.entity };
    if (plan) entity.service_plan = presentServicePlan(plan);
    entity.service_bindings = [];
    if (i.type === 'managed') entity.service_keys = [];
    entity.routes = [];
    return { ...r, entity };
  });
}

/** One instance; `inline-relations-depth` is read (and checked) before any write, so a bad one changes nothing. */
async function presentOne(ctx: V2Context, req: Request, instance: ServiceInstance, depth = inlineDepth(req.query)) {
  return (await presentInstances(ctx, req, [instance], depth))[0]!;
}

type SharedTargetError = 'SharedServiceInstanceNotUpdatableInTargetSpace' | 'SharedServiceInstanceNotDeletableInTargetSpace';

/** Refused to a caller who sees the instance only through a space it is shared into: CC names why. */
async function sharedTargetAs<T>(ctx: V2Context, req: Request, name: SharedTargetError, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isDomainError(e) && e.kind === 'forbidden' && e.params.resource === 'service_instance' && (await ctx.core.readsOnlyThroughShare(actorOf(req), param(req, 'guid')))) {
      throw new CfError(name);
    }
    throw e;
  }
}

/** An update's errors as CC's v2 update words them: an unusable plan is the relation `Plan`. */
async function asV2Update<T>(ctx: V2Context, req: Request, work: () => Promise<T>): Promise<T> {
  try {
    return await sharedTargetAs(ctx, req, 'SharedServiceInstanceNotUpdatableInTargetSpace', work);
  } catch (e) {
    if (isDomainError(e) && e.code === 'service_instance.invalid_plan') throw new CfError('InvalidRelation', 'Plan');
    throw e;
  }
}

const created = (body: unknown, instance: ServiceInstance) => ({
  status: instance.lastOperation.state === 'in progress' ? 202 : 201,
  body,
  headers: { Location: instanceUrl(instance) },
});

async function list(req: Request, ctx: V2Context) {
  const l = parseV2List(req.query, { q: INSTANCE_Q, preserve: ['return_user_provided_service_instances'] });
  const page = await ctx.core.listInstances(actorOf(req), instanceFilter(l.filters, 'managed'), pageRequest(l));
  const resources = await presentInstances(ctx, req, page.items, l.depth);
  return ok(presentPage('/v2/service_instances', l, { total: page.total, items: resources }, (r) => r));
}

const show = async (req: Request, ctx: V2Context) => ok(await presentOne(ctx, req, await ctx.core.getInstance(actorOf(req), param(req, 'guid'))));

/** CC's deprecated aliases answer the same, with a warning (CGI-escaped, as BaseController#add_warning writes it). */
const deprecated = (handler: (req: Request, ctx: V2Context) => Promise<Reply>) => async (req: Request, ctx: V2Context) => {
  const reply = await handler(req, ctx);
  return { ...reply, headers: { ...reply.headers, 'X-Cf-Warnings': 'Endpoint+deprecated' } };
};

export function serviceInstanceRoutes(add: Add) {
  add('get', '/v2/service_instances', list);
  add('get', '/v2/managed_service_instances', deprecated(list));
  add('get', '/v2/managed_service_instances/:guid', deprecated(show));

  add('post', '/v2/service_instances', async (req, ctx) => {
    // CC v2 decodes the body before anything else
    const raw = bodyObject(req);
    const body = parseMessage(CREATE, raw);
    const acceptsIncomplete = flag(req, 'accepts_incomplete');
    const depth = inlineDepth(req.query);
    const name = checkName(body.name!);
    checkTags(name, body.tags);
    const { instance } = await ctx.core.createInstance(
      actorOf(req),
      () => ({
        type: 'managed',
        name,
        spaceGuid: body.space_guid!,
        servicePlanGuid: body.service_plan_guid!,
        parameters: body.parameters,
        tags: body.tags,
        audit: redactRequest(raw),
      }),
      // without accepts_incomplete CC waits for the broker: the operation finishes within the request
      { wait: !acceptsIncomplete },
    );
    return created(await presentOne(ctx, req, instance, depth), instance);
  });

  add('get', '/v2/service_instances/:guid', show);

  add('put', '/v2/service_instances/:guid', async (req, ctx) => {
    const actor = actorOf(req);
    const raw = bodyObject(req);
    const body = parseMessage(UPDATE, raw);
    const acceptsIncomplete = flag(req, 'accepts_incomplete');
    const depth = inlineDepth(req.query);
    const maintenance = body.maintenance_info as { version?: unknown } | undefined;
    const { instance } = await asV2Update(ctx, req, () =>
      ctx.core.updateInstance(
        actor,
        param(req, 'guid'),
        (current) => {
          if (current.type !== 'managed') throw new CfError('UserProvidedServiceInstanceHandlerNeeded');
          if (body.space_guid !== undefined && body.space_guid !== current.spaceGuid) throw new CfError('ServiceInstanceSpaceChangeNotAllowed');
          const name = body.name === undefined ? undefined : checkName(body.name);
          checkTags(name ?? current.name, body.tags);
          return {
            name,
            tags: body.tags,
            parameters: body.parameters,
            servicePlanGuid: body.service_plan_guid,
            maintenanceInfo: maintenance && typeof maintenance.version === 'string' ? { version: maintenance.version } : undefined,
            audit: redactRequest(raw),
          };
        },
        { wait: !acceptsIncomplete },
      ),
    );
    const accepted = instance.lastOperation.state === 'in progress';
    return ok(await presentOne(ctx, req, instance, depth), accepted ? 202 : 201, accepted ? { Location: instanceUrl(instance) } : undefined);
  });

  add('delete', '/v2/service_instances/:guid', async (req, ctx) => {
    const actor = actorOf(req);
    const [acceptsIncomplete, async, purge, recursive] = ['accepts_incomplete', 'async', 'purge', 'recursive'].map((f) => flag(req, f));
    const depth = inlineDepth(req.query);
    const operation = await sharedTargetAs(ctx, req, 'SharedServiceInstanceNotDeletableInTargetSpace', () =>
      ctx.core.deleteInstance(actor, param(req, 'guid'), purge, { refuseIfShared: !recursive, wait: !acceptsIncomplete && !async }),
    );
    if (!operation || operation.state === 'succeeded') return noContent();
    // accepts_incomplete takes precedence over async: the instance, its delete in progress
    if (acceptsIncomplete) {
      const instance = await ctx.core.getInstance(actor, param(req, 'guid'));
      return ok(await presentOne(ctx, req, instance, depth), 202, { Location: instanceUrl(instance) });
    }
    return ok(presentJob(operation), 202, { Location: `/v2/jobs/${operation.guid}` });
  });

  add('get', '/v2/service_instances/:guid/permissions', async (req, { core }) => ok(await core.getInstancePermissions(actorOf(req), param(req, 'guid'))), {
    scopes: ['cloud_controller_service_permissions.read'],
  });
  add('get', '/v2/service_instances/:guid/parameters', async (req, { core }) => ok(await core.getInstanceParameters(actorOf(req), param(req, 'guid'))));

  add('get', '/v2/service_instances/:guid/shared_from', async (req, { core }) => {
    let sharing;
    try {
      sharing = await core.getInstanceSharing(actorOf(req), param(req, 'guid'));
    } catch (e) {
      // CC answers a caller who may not read it with a bare 404
      if (isDomainError(e) && e.kind === 'hidden') throw new CfError('NotFound');
      throw e;
    }
    if (sharing.targets.length === 0) return noContent();
    return ok({ space_guid: sharing.source.space.guid, space_name: sharing.source.space.name, organization_name: sharing.source.organization?.name ?? null });
  });

  add('get', '/v2/service_instances/:guid/shared_to', async (req, { core }) => {
    const guid = param(req, 'guid');
    let sharing;
    try {
      sharing = await core.getInstanceSharing(actorOf(req), guid);
    } catch (e) {
      if (isDomainError(e) && e.kind === 'hidden') throw new CfError('ServiceInstanceNotFound', guid);
      throw e;
    }
    const l = parseV2List(req.query, { q: [] });
    const ordered = l.direction === 'desc' ? [...sharing.targets].reverse() : sharing.targets;
    const items = ordered.slice((l.page - 1) * l.perPage, l.page * l.perPage);
    // there are no apps, so nothing is bound in any space
    return ok(
      presentPage(`${instanceUrl(sharing.instance)}/shared_to`, l, { total: ordered.length, items }, (t) => ({
        space_guid: t.space.guid,
        space_name: t.space.name,
        organization_name: t.organization?.name ?? null,
        bound_app_count: 0,
      })),
    );
  });

  for (const relation of ['service_bindings', 'service_keys', 'routes']) {
    add('get', `/v2/service_instances/:guid/${relation}`, async (req, { core }) => {
      await core.getInstance(actorOf(req), param(req, 'guid'));
      return ok(emptyList(`/v2/service_instances/${param(req, 'guid')}/${relation}`, req));
    });
  }
}
