// What the links in v3 answers point at: plan visibility, space features, an organization's domains and quota, the
// built-in service broker, and the (empty) binding lists; and a walk that follows every link sharegate renders.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { factories, DEFAULT_PLANS } from '../../helpers/factories';
import { expectCfError, expectNotFound } from '../../helpers/expectations';
import { BASE, startTestGateway, type Client, type TestGateway } from '../../helpers/testGateway';

let t: TestGateway;
let f: ReturnType<typeof factories>;

const BROKER = '7e1c5d0a-6a43-4f0e-9b8e-2f3c1d7a9b10';
const QUOTA = 'e6c2a1f0-3b7d-4c8e-9a51-0d4f7b2e8c13'; // the core's default quota, the same in v2 and v3
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const badQuery = (detail: string) => [400, 'CF-BadQueryParameter', 10005, `The query parameter is invalid: ${detail}`] as const;
const emptyPage = (path: string, query = 'page=1&per_page=50') => ({
  pagination: { total_results: 0, total_pages: 1, first: { href: `${BASE}${path}?${query}` }, last: { href: `${BASE}${path}?${query}` }, next: null, previous: null },
  resources: [],
});

beforeAll(async () => {
  t = await startTestGateway();
  f = factories(t);
});
afterAll(() => t.close());

describe('GET /v3/service_plans/:guid/visibility', () => {
  it('GET /v3/service_plans/:guid/visibility of a public plan is {"type":"public"}', async () => {
    const res = await t.admin.get(`/v3/service_plans/${DEFAULT_PLANS.shareable}/visibility`);
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { type: 'public' } });
    const plan = await t.admin.get(`/v3/service_plans/${DEFAULT_PLANS.shareable}`);
    expect(plan.body.links.visibility.href).toBe(`${BASE}/v3/service_plans/${DEFAULT_PLANS.shareable}/visibility`);
  });

  it('GET /v3/service_plans/:guid/visibility of a plan the catalog does not make public is {"type":"admin"}', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-'));
    const file = path.join(dir, 'catalog.json');
    fs.writeFileSync(file, JSON.stringify({ services: [{ id: 'svc-v', name: 'svc', plans: [{ id: 'p-private', name: 'private', public: false }] }] }));
    const c = await startTestGateway({ CATALOG_FILE: file });
    try {
      expect((await c.admin.get('/v3/service_plans/p-private/visibility')).body).toEqual({ type: 'admin' });
      expect((await c.admin.get('/v3/service_plans/p-private')).body.visibility_type).toBe('admin');
    } finally {
      await c.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('GET /v3/service_plans/:guid/visibility of an unknown plan is 404 Service plan not found', async () => {
    expectNotFound(await t.admin.get('/v3/service_plans/missing/visibility'), 'Service plan not found');
  });
});

describe('GET /v3/spaces/:guid/features', () => {
  it('GET /v3/spaces/:guid/features lists ssh, disabled (no apps run here)', async () => {
    const space = await f.space();
    const res = await t.admin.get(`/v3/spaces/${space.guid}/features`);
    expect({ status: res.status, body: res.body }).toEqual({
      status: 200,
      body: { resources: [{ name: 'ssh', description: 'Enable SSHing into apps in the space.', enabled: false }] },
    });
    const one = await t.admin.get(`/v3/spaces/${space.guid}/features/ssh`);
    expect(one.body).toEqual({ name: 'ssh', description: 'Enable SSHing into apps in the space.', enabled: false });
    expect(Object.keys(one.body)).toEqual(['name', 'description', 'enabled']);
  });

  it('GET /v3/spaces/:guid/features/:name of another feature is 404 Feature not found; of an invisible space 404 Space not found', async () => {
    const space = await f.space();
    expectNotFound(await t.admin.get(`/v3/spaces/${space.guid}/features/docker`), 'Feature not found');
    expectNotFound(await t.admin.get('/v3/spaces/missing/features'), 'Space not found');
    const stranger = await t.as('features-stranger');
    expectNotFound(await stranger.get(`/v3/spaces/${space.guid}/features/ssh`), 'Space not found');
  });
});

describe('GET /v3/organizations/:guid/domains', () => {
  it('GET /v3/organizations/:guid/domains is an empty page (sharegate serves no domains)', async () => {
    const org = await f.org();
    const res = await t.admin.get(`/v3/organizations/${org.guid}/domains`);
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: emptyPage(`/v3/organizations/${org.guid}/domains`) });
    const named = await t.admin.get(`/v3/organizations/${org.guid}/domains?names=apps.example.org&per_page=10`);
    expect(named.body).toEqual(emptyPage(`/v3/organizations/${org.guid}/domains`, 'names=apps.example.org&page=1&per_page=10'));
  });

  it('GET /v3/organizations/:guid/domains validates the query after the organization lookup', async () => {
    const org = await f.org();
    expectCfError(
      await t.admin.get(`/v3/organizations/${org.guid}/domains?include=x`),
      ...badQuery(
        "Unknown query parameter(s): 'include'. Valid parameters are: 'page', 'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids', 'names', 'guids', 'organization_guids', 'label_selector'",
      ),
    );
    expectNotFound(await t.admin.get('/v3/organizations/missing/domains?include=x'), 'Organization not found');
  });

  it('GET /v3/organizations/:guid/domains/default is 404 Domain not found: no organization has a default domain here', async () => {
    const org = await f.org();
    expectNotFound(await t.admin.get(`/v3/organizations/${org.guid}/domains/default`), 'Domain not found');
    expectNotFound(await t.admin.get('/v3/organizations/missing/domains/default'), 'Organization not found');
  });
});

describe('isolation segments (what cf org reads)', () => {
  it('GET /v3/isolation_segments?organization_guids= is an empty page: no apps, so no isolation segments', async () => {
    const org = await f.org();
    const res = await t.admin.get(`/v3/isolation_segments?organization_guids=${org.guid}`);
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: emptyPage('/v3/isolation_segments', `organization_guids=${org.guid}&page=1&per_page=50`) });
    expectCfError(
      await t.admin.get('/v3/isolation_segments?space_guids=x'),
      ...badQuery(
        "Unknown query parameter(s): 'space_guids'. Valid parameters are: 'page', 'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids', 'names', 'organization_guids', 'label_selector'",
      ),
    );
  });

  it('GET /v3/organizations/:guid/relationships/default_isolation_segment is data null with only a self link', async () => {
    const org = await f.org();
    const res = await t.admin.get(`/v3/organizations/${org.guid}/relationships/default_isolation_segment`);
    expect({ status: res.status, body: res.body }).toEqual({
      status: 200,
      body: { data: null, links: { self: { href: `${BASE}/v3/organizations/${org.guid}/relationships/default_isolation_segment` } } },
    });
    expectNotFound(await (await t.as('iso-stranger')).get(`/v3/organizations/${org.guid}/relationships/default_isolation_segment`), 'Organization not found');
  });
});

describe('GET /v3/organization_quotas', () => {
  it('GET /v3/organization_quotas/:guid is the default quota: no limits, paid plans allowed, every readable organization', async () => {
    const org = await f.org();
    expect((await t.admin.get(`/v3/organizations/${org.guid}`)).body.relationships.quota.data.guid).toBe(QUOTA);
    const res = await t.admin.get(`/v3/organization_quotas/${QUOTA}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['guid', 'created_at', 'updated_at', 'name', 'apps', 'services', 'routes', 'domains', 'relationships', 'links']);
    const orgs = (await t.admin.get('/v3/organizations?per_page=5000')).body.resources.map((o: { guid: string }) => ({ guid: o.guid }));
    expect(res.body).toEqual({
      guid: QUOTA,
      created_at: expect.stringMatching(TIME),
      updated_at: expect.stringMatching(TIME),
      name: 'default',
      apps: { total_memory_in_mb: null, per_process_memory_in_mb: null, total_instances: null, per_app_tasks: null, log_rate_limit_in_bytes_per_second: null },
      services: { paid_services_allowed: true, total_service_instances: null, total_service_keys: null },
      routes: { total_routes: null, total_reserved_ports: null },
      domains: { total_domains: null },
      relationships: { organizations: { data: orgs } },
      links: { self: { href: `${BASE}/v3/organization_quotas/${QUOTA}` } },
    });
    expect(orgs).toContainEqual({ guid: org.guid });
  });

  it('GET /v3/organization_quotas/:guid as a member lists only the organizations it can read', async () => {
    const mine = await f.org();
    await f.org();
    const member = await t.as('quota-member');
    await f.role(member, 'organization_user', mine.guid);
    const res = await member.get(`/v3/organization_quotas/${QUOTA}`);
    expect(res.body.relationships.organizations.data).toEqual([{ guid: mine.guid }]);
  });

  it('GET /v3/organization_quotas lists the default quota, filtered by names and organization_guids', async () => {
    const org = await f.org();
    const list = await t.admin.get('/v3/organization_quotas');
    expect(list.body.pagination.total_results).toBe(1);
    expect(list.body.resources).toEqual([(await t.admin.get(`/v3/organization_quotas/${QUOTA}`)).body]);
    expect((await t.admin.get('/v3/organization_quotas?names=default')).body.pagination.total_results).toBe(1);
    expect((await t.admin.get('/v3/organization_quotas?names=gold')).body.resources).toEqual([]);
    expect((await t.admin.get(`/v3/organization_quotas?organization_guids=${org.guid}`)).body.pagination.total_results).toBe(1);
    expect((await t.admin.get('/v3/organization_quotas?organization_guids=unknown')).body.resources).toEqual([]);
    expectCfError(
      await t.admin.get('/v3/organization_quotas?label_selector=a'),
      ...badQuery(
        "Unknown query parameter(s): 'label_selector'. Valid parameters are: 'page', 'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids', 'names', 'organization_guids'",
      ),
    );
  });

  it('GET /v3/organization_quotas/:guid of another guid is 404 Organization quota not found', async () => {
    expectNotFound(await t.admin.get('/v3/organization_quotas/missing'), 'Organization quota not found');
  });
});

describe('GET /v3/service_brokers', () => {
  it('GET /v3/service_brokers/:guid as admin is the built-in broker in CC key order', async () => {
    const res = await t.admin.get(`/v3/service_brokers/${BROKER}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['guid', 'created_at', 'updated_at', 'name', 'url', 'relationships', 'metadata', 'links']);
    expect(res.body).toEqual({
      guid: BROKER,
      created_at: expect.stringMatching(TIME),
      updated_at: expect.stringMatching(TIME),
      name: 'sharegate-broker',
      url: BASE,
      relationships: {},
      metadata: { labels: {}, annotations: {} },
      links: {
        self: { href: `${BASE}/v3/service_brokers/${BROKER}` },
        service_offerings: { href: `${BASE}/v3/service_offerings?service_broker_guids=${BROKER}` },
      },
    });
    const list = await t.admin.get('/v3/service_brokers?names=sharegate-broker&order_by=name');
    expect(list.body.resources).toEqual([res.body]);
    expect((await t.admin.get(`/v3/service_brokers?space_guids=${(await f.space()).guid}`)).body.resources).toEqual([]);
  });

  it('GET /v3/service_brokers as a non-admin is empty and the broker 404: a global broker is read by admins alone', async () => {
    const user = await t.as('broker-reader');
    const list = await user.get('/v3/service_brokers');
    expect(list.body).toEqual(emptyPage('/v3/service_brokers'));
    expectNotFound(await user.get(`/v3/service_brokers/${BROKER}`), 'Service broker not found');
    const auditor = await t.as('broker-auditor', { scopes: ['cloud_controller.global_auditor'] });
    expect((await auditor.get(`/v3/service_brokers/${BROKER}`)).status).toBe(200);
    expectNotFound(await t.admin.get('/v3/service_brokers/missing'), 'Service broker not found');
  });
});

describe('GET /v3/service_credential_bindings and /v3/service_route_bindings', () => {
  it('GET /v3/service_credential_bindings?service_instance_guids= is an empty page (no apps, no keys)', async () => {
    const space = await f.space();
    const si = await f.managedInstance(space.guid);
    const res = await t.admin.get(`/v3/service_credential_bindings?service_instance_guids=${si.guid}`);
    expect({ status: res.status, body: res.body }).toEqual({
      status: 200,
      body: emptyPage('/v3/service_credential_bindings', `page=1&per_page=50&service_instance_guids=${si.guid}`),
    });
    const included = await t.admin.get('/v3/service_credential_bindings?include=service_instance,app&type=key');
    expect(included.body.included).toEqual({ apps: [], service_instances: [] });
    expect(Object.keys(included.body.included)).toEqual(['apps', 'service_instances']);
  });

  it("GET /v3/service_credential_bindings with a bad type or include is 400 with CC's message", async () => {
    expectCfError(await t.admin.get('/v3/service_credential_bindings?type=route'), ...badQuery("Type must be one of 'app', 'key'"));
    expectCfError(
      await t.admin.get('/v3/service_credential_bindings?include=route'),
      ...badQuery("Invalid included resource: 'route'. Valid included resources are: 'app', 'service_instance'"),
    );
  });

  it('GET /v3/service_route_bindings?service_instance_guids= is an empty page; include sets empty keys in CC order', async () => {
    const res = await t.admin.get('/v3/service_route_bindings?service_instance_guids=x');
    expect(res.body).toEqual(emptyPage('/v3/service_route_bindings', 'page=1&per_page=50&service_instance_guids=x'));
    const included = await t.admin.get('/v3/service_route_bindings?include=route,service_instance');
    expect(Object.keys(included.body.included)).toEqual(['service_instances', 'routes']);
    expectCfError(
      await t.admin.get('/v3/service_route_bindings?include=app'),
      ...badQuery("Invalid included resource: 'app'. Valid included resources are: 'route', 'service_instance'"),
    );
    expectCfError(
      await t.admin.get('/v3/service_route_bindings?type=app'),
      ...badQuery(
        "Unknown query parameter(s): 'type'. Valid parameters are: 'page', 'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids', 'service_instance_guids', 'service_instance_names', 'route_guids', 'include', 'label_selector'",
      ),
    );
  });
});

/** Every link (`href`, with its `method` if any) in a JSON answer, with its path in the answer. */
function hrefs(value: unknown, at = ''): [string, string, string][] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => hrefs(v, `${at}[${i}]`));
  const obj = value as Record<string, unknown>;
  if (typeof obj.href === 'string') return [[at, obj.href, typeof obj.method === 'string' ? obj.method.toLowerCase() : 'get']];
  return Object.entries(obj).flatMap(([k, v]) => hrefs(v, `${at}.${k}`));
}

describe('every link sharegate renders is served', () => {
  it('GET of every v3 href in the answers of every resource is not an unknown route', async () => {
    const org = await f.org();
    const space = await f.space(org.guid);
    const target = await f.space(org.guid);
    const dev: Client = await t.as('link-walker');
    await f.role(dev, 'space_developer', space.guid);
    await f.role(dev, 'space_developer', target.guid);
    const managed = await f.managedInstance(space.guid);
    const ups = await f.userProvidedInstance(space.guid);
    await t.admin.post(`/v3/service_instances/${managed.guid}/relationships/shared_spaces`, { data: [{ guid: target.guid }] });
    const job = String((await t.admin.delete(`/v3/service_instances/${(await f.managedInstance(space.guid)).guid}`)).headers.location).replace(BASE, '');
    const starts = [
      '/v3',
      '/v3/info',
      '/v3/organizations',
      `/v3/organizations/${org.guid}`,
      '/v3/spaces',
      `/v3/spaces/${space.guid}`,
      '/v3/users',
      '/v3/roles?include=user,space,organization',
      '/v3/feature_flags',
      '/v3/audit_events',
      job,
      '/v3/service_offerings',
      '/v3/service_plans',
      '/v3/service_brokers',
      '/v3/organization_quotas',
      '/v3/service_instances',
      `/v3/service_instances/${managed.guid}`,
      `/v3/service_instances/${ups.guid}`,
      `/v3/service_instances/${managed.guid}/relationships/shared_spaces`,
      `/v3/service_instances/${managed.guid}/relationships/shared_spaces/usage_summary`,
      `/v3/organizations/${org.guid}/usage_summary`,
      '/v3/info/usage_summary',
      `/v3/organizations/${org.guid}/users`,
      `/v3/spaces/${space.guid}/users`,
    ];
    const seen = new Set<string>();
    const broken: string[] = [];
    for (const start of starts) {
      const res = await t.admin.get(start);
      expect([start, res.status]).toEqual([start, 200]);
      for (const [where, href, method] of hrefs(res.body)) {
        if (!href.startsWith(`${BASE}/v3`)) continue;
        const path = href.slice(BASE.length);
        if (seen.has(`${method} ${path}`)) continue;
        seen.add(`${method} ${path}`);
        const followed = method === 'get' ? await t.admin.get(path) : await t.admin[method as 'post' | 'patch' | 'delete'](path);
        // a resource may be gone (a finished delete job) or absent by CC's rules (no default domain): never an unknown route
        if (followed.status === 404 && followed.body.errors?.[0]?.title === 'CF-NotFound') broken.push(`${start} ${where}: ${path}`);
        else if (followed.status !== 200 && followed.status !== 404) broken.push(`${start} ${where}: ${path} -> ${followed.status}`);
      }
    }
    expect(broken).toEqual([]);
    expect(seen.size).toBeGreaterThan(40);
  });
});
