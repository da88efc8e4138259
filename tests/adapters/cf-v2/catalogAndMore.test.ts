// /v2/user_provided_service_instances, the catalog, feature flags, space service lists and events.
import { DEFAULT_PLANS, factories } from '../../helpers/factories';
import { startTestGateway, type Client, type TestGateway } from '../../helpers/testGateway';

let t: TestGateway;
let f: ReturnType<typeof factories>;
let dev: Client;
let space: string;

beforeAll(async () => {
  t = await startTestGateway();
  f = factories(t);
  space = (await f.space()).guid;
  dev = await t.as('more-dev');
  await f.role(dev, 'space_developer', space);
});
afterAll(() => t.close());

const err = (res: { status: number; body: Record<string, unknown> }) => [res.status, res.body.error_code, res.body.code];

describe('/v2/user_provided_service_instances', () => {
  it('POST with name and space_guid only answers 201 with CC defaults and a Location', async () => {
    const res = await dev.post('/v2/user_provided_service_instances', { name: 'ups-1', space_guid: space });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/v2/user_provided_service_instances/${res.body.metadata.guid}`);
    expect(res.body.entity).toEqual({
      name: 'ups-1',
      credentials: {},
      space_guid: space,
      type: 'user_provided_service_instance',
      syslog_drain_url: '',
      route_service_url: '',
      tags: [],
      space_url: `/v2/spaces/${space}`,
      service_bindings_url: `/v2/user_provided_service_instances/${res.body.metadata.guid}/service_bindings`,
      routes_url: `/v2/user_provided_service_instances/${res.body.metadata.guid}/routes`,
    });
  });
  it('an http route service URL is 400 ServiceInstanceRouteServiceURLInvalid "must be https"', async () => {
    const res = await dev.post('/v2/user_provided_service_instances', { name: 'ups-http', space_guid: space, route_service_url: 'http://x.com' });
    expect(err(res)).toEqual([400, 'CF-ServiceInstanceRouteServiceURLInvalid', 60019]);
    expect(res.body.description).toContain('must be https');
  });
  it('PUT replaces credentials (201); another space_guid is 400; {} is 201; the v3 view agrees', async () => {
    const guid = (await dev.post('/v2/user_provided_service_instances', { name: 'ups-2', space_guid: space, credentials: { a: 1 } })).body.metadata.guid;
    const put = await dev.put(`/v2/user_provided_service_instances/${guid}`, { credentials: { b: 2 } });
    expect(put.status).toBe(201);
    expect(put.body.entity.credentials).toEqual({ b: 2 });
    const moved = await dev.put(`/v2/user_provided_service_instances/${guid}`, { space_guid: (await f.space()).guid });
    expect(err(moved)).toEqual([400, 'CF-ServiceInstanceInvalid', 60003]);
    expect(moved.body.description).toMatch(/cannot change space for service instance/);
    expect((await dev.put(`/v2/user_provided_service_instances/${guid}`, {})).status).toBe(201);
    expect((await dev.get(`/v3/service_instances/${guid}/credentials`)).body).toEqual({ b: 2 });
  });
  it('lists only user-provided instances; unknown guid is 404 340001; DELETE 204', async () => {
    await dev.post('/v2/service_instances', { name: 'managed-x', space_guid: space, service_plan_guid: DEFAULT_PLANS.shareable });
    const list = await dev.get(`/v2/user_provided_service_instances?q=space_guid:${space}`);
    expect(list.body.resources.every((r: { entity: { type: string } }) => r.entity.type === 'user_provided_service_instance')).toBe(true);
    expect(err(await dev.get('/v2/user_provided_service_instances/nope'))).toEqual([404, 'CF-UserProvidedServiceInstanceNotFound', 340001]);
    const guid = list.body.resources[0].metadata.guid;
    expect((await dev.delete(`/v2/user_provided_service_instances/${guid}`)).status).toBe(204);
    expect((await dev.get(`/v3/service_instances/${guid}`)).status).toBe(404);
  });
});

describe('catalog', () => {
  it('GET /v2/services and /v2/service_plans?q=service_guid: use the v3 guids', async () => {
    const services = await dev.get('/v2/services');
    const v3 = await dev.get('/v3/service_offerings');
    expect(services.body.resources.map((r: { metadata: { guid: string } }) => r.metadata.guid).sort()).toEqual(v3.body.resources.map((r: { guid: string }) => r.guid).sort());
    const postgres = services.body.resources.find((r: { entity: { label: string } }) => r.entity.label === 'postgres');
    const plans = await dev.get(`/v2/service_plans?q=service_guid:${postgres.metadata.guid}`);
    expect(plans.body.resources.map((r: { metadata: { guid: string } }) => r.metadata.guid)).toEqual([DEFAULT_PLANS.shareable, DEFAULT_PLANS.shareableLarge]);
    expect((await dev.get(`/v2/service_plans/${DEFAULT_PLANS.shareable}`)).body.entity.service_guid).toBe(postgres.metadata.guid);
    expect(err(await dev.get('/v2/service_plans/nope'))).toEqual([404, 'CF-ServicePlanNotFound', 110003]);
    expect(err(await dev.get('/v2/services/nope'))).toEqual([404, 'CF-ServiceNotFound', 120003]);
    expect(err(await dev.get('/v2/service_plans?q=bogus:1'))).toEqual([400, 'CF-BadQueryParameter', 10005]);
  });
  it('GET /v2/spaces/:guid/services?q=label:postgres finds the one offering', async () => {
    const res = await dev.get(`/v2/spaces/${space}/services?q=label:postgres`);
    expect(res.body.resources.map((r: { entity: { label: string } }) => r.entity.label)).toEqual(['postgres']);
  });
  it('GET /v2/service_plan_visibilities is an empty list (every plan is public)', async () => {
    expect((await t.admin.get('/v2/service_plan_visibilities')).body.total_results).toBe(0);
  });
});

describe('/v2/config/feature_flags', () => {
  it('lists and reads flags; a non-admin PUT is 403; an unknown flag 404', async () => {
    const one = await dev.get('/v2/config/feature_flags/service_instance_sharing');
    expect(one.body).toEqual({ name: 'service_instance_sharing', enabled: true, error_message: null, url: '/v2/config/feature_flags/service_instance_sharing' });
    expect((await dev.get('/v2/config/feature_flags')).body.length).toBeGreaterThan(5);
    expect(err(await dev.put('/v2/config/feature_flags/route_sharing', { enabled: true }))).toEqual([403, 'CF-NotAuthorized', 10003]);
    expect(err(await dev.get('/v2/config/feature_flags/nope'))).toEqual([404, 'CF-FeatureFlagNotFound', 330000]);
    const put = await t.admin.put('/v2/config/feature_flags/route_sharing', { enabled: true, error_message: 'no' });
    expect(put.body).toMatchObject({ enabled: true, error_message: 'no' });
    expect((await t.admin.get('/v3/feature_flags/route_sharing')).body.enabled).toBe(true);
  });
});

describe('GET /v2/spaces/:guid/service_instances and summary', () => {
  it('lists managed instances, and user-provided ones with the flag kept in next_url', async () => {
    const s = (await f.space()).guid;
    await t.admin.post('/v2/service_instances', { name: 'm1', space_guid: s, service_plan_guid: DEFAULT_PLANS.shareable });
    await t.admin.post('/v2/service_instances', { name: 'm2', space_guid: s, service_plan_guid: DEFAULT_PLANS.shareable });
    await t.admin.post('/v2/user_provided_service_instances', { name: 'u1', space_guid: s });
    expect((await t.admin.get(`/v2/spaces/${s}/service_instances`)).body.total_results).toBe(2);
    const all = await t.admin.get(`/v2/spaces/${s}/service_instances?return_user_provided_service_instances=true&results-per-page=1`);
    expect(all.body.total_results).toBe(3);
    expect(all.body.next_url).toBe(`/v2/spaces/${s}/service_instances?order-direction=asc&page=2&results-per-page=1&return_user_provided_service_instances=true`);
    const named = await t.admin.get(`/v2/spaces/${s}/service_instances?q=name:u1&return_user_provided_service_instances=true&inline-relations-depth=1`);
    expect(named.body.resources[0].entity).toMatchObject({ name: 'u1', service_bindings: [] });
    const summary = await t.admin.get(`/v2/spaces/${s}/summary`);
    expect(summary.body.apps).toEqual([]);
    expect(summary.body.services.find((x: { name: string }) => x.name === 'm1').service_plan.service.label).toBe('postgres');
  });
});

describe('GET /v2/spaces/:guid/events', () => {
  it("lists that space's events only; a space the caller cannot see is 403, an unknown one 404", async () => {
    const other = (await f.space()).guid;
    await t.admin.post('/v2/user_provided_service_instances', { name: 'elsewhere', space_guid: other });
    const guid = (await dev.post('/v2/user_provided_service_instances', { name: 'here', space_guid: space })).body.metadata.guid;
    const res = await dev.get(`/v2/spaces/${space}/events?q=type:audit.user_provided_service_instance.create`);
    expect(res.body.resources.map((r: { entity: { actee: string } }) => r.entity.actee)).toContain(guid);
    expect(res.body.resources.every((r: { entity: { space_guid: string } }) => r.entity.space_guid === space)).toBe(true);
    expect(err(await dev.get(`/v2/spaces/${other}/events`))).toEqual([403, 'CF-NotAuthorized', 10003]);
    expect(err(await dev.get('/v2/spaces/nope/events'))).toEqual([404, 'CF-SpaceNotFound', 40004]);
  });
});

describe('GET /v2/events', () => {
  it('lists instance events with q on type and actee', async () => {
    const guid = (await dev.post('/v2/user_provided_service_instances', { name: 'evented', space_guid: space })).body.metadata.guid;
    const res = await dev.get(`/v2/events?q=actee:${guid}&q=type:audit.user_provided_service_instance.create`);
    expect(res.body.total_results).toBe(1);
    expect(res.body.resources[0].entity).toMatchObject({ type: 'audit.user_provided_service_instance.create', actee: guid, actee_name: 'evented', space_guid: space });
    expect(err(await dev.get('/v2/events?q=bogus:1'))).toEqual([400, 'CF-BadQueryParameter', 10005]);
  });
});
