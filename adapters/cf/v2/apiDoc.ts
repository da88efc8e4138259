// The v2 dialect's OpenAPI description: its messages (parseBody.ts's field kinds, as one zod object each), the
// {metadata, entity} resources and paginated collections it answers, and CF v2's error envelope. Routes are read from
// the router (src/ops/openApiDocument.ts).
import { z } from 'zod';
import type { DialectDoc, OperationDoc } from '../../../src/http/apiDoc';
import type { Method } from '../../../src/http/makeAdd';
import { CREATE as INSTANCE_CREATE, UPDATE as INSTANCE_UPDATE } from './handlers/serviceInstances';
import { CREATE as UPSI_CREATE, FIELDS as UPSI_FIELDS } from './handlers/userProvidedServiceInstances';
import { CC_V2_VERSION } from './handlers/info';
import { messageSchema, bool, str } from './parseBody';
import { OrganizationCreateMessage, OrganizationUpdateMessage, SpaceCreateMessage, SpaceUpdateMessage, UserCreateMessage } from './peopleSchemas';

export const V2Error = z.object({ description: z.string(), error_code: z.string(), code: z.number().int() }).meta({ description: "Cloud Controller v2's error envelope" });

const timestamp = z.string().meta({ description: 'ISO 8601, UTC, seconds' });
const resource = (entity: z.ZodType = z.looseObject({})) =>
  z.object({ metadata: z.object({ guid: z.string(), url: z.string(), created_at: timestamp, updated_at: timestamp.nullable() }), entity });
const page = (item: z.ZodType) =>
  z.object({ total_results: z.number().int(), total_pages: z.number().int(), prev_url: z.string().nullable(), next_url: z.string().nullable(), resources: z.array(item) });

const LIST_QUERY = z.object({
  q: z.string().optional().meta({ description: 'a filter `key:value`, `key>=value`, `key IN a,b` (repeatable)' }),
  page: z.string().optional(),
  'results-per-page': z.string().optional().meta({ description: '1 to 100 (default 50)' }),
  'order-direction': z.enum(['asc', 'desc']).optional(),
  'order-by': z.string().optional(),
  'inline-relations-depth': z.string().optional().meta({ description: '0 to 3' }),
});
const ASYNC_QUERY = z.object({ accepts_incomplete: z.enum(['true', 'false']).optional(), async: z.enum(['true', 'false']).optional() });

const job = z.object({
  metadata: z.object({ guid: z.string(), created_at: timestamp, url: z.string() }),
  entity: z.looseObject({ guid: z.string(), status: z.enum(['queued', 'running', 'finished', 'failed']) }),
});
const instanceEntity = z.looseObject({
  name: z.string(),
  space_guid: z.string(),
  tags: z.array(z.string()),
  last_operation: z.looseObject({ type: z.string(), state: z.string(), description: z.string() }).nullable().optional(),
});
const instance = resource(instanceEntity);
const featureFlag = z.object({ name: z.string(), enabled: z.boolean(), error_message: z.string().nullable(), url: z.string() });
const anyObject = z.looseObject({});

const ok = (schema: z.ZodType) => ({ '200': { description: 'OK', schema } });
const created = (schema: z.ZodType) => ({ '201': { description: 'Created', schema } });
const accepted = (schema: z.ZodType) => ({ '202': { description: 'Accepted: the change goes on in the background', schema } });
const NO_CONTENT = { '204': { description: 'No Content' } };

const INSTANCES = 'Service instances';
const UPSI = 'User-provided service instances';

const OPERATIONS: Record<string, OperationDoc> = {
  'get /v2/info': {
    summary: 'Platform information and where to log in',
    tags: ['Info'],
    open: true,
    responses: ok(z.looseObject({ api_version: z.string(), authorization_endpoint: z.string(), token_endpoint: z.string() })),
  },
  'get /v2/service_instances': { summary: 'List service instances', tags: [INSTANCES], query: LIST_QUERY, responses: ok(page(instance)) },
  'post /v2/service_instances': {
    summary: 'Create a managed service instance',
    tags: [INSTANCES],
    query: ASYNC_QUERY,
    body: messageSchema(INSTANCE_CREATE),
    responses: { ...created(instance), ...accepted(instance) },
  },
  'get /v2/service_instances/:guid': { summary: 'Get a service instance', tags: [INSTANCES], responses: ok(instance) },
  'put /v2/service_instances/:guid': {
    summary: 'Update a service instance',
    tags: [INSTANCES],
    query: ASYNC_QUERY,
    body: messageSchema(INSTANCE_UPDATE),
    responses: { ...created(instance), ...accepted(instance) },
  },
  'delete /v2/service_instances/:guid': {
    summary: 'Delete a service instance',
    tags: [INSTANCES],
    query: ASYNC_QUERY.extend({ recursive: z.enum(['true', 'false']).optional(), purge: z.enum(['true', 'false']).optional() }),
    responses: { ...NO_CONTENT, ...accepted(z.union([job, instance])) },
  },
  'get /v2/service_instances/:guid/permissions': {
    summary: 'What the caller may do with the instance',
    tags: [INSTANCES],
    responses: ok(z.object({ manage: z.boolean(), read: z.boolean() })),
  },
  'get /v2/service_instances/:guid/shared_from': {
    summary: 'Where a shared instance comes from',
    tags: [INSTANCES],
    responses: {
      ...ok(z.looseObject({ space_guid: z.string(), space_name: z.string(), organization_name: z.string().nullable() })),
      '204': { description: 'The instance is not shared with any space' },
    },
  },
  'get /v2/user_provided_service_instances': { summary: 'List user-provided service instances', tags: [UPSI], query: LIST_QUERY, responses: ok(page(resource())) },
  'post /v2/user_provided_service_instances': {
    summary: 'Create a user-provided service instance',
    tags: [UPSI],
    body: messageSchema(UPSI_CREATE),
    responses: created(resource()),
  },
  'get /v2/user_provided_service_instances/:guid': { summary: 'Get a user-provided service instance', tags: [UPSI], responses: ok(resource()) },
  'put /v2/user_provided_service_instances/:guid': {
    summary: 'Update a user-provided service instance',
    tags: [UPSI],
    body: messageSchema(UPSI_FIELDS),
    responses: created(resource()),
  },
  'delete /v2/user_provided_service_instances/:guid': { summary: 'Delete a user-provided service instance', tags: [UPSI], responses: NO_CONTENT },
  'get /v2/jobs/:guid': { summary: 'Get a job (a finished placeholder for one it does not know)', tags: ['Jobs'], responses: ok(job) },
  'get /v2/config/feature_flags': { summary: 'List feature flags', tags: ['Feature flags'], responses: ok(z.array(featureFlag)) },
  'get /v2/config/feature_flags/:name': { summary: 'Get a feature flag', tags: ['Feature flags'], responses: ok(featureFlag) },
  'put /v2/config/feature_flags/:name': {
    summary: 'Set a feature flag',
    tags: ['Feature flags'],
    body: messageSchema({ enabled: bool(), error_message: str() }),
    responses: ok(featureFlag),
  },
  'post /v2/organizations': { summary: 'Create an organization', body: messageSchema(OrganizationCreateMessage), responses: created(resource()) },
  'put /v2/organizations/:guid': { summary: 'Update an organization', body: messageSchema(OrganizationUpdateMessage), responses: created(resource()) },
  'post /v2/spaces': { summary: 'Create a space', body: messageSchema(SpaceCreateMessage), responses: created(resource()) },
  'put /v2/spaces/:guid': { summary: 'Update a space', body: messageSchema(SpaceUpdateMessage), responses: created(resource()) },
  'post /v2/users': { summary: 'Register a user', body: messageSchema(UserCreateMessage), responses: created(resource()) },
};

/** Routes whose answer is not a {metadata, entity} resource or a page of them. */
const OTHER_SHAPES = new Set(['/v2/service_instances/:guid/parameters', '/v2/spaces/:guid/summary', '/v2/service_instances/:guid/shared_to']);

/** By the route's shape: a collection answers a page of resources, a path ending in an id one resource; role
 * changes answer the resource (201) or nothing (204). */
function byShape(method: Method, path: string): OperationDoc {
  const last = path.split('/').pop() ?? '';
  if (method === 'get') {
    if (OTHER_SHAPES.has(path)) return { responses: ok(anyObject) };
    return last.startsWith(':') ? { responses: ok(resource()) } : { query: LIST_QUERY, responses: ok(page(resource())) };
  }
  if (method === 'delete') return { responses: { ...NO_CONTENT, ...accepted(z.union([job, resource()])), ...ok(anyObject) } };
  return { body: anyObject, responses: { ...created(resource()), ...ok(anyObject), ...NO_CONTENT } };
}

const tagOf = (path: string) => (path.split('/')[2] ?? '').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

export const v2ApiDoc: DialectDoc = {
  dialect: 'cf-v2',
  title: 'Cloud Foundry API v2',
  version: CC_V2_VERSION,
  description: 'Cloud Controller v2 as sharegate serves it, for clients that have not moved to v3 yet (cf CLI 6, cf-client).',
  error: V2Error,
  security: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'a UAA access token' } },
  tags: { Info: 'Discovery', [INSTANCES]: 'Managed service instances', [UPSI]: 'User-provided service instances' },
  operation(method, path) {
    const op = OPERATIONS[`${method} ${path}`] ?? byShape(method, path);
    return { ...op, tags: op.tags ?? [tagOf(path)] };
  },
};

export const describedV2Routes = Object.keys(OPERATIONS);
