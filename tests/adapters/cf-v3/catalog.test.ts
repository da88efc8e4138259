// /v3/service_offerings and /v3/service_plans: the read-only catalog.
import { factories, DEFAULT_PLANS } from '../../helpers/factories';
import { expectCfError, expectNotFound } from '../../helpers/expectations';
import { BASE, useGateway } from '../../helpers/testGateway';

const t = useGateway();
const f = factories(t);

const POSTGRES = '1c9d3a2e-5b6f-4e7a-8c9d-0a1b2c3d4e5f';
const REDIS = '4c0d6e8f-9a1b-4c3d-9e5f-7a9b1c3d5e7f';
const BROKER = '7e1c5d0a-6a43-4f0e-9b8e-2f3c1d7a9b10';
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const names = (res: { body: { resources: { name: string }[] } }) => res.body.resources.map((x) => x.name);

describe('GET /v3/service_offerings', () => {
  it('GET /v3/service_offerings/:guid is the offering in CC key order', async () => {
    const res = await t.admin.get(`/v3/service_offerings/${POSTGRES}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual([
      'guid',
      'created_at',
      'updated_at',
      'name',
      'description',
      'available',
      'tags',
      'requires',
      'shareable',
      'documentation_url',
      'broker_catalog',
      'relationships',
      'metadata',
      'links',
    ]);
    expect(res.body).toEqual({
      guid: POSTGRES,
      created_at: expect.stringMatching(TIME),
      updated_at: expect.stringMatching(TIME),
      name: 'postgres',
      description: 'PostgreSQL databases, shareable across spaces',
      available: true,
      tags: ['sql', 'relational'],
      requires: [],
      shareable: true,
      documentation_url: 'https://www.postgresql.org/docs/',
      broker_catalog: {
        id: POSTGRES,
        metadata: { shareable: true, documentationUrl: 'https://www.postgresql.org/docs/' },
        features: { plan_updateable: true, bindable: true, instances_retrievable: true, bindings_retrievable: false, allow_context_updates: false },
      },
      relationships: { service_broker: { data: { guid: BROKER } } },
      metadata: { labels: {}, annotations: {} },
      links: {
        self: { href: `${BASE}/v3/service_offerings/${POSTGRES}` },
        service_plans: { href: `${BASE}/v3/service_plans?service_offering_guids=${POSTGRES}` },
        service_broker: { href: `${BASE}/v3/service_brokers/${BROKER}` },
      },
    });
  });

  it('GET /v3/service_offerings/:guid of an offering without documentation has documentation_url ""', async () => {
    const res = await t.admin.get(`/v3/service_offerings/${REDIS}`);
    expect(res.body).toMatchObject({ name: 'redis', shareable: false, documentation_url: '' });
  });

  it('GET /v3/service_offerings lists the catalog for any user, filtered by names and ordered by name', async () => {
    const user = await t.as('catalog-reader');
    expect(names(await user.get('/v3/service_offerings'))).toEqual(['postgres', 'redis']);
    expect(names(await user.get('/v3/service_offerings?names=redis'))).toEqual(['redis']);
    expect(names(await user.get('/v3/service_offerings?order_by=-name'))).toEqual(['redis', 'postgres']);
    expect(names(await user.get(`/v3/service_offerings?service_broker_guids=${BROKER}&available=true`))).toEqual(['postgres', 'redis']);
    expect(names(await user.get('/v3/service_offerings?available=false'))).toEqual([]);
  });

  it('GET /v3/service_offerings?label_selector= matches nothing (the catalog has no labels) unless it asks for absence', async () => {
    expect(names(await t.admin.get('/v3/service_offerings?label_selector=tier=gold'))).toEqual([]);
    expect(names(await t.admin.get('/v3/service_offerings?label_selector=!tier'))).toEqual(['postgres', 'redis']);
  });

  it('GET /v3/service_offerings?per_page=1 paginates', async () => {
    const res = await t.admin.get('/v3/service_offerings?per_page=1&page=2');
    expect(names(res)).toEqual(['redis']);
    expect(res.body.pagination).toMatchObject({ total_results: 2, total_pages: 2, next: null, previous: { href: `${BASE}/v3/service_offerings?page=1&per_page=1` } });
  });

  it('GET /v3/service_offerings with a bad parameter is 400', async () => {
    expectCfError(
      await t.admin.get('/v3/service_offerings?per_page=9999'),
      400,
      'CF-BadQueryParameter',
      10005,
      'The query parameter is invalid: Per page must be between 1 and 5000',
    );
    expect((await t.admin.get('/v3/service_offerings?colour=red')).status).toBe(400);
  });

  it('GET /v3/service_offerings/:guid of an unknown guid is 404 Service offering not found', async () => {
    expectNotFound(await t.admin.get('/v3/service_offerings/nope'), 'Service offering not found');
  });
});

describe('GET /v3/service_plans', () => {
  it('GET /v3/service_plans/:guid is the plan in CC key order', async () => {
    const res = await t.admin.get(`/v3/service_plans/${DEFAULT_PLANS.shareable}`);
    expect(Object.keys(res.body)).toEqual([
      'guid',
      'created_at',
      'updated_at',
      'name',
      'visibility_type',
      'available',
      'free',
      'costs',
      'description',
      'maintenance_info',
      'broker_catalog',
      'schemas',
      'relationships',
      'metadata',
      'links',
    ]);
    expect(res.body).toMatchObject({
      guid: DEFAULT_PLANS.shareable,
      name: 'small',
      visibility_type: 'public',
      available: true,
      free: true,
      costs: [],
      maintenance_info: { version: '1.0.0' },
      broker_catalog: { id: DEFAULT_PLANS.shareable, metadata: {}, maximum_polling_duration: null, features: { bindable: true, plan_updateable: true } },
      schemas: { service_instance: { create: { parameters: {} }, update: { parameters: {} } }, service_binding: { create: { parameters: {} } } },
      relationships: { service_offering: { data: { guid: POSTGRES } } },
      links: {
        self: { href: `${BASE}/v3/service_plans/${DEFAULT_PLANS.shareable}` },
        service_offering: { href: `${BASE}/v3/service_offerings/${POSTGRES}` },
        visibility: { href: `${BASE}/v3/service_plans/${DEFAULT_PLANS.shareable}/visibility` },
      },
    });
    expect((await t.admin.get(`/v3/service_plans/${DEFAULT_PLANS.notShareable}`)).body.maintenance_info).toEqual({});
  });

  it('GET /v3/service_plans filters by offering guid and name, plan name and availability', async () => {
    expect(names(await t.admin.get('/v3/service_plans'))).toEqual(['small', 'large', 'cache-small']);
    expect(names(await t.admin.get(`/v3/service_plans?service_offering_guids=${REDIS}`))).toEqual(['cache-small']);
    expect(names(await t.admin.get('/v3/service_plans?service_offering_names=postgres&names=large'))).toEqual(['large']);
    expect(names(await t.admin.get('/v3/service_plans?order_by=name'))).toEqual(['cache-small', 'large', 'small']);
    expect(names(await t.admin.get('/v3/service_plans?available=false'))).toEqual([]);
  });

  it('GET /v3/service_plans?service_instance_guids= lists the plans of those instances', async () => {
    const space = await f.space();
    const si = await f.managedInstance(space.guid, 'plan-filter', DEFAULT_PLANS.notShareable);
    expect(names(await t.admin.get(`/v3/service_plans?service_instance_guids=${si.guid}`))).toEqual(['cache-small']);
    expect(names(await t.admin.get('/v3/service_plans?service_instance_guids=unknown'))).toEqual([]);
  });

  it('GET /v3/service_plans?include=service_offering adds the offerings of the page', async () => {
    const res = await t.admin.get(`/v3/service_plans?service_offering_guids=${REDIS}&include=service_offering`);
    expect(Object.keys(res.body)).toEqual(['pagination', 'resources', 'included']);
    expect(res.body.included.service_offerings.map((o: { guid: string }) => o.guid)).toEqual([REDIS]);
    const one = await t.admin.get(`/v3/service_plans/${DEFAULT_PLANS.notShareable}?include=service_offering`);
    expect(one.body.included.service_offerings.map((o: { guid: string }) => o.guid)).toEqual([REDIS]);
  });

  it('GET /v3/service_plans?include= with an unknown resource is 400', async () => {
    expectCfError(
      await t.admin.get('/v3/service_plans?include=broker'),
      400,
      'CF-BadQueryParameter',
      10005,
      "The query parameter is invalid: Invalid included resource: 'broker'. Valid included resources are: 'space.organization', 'service_offering'",
    );
  });

  it('GET /v3/service_plans/:guid of an unknown guid is 404 Service plan not found', async () => {
    expectNotFound(await t.admin.get('/v3/service_plans/nope'), 'Service plan not found');
  });
});
