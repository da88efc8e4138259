// The v3 dialect's OpenAPI description: the request schemas its handlers parse with (schemas.ts), the shapes it
// answers (its presenters) and CF v3's error envelope. Routes are read from the router (src/ops/openApiDocument.ts).
import { z } from 'zod';
import type { DialectDoc, OperationDoc } from '../../../src/http/apiDoc';
import type { Method } from '../../../src/http/makeAdd';
import { CC_V3_VERSION } from './handlers/root';
import {
  FeatureFlagUpdateBody,
  ManagedCreateBody,
  ManagedUpdateBody,
  OrganizationCreateBody,
  OrganizationUpdateBody,
  RoleCreateBody,
  ShareBody,
  SpaceCreateBody,
  SpaceUpdateBody,
  UserCreateBody,
  UserProvidedCreateBody,
  UserProvidedUpdateBody,
  UserUpdateBody,
} from './schemas';

export const V3Error = z
  .object({
    errors: z.array(z.object({ detail: z.string(), title: z.string(), code: z.number().int() })).min(1),
  })
  .meta({ description: "Cloud Controller v3's error envelope" });

const href = z.looseObject({ href: z.string() });
const links = z.record(z.string(), href.nullable());
const timestamp = z.string().meta({ description: 'ISO 8601, UTC, seconds' });
const guidRef = z.object({ data: z.object({ guid: z.string() }) });
const nullableRef = z.object({ data: z.object({ guid: z.string() }).nullable() });
const metadata = z.object({ labels: z.record(z.string(), z.string()), annotations: z.record(z.string(), z.string()) });
const resource = z.looseObject({ guid: z.string(), created_at: timestamp, updated_at: timestamp, links });
const pagination = z.object({
  total_results: z.number().int(),
  total_pages: z.number().int(),
  first: href,
  last: href,
  next: href.nullable(),
  previous: href.nullable(),
});
const list = (item: z.ZodType) => z.looseObject({ pagination, resources: z.array(item), included: z.record(z.string(), z.array(z.looseObject({}))).optional() });

const lastOperation = z.object({
  type: z.string(),
  state: z.enum(['initial', 'in progress', 'succeeded', 'failed']),
  description: z.string().nullable(),
  updated_at: timestamp,
  created_at: timestamp,
});
const serviceInstance = resource.extend({
  name: z.string(),
  type: z.enum(['managed', 'user-provided']),
  tags: z.array(z.string()),
  last_operation: lastOperation,
  relationships: z.looseObject({ space: guidRef, service_plan: guidRef.optional() }),
  metadata,
});
const organization = resource.extend({ name: z.string(), suspended: z.boolean(), relationships: z.looseObject({ quota: guidRef }), metadata });
const space = resource.extend({ name: z.string(), relationships: z.looseObject({ organization: guidRef }), metadata });
const user = resource.extend({ username: z.string().nullable(), presentation_name: z.string(), origin: z.string().nullable(), metadata });
const role = resource.extend({
  type: z.string(),
  relationships: z.object({ user: guidRef, space: nullableRef, organization: nullableRef }),
});
const job = z.looseObject({
  guid: z.string(),
  created_at: timestamp,
  updated_at: timestamp,
  operation: z.string(),
  state: z.enum(['PROCESSING', 'POLLING', 'COMPLETE', 'FAILED']),
  errors: z.array(z.looseObject({ detail: z.string(), title: z.string(), code: z.number().int() })),
  warnings: z.array(z.looseObject({ detail: z.string() })),
  links,
});
const featureFlag = z.looseObject({ name: z.string(), enabled: z.boolean(), updated_at: timestamp.nullable(), custom_error_message: z.string().nullable(), links });
const sharedSpaces = z.looseObject({
  data: z.array(z.object({ guid: z.string() })),
  links: z.object({ self: href }),
  included: z.record(z.string(), z.array(z.looseObject({}))).optional(),
});
const anyObject = z.looseObject({});

const LIST_QUERY = z.object({
  page: z.string().optional().meta({ description: 'page number, from 1' }),
  per_page: z.string().optional().meta({ description: 'results per page, 1 to 5000 (default 50)' }),
  order_by: z.string().optional().meta({ description: 'created_at, updated_at (or another field the resource allows), `-` first for descending' }),
  label_selector: z.string().optional().meta({ description: 'label requirements, e.g. `env=prod,tier in (a,b)`' }),
  guids: z.string().optional().meta({ description: 'comma-separated guids' }),
  created_ats: z.string().optional(),
  updated_ats: z.string().optional(),
});
const INSTANCE_LIST_QUERY = LIST_QUERY.extend({
  names: z.string().optional(),
  type: z.enum(['managed', 'user-provided']).optional(),
  space_guids: z.string().optional(),
  organization_guids: z.string().optional(),
  service_plan_guids: z.string().optional(),
  service_plan_names: z.string().optional(),
  'fields[space]': z.string().optional(),
  'fields[space.organization]': z.string().optional(),
  'fields[service_plan]': z.string().optional(),
  'fields[service_plan.service_offering]': z.string().optional(),
  'fields[service_plan.service_offering.service_broker]': z.string().optional(),
});

const ok = (schema: z.ZodType, description = 'OK') => ({ '200': { description, schema } });
const created = (schema: z.ZodType) => ({ '201': { description: 'Created', schema } });
const ACCEPTED = { '202': { description: 'Accepted: a job runs the change; poll the job at Location', headers: { Location: 'the job, /v3/jobs/{guid}' } } };
const NO_CONTENT = { '204': { description: 'No Content' } };

const SHARING = 'Service instance sharing';
const INSTANCES = 'Service instances';

/** What each route answers, where its shape is known beyond the defaults by path below. */
const OPERATIONS: Record<string, OperationDoc> = {
  'get /': { summary: 'Root: links to the APIs and the login server', responses: ok(z.looseObject({ links })), open: true, tags: ['Root'] },
  'get /v3': { summary: 'The v3 API root: links to its resources', responses: ok(z.looseObject({ links })), open: true, tags: ['Root'] },
  'get /v3/info': { summary: 'Platform information', responses: ok(anyObject), open: true, tags: ['Root'] },
  'get /v3/organizations': { summary: 'List organizations', query: LIST_QUERY.extend({ names: z.string().optional() }), responses: ok(list(organization)) },
  'post /v3/organizations': { summary: 'Create an organization', body: OrganizationCreateBody, responses: created(organization) },
  'get /v3/organizations/:guid': { summary: 'Get an organization', responses: ok(organization) },
  'patch /v3/organizations/:guid': { summary: 'Update an organization', body: OrganizationUpdateBody, responses: ok(organization) },
  'delete /v3/organizations/:guid': { summary: 'Delete an organization', responses: ACCEPTED },
  'get /v3/spaces': { summary: 'List spaces', query: LIST_QUERY.extend({ names: z.string().optional(), organization_guids: z.string().optional() }), responses: ok(list(space)) },
  'post /v3/spaces': { summary: 'Create a space', body: SpaceCreateBody, responses: created(space) },
  'get /v3/spaces/:guid': { summary: 'Get a space', responses: ok(space) },
  'patch /v3/spaces/:guid': { summary: 'Update a space', body: SpaceUpdateBody, responses: ok(space) },
  'delete /v3/spaces/:guid': { summary: 'Delete a space', responses: ACCEPTED },
  'get /v3/users': { summary: 'List users', query: LIST_QUERY.extend({ usernames: z.string().optional(), origins: z.string().optional() }), responses: ok(list(user)) },
  'post /v3/users': { summary: 'Create a user', body: UserCreateBody, responses: created(user) },
  'get /v3/users/:guid': { summary: 'Get a user', responses: ok(user) },
  'patch /v3/users/:guid': { summary: 'Update a user', body: UserUpdateBody, responses: ok(user) },
  'delete /v3/users/:guid': { summary: 'Delete a user', responses: ACCEPTED },
  'get /v3/roles': {
    summary: 'List roles',
    query: LIST_QUERY.extend({
      types: z.string().optional(),
      user_guids: z.string().optional(),
      space_guids: z.string().optional(),
      organization_guids: z.string().optional(),
      include: z.string().optional(),
    }),
    responses: ok(list(role)),
  },
  'post /v3/roles': { summary: 'Create a role', body: RoleCreateBody, responses: created(role) },
  'get /v3/roles/:guid': { summary: 'Get a role', responses: ok(role) },
  'delete /v3/roles/:guid': { summary: 'Delete a role', responses: ACCEPTED },
  'get /v3/feature_flags': { summary: 'List feature flags', query: LIST_QUERY, responses: ok(list(featureFlag)) },
  'get /v3/feature_flags/:name': { summary: 'Get a feature flag', responses: ok(featureFlag) },
  'patch /v3/feature_flags/:name': { summary: 'Update a feature flag', body: FeatureFlagUpdateBody, responses: ok(featureFlag) },
  'get /v3/jobs/:guid': { summary: 'Get a job', responses: ok(job) },
  'get /v3/service_instances': { summary: 'List service instances', tags: [INSTANCES], query: INSTANCE_LIST_QUERY, responses: ok(list(serviceInstance)) },
  'post /v3/service_instances': {
    summary: 'Create a service instance',
    description: 'A user-provided instance is created at once (201); a managed one is provisioned by a job (202).',
    tags: [INSTANCES],
    body: z.union([ManagedCreateBody, UserProvidedCreateBody]),
    responses: { ...created(serviceInstance), ...ACCEPTED },
  },
  'get /v3/service_instances/:guid': { summary: 'Get a service instance', tags: [INSTANCES], responses: ok(serviceInstance) },
  'patch /v3/service_instances/:guid': {
    summary: 'Update a service instance',
    tags: [INSTANCES],
    body: z.union([ManagedUpdateBody, UserProvidedUpdateBody]),
    responses: { ...ok(serviceInstance), ...ACCEPTED },
  },
  'delete /v3/service_instances/:guid': { summary: 'Delete a service instance', tags: [INSTANCES], responses: { ...ACCEPTED, ...NO_CONTENT } },
  'get /v3/service_instances/:guid/credentials': { summary: 'Credentials of a user-provided instance', tags: [INSTANCES], responses: ok(z.record(z.string(), z.unknown())) },
  'get /v3/service_instances/:guid/parameters': { summary: 'Parameters of a managed instance', tags: [INSTANCES], responses: ok(z.record(z.string(), z.unknown())) },
  'get /v3/service_instances/:guid/permissions': {
    summary: 'What the caller may do with the instance',
    tags: [INSTANCES],
    responses: ok(z.object({ read: z.boolean(), manage: z.boolean() })),
  },
  'get /v3/service_instances/:guid/relationships/shared_spaces': {
    summary: 'List the spaces an instance is shared to',
    tags: [SHARING],
    query: z.object({ 'fields[space]': z.string().optional(), 'fields[space.organization]': z.string().optional() }),
    responses: ok(sharedSpaces),
  },
  'post /v3/service_instances/:guid/relationships/shared_spaces': {
    summary: 'Share a service instance to other spaces',
    description: 'Adds the spaces to those the instance is shared to (`cf share-service`); answers every space it is shared to.',
    tags: [SHARING],
    body: ShareBody,
    params: { guid: 'the service instance' },
    responses: ok(sharedSpaces),
  },
  'delete /v3/service_instances/:guid/relationships/shared_spaces/:space_guid': {
    summary: 'Unshare a service instance from a space',
    tags: [SHARING],
    params: { guid: 'the service instance', space_guid: 'the space it is shared to' },
    responses: NO_CONTENT,
  },
  'get /v3/service_instances/:guid/relationships/shared_spaces/usage_summary': {
    summary: 'Bound apps per shared space',
    tags: [SHARING],
    responses: ok(z.looseObject({ usage_summary: z.array(z.object({ space: z.object({ guid: z.string() }), bound_app_count: z.number().int() })), links })),
  },
};

/** Routes whose answer is neither a page nor a resource with a guid (summaries, relationships, settings). */
const OTHER_SHAPES = new Set([
  '/v3/spaces/:guid/features',
  '/v3/spaces/:guid/features/:name',
  '/v3/service_plans/:guid/visibility',
  '/v3/organizations/:guid/usage_summary',
  '/v3/info/usage_summary',
  '/v3/organizations/:guid/relationships/default_isolation_segment',
]);

/** By the route's shape: a collection answers a page of resources, a path ending in an id one resource. */
function byShape(method: Method, path: string): OperationDoc {
  const last = path.split('/').pop() ?? '';
  if (method === 'get') {
    if (OTHER_SHAPES.has(path)) return { responses: ok(anyObject) };
    return last.startsWith(':') ? { responses: ok(resource) } : { query: LIST_QUERY, responses: ok(z.union([list(resource), resource])) };
  }
  if (method === 'delete') return { responses: { ...ACCEPTED, ...NO_CONTENT } };
  return { responses: { ...ok(resource), ...created(resource), ...ACCEPTED } };
}

const tagOf = (path: string) => {
  const segment = path.split('/')[2] ?? '';
  return segment.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()) || 'Root';
};

export const v3ApiDoc: DialectDoc = {
  dialect: 'cf-v3',
  title: 'Cloud Foundry API v3',
  version: CC_V3_VERSION,
  description: 'Cloud Controller v3 as sharegate serves it: organizations, spaces, users, roles, the service catalog, service instances and sharing them between spaces.',
  error: V3Error,
  security: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'a UAA access token (`cf oauth-token`)' } },
  tags: { Root: 'Discovery', [INSTANCES]: 'Service instances', [SHARING]: 'Sharing a service instance with other spaces' },
  operation(method, path) {
    const op = OPERATIONS[`${method} ${path}`] ?? byShape(method, path);
    return { ...op, tags: op.tags ?? [tagOf(path)] };
  },
};

/** The routes described above (a test checks each is registered). */
export const describedV3Routes = Object.keys(OPERATIONS);
