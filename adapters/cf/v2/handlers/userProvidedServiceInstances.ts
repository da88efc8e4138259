// /v2/user_provided_service_instances: the same records as v3's user-provided instances.
import type { Request } from 'express';
import type { ServiceInstance } from '../../../../src/core/records';
import { isDomainError } from '../../../../src/core/errors';
import { CfError } from '../../errorCatalogue';
import { redactRequest } from '../../redactRequest';
import { presentPage } from '../envelope';
import { instanceFilter } from '../instanceQuery';
import { pageRequest, parseV2List } from '../listParams';
import { bodyObject, hash, parseMessage, str, strings } from '../parseBody';
import { instanceUrl } from '../presenters/presentInstance';
import { actorOf, flag, noContent, ok, param, type Add, type V2Context } from '../routes';
import { checkName, checkTags, emptyList } from './instanceRules';
import { presentInstances } from './serviceInstances';

const PATH = '/v2/user_provided_service_instances';
export const FIELDS = { name: str(), credentials: hash(), syslog_drain_url: str(), route_service_url: str(), tags: strings(), space_guid: str() };
export const CREATE = { ...FIELDS, name: str(true), space_guid: str(true) };

/** CC's UPSI validation: the route service URL, when given, is an https URL with a host. */
function checkRouteServiceUrl(url: string | undefined): void {
  if (!url) return;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !parsed.host) throw new CfError('ServiceInstanceRouteServiceURLInvalid', 'route_service_url is invalid.');
  if (parsed.protocol !== 'https:') throw new CfError('ServiceInstanceRouteServiceURLInvalid', 'Scheme for route_service_url must be https.');
}

/** A user-provided instance the caller may read; a managed one is not one here. */
async function readUserProvided(req: Request, { core }: V2Context): Promise<ServiceInstance> {
  const instance = await asUserProvided(() => core.getInstance(actorOf(req), param(req, 'guid')));
  if (instance.type !== 'user-provided') throw new CfError('UserProvidedServiceInstanceNotFound', instance.guid);
  return instance;
}

/** Here a missing instance is CC's UserProvidedServiceInstanceNotFound. */
async function asUserProvided<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isDomainError(e) && e.code === 'service_instance.not_found') throw new CfError('UserProvidedServiceInstanceNotFound', String(e.params.guid));
    throw e;
  }
}

const presentOne = async (ctx: V2Context, req: Request, i: ServiceInstance) => (await presentInstances(ctx, req, [i]))[0]!;

export function userProvidedServiceInstanceRoutes(add: Add) {
  add('get', PATH, async (req, ctx) => {
    const l = parseV2List(req.query, { q: ['name', 'space_guid', 'organization_guid'] });
    const page = await ctx.core.listInstances(actorOf(req), instanceFilter(l.filters, 'user-provided'), pageRequest(l));
    return ok(presentPage(PATH, l, { total: page.total, items: await presentInstances(ctx, req, page.items) }, (r) => r));
  });

  add('post', PATH, async (req, ctx) => {
    const raw = bodyObject(req);
    const body = parseMessage(CREATE, raw);
    const name = checkName(body.name!);
    checkTags(name, body.tags);
    checkRouteServiceUrl(body.route_service_url);
    const { instance } = await ctx.core.createInstance(actorOf(req), () => ({
      type: 'user-provided',
      name,
      spaceGuid: body.space_guid!,
      credentials: body.credentials ?? {},
      tags: body.tags ?? [],
      syslogDrainUrl: body.syslog_drain_url?.trim() ?? '',
      routeServiceUrl: body.route_service_url?.trim() ?? '',
      audit: redactRequest(raw),
    }));
    return ok(await presentOne(ctx, req, instance), 201, { Location: instanceUrl(instance) });
  });

  add('get', `${PATH}/:guid`, async (req, ctx) => ok(await presentOne(ctx, req, await readUserProvided(req, ctx))));

  add('put', `${PATH}/:guid`, async (req, ctx) => {
    const raw = bodyObject(req);
    const body = parseMessage(FIELDS, raw);
    const { instance } = await asUserProvided(() =>
      ctx.core.updateInstance(actorOf(req), param(req, 'guid'), (current) => {
        if (current.type !== 'user-provided') throw new CfError('UserProvidedServiceInstanceNotFound', current.guid);
        if (body.space_guid !== undefined && body.space_guid !== current.spaceGuid) throw new CfError('ServiceInstanceInvalid', 'cannot change space for service instance');
        const name = body.name === undefined ? undefined : checkName(body.name);
        checkTags(name ?? current.name, body.tags);
        checkRouteServiceUrl(body.route_service_url);
        const trimmed = (v: string | undefined) => v?.trim();
        return {
          name,
          credentials: body.credentials,
          tags: body.tags,
          syslogDrainUrl: trimmed(body.syslog_drain_url),
          routeServiceUrl: trimmed(body.route_service_url),
          audit: redactRequest(raw),
        };
      }),
    );
    return ok(await presentOne(ctx, req, instance), 201);
  });

  add('delete', `${PATH}/:guid`, async (req, ctx) => {
    // the flags CC reads must be booleans; a user-provided instance has no broker, so it goes at once
    for (const name of ['accepts_incomplete', 'async', 'purge', 'recursive']) flag(req, name);
    const instance = await readUserProvided(req, ctx);
    await ctx.core.deleteInstance(actorOf(req), instance.guid);
    return noContent();
  });

  for (const relation of ['service_bindings', 'routes']) {
    add('get', `${PATH}/:guid/${relation}`, async (req, ctx) => {
      await readUserProvided(req, ctx);
      return ok(emptyList(`${PATH}/${param(req, 'guid')}/${relation}`, req));
    });
  }
}
