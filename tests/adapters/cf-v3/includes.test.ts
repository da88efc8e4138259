// include=... and fields[...] on spaces, service offerings and service plans, as Cloud Controller's messages and
// decorators accept and render them (what the cf CLI v7's `cf marketplace` sends, among others).
import { factories, DEFAULT_PLANS } from '../../helpers/factories';
import { expectCfError, expectNotFound } from '../../helpers/expectations';
import { BASE, startTestGateway, type TestGateway } from '../../helpers/testGateway';

let t: TestGateway;
let f: ReturnType<typeof factories>;

const POSTGRES = '1c9d3a2e-5b6f-4e7a-8c9d-0a1b2c3d4e5f';
const REDIS = '4c0d6e8f-9a1b-4c3d-9e5f-7a9b1c3d5e7f';
const BROKER = '7e1c5d0a-6a43-4f0e-9b8e-2f3c1d7a9b10';
const badQuery = (detail: string) => [400, 'CF-BadQueryParameter', 10005, `The query parameter is invalid: ${detail}`] as const;
const guids = (xs: { guid: string }[]) => xs.map((x) => x.guid);

beforeAll(async () => {
  t = await startTestGateway();
  f = factories(t);
});
afterAll(() => t.close());

describe('GET /v3/spaces?include=organization', () => {
  it('GET /v3/spaces?include=organization adds the organizations of the page, whole, by creation', async () => {
    const first = await f.org();
    const second = await f.org();
    const a = await f.space(second.guid);
    const b = await f.space(first.guid);
    const c = await f.space(second.guid);
    const res = await t.admin.get(`/v3/spaces?guids=${a.guid},${b.guid},${c.guid}&include=organization`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['pagination', 'resources', 'included']);
    expect(Object.keys(res.body.included)).toEqual(['organizations']);
    const orgs = await Promise.all([first, second].map(async (o) => (await t.admin.get(`/v3/organizations/${o.guid}`)).body));
    expect(res.body.included.organizations).toEqual(orgs);
    // `org` is CC's other spelling; the pagination links echo the parameter
    const org = await t.admin.get(`/v3/spaces?guids=${a.guid}&include=org&per_page=1`);
    expect(guids(org.body.included.organizations)).toEqual([second.guid]);
    expect(org.body.pagination.first.href).toBe(`${BASE}/v3/spaces?guids=${a.guid}&include=org&page=1&per_page=1`);
  });

  it('GET /v3/spaces?include=organization with no spaces sets organizations to []', async () => {
    const res = await t.admin.get('/v3/spaces?names=no-such-space&include=organization');
    expect(res.body.included).toEqual({ organizations: [] });
  });

  it("GET /v3/spaces/:guid?include=organization adds the space's organization", async () => {
    const org = await f.org();
    const space = await f.space(org.guid);
    const res = await t.admin.get(`/v3/spaces/${space.guid}?include=organization`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).slice(-2)).toEqual(['links', 'included']);
    expect(res.body.included).toEqual({ organizations: [(await t.admin.get(`/v3/organizations/${org.guid}`)).body] });
    expect((await t.admin.get(`/v3/spaces/${space.guid}`)).body.included).toBeUndefined();
  });

  it('GET /v3/spaces?include= with unknown or repeated values is 400 with one message per value', async () => {
    expectCfError(await t.admin.get('/v3/spaces?include=apps'), ...badQuery("Invalid included resource: 'apps'. Valid included resources are: 'org', 'organization'"));
    expectCfError(
      await t.admin.get('/v3/spaces?include=apps,organization,organization,quota'),
      ...badQuery(
        "Invalid included resource: 'apps'. Valid included resources are: 'org', 'organization', Duplicate included resource: 'organization', Invalid included resource: 'quota'. Valid included resources are: 'org', 'organization'",
      ),
    );
  });

  it('GET /v3/spaces/:guid?include=apps is 400 for a visible space and 404 for a missing one (lookup first)', async () => {
    const space = await f.space();
    expectCfError(
      await t.admin.get(`/v3/spaces/${space.guid}?include=apps`),
      ...badQuery("Invalid included resource: 'apps'. Valid included resources are: 'org', 'organization'"),
    );
    expectCfError(await t.admin.get(`/v3/spaces/${space.guid}?page=1`), ...badQuery("Unknown query parameter(s): 'page'. Valid parameters are: 'include'"));
    expectNotFound(await t.admin.get('/v3/spaces/missing?include=apps'), 'Space not found');
  });
});

describe('GET /v3/service_offerings?fields[service_broker]=', () => {
  it('GET /v3/service_offerings?fields[service_broker]=guid,name adds the brokers, name before guid', async () => {
    const res = await t.admin.get('/v3/service_offerings?fields[service_broker]=guid,name');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['pagination', 'resources', 'included']);
    expect(res.body.included).toEqual({ service_brokers: [{ name: 'sharegate-broker', guid: BROKER }] });
    expect(Object.keys(res.body.included.service_brokers[0])).toEqual(['name', 'guid']);
    expect(res.body.pagination.first.href).toBe(`${BASE}/v3/service_offerings?fields%5Bservice_broker%5D=guid%2Cname&page=1&per_page=50`);
  });

  it('GET /v3/service_offerings?fields[service_broker]=name gives the name alone; no offerings give []', async () => {
    expect((await t.admin.get('/v3/service_offerings?fields[service_broker]=name')).body.included).toEqual({ service_brokers: [{ name: 'sharegate-broker' }] });
    expect((await t.admin.get('/v3/service_offerings?names=none&fields[service_broker]=guid')).body.included).toEqual({ service_brokers: [] });
  });

  it('GET /v3/service_offerings/:guid?fields[service_broker]=guid adds the broker', async () => {
    const res = await t.admin.get(`/v3/service_offerings/${POSTGRES}?fields[service_broker]=guid`);
    expect(res.body.included).toEqual({ service_brokers: [{ guid: BROKER }] });
  });

  it("GET /v3/service_offerings?fields[...] with an unknown resource or key is 400 with CC's messages", async () => {
    expectCfError(await t.admin.get('/v3/service_offerings?fields[service_plan]=guid'), ...badQuery("Fields [service_plan] valid resources are: 'service_broker'"));
    expectCfError(await t.admin.get('/v3/service_offerings?fields[service_broker]=url'), ...badQuery("Fields valid keys for 'service_broker' are: 'guid', 'name'"));
    expectCfError(await t.admin.get('/v3/service_offerings?fields=guid'), ...badQuery('Fields must be an object'));
    expectCfError(
      await t.admin.get('/v3/service_offerings?color=red'),
      ...badQuery(
        "Unknown query parameter(s): 'color'. Valid parameters are: 'page', 'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids', 'available', 'fields', 'broker_catalog_ids', 'service_broker_guids', 'service_broker_names', 'names', 'space_guids', 'organization_guids', 'label_selector'",
      ),
    );
    expectCfError(await t.admin.get(`/v3/service_offerings/${POSTGRES}?page=1`), ...badQuery("Unknown query parameter(s): 'page'. Valid parameters are: 'fields'"));
    expectNotFound(await t.admin.get('/v3/service_offerings/missing?fields[service_plan]=guid'), 'Service offering not found');
  });

  it("GET /v3/service_offerings?broker_catalog_ids= filters by the broker's catalog id", async () => {
    const res = await t.admin.get(`/v3/service_offerings?broker_catalog_ids=${REDIS}`);
    expect(guids(res.body.resources)).toEqual([REDIS]);
  });
});

describe('GET /v3/service_plans with include and fields', () => {
  it('GET /v3/service_plans?include=service_offering&fields[service_offering.service_broker]=name,guid is what cf marketplace reads', async () => {
    const space = await f.space();
    const res = await t.admin.get(`/v3/service_plans?fields[service_offering.service_broker]=name,guid&include=service_offering&space_guids=${space.guid}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.included)).toEqual(['service_offerings', 'service_brokers']);
    const offerings = await Promise.all([POSTGRES, REDIS].map(async (g) => (await t.admin.get(`/v3/service_offerings/${g}`)).body));
    expect(res.body.included.service_offerings).toEqual(offerings);
    expect(res.body.included.service_brokers).toEqual([{ name: 'sharegate-broker', guid: BROKER }]);
  });

  it('GET /v3/service_plans?include=space.organization,service_offering sets spaces and organizations to [] (the broker is global)', async () => {
    const res = await t.admin.get(`/v3/service_plans?service_offering_guids=${REDIS}&include=space.organization,service_offering`);
    expect(Object.keys(res.body.included)).toEqual(['spaces', 'organizations', 'service_offerings']);
    expect(res.body.included.spaces).toEqual([]);
    expect(res.body.included.organizations).toEqual([]);
    expect(guids(res.body.included.service_offerings)).toEqual([REDIS]);
  });

  it("GET /v3/service_plans keeps CC's key order in included whatever the order of include", async () => {
    const res = await t.admin.get('/v3/service_plans?include=service_offering,space.organization&fields[service_offering.service_broker]=guid');
    expect(Object.keys(res.body.included)).toEqual(['spaces', 'organizations', 'service_offerings', 'service_brokers']);
    // one offering per plan's offering, deduplicated and by (created_at, guid)
    expect(guids(res.body.included.service_offerings)).toEqual([POSTGRES, REDIS]);
    expect(res.body.included.service_brokers).toEqual([{ guid: BROKER }]);
  });

  it('GET /v3/service_plans?names=none&include=service_offering sets service_offerings to []', async () => {
    const res = await t.admin.get('/v3/service_plans?names=none&include=service_offering,space.organization&fields[service_offering.service_broker]=name');
    expect(res.body.included).toEqual({ spaces: [], organizations: [], service_offerings: [], service_brokers: [] });
  });

  it('GET /v3/service_plans/:guid?include=space.organization,service_offering returns included', async () => {
    const res = await t.admin.get(`/v3/service_plans/${DEFAULT_PLANS.shareable}?include=space.organization,service_offering&fields[service_offering.service_broker]=guid,name`);
    expect(res.status).toBe(200);
    expect(res.body.included).toEqual({
      spaces: [],
      organizations: [],
      service_offerings: [(await t.admin.get(`/v3/service_offerings/${POSTGRES}`)).body],
      service_brokers: [{ name: 'sharegate-broker', guid: BROKER }],
    });
    expect((await t.admin.get(`/v3/service_plans/${DEFAULT_PLANS.shareable}?include=space.organization`)).body.included).toEqual({ spaces: [], organizations: [] });
  });

  it("GET /v3/service_plans?include= and fields[...] errors are 400 with CC's messages; the show validates before the lookup", async () => {
    expectCfError(await t.admin.get('/v3/service_plans?include=service_offering,service_offering'), ...badQuery("Duplicate included resource: 'service_offering'"));
    expectCfError(
      await t.admin.get('/v3/service_plans?fields[service_offering]=guid'),
      ...badQuery("Fields [service_offering] valid resources are: 'service_offering.service_broker'"),
    );
    expectCfError(
      await t.admin.get('/v3/service_plans?fields[service_offering.service_broker]=url'),
      ...badQuery("Fields valid keys for 'service_offering.service_broker' are: 'guid', 'name'"),
    );
    expectCfError(
      await t.admin.get('/v3/service_plans/missing?include=broker'),
      ...badQuery("Invalid included resource: 'broker'. Valid included resources are: 'space.organization', 'service_offering'"),
    );
    expectCfError(
      await t.admin.get('/v3/service_plans?color=red'),
      ...badQuery(
        "Unknown query parameter(s): 'color'. Valid parameters are: 'page', 'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids', 'available', 'fields', 'broker_catalog_ids', 'names', 'organization_guids', 'service_broker_guids', 'service_broker_names', 'service_instance_guids', 'service_offering_guids', 'service_offering_names', 'space_guids', 'include', 'label_selector'",
      ),
    );
    expectNotFound(await t.admin.get('/v3/service_plans/missing?include=service_offering'), 'Service plan not found');
  });
});

describe('GET /v3/roles?include=', () => {
  it('GET /v3/roles?include= with repeated and unknown values is 422 with one message per value', async () => {
    expectCfError(
      await t.admin.get('/v3/roles?include=user,user,apps'),
      422,
      'CF-UnprocessableEntity',
      10008,
      "Duplicate included resource: 'user', Invalid included resource: 'apps'. Valid included resources are: 'user', 'space', 'organization'",
    );
  });
});

describe("GET /v3/service_instances with fields[...] (CC's FieldServiceInstance decorators)", () => {
  const CATALOG_FIELDS =
    'fields[service_plan]=name,guid&fields[service_plan.service_offering]=tags,guid,name,description,documentation_url,relationships.service_broker&fields[service_plan.service_offering.service_broker]=guid,name';

  it("GET /v3/service_instances?fields[...] builds offering and broker views in CC's key order", async () => {
    const space = await f.space();
    const si = await f.managedInstance(space.guid);
    const res = await t.admin.get(`/v3/service_instances?names=${si.name}&${CATALOG_FIELDS}`);
    expect(Object.keys(res.body.included)).toEqual(['service_plans', 'service_offerings', 'service_brokers']);
    expect(Object.keys(res.body.included.service_offerings[0])).toEqual(['name', 'guid', 'description', 'tags', 'documentation_url', 'relationships']);
    expect(res.body.included.service_offerings[0]).toEqual({
      name: 'postgres',
      guid: POSTGRES,
      description: 'PostgreSQL databases, shareable across spaces',
      tags: ['sql', 'relational'],
      documentation_url: 'https://www.postgresql.org/docs/',
      relationships: { service_broker: { data: { guid: BROKER } } },
    });
    expect(Object.keys(res.body.included.service_brokers[0])).toEqual(['name', 'guid']);
  });

  it('GET /v3/service_instances?fields[...] on a page without managed instances sets no catalog key, but spaces', async () => {
    const space = await f.space();
    const ups = await f.userProvidedInstance(space.guid);
    const res = await t.admin.get(`/v3/service_instances?names=${ups.name}&${CATALOG_FIELDS}&fields[space]=guid`);
    expect(res.body.included).toEqual({ spaces: [{ guid: space.guid }] });
    const none = await t.admin.get(`/v3/service_instances?names=nothing-here&${CATALOG_FIELDS}`);
    expect(Object.keys(none.body)).toEqual(['pagination', 'resources']);
    const empty = await t.admin.get('/v3/service_instances?names=nothing-here&fields[space]=guid');
    expect(empty.body.included).toEqual({ spaces: [] });
  });
});
