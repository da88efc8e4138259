// Shared instances seen from either side, who may read what, and the edges of q and of request parsing.
import { DEFAULT_PLANS, factories } from '../../helpers/factories';
import { startTestGateway, type Client, type TestGateway } from '../../helpers/testGateway';

let t: TestGateway;
let f: ReturnType<typeof factories>;
let dev: Client;
let orgAuditor: Client;
let billing: Client;
let org: string;
let spaceA: string;
let spaceS: string;

beforeAll(async () => {
  t = await startTestGateway();
  f = factories(t);
  org = (await f.org()).guid;
  spaceA = (await f.space(org)).guid;
  spaceS = (await f.space(org)).guid;
  dev = await t.as('edge-dev');
  orgAuditor = await t.as('edge-org-auditor');
  billing = await t.as('edge-billing');
  await f.role(dev, 'space_developer', spaceA);
  await f.role(dev, 'space_developer', spaceS);
  await f.role(orgAuditor, 'organization_auditor', org);
  await f.role(billing, 'organization_billing_manager', org);
});
afterAll(() => t.close());

const err = (res: { status: number; body: Record<string, unknown> }) => [res.status, res.body.error_code, res.body.code];
const create = (space: string, name: string) => dev.post('/v2/service_instances', { name, space_guid: space, service_plan_guid: DEFAULT_PLANS.shareable });

describe('names and shares (contract case 28)', () => {
  it('an instance shared into S takes its name there; an unshared one of another space does not', async () => {
    const foo = (await create(spaceA, 'foo')).body.metadata.guid;
    await dev.post(`/v3/service_instances/${foo}/relationships/shared_spaces`, { data: [{ guid: spaceS }] });
    expect(err(await create(spaceS, 'foo'))).toEqual([400, 'CF-ServiceInstanceNameTaken', 60002]);
    expect((await create(spaceA, 'bar')).status).toBe(201);
    expect((await create(spaceS, 'bar')).status).toBe(201);
  });
});

describe('readers of a shared instance', () => {
  let guid: string;
  beforeAll(async () => {
    guid = (await create(spaceA, 'shared-readers')).body.metadata.guid;
    await dev.post(`/v3/service_instances/${guid}/relationships/shared_spaces`, { data: [{ guid: spaceS }] });
  });
  it('an org auditor of the source org gets a bare 404 from shared_from', async () => {
    const res = await orgAuditor.get(`/v2/service_instances/${guid}/shared_from`);
    expect(err(res)).toEqual([404, 'CF-NotFound', 10000]);
  });
  it('a billing manager gets 404 ServiceInstanceNotFound from shared_to', async () => {
    const res = await billing.get(`/v2/service_instances/${guid}/shared_to`);
    expect(err(res)).toEqual([404, 'CF-ServiceInstanceNotFound', 60004]);
    expect(res.body.description).toBe(`The service instance could not be found: ${guid}`);
  });
  it('shared_to pages with links under the instance', async () => {
    const res = await dev.get(`/v2/service_instances/${guid}/shared_to?results-per-page=1`);
    expect(res.body).toMatchObject({ total_results: 1, total_pages: 1, prev_url: null, next_url: null });
  });
  it('an unknown guid is 404 ServiceInstanceNotFound on shared_from and shared_to', async () => {
    expect(err(await dev.get('/v2/service_instances/nope/shared_from'))).toEqual([404, 'CF-ServiceInstanceNotFound', 60004]);
    expect(err(await dev.get('/v2/service_instances/nope/shared_to'))).toEqual([404, 'CF-ServiceInstanceNotFound', 60004]);
  });
  it('the summary of the target space shows it shared from the source', async () => {
    const summary = await dev.get(`/v2/spaces/${spaceS}/summary`);
    const item = summary.body.services.find((s: { guid: string }) => s.guid === guid);
    expect(item.shared_from).toMatchObject({ space_guid: spaceA });
    const source = await dev.get(`/v2/spaces/${spaceA}/summary`);
    expect(source.body.services.find((s: { guid: string }) => s.guid === guid).shared_to).toEqual([expect.objectContaining({ space_guid: spaceS })]);
  });
  it('q=space_guid lists instances of the owning space only', async () => {
    const res = await dev.get(`/v2/service_instances?q=space_guid:${spaceS}`);
    expect(res.body.resources.map((r: { metadata: { guid: string } }) => r.metadata.guid)).not.toContain(guid);
    const spaceList = await dev.get(`/v2/spaces/${spaceS}/service_instances`);
    expect(spaceList.body.resources.map((r: { metadata: { guid: string } }) => r.metadata.guid)).toContain(guid);
  });
});

describe('scopes on permissions (contract case 56)', () => {
  it('a write-only token is 403 InsufficientScope; cloud_controller_service_permissions.read is enough', async () => {
    const guid = (await create(spaceA, 'perm-scope')).body.metadata.guid;
    const writeOnly = await t.as('edge-dev', { scopes: ['cloud_controller.write'] });
    expect(err(await writeOnly.get(`/v2/service_instances/${guid}/permissions`))).toEqual([403, 'CF-InsufficientScope', 10007]);
    const permsOnly = await t.as('edge-dev', { scopes: ['cloud_controller_service_permissions.read'] });
    expect((await permsOnly.get(`/v2/service_instances/${guid}/permissions`)).body).toEqual({ manage: true, read: true });
    const readOnly = await t.as('edge-dev', { scopes: ['cloud_controller.read'] });
    expect(err(await readOnly.post('/v2/service_instances', { name: 'x', space_guid: spaceA, service_plan_guid: DEFAULT_PLANS.shareable }))).toEqual([
      403,
      'CF-InsufficientScope',
      10007,
    ]);
  });
});

describe('q and list edges', () => {
  beforeAll(async () => {
    await create(spaceA, 'semi;colon');
  });
  const names = async (q: string) => (await dev.get(`/v2/service_instances?${q}`)).body.resources.map((r: { entity: { name: string } }) => r.entity.name);
  it(';; is a literal semicolon and a trailing ; is harmless', async () => {
    expect(await names('q=name:semi;;colon')).toEqual(['semi;colon']);
    expect(await names(`q=space_guid:${spaceA};`)).toContain('semi;colon');
  });
  it('an unknown guid in a *_guid filter is an empty list', async () => {
    expect((await dev.get('/v2/service_instances?q=service_plan_guid:nope')).body.total_results).toBe(0);
  });
  it('inline-relations-depth=1 embeds the plan and empty relation lists', async () => {
    const res = await dev.get(`/v2/service_instances?q=name:semi;;colon&inline-relations-depth=1`);
    expect(res.body.resources[0].entity).toMatchObject({ service_plan: { metadata: { guid: DEFAULT_PLANS.shareable } }, service_bindings: [], service_keys: [], routes: [] });
    expect(err(await dev.get(`/v2/service_instances/${res.body.resources[0].metadata.guid}?inline-relations-depth=4`))).toEqual([400, 'CF-BadQueryParameter', 10005]);
  });
  it('next_url keeps inline-relations-depth and q, keys sorted', async () => {
    await create(spaceA, 'semi2');
    const res = await dev.get(`/v2/service_instances?q=space_guid:${spaceA}&results-per-page=1&inline-relations-depth=0`);
    expect(res.body.next_url).toBe(`/v2/service_instances?inline-relations-depth=0&order-direction=asc&page=2&q=space_guid:${spaceA}&results-per-page=1`);
  });
  it('a q value with spaces is encoded as %20 in the links', async () => {
    const res = await dev.get(`/v2/service_instances?q=name%20IN%20semi2,other&results-per-page=1&page=2`);
    expect(res.body.prev_url).toBe('/v2/service_instances?order-direction=asc&page=1&q=name%20IN%20semi2,other&results-per-page=1');
  });
  it('order-by on service instances is CF-OrderByParameterInvalid', async () => {
    const res = await dev.get('/v2/service_instances?order-by=name');
    expect(err(res)).toEqual([400, 'CF-OrderByParameterInvalid', 10012]);
    expect(res.body.description).toBe('Cannot order by: name');
  });
});

describe('request edges', () => {
  it('a malformed percent-encoding in the path is 400 InvalidRequest in v2 format', async () => {
    const res = await dev.get('/v2/service_instances/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.body.error_code).toBe('CF-InvalidRequest');
  });
  it('a user-provided instance with a 256-character name, or credentials that are not an object, is refused and nothing is created', async () => {
    const before = (await dev.get(`/v2/user_provided_service_instances?q=space_guid:${spaceA}`)).body.total_results;
    expect(err(await dev.post('/v2/user_provided_service_instances', { name: 'u'.repeat(256), space_guid: spaceA }))).toEqual([400, 'CF-ServiceInstanceNameTooLong', 60009]);
    const typed = await dev.post('/v2/user_provided_service_instances', { name: 'typed', space_guid: spaceA, credentials: 'secret' });
    expect(err(typed)).toEqual([400, 'CF-MessageParseError', 1001]);
    expect(typed.body.description).toBe('Request invalid due to parse error: Field: credentials, Error: Expected instance of Hash, given an instance of String');
    expect((await dev.get(`/v2/user_provided_service_instances?q=space_guid:${spaceA}`)).body.total_results).toBe(before);
  });
  it('PUT /v2/user_provided_service_instances/:guid of a managed instance is 404 340001', async () => {
    const guid = (await create(spaceA, 'managed-not-ups')).body.metadata.guid;
    expect(err(await dev.put(`/v2/user_provided_service_instances/${guid}`, { name: 'x' }))).toEqual([404, 'CF-UserProvidedServiceInstanceNotFound', 340001]);
    expect((await dev.get(`/v2/service_instances/${guid}`)).body.entity.name).toBe('managed-not-ups');
  });
  it('null members count as absent: PUT {"name":null} changes nothing and answers 201', async () => {
    const guid = (await create(spaceA, 'null-member')).body.metadata.guid;
    const res = await dev.put(`/v2/service_instances/${guid}`, { name: null });
    expect(res.status).toBe(201);
    expect(res.body.entity.name).toBe('null-member');
  });
});

describe('GET /v2/managed_service_instances (deprecated)', () => {
  it('answers as /v2/service_instances with X-Cf-Warnings: Endpoint+deprecated', async () => {
    const guid = (await create(spaceA, 'old-alias')).body.metadata.guid;
    const one = await dev.get(`/v2/managed_service_instances/${guid}`);
    expect(one.status).toBe(200);
    expect(one.headers['x-cf-warnings']).toBe('Endpoint+deprecated');
    expect(one.body.metadata.url).toBe(`/v2/service_instances/${guid}`);
    const list = await dev.get(`/v2/managed_service_instances?q=name:old-alias`);
    expect(list.body.resources.map((r: { metadata: { guid: string } }) => r.metadata.guid)).toEqual([guid]);
    expect(list.headers['x-cf-warnings']).toBe('Endpoint+deprecated');
  });
});
