// Discovery documents, unknown routes and the request id header (contract §1.1).
import { expectCfError } from '../../helpers/expectations';
import { BASE, startTestGateway, useGateway } from '../../helpers/testGateway';

const t = useGateway();

const expectUnknownRequest = (res: Parameters<typeof expectCfError>[0]) => expectCfError(res, 404, 'CF-NotFound', 10000, 'Unknown request');

describe('GET /', () => {
  it('GET / answers the root links without authentication', async () => {
    const res = await t.anonymous.get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const links = res.body.links;
    expect(links.self).toEqual({ href: BASE });
    expect(links.cloud_controller_v3).toEqual({ href: `${BASE}/v3`, meta: { version: '3.228.0' } });
    expect(links.login).toEqual({ href: BASE });
    expect(links.uaa).toEqual({ href: BASE });
    const keys = Object.keys(links);
    // CC's order: self first, then the v3 API, then login before uaa
    expect(keys[0]).toBe('self');
    expect(keys.indexOf('cloud_controller_v3')).toBeLessThan(keys.indexOf('login'));
    expect(keys.indexOf('login')).toBe(keys.indexOf('uaa') - 1);
    for (const key of ['network_policy_v0', 'network_policy_v1', 'credhub', 'routing', 'logging', 'log_cache', 'log_stream', 'app_ssh']) {
      expect(keys).toContain(key);
    }
  });

  it('GET / points login and uaa at UAA_URL when one is configured', async () => {
    const other = await startTestGateway({ UAA_URL: 'https://uaa.example.org' });
    try {
      const res = await other.anonymous.get('/');
      expect(res.body.links.login).toEqual({ href: 'https://uaa.example.org' });
      expect(res.body.links.uaa).toEqual({ href: 'https://uaa.example.org' });
    } finally {
      await other.close();
    }
  });
});

describe('GET /v3', () => {
  it('GET /v3 lists absolute links to the v3 resources without authentication', async () => {
    const res = await t.anonymous.get('/v3');
    expect(res.status).toBe(200);
    const links = res.body.links as Record<string, { href: string }>;
    expect(Object.keys(links)[0]).toBe('self');
    expect(links.self).toEqual({ href: `${BASE}/v3` });
    for (const resource of ['audit_events', 'feature_flags', 'info', 'organizations', 'roles', 'service_instances', 'service_offerings', 'service_plans', 'spaces', 'users']) {
      expect(links[resource]).toEqual({ href: `${BASE}/v3/${resource}` });
    }
    // after self, the served resources in the order CC's root controller lists them
    expect(Object.keys(links).slice(1)).toEqual([
      'audit_events',
      'feature_flags',
      'info',
      'isolation_segments',
      'organizations',
      'organization_quotas',
      'roles',
      'service_brokers',
      'service_instances',
      'service_credential_bindings',
      'service_offerings',
      'service_plans',
      'service_route_bindings',
      'spaces',
      'users',
    ]);
  });

  it('every link of GET /v3 is served (none is an unknown request)', async () => {
    const res = await t.anonymous.get('/v3');
    for (const { href } of Object.values(res.body.links as Record<string, { href: string }>)) {
      const follow = await t.admin.get(href.slice(BASE.length));
      expect({ href, status: follow.status }).toEqual({ href, status: 200 });
    }
  });
});

describe('GET /v3/info', () => {
  it('GET /v3/info answers CC info keys in order without authentication', async () => {
    const res = await t.anonymous.get('/v3/info');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['build', 'cli_version', 'custom', 'description', 'name', 'version', 'osbapi_version', 'links']);
    // unset settings are empty strings in CC, and support is a link object
    expect(res.body.cli_version).toEqual({ minimum: '', recommended: '' });
    expect(res.body.links).toEqual({ self: { href: `${BASE}/v3/info` }, support: { href: '' } });
  });
});

describe('unknown routes', () => {
  it.each([
    ['get', '/v3/nothing-here'],
    ['get', '/completely/elsewhere'],
    ['post', '/v3/nothing-here'],
    ['patch', '/v3/nothing-here'],
    ['delete', '/v3/nothing-here'],
    ['put', '/v3/organizations'],
    ['delete', '/v3/service_instances'],
    ['patch', '/v3/jobs/some-job'],
    ['post', '/v3/info'],
  ] as const)('%s %s is 404 CF-NotFound "Unknown request" without authentication', async (method, path) => {
    const res = await t.anonymous[method](path);
    expectUnknownRequest(res);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('an unknown route is 404 Unknown request even with a bad token or a malformed body', async () => {
    const bad = await t.http.post('/v3/nothing-here').set('Authorization', 'bearer not-a-jwt').set('Content-Type', 'application/json').send('{"a":');
    expectUnknownRequest(bad);
  });

  it('an unknown route with a valid token is 404 Unknown request too', async () => {
    expectUnknownRequest(await t.admin.get('/v3/apps'));
  });
});

describe('X-VCAP-Request-ID', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('is set on every kind of response: 200, 201, 202, 204, 401, 403, 404, 422 and 400', async () => {
    const org = await t.admin.post('/v3/organizations', { name: 'request-id-org' });
    const space = await t.admin.post('/v3/spaces', { name: 'rid', relationships: { organization: { data: { guid: org.body.guid } } } });
    const ups = await t.admin.post('/v3/service_instances', { type: 'user-provided', name: 'rid-ups', relationships: { space: { data: { guid: space.body.guid } } } });
    const reader = await t.as('reader-only', { scopes: ['cloud_controller.read'] });
    const noContent = await t.admin.delete(`/v3/service_instances/${ups.body.guid}`);
    const responses = [
      await t.anonymous.get('/'),
      org,
      await t.admin.delete(`/v3/spaces/${space.body.guid}`),
      noContent,
      await t.anonymous.get('/v3/organizations'),
      await reader.post('/v3/organizations', { name: 'x' }),
      await t.admin.get('/v3/organizations/missing'),
      await t.admin.post('/v3/organizations', { name: '' }),
      await t.admin.get('/v3/organizations?page=0'),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 201, 202, 204, 401, 403, 404, 422, 400]);
    for (const r of responses) expect(r.headers['x-vcap-request-id']).toMatch(UUID);
    expect(new Set(responses.map((r) => r.headers['x-vcap-request-id'])).size).toBe(responses.length);
  });

  it('keeps an incoming X-VCAP-Request-ID and appends "::" and a fresh uuid, as CC does', async () => {
    const a = await t.http.get('/v3').set('X-VCAP-Request-ID', 'client-supplied-id-123');
    const b = await t.http.get('/v3').set('X-VCAP-Request-ID', 'client-supplied-id-123');
    expect(a.headers['x-vcap-request-id']).toMatch(/^client-supplied-id-123::[0-9a-f-]{36}$/);
    expect(a.headers['x-vcap-request-id']).not.toBe(b.headers['x-vcap-request-id']);
  });

  it('takes X-Request-ID when X-VCAP-Request-ID is absent', async () => {
    const res = await t.http.get('/v3').set('X-Request-ID', 'from_x_request_id');
    expect(res.headers['x-vcap-request-id']).toMatch(/^from_x_request_id::[0-9a-f-]{36}$/);
  });

  it('strips characters other than letters, digits, "_" and "-" from an incoming id and keeps at most 255', async () => {
    const res = await t.http.get('/v3').set('X-VCAP-Request-ID', 'bad id; with/spaces');
    expect(res.headers['x-vcap-request-id']).toMatch(/^badidwithspaces::[0-9a-f-]{36}$/);
    const long = await t.http.get('/v3').set('X-VCAP-Request-ID', 'x'.repeat(400));
    expect(long.headers['x-vcap-request-id']).toMatch(new RegExp(`^x{255}::[0-9a-f-]{36}$`));
  });

  it('is set on unknown routes', async () => {
    const res = await t.anonymous.get('/v3/nothing-here');
    expect(res.headers['x-vcap-request-id']).toMatch(UUID);
  });
});
