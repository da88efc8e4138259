// Every v3 operation sharegate serves, walked once over HTTP, each answer held against the schema Cloud Controller's
// own OpenAPI 3.1 document (experimental, Apache 2.0) declares for that operation and status. The document is read
// at test time from `../shared/cc-openapi` beside the repository; without it the test is skipped with the reason.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { factories, DEFAULT_PLANS } from '../../helpers/factories';
import { startTestGateway, type Client, type TestGateway } from '../../helpers/testGateway';

type Json = Record<string, unknown>;

/** `../shared/cc-openapi` beside the repository, or beside the checkout that holds its git directory when they differ. */
function findDocument(): string | undefined {
  const roots = [path.resolve(__dirname, '../../..')];
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: roots[0], encoding: 'utf8' }).trim();
    roots.push(path.dirname(common));
  } catch {
    // not a git checkout: the repository root alone
  }
  return roots.map((r) => path.resolve(r, '../shared/cc-openapi/v3')).find((d) => fs.existsSync(path.join(d, 'openapi.yaml')));
}

const DOC = findDocument();
if (!DOC) console.warn('openapiConformance: skipped, ../shared/cc-openapi/v3/openapi.yaml is not beside the repository');
const describeWithDocument = DOC ? describe : describe.skip;

/**
 * Where the document is wrong against Cloud Controller's code, the field is waived by name, for the operations
 * named; the walk removes it from a copy of the answer before validating (with `when: 'null'`, only when it is
 * null). A field path is dotted, with `*` for every array element. A status waiver holds an answer whose status the
 * document does not declare to the document's error schema. Every waiver must be used by the walk, so that none
 * outlives its reason.
 */
type Waiver = { operations: string[]; reason: string; source: string } & ({ fields: string[]; when?: 'null' } | { status: number });
const WAIVERS: Waiver[] = [
  {
    operations: ['listServiceOfferings', 'getServiceOffering', 'listServicePlans', 'getServicePlan', 'listServiceInstances', 'getServiceInstance'],
    fields: ['included.service_brokers'],
    reason:
      'IncludedResources.yaml closes `included` (additionalProperties: false) without service_brokers, which CC sets for fields[service_broker], fields[service_offering.service_broker] and fields[service_plan.service_offering.service_broker]',
    source:
      'app/decorators/field_service_offering_service_broker_decorator.rb:18, field_service_plan_service_broker_decorator.rb:19, field_service_instance_broker_decorator.rb:30 `hash[:included][:service_brokers] = ...`',
  },
  {
    operations: ['listServiceInstances', 'getServiceInstance'],
    fields: ['included.service_plans'],
    reason: 'IncludedResources.yaml closes `included` without service_plans, which CC sets for fields[service_plan] on service instances',
    source: 'app/decorators/field_service_instance_plan_decorator.rb:22 `hash[:included][:service_plans] = plans.sort_by { |p| [p.created_at, p.guid] }...`',
  },
  {
    operations: ['listSpaces', 'getSpace', 'createSpace', 'updateSpace', 'listRoles', 'getRole'],
    fields: ['relationships.quota.data', 'resources.*.relationships.quota.data', 'included.spaces.*.relationships.quota.data'],
    when: 'null',
    reason: 'RelationshipToOne.yaml allows null data but refers to Relationship.yaml, which is `type: object`; CC renders null for a space without a space quota',
    source: 'app/presenters/v3/space_presenter.rb:29 `data: space.space_quota_definition ? { guid: space.space_quota_definition_guid } : nil`',
  },
  {
    operations: ['listRoles', 'getRole', 'createRole'],
    fields: ['relationships.space.data', 'relationships.organization.data', 'resources.*.relationships.space.data', 'resources.*.relationships.organization.data'],
    when: 'null',
    reason: 'the same RelationshipToOne.yaml contradiction; CC renders the other side of a role as null',
    source: 'app/presenters/v3/role_presenter.rb:55 `relationships[:organization] = { data: nil }` and :58 `relationships[:space] = { data: nil }`',
  },
  {
    operations: ['getDefaultIsolationSegmentForOrganization'],
    fields: ['data'],
    when: 'null',
    reason: 'the same RelationshipToOne.yaml contradiction; CC renders null data for an organization without a default isolation segment',
    source: 'app/presenters/v3/to_one_relationship_presenter.rb:26 `{ guid: related_instance.guid } unless related_instance.nil?`',
  },
  {
    operations: ['getApiRoot'],
    fields: ['links.logging', 'links.log_cache', 'links.log_stream'],
    when: 'null',
    reason: 'the root document types these links as objects; CC renders null when doppler, log cache or log stream is not configured (none is here)',
    source: 'app/controllers/runtime/root_controller.rb:86 `return if config.get(:doppler, :url).blank?`, :92 (log_cache), :98 (log_stream)',
  },
  {
    operations: ['getApiRoot'],
    fields: ['links.network_policy_v1'],
    when: 'null',
    reason: 'not a fault of the document: CC always links its network policy API, sharegate serves none and so links none (null, as for the other services it does not run)',
    source: "app/controllers/runtime/root_controller.rb:29 `network_policy_v1: { href: api_url_builder.build_url(path: '/networking/v1/external') }`",
  },
  {
    operations: ['listUsersForOrganization', 'listUsersForSpace'],
    status: 400,
    reason: 'the document declares no 400 for the member lists; CC answers an invalid query with 400 CF-BadQueryParameter',
    source: 'app/controllers/v3/organizations_controller.rb:177 and spaces_controller.rb:197 `invalid_param!(message.errors.full_messages) unless message.valid?`',
  },
  {
    operations: ['getSpace'],
    status: 400,
    reason: 'the document declares no 400 for a space; CC answers an invalid include with 400 CF-BadQueryParameter',
    source: 'app/controllers/v3/spaces_controller.rb:44 `invalid_param!(message.errors.full_messages) unless message.valid?`',
  },
];
const ERRORS_SCHEMA = 'https://cc-openapi.invalid/v3/components/schemas/Errors.yaml';

interface Step {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** the document's path template */
  template: string;
  url: string;
  as?: Pick<Client, 'get' | 'post' | 'patch' | 'delete'>;
  body?: unknown;
  status: number;
}

/** Loads every YAML file of the document under an absolute id, so that its relative `$ref`s resolve as files do. */
function loadDocument(dir: string) {
  const files = new Map<string, unknown>();
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.yaml'))
        files.set(`https://cc-openapi.invalid/v3/${path.relative(dir, full).split(path.sep).join('/')}`, parseYaml(fs.readFileSync(full, 'utf8')));
    }
  };
  walk(dir);
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, inlineRefs: false });
  addFormats(ajv);
  // each file carries its own $id: ajv resolves a file's relative $refs against the $id of the file they sit in
  for (const [id, content] of files) ajv.addSchema({ ...(content as object), $id: id });
  return { files, ajv };
}

const pointer = (parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** The response object of an operation and status, and the absolute id of its JSON schema (if it declares one). */
function responseOf(doc: ReturnType<typeof loadDocument>, template: string, method: string, status: number) {
  const root = 'https://cc-openapi.invalid/v3/openapi.yaml';
  const pathRef = ((doc.files.get(root) as Json).paths as Json)[template] as { $ref: string } | undefined;
  if (!pathRef) return undefined;
  const [file, fragment] = new URL(pathRef.$ref, root).href.split('#');
  const segments = fragment!.split('/').filter(Boolean);
  const item = segments.reduce<Json>((o, p) => o[p.replace(/~1/g, '/').replace(/~0/g, '~')] as Json, doc.files.get(file!) as Json);
  const operation = item[method] as Json | undefined;
  if (!operation) return undefined;
  let response = (operation.responses as Json)[String(status)] as Json | undefined;
  let base = file!;
  let at = `${segments.map((x) => `/${x}`).join('')}/${pointer([method, 'responses', String(status)])}`;
  if (response && typeof response.$ref === 'string') {
    base = new URL(response.$ref, base).href;
    response = doc.files.get(base) as Json;
    at = '';
  }
  const json = (response?.content as Json | undefined)?.['application/json'] as Json | undefined;
  return {
    operationId: operation.operationId as string,
    declared: response !== undefined,
    schema: json?.schema ? `${base}#${at}/${pointer(['content', 'application/json', 'schema'])}` : undefined,
  };
}

/** Removes a dotted field (with `*` for array elements) from a value, with `when: 'null'` only a null one; true when it did. */
function removeField(value: unknown, parts: string[], when?: 'null'): boolean {
  if (value === null || typeof value !== 'object') return false;
  const [head, ...rest] = parts;
  if (head === '*') return Array.isArray(value) && value.map((v) => removeField(v, rest, when)).some(Boolean);
  const obj = value as Json;
  if (!(head! in obj)) return false;
  if (rest.length === 0) return (when !== 'null' || obj[head!] === null) && delete obj[head!];
  return removeField(obj[head!], rest, when);
}

type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };

/** Every (method, path) the app serves, read from express's routers themselves. */
function servedRoutes(stack: Layer[]): string[] {
  const out: string[] = [];
  for (const layer of stack) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) if (method !== '_all') out.push(`${method.toUpperCase()} ${layer.route.path}`);
    } else if (layer.handle?.stack) out.push(...servedRoutes(layer.handle.stack));
  }
  return out;
}

/** Served routes the document does not declare: still walked for their status, without a schema to hold them to. */
const NOT_IN_DOCUMENT = ['GET /v3/organizations/{guid}/domains'];

describeWithDocument("v3 answers against Cloud Controller's OpenAPI document", () => {
  let t: TestGateway;
  let doc: ReturnType<typeof loadDocument>;
  const walked = new Set<string>();
  /** the document's operations the walk validated */
  const operations = new Set<string>();
  const usedWaivers = new Set<number>();

  beforeAll(async () => {
    doc = loadDocument(DOC!);
    t = await startTestGateway();
  });
  afterAll(() => t?.close());

  async function steps(): Promise<Step[]> {
    const f = factories(t);
    const org = await f.org();
    const space = await f.space(org.guid);
    const target = await f.space(org.guid);
    const dev = await t.as('conformance-dev');
    await f.role(dev, 'space_developer', space.guid);
    await f.role(dev, 'space_developer', target.guid);
    const managed = await f.managedInstance(space.guid);
    const ups = await f.userProvidedInstance(space.guid, undefined, {
      credentials: { a: 'b' },
      syslog_drain_url: 'https://logs.example.org',
      route_service_url: 'https://routes.example.org',
    });
    const share = await t.admin.post(`/v3/service_instances/${managed.guid}/relationships/shared_spaces`, { data: [{ guid: target.guid }] });
    expect(share.status).toBe(200);
    const roles = await t.admin.get(`/v3/roles?user_guids=${dev.guid}`);
    const role = (roles.body.resources as { guid: string; type: string }[]).find((r) => r.type === 'space_developer')!.guid;
    const events = await t.admin.get('/v3/audit_events');
    const event = events.body.resources[0].guid as string;
    const spare = await f.space(org.guid);
    const spareOrg = await f.org();
    const scratch = await f.userProvidedInstance(space.guid);
    const created = await t.admin.post('/v3/service_instances', {
      type: 'managed',
      name: 'conformance-async',
      relationships: { space: { data: { guid: space.guid } }, service_plan: { data: { guid: DEFAULT_PLANS.shareable } } },
    });
    const job = String(created.headers.location).split('/').pop()!;
    await t.settle();
    const offering = (await t.admin.get('/v3/service_offerings')).body.resources[0];
    const plan = DEFAULT_PLANS.shareable;
    const broker = offering.relationships.service_broker.data.guid as string;
    const quota = (await t.admin.get(`/v3/organizations/${org.guid}`)).body.relationships.quota.data.guid as string;
    const newUser = 'c0ffee00-0000-4000-8000-000000000001';
    const s = (method: Step['method'], template: string, url: string, status: number, extra: Partial<Step> = {}): Step => ({ method, template, url, status, ...extra });
    return [
      s('get', '/', '/', 200),
      s('get', '/v3', '/v3', 200),
      s('get', '/v3/info', '/v3/info', 200),
      s('get', '/v3/info/usage_summary', '/v3/info/usage_summary', 200),
      s('get', '/v3/info/usage_summary', '/v3/info/usage_summary', 404, { as: dev }),
      s('get', '/v3/organizations', '/v3/organizations?order_by=name', 200),
      s('get', '/v3/organizations', '/v3/organizations?flavour=x', 400),
      s('post', '/v3/organizations', '/v3/organizations', 201, { body: { name: 'conformance-org', metadata: { labels: { env: 'x' } } } }),
      s('post', '/v3/organizations', '/v3/organizations', 422, { body: { name: '' } }),
      s('get', '/v3/organizations/{guid}', `/v3/organizations/${org.guid}`, 200),
      s('get', '/v3/organizations/{guid}', '/v3/organizations/missing', 404),
      s('patch', '/v3/organizations/{guid}', `/v3/organizations/${org.guid}`, 200, { body: { metadata: { annotations: { a: 'b' } } } }),
      s('delete', '/v3/organizations/{guid}', `/v3/organizations/${spareOrg.guid}`, 202),
      s('get', '/v3/organizations/{guid}/domains', `/v3/organizations/${org.guid}/domains`, 200),
      s('get', '/v3/organizations/{guid}/domains/default', `/v3/organizations/${org.guid}/domains/default`, 404),
      s('get', '/v3/organizations/{guid}/usage_summary', `/v3/organizations/${org.guid}/usage_summary`, 200),
      s('get', '/v3/organizations/{guid}/users', `/v3/organizations/${org.guid}/users?partial_usernames=conformance`, 200),
      s('get', '/v3/organizations/{guid}/users', `/v3/organizations/${org.guid}/users?origins=uaa`, 400),
      s('get', '/v3/organization_quotas', '/v3/organization_quotas', 200),
      s('get', '/v3/isolation_segments', `/v3/isolation_segments?organization_guids=${org.guid}`, 200),
      s('get', '/v3/isolation_segments', '/v3/isolation_segments?include=x', 400),
      s('get', '/v3/organizations/{guid}/relationships/default_isolation_segment', `/v3/organizations/${org.guid}/relationships/default_isolation_segment`, 200),
      s('get', '/v3/organizations/{guid}/relationships/default_isolation_segment', '/v3/organizations/missing/relationships/default_isolation_segment', 404),
      s('get', '/v3/organization_quotas/{guid}', `/v3/organization_quotas/${quota}`, 200),
      s('get', '/v3/organization_quotas/{guid}', '/v3/organization_quotas/missing', 404),
      s('get', '/v3/spaces', '/v3/spaces?include=organization', 200),
      s('get', '/v3/spaces', '/v3/spaces?include=apps', 400),
      s('post', '/v3/spaces', '/v3/spaces', 201, { body: { name: 'conformance-space', relationships: { organization: { data: { guid: org.guid } } } } }),
      s('get', '/v3/spaces/{guid}', `/v3/spaces/${space.guid}?include=org`, 200),
      s('patch', '/v3/spaces/{guid}', `/v3/spaces/${space.guid}`, 200, { body: { metadata: { labels: { tier: 'one' } } } }),
      s('delete', '/v3/spaces/{guid}', `/v3/spaces/${spare.guid}`, 202),
      s('get', '/v3/spaces/{guid}/features', `/v3/spaces/${space.guid}/features`, 200),
      s('get', '/v3/spaces/{guid}/features/{name}', `/v3/spaces/${space.guid}/features/ssh`, 200),
      s('get', '/v3/spaces/{guid}/features/{name}', `/v3/spaces/${space.guid}/features/docker`, 404),
      s('get', '/v3/spaces/{guid}/users', `/v3/spaces/${space.guid}/users?usernames=conformance-dev`, 200),
      s('get', '/v3/spaces/{guid}/users', `/v3/spaces/${space.guid}/users?usernames=a&partial_usernames=b`, 400),
      s('get', '/v3/spaces/{guid}', `/v3/spaces/${space.guid}?include=apps`, 400),
      s('get', '/v3/spaces/{guid}', '/v3/spaces/missing', 404),
      s('get', '/v3/spaces', '/v3/spaces', 401, { as: t.anonymous }),
      s('post', '/v3/organizations', '/v3/organizations', 403, { as: dev, body: { name: 'not-allowed' } }),
      s('get', '/v3/users', '/v3/users', 200),
      s('post', '/v3/users', '/v3/users', 201, { body: { guid: newUser } }),
      s('post', '/v3/users', '/v3/users', 422, { body: {} }),
      s('get', '/v3/users/{guid}', `/v3/users/${dev.guid}`, 200),
      s('patch', '/v3/users/{guid}', `/v3/users/${dev.guid}`, 200, { body: { metadata: { labels: { team: 'a' } } } }),
      s('delete', '/v3/users/{guid}', `/v3/users/${newUser}`, 202),
      s('get', '/v3/roles', '/v3/roles?include=user,space,organization', 200),
      s('post', '/v3/roles', '/v3/roles', 201, { body: { type: 'space_auditor', relationships: { user: { data: { guid: dev.guid } }, space: { data: { guid: space.guid } } } } }),
      s('post', '/v3/roles', '/v3/roles', 422, { body: { type: 'space_auditor' } }),
      s('get', '/v3/roles/{guid}', `/v3/roles/${role}?include=user`, 200),
      s('delete', '/v3/roles/{guid}', `/v3/roles/${role}`, 202),
      s('get', '/v3/feature_flags', '/v3/feature_flags', 200),
      s('get', '/v3/feature_flags/{name}', '/v3/feature_flags/service_instance_sharing', 200),
      s('patch', '/v3/feature_flags/{name}', '/v3/feature_flags/task_creation', 200, { body: { enabled: true } }),
      s('get', '/v3/audit_events', '/v3/audit_events', 200),
      s('get', '/v3/audit_events/{guid}', `/v3/audit_events/${event}`, 200),
      s('get', '/v3/jobs/{guid}', `/v3/jobs/${job}`, 200),
      s('get', '/v3/service_offerings', '/v3/service_offerings?fields[service_broker]=guid,name', 200),
      s('get', '/v3/service_offerings/{guid}', `/v3/service_offerings/${offering.guid}?fields[service_broker]=name`, 200),
      s('get', '/v3/service_plans', '/v3/service_plans?include=space.organization,service_offering&fields[service_offering.service_broker]=guid,name', 200),
      s('get', '/v3/service_plans/{guid}', `/v3/service_plans/${plan}?include=space.organization,service_offering&fields[service_offering.service_broker]=guid,name`, 200),
      s('get', '/v3/service_plans/{guid}/visibility', `/v3/service_plans/${plan}/visibility`, 200),
      s('get', '/v3/service_brokers', '/v3/service_brokers', 200),
      s('get', '/v3/service_brokers/{guid}', `/v3/service_brokers/${broker}`, 200),
      s('get', '/v3/service_brokers/{guid}', `/v3/service_brokers/${broker}`, 404, { as: dev }),
      s('get', '/v3/service_plans/{guid}/visibility', '/v3/service_plans/missing/visibility', 404),
      s('get', '/v3/service_plans', '/v3/service_plans?include=broker', 400),
      s('get', '/v3/service_offerings/{guid}', '/v3/service_offerings/missing', 404),
      s('get', '/v3/service_credential_bindings', '/v3/service_credential_bindings?type=route', 400),
      s('get', '/v3/organizations/{guid}/usage_summary', '/v3/organizations/missing/usage_summary', 404),
      s('get', '/v3/organizations/{guid}/users', '/v3/organizations/missing/users', 404),
      s('get', '/v3/jobs/{guid}', '/v3/jobs/missing', 404),
      s('get', '/v3/roles/{guid}', '/v3/roles/missing', 404),
      s('get', '/v3/users/{guid}', '/v3/users/missing', 404),
      s('get', '/v3/service_credential_bindings', `/v3/service_credential_bindings?service_instance_guids=${managed.guid}`, 200),
      s('get', '/v3/service_route_bindings', `/v3/service_route_bindings?service_instance_guids=${managed.guid}&include=route`, 200),
      s('get', '/v3/service_instances', '/v3/service_instances?fields[space]=guid,name&fields[space.organization]=guid,name', 200),
      s('get', '/v3/service_instances', '/v3/service_instances?type=x', 400),
      s(
        'get',
        '/v3/service_instances',
        '/v3/service_instances?fields[service_plan]=guid,name,relationships.service_offering&fields[service_plan.service_offering]=guid,name,relationships.service_broker&fields[service_plan.service_offering.service_broker]=guid,name',
        200,
      ),
      s(
        'get',
        '/v3/service_instances/{guid}',
        `/v3/service_instances/${managed.guid}?fields[service_plan]=guid,name&fields[service_plan.service_offering.service_broker]=guid,name&fields[space]=guid,name`,
        200,
      ),
      s('post', '/v3/service_instances', '/v3/service_instances', 422, { body: { type: 'user-provided', name: 'x', relationships: { space: { data: { guid: 'missing' } } } } }),
      s('post', '/v3/service_instances', '/v3/service_instances', 201, {
        body: { type: 'user-provided', name: 'conformance-ups', relationships: { space: { data: { guid: space.guid } } } },
      }),
      s('post', '/v3/service_instances', '/v3/service_instances', 202, {
        body: { type: 'managed', name: 'conformance-db', relationships: { space: { data: { guid: space.guid } }, service_plan: { data: { guid: plan } } } },
      }),
      s('get', '/v3/service_instances/{guid}', `/v3/service_instances/${managed.guid}`, 200),
      s('get', '/v3/service_instances/{guid}', `/v3/service_instances/${ups.guid}`, 200),
      s('get', '/v3/service_instances/{guid}', '/v3/service_instances/missing', 404),
      s('patch', '/v3/service_instances/{guid}', `/v3/service_instances/${ups.guid}`, 200, { body: { tags: ['t'] } }),
      s('patch', '/v3/service_instances/{guid}', `/v3/service_instances/${managed.guid}`, 202, { body: { parameters: { size: 2 } } }),
      s('delete', '/v3/service_instances/{guid}', `/v3/service_instances/${scratch.guid}`, 204),
      s('get', '/v3/service_instances/{guid}/credentials', `/v3/service_instances/${ups.guid}/credentials`, 200),
      s('get', '/v3/service_instances/{guid}/parameters', `/v3/service_instances/${managed.guid}/parameters`, 200),
      s('get', '/v3/service_instances/{guid}/permissions', `/v3/service_instances/${managed.guid}/permissions`, 200),
      s(
        'get',
        '/v3/service_instances/{guid}/relationships/shared_spaces',
        `/v3/service_instances/${managed.guid}/relationships/shared_spaces?fields[space]=guid,name,relationships.organization&fields[space.organization]=guid,name`,
        200,
      ),
      s('post', '/v3/service_instances/{guid}/relationships/shared_spaces', `/v3/service_instances/${managed.guid}/relationships/shared_spaces`, 422, {
        body: { data: [{ guid: space.guid }] },
      }),
      s('get', '/v3/service_instances/{guid}/relationships/shared_spaces/usage_summary', `/v3/service_instances/${managed.guid}/relationships/shared_spaces/usage_summary`, 200),
      s('delete', '/v3/service_instances/{guid}/relationships/shared_spaces/{space_guid}', `/v3/service_instances/${managed.guid}/relationships/shared_spaces/${target.guid}`, 204),
      s('post', '/v3/service_instances/{guid}/relationships/shared_spaces', `/v3/service_instances/${managed.guid}/relationships/shared_spaces`, 200, {
        body: { data: [{ guid: target.guid }] },
      }),
    ];
  }

  it('walks every served v3 operation and each answer matches the schema the document declares for its status', async () => {
    const walk = await steps();
    const failures: string[] = [];
    for (const step of walk) {
      const client = step.as ?? t.admin;
      let call = client[step.method](step.url);
      if (step.body !== undefined) call = call.send(step.body as object);
      const res = await call;
      const what = `${step.method.toUpperCase()} ${step.url}`;
      walked.add(`${step.method.toUpperCase()} ${step.template.replace(/\{(\w+)\}/g, ':$1')}`);
      if (res.status !== step.status) {
        failures.push(`${what}: expected ${step.status}, got ${res.status} ${JSON.stringify(res.body)}`);
        continue;
      }
      if (NOT_IN_DOCUMENT.includes(`${step.method.toUpperCase()} ${step.template}`)) continue;
      const declared = responseOf(doc, step.template, step.method, step.status);
      if (!declared) {
        failures.push(`${what}: the document has no ${step.method} ${step.template}`);
        continue;
      }
      operations.add(declared.operationId);
      let schema = declared.schema;
      if (!declared.declared) {
        const waiver = WAIVERS.findIndex((w) => 'status' in w && w.status === step.status && w.operations.includes(declared.operationId));
        if (waiver < 0) {
          failures.push(`${what}: the document declares no ${step.status} for ${declared.operationId}`);
          continue;
        }
        usedWaivers.add(waiver);
        schema = ERRORS_SCHEMA;
      }
      if (!schema) {
        if (res.text) failures.push(`${what}: the document declares no body for ${step.status}, got ${res.text}`);
        continue;
      }
      const body = structuredClone(res.body) as unknown;
      WAIVERS.forEach((w, i) => {
        if (!('fields' in w) || !w.operations.includes(declared.operationId)) return;
        for (const field of w.fields) if (removeField(body, field.split('.'), w.when)) usedWaivers.add(i);
      });
      const validate = doc.ajv.getSchema(schema);
      if (!validate) {
        failures.push(`${what}: cannot resolve ${schema}`);
        continue;
      }
      if (!validate(body)) failures.push(`${what} (${declared.operationId} ${step.status}): ${JSON.stringify(validate.errors)}`);
    }
    expect(failures).toEqual([]);
  });

  it('the walk covers every route the v3 router serves', () => {
    const served = servedRoutes((t.gateway.app as unknown as { router: { stack: Layer[] } }).router.stack).filter((r) => r.includes(' /v3') || r.endsWith(' /'));
    expect(served.length).toBeGreaterThan(50);
    expect(served.filter((r) => !walked.has(r))).toEqual([]);
    console.log(`openapiConformance: ${walked.size} routes walked, ${operations.size} of the document's operations validated: ${[...operations].sort().join(', ')}`);
  });

  it('every waiver is used by the walk', () => {
    expect(WAIVERS.filter((_, i) => !usedWaivers.has(i))).toEqual([]);
  });
});
