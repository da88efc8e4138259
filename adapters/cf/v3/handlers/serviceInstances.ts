import type { Request } from 'express';
import type { CreateInstanceInput, UpdateInstanceInput } from '../../../../src/core/commands/serviceInstances';
import type { ServiceInstance } from '../../../../src/core/records';
import { badQuery, CfError, unprocessable } from '../../errorCatalogue';
import { redactRequest } from '../../redactRequest';
import { parseList } from '../listQuery';
import { parseBody } from '../parseBody';
import { catalogIndex } from '../../../../src/core/catalog';
import { presentIncluded, presentInstance } from '../presenters/presentInstance';
import { presentList } from '../presenters/presentList';
import { accepted, actorOf, noContent, ok, param, type Add, type V3Context } from '../routes';
import { GenericCreateBody, ManagedCreateBody, ManagedUpdateBody, UserProvidedCreateBody, UserProvidedUpdateBody, instanceOverrides } from '../schemas';

const LIST = {
  keys: ['type', 'fields', 'names', 'space_guids', 'organization_guids', 'service_plan_guids', 'service_plan_names', 'label_selector'],
  orderBy: ['name'],
  fields: {
    space: ['guid', 'name', 'relationships.organization'],
    'space.organization': ['guid', 'name'],
    service_plan: ['guid', 'name', 'relationships.service_offering'],
    'service_plan.service_offering': ['guid', 'name', 'description', 'documentation_url', 'tags', 'relationships.service_broker'],
    'service_plan.service_offering.service_broker': ['guid', 'name'],
  },
};

const SHOW = {
  keys: [],
  unpaginated: true,
  fields: {
    space: ['name', 'guid'],
    'space.organization': ['name', 'guid'],
    service_plan: ['name', 'guid'],
    'service_plan.service_offering': ['name', 'guid', 'description', 'tags', 'documentation_url'],
    'service_plan.service_offering.service_broker': ['name', 'guid'],
  },
};

const TYPE_MESSAGE = "Type must be one of 'managed', 'user-provided'";
const HTTPS_MESSAGE = 'Route service url must be https';

/** CC checks the route service URL's scheme while it validates the body, before any lookup. */
function withHttpsRule<T>(body: unknown, parse: () => T): T {
  const url = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).route_service_url : undefined;
  const insecure = typeof url === 'string' && url !== '' && !url.startsWith('https:');
  try {
    const parsed = parse();
    if (insecure) throw unprocessable(HTTPS_MESSAGE);
    return parsed;
  } catch (e) {
    if (insecure && e instanceof CfError && e.cfName === 'UnprocessableEntity' && e.arg !== HTTPS_MESSAGE) throw unprocessable(`${e.arg}, ${HTTPS_MESSAGE}`);
    throw e;
  }
}

function parseCreate(body: unknown): CreateInstanceInput {
  const type = (body as { type?: unknown } | undefined)?.type;
  if (type !== 'managed' && type !== 'user-provided') {
    try {
      parseBody(GenericCreateBody, body, instanceOverrides);
    } catch (e) {
      if (e instanceof CfError && e.cfName === 'UnprocessableEntity') throw unprocessable(`${TYPE_MESSAGE}, ${e.arg}`);
      throw e;
    }
    throw unprocessable(TYPE_MESSAGE);
  }
  if (type === 'managed') {
    const b = parseBody(ManagedCreateBody, body, instanceOverrides);
    return {
      type,
      name: b.name,
      spaceGuid: b.relationships.space.data.guid,
      servicePlanGuid: b.relationships.service_plan.data.guid,
      parameters: b.parameters,
      tags: b.tags,
      metadata: b.metadata,
      audit: redactRequest(body),
    };
  }
  const b = withHttpsRule(body, () => parseBody(UserProvidedCreateBody, body, instanceOverrides));
  return {
    type,
    name: b.name,
    spaceGuid: b.relationships.space.data.guid,
    credentials: b.credentials,
    tags: b.tags,
    syslogDrainUrl: b.syslog_drain_url,
    routeServiceUrl: b.route_service_url,
    metadata: b.metadata,
    audit: redactRequest(body),
  };
}

function parseUpdate(instance: ServiceInstance, body: unknown): UpdateInstanceInput {
  if (instance.type === 'managed') {
    const b = parseBody(ManagedUpdateBody, body, instanceOverrides);
    return {
      name: b.name,
      tags: b.tags,
      parameters: b.parameters,
      servicePlanGuid: b.relationships?.service_plan.data.guid,
      maintenanceInfo: b.maintenance_info,
      metadata: b.metadata,
      audit: redactRequest(body),
    };
  }
  const b = withHttpsRule(body, () => parseBody(UserProvidedUpdateBody, body, instanceOverrides));
  return {
    name: b.name,
    tags: b.tags,
    credentials: b.credentials,
    syslogDrainUrl: b.syslog_drain_url,
    routeServiceUrl: b.route_service_url,
    metadata: b.metadata,
    audit: redactRequest(body),
  };
}

async function list(req: Request, { core, links }: V3Context) {
  const q = parseList(req.query, LIST);
  const type = q.values.type;
  if (type !== undefined && type !== 'managed' && type !== 'user-provided') throw badQuery("Type must be one of 'managed', 'user-provided'");
  const l = q.lists;
  const filter = {
    guids: l.guids,
    names: l.names,
    type: type as 'managed' | 'user-provided' | undefined,
    spaceGuids: l.space_guids,
    organizationGuids: l.organization_guids,
    servicePlanGuids: l.service_plan_guids,
    servicePlanNames: l.service_plan_names,
    createdAts: q.createdAts,
    updatedAts: q.updatedAts,
    labelSelector: q.labelSelector,
  };
  const actor = actorOf(req);
  const page = await core.listInstances(actor, filter, q.page);
  let included: ReturnType<typeof presentIncluded>;
  if (Object.keys(q.fields).length > 0) {
    const index = catalogIndex(core.catalog);
    const plans = page.items.map((i) => index.plan(i.servicePlanGuid)).filter((p) => p !== undefined);
    included = presentIncluded(
      await core.describeSpaces(
        actor,
        page.items.map((i) => i.spaceGuid),
      ),
      q.fields,
      plans,
      index,
    );
  }
  return ok(presentList(links, '/v3/service_instances', q, page, presentInstance(links), included));
}

export function serviceInstanceRoutes(add: Add) {
  add('get', '/v3/service_instances', list);
  add('post', '/v3/service_instances', async (req, { core, links }) => {
    const { instance, operation } = await core.createInstance(actorOf(req), () => parseCreate(req.body));
    return operation ? accepted(links, operation) : ok(presentInstance(links)(instance), 201);
  });
  add('get', '/v3/service_instances/:guid', async (req, { core, links }) => {
    const actor = actorOf(req);
    const instance = await core.getInstance(actor, param(req, 'guid'));
    // the query is validated after the lookup, as CC does (a missing instance is 404 whatever the query)
    const q = parseList(req.query, SHOW);
    const body: Record<string, unknown> = presentInstance(links)(instance);
    if (Object.keys(q.fields).length > 0) {
      const index = catalogIndex(core.catalog);
      const plans = [index.plan(instance.servicePlanGuid)].filter((p) => p !== undefined);
      body.included = presentIncluded(await core.describeSpaces(actor, [instance.spaceGuid]), q.fields, plans, index);
    }
    return ok(body);
  });
  add('patch', '/v3/service_instances/:guid', async (req, { core, links }) => {
    const { instance, operation } = await core.updateInstance(actorOf(req), param(req, 'guid'), (current) => parseUpdate(current, req.body));
    return operation ? accepted(links, operation) : ok(presentInstance(links)(instance));
  });
  add('delete', '/v3/service_instances/:guid', async (req, { core, links }) => {
    const purge = parseList(req.query, { keys: ['purge'], unpaginated: true }).values.purge;
    if (purge !== undefined && purge !== 'true' && purge !== 'false') throw badQuery('Purge must be a boolean');
    const operation = await core.deleteInstance(actorOf(req), param(req, 'guid'), purge === 'true');
    return operation ? accepted(links, operation) : noContent();
  });
  add('get', '/v3/service_instances/:guid/credentials', async (req, { core }) => ok(await core.getInstanceCredentials(actorOf(req), param(req, 'guid'))));
  add('get', '/v3/service_instances/:guid/parameters', async (req, { core }) => ok(await core.getInstanceParameters(actorOf(req), param(req, 'guid'))));
  add('get', '/v3/service_instances/:guid/permissions', async (req, { core }) => ok(await core.getInstancePermissions(actorOf(req), param(req, 'guid'))), [
    'cloud_controller_service_permissions.read',
  ]);
}
