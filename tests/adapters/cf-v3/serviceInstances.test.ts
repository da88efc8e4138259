// POST, GET, PATCH and DELETE /v3/service_instances (contract §2.1 and §2.3 to §2.6).
import { SCOPES } from '../../../src/core/actor';
import { factories, DEFAULT_PLANS } from '../../helpers/factories';
import { expectCfError, expectForbidden, expectNotFound, expectUnprocessable } from '../../helpers/expectations';
import { BASE, startTestGateway, useGateway, type Client } from '../../helpers/testGateway';

const t = useGateway();
const f = factories(t);
let org: { guid: string };
let space: { guid: string; name: string };
let dev: Client;

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SI = (guid: string) => `/v3/service_instances/${guid}`;
const jobPath = (res: { headers: Record<string, string> }) => res.headers.location!.slice(BASE.length);
const rel = (spaceGuid: string, plan?: string) => ({ space: { data: { guid: spaceGuid } }, ...(plan ? { service_plan: { data: { guid: plan } } } : {}) });
const managed = (name: string, spaceGuid = space.guid, plan = DEFAULT_PLANS.shareable, extra: Record<string, unknown> = {}) => ({
  type: 'managed',
  name,
  relationships: rel(spaceGuid, plan),
  ...extra,
});
const ups = (name: string, spaceGuid = space.guid, extra: Record<string, unknown> = {}) => ({ type: 'user-provided', name, relationships: rel(spaceGuid), ...extra });
const eventTypes = async (guid: string) => ((await t.admin.get(`/v3/audit_events?target_guids=${guid}`)).body.resources as { type: string }[]).map((e) => e.type);
const countEvents = async () => (await t.admin.get('/v3/audit_events?per_page=1')).body.pagination.total_results as number;

const MANAGED_KEYS = [
  'guid',
  'created_at',
  'updated_at',
  'name',
  'tags',
  'last_operation',
  'type',
  'maintenance_info',
  'upgrade_available',
  'dashboard_url',
  'relationships',
  'metadata',
  'links',
];
const UPS_KEYS = ['guid', 'created_at', 'updated_at', 'name', 'tags', 'last_operation', 'type', 'syslog_drain_url', 'route_service_url', 'relationships', 'metadata', 'links'];

beforeAll(async () => {
  org = await f.org('si-org');
  space = await f.space(org.guid, 'si-space');
  dev = await t.as('si-dev');
  await f.role(dev, 'space_developer', space.guid);
});

describe('POST /v3/service_instances (user-provided)', () => {
  it('POST /v3/service_instances user-provided is 201 with the instance in CC key order and records the create event', async () => {
    const body = ups('my-ups', space.guid, {
      credentials: { password: 'secret' },
      tags: ['foo', 'bar'],
      syslog_drain_url: 'https://syslog.example.org/drain',
      route_service_url: 'https://route.example.org',
      metadata: { labels: { baz: 'qux' }, annotations: { foo: 'bar' } },
    });
    const res = await dev.post('/v3/service_instances', body);
    expect(res.status).toBe(201);
    const i = res.body;
    expect(Object.keys(i)).toEqual(UPS_KEYS);
    expect(i.guid).toMatch(GUID);
    expect(i).toEqual({
      guid: i.guid,
      created_at: expect.stringMatching(TIME),
      updated_at: expect.stringMatching(TIME),
      name: 'my-ups',
      tags: ['foo', 'bar'],
      last_operation: { type: 'create', state: 'succeeded', description: 'Operation succeeded', updated_at: expect.stringMatching(TIME), created_at: expect.stringMatching(TIME) },
      type: 'user-provided',
      syslog_drain_url: 'https://syslog.example.org/drain',
      route_service_url: 'https://route.example.org',
      relationships: { space: { data: { guid: space.guid } } },
      metadata: { labels: { baz: 'qux' }, annotations: { foo: 'bar' } },
      links: {
        self: { href: `${BASE}/v3/service_instances/${i.guid}` },
        space: { href: `${BASE}/v3/spaces/${space.guid}` },
        service_credential_bindings: { href: `${BASE}/v3/service_credential_bindings?service_instance_guids=${i.guid}` },
        service_route_bindings: { href: `${BASE}/v3/service_route_bindings?service_instance_guids=${i.guid}` },
        credentials: { href: `${BASE}/v3/service_instances/${i.guid}/credentials` },
      },
    });
    expect(Object.keys(i.last_operation)).toEqual(['type', 'state', 'description', 'updated_at', 'created_at']);
    expect(JSON.stringify(i)).not.toContain('secret');
    expect((await t.admin.get(SI(i.guid))).body).toEqual(i);
    const events = await t.admin.get(`/v3/audit_events?target_guids=${i.guid}`);
    expect(events.body.resources.map((e: { type: string }) => e.type)).toEqual(['audit.user_provided_service_instance.create']);
    expect(events.body.resources[0]).toMatchObject({
      target: { guid: i.guid, type: 'user_provided_service_instance', name: 'my-ups' },
      space: { guid: space.guid },
      organization: { guid: org.guid },
    });
    expect(JSON.stringify(events.body.resources[0].data)).not.toContain('secret');
  });

  it('POST /v3/service_instances user-provided with only the required fields has empty tags and null urls', async () => {
    const res = await dev.post('/v3/service_instances', ups('bare-ups'));
    expect(res.body).toMatchObject({ tags: [], syslog_drain_url: null, route_service_url: null, metadata: { labels: {}, annotations: {} } });
  });
});

describe('POST /v3/service_instances (managed)', () => {
  it('POST /v3/service_instances managed is 202 with an empty body and a Location job that completes', async () => {
    const res = await dev.post('/v3/service_instances', managed('my-db', space.guid, DEFAULT_PLANS.shareable, { parameters: { size: 'xl' }, tags: ['sql'] }));
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    expect(res.headers.location).toMatch(new RegExp(`^${BASE}/v3/jobs/[0-9a-f-]{36}$`));
    await t.settle();
    const job = await dev.get(jobPath(res));
    expect(job.status).toBe(200);
    expect(Object.keys(job.body)).toEqual(['guid', 'created_at', 'updated_at', 'operation', 'state', 'errors', 'warnings', 'links']);
    expect(job.body).toMatchObject({ operation: 'service_instance.create', state: 'COMPLETE', errors: [], warnings: [] });
    const listed = await dev.get(`/v3/service_instances?names=my-db&space_guids=${space.guid}`);
    const i = listed.body.resources[0];
    expect(job.body.links).toEqual({ self: { href: `${BASE}${jobPath(res)}` }, service_instances: { href: `${BASE}/v3/service_instances/${i.guid}` } });
    expect(Object.keys(i)).toEqual(MANAGED_KEYS);
    expect(i).toEqual({
      guid: expect.stringMatching(GUID),
      created_at: expect.stringMatching(TIME),
      updated_at: expect.stringMatching(TIME),
      name: 'my-db',
      tags: ['sql'],
      last_operation: { type: 'create', state: 'succeeded', description: 'Operation succeeded', updated_at: expect.stringMatching(TIME), created_at: expect.stringMatching(TIME) },
      type: 'managed',
      maintenance_info: { version: '1.0.0' },
      upgrade_available: false,
      dashboard_url: null,
      relationships: { space: { data: { guid: space.guid } }, service_plan: { data: { guid: DEFAULT_PLANS.shareable } } },
      metadata: { labels: {}, annotations: {} },
      links: {
        self: { href: `${BASE}/v3/service_instances/${i.guid}` },
        space: { href: `${BASE}/v3/spaces/${space.guid}` },
        service_credential_bindings: { href: `${BASE}/v3/service_credential_bindings?service_instance_guids=${i.guid}` },
        service_route_bindings: { href: `${BASE}/v3/service_route_bindings?service_instance_guids=${i.guid}` },
        service_plan: { href: `${BASE}/v3/service_plans/${DEFAULT_PLANS.shareable}` },
        parameters: { href: `${BASE}/v3/service_instances/${i.guid}/parameters` },
        shared_spaces: { href: `${BASE}/v3/service_instances/${i.guid}/relationships/shared_spaces` },
      },
    });
    expect(await eventTypes(i.guid)).toEqual(['audit.service_instance.start_create', 'audit.service_instance.create']);
    expect((await dev.get(`${SI(i.guid)}/parameters`)).body).toEqual({ size: 'xl' });
  });

  it('POST /v3/service_instances managed: before the job runs the instance is create/in progress and the job PROCESSING', async () => {
    const paused = await startTestGateway();
    try {
      paused.gateway.runner.stop();
      const pf = factories(paused);
      const s = await pf.space();
      const res = await paused.admin.post('/v3/service_instances', managed('slow-db', s.guid));
      expect(res.status).toBe(202);
      const job = await paused.admin.get(jobPath(res));
      expect(job.body).toMatchObject({ operation: 'service_instance.create', state: 'PROCESSING', errors: [], warnings: [] });
      const guid = job.body.links.service_instances.href.slice(`${BASE}/v3/service_instances/`.length);
      const i = await paused.admin.get(SI(guid));
      expect(i.body.last_operation).toMatchObject({ type: 'create', state: 'in progress' });
      // an update while the create runs is CC's 409; a delete is 422
      expectCfError(
        await paused.admin.patch(SI(guid), { name: 'renamed' }),
        409,
        'CF-AsyncServiceInstanceOperationInProgress',
        60016,
        'An operation for service instance slow-db is in progress.',
      );
      expectUnprocessable(await paused.admin.delete(SI(guid)), 'There is an operation in progress for the service instance.');
      await paused.gateway.core.runDueOperations();
      expect((await paused.admin.get(jobPath(res))).body.state).toBe('COMPLETE');
      expect((await paused.admin.get(SI(guid))).body.last_operation).toMatchObject({ type: 'create', state: 'succeeded' });
    } finally {
      await paused.close();
    }
  });
});

describe('POST /v3/service_instances errors', () => {
  it.each([
    [{ name: 'x', relationships: rel('s') }, "Type must be one of 'managed', 'user-provided'"],
    [{ type: 'weird', name: 'x', relationships: rel('s') }, "Type must be one of 'managed', 'user-provided'"],
    [{ type: 'user-provided', relationships: rel('s') }, "Name must be a string, Name can't be blank"],
    [{ type: 'user-provided', name: 'x' }, "Relationships 'relationships' is not an object"],
    [{ type: 'user-provided', name: 'x', relationships: {} }, "Relationships 'relationships' must include one or more valid relationships"],
    [{ type: 'user-provided', name: 'x', relationships: { space: { data: { guid: 5 } } } }, 'Relationships Space guid must be a string'],
    [{ type: 'user-provided', name: 'x', relationships: rel('s'), tags: [1] }, 'Tags must be a list of strings'],
    [{ type: 'user-provided', name: 'x', relationships: rel('s'), credentials: 'pw' }, 'Credentials must be an object'],
    [{ type: 'user-provided', name: 'x', relationships: rel('s'), parameters: {} }, "Unknown field(s): 'parameters'"],
    [{ type: 'user-provided', name: 'x', relationships: rel('s'), route_service_url: 'http://insecure.example.org' }, 'Route service url must be https'],
    [{ type: 'managed', name: 'x', relationships: rel('s') }, 'Relationships Service plan must be structured like this: "service_plan: {"data": {"guid": "valid-guid"}}"'],
    [{ type: 'managed', name: 'x', relationships: rel('s', 'p'), parameters: 'big' }, 'Parameters must be an object'],
  ])('POST /v3/service_instances with %j is 422 "%s"', async (body, detail) => {
    const before = await countEvents();
    expectUnprocessable(await dev.post('/v3/service_instances', body), detail);
    expect(await countEvents()).toBe(before);
  });

  it('POST /v3/service_instances into an unknown space is 422 Invalid space', async () => {
    expectUnprocessable(await dev.post('/v3/service_instances', ups('x', 'no-such-space')), 'Invalid space. Ensure that the space exists and you have access to it.');
  });

  it('POST /v3/service_instances managed with an unknown plan is 422 Invalid service plan', async () => {
    expectUnprocessable(
      await dev.post('/v3/service_instances', managed('x', space.guid, 'no-such-plan')),
      'Invalid service plan. Ensure that the service plan exists, is available, and you have access to it.',
    );
  });

  it('POST /v3/service_instances with a name taken in the space is 422 (with a trailing period) for both types', async () => {
    await f.userProvidedInstance(space.guid, 'taken');
    expectUnprocessable(await dev.post('/v3/service_instances', ups('taken')), 'The service instance name is taken: taken.');
    expectUnprocessable(await dev.post('/v3/service_instances', managed('taken')), 'The service instance name is taken: taken.');
    // the same name in another space is fine
    expect((await t.admin.post('/v3/service_instances', ups('taken', (await f.space(org.guid)).guid))).status).toBe(201);
  });

  it('POST /v3/service_instances with the name of an instance shared into the space is 422', async () => {
    const source = await f.space(org.guid);
    const shared = await f.managedInstance(source.guid, 'shared-in');
    expect((await t.admin.post(`${SI(shared.guid)}/relationships/shared_spaces`, { data: [{ guid: space.guid }] })).status).toBe(200);
    expectUnprocessable(await dev.post('/v3/service_instances', ups('shared-in')), 'The service instance name is taken: shared-in.');
  });

  it('a body error is reported before the space is looked at', async () => {
    const stranger = await t.as('si-body-first');
    expectUnprocessable(await stranger.post('/v3/service_instances', ups('x', space.guid, { route_service_url: 'http://x.example.org' })), 'Route service url must be https');
  });

  it('a malformed JSON body is 400 CF-MessageParseError', async () => {
    const res = await t.http.post('/v3/service_instances').set('Authorization', `bearer ${dev.token}`).set('Content-Type', 'application/json').send('{"type":');
    expectCfError(res, 400, 'CF-MessageParseError', 1001, 'Request invalid due to parse error: invalid request body');
  });

  describe('by role', () => {
    it.each([
      ['space_manager', 'space', 403],
      ['space_auditor', 'space', 403],
      ['space_supporter', 'space', 403],
      ['organization_manager', 'org', 403],
      ['organization_auditor', 'org', 422],
      ['organization_billing_manager', 'org', 422],
      ['none', 'org', 422],
    ])('a %s gets %i and nothing is created', async (role, on, status) => {
      const user = await t.as(`si-create-${role}`);
      if (role !== 'none') await f.role(user, role, on === 'space' ? space.guid : org.guid);
      const name = `by-${role}`;
      const res = await user.post('/v3/service_instances', ups(name));
      if (status === 403) expectForbidden(res);
      else expectUnprocessable(res, 'Invalid space. Ensure that the space exists and you have access to it.');
      expect((await t.admin.get(`/v3/service_instances?names=${name}`)).body.pagination.total_results).toBe(0);
    });

    it('admin_read_only and global_auditor tokens get 403 (no write scope)', async () => {
      for (const scope of [SCOPES.adminReadOnly, SCOPES.globalAuditor]) {
        expectForbidden(await (await t.as(`si-create-${scope}`, { scopes: [SCOPES.read, scope] })).post('/v3/service_instances', ups('never')));
      }
    });
  });
});

describe('GET /v3/service_instances/:guid', () => {
  it('GET /v3/service_instances/:guid is 404 Service instance not found for an unknown guid and for users who cannot see it', async () => {
    const i = await f.userProvidedInstance(space.guid);
    expectNotFound(await t.admin.get(SI('no-such-instance')));
    const orgAuditor = await t.as('si-get-org-auditor');
    await f.role(orgAuditor, 'organization_auditor', org.guid);
    expectNotFound(await orgAuditor.get(SI(i.guid)));
    expectNotFound(await (await t.as('si-get-stranger')).get(SI(i.guid)));
  });

  it('GET /v3/service_instances/:guid is 200 for every read role of the space', async () => {
    const i = await f.userProvidedInstance(space.guid);
    for (const [role, guid] of [
      ['space_auditor', space.guid],
      ['space_manager', space.guid],
      ['space_supporter', space.guid],
      ['organization_manager', org.guid],
    ] as const) {
      const user = await t.as(`si-get-${role}`);
      await f.role(user, role, guid);
      expect({ role, status: (await user.get(SI(i.guid))).status }).toEqual({ role, status: 200 });
    }
  });

  it('GET /v3/service_instances/:guid?fields[space]=name,guid adds the included space', async () => {
    const i = await f.userProvidedInstance(space.guid);
    const res = await dev.get(`${SI(i.guid)}?fields[space]=name,guid&fields[space.organization]=name`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).slice(-2)).toEqual(['links', 'included']);
    expect(res.body.included).toEqual({ spaces: [{ guid: space.guid, name: 'si-space' }], organizations: [{ name: 'si-org' }] });
  });

  it('GET /v3/service_instances/:guid with an unknown parameter is 400, but 404 for an unknown guid', async () => {
    const i = await f.userProvidedInstance(space.guid);
    expectCfError(
      await dev.get(`${SI(i.guid)}?page=2`),
      400,
      'CF-BadQueryParameter',
      10005,
      "The query parameter is invalid: Unknown query parameter(s): 'page'. Valid parameters are: 'fields'",
    );
    expectNotFound(await dev.get(`${SI('no-such-instance')}?fields[fruit]=x`));
  });
});

describe('PATCH /v3/service_instances/:guid', () => {
  it('PATCH a user-provided instance updates name, tags, credentials and urls (200, update/succeeded) and records the update event', async () => {
    const i = await f.userProvidedInstance(space.guid, 'ups-before', { credentials: { a: 1 } });
    const res = await dev.patch(SI(i.guid), {
      name: 'ups-after',
      tags: ['t'],
      credentials: { b: 2 },
      syslog_drain_url: 'https://logs.example.org',
      route_service_url: 'https://route.example.org',
      metadata: { labels: { x: 'y' } },
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(UPS_KEYS);
    expect(res.body).toMatchObject({
      name: 'ups-after',
      tags: ['t'],
      syslog_drain_url: 'https://logs.example.org',
      route_service_url: 'https://route.example.org',
      last_operation: { type: 'update', state: 'succeeded', description: 'Operation succeeded' },
      metadata: { labels: { x: 'y' }, annotations: {} },
    });
    expect(await eventTypes(i.guid)).toEqual(['audit.user_provided_service_instance.create', 'audit.user_provided_service_instance.update']);
    expect((await dev.get(`${SI(i.guid)}/credentials`)).body).toEqual({ b: 2 });
  });

  it('PATCH a managed instance with name and tags is 200 synchronously', async () => {
    const i = await f.managedInstance(space.guid, 'm-before');
    const res = await dev.patch(SI(i.guid), { name: 'm-after', tags: ['a', 'b'] });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(MANAGED_KEYS);
    expect(res.body).toMatchObject({ name: 'm-after', tags: ['a', 'b'], last_operation: { type: 'update', state: 'succeeded' } });
    expect(await eventTypes(i.guid)).toEqual(['audit.service_instance.start_create', 'audit.service_instance.create', 'audit.service_instance.update']);
  });

  it('PATCH a managed instance with metadata only leaves last_operation alone', async () => {
    const i = await f.managedInstance(space.guid);
    const before = (await dev.get(SI(i.guid))).body.last_operation;
    const res = await dev.patch(SI(i.guid), { metadata: { annotations: { note: 'hi' } } });
    expect(res.status).toBe(200);
    expect(res.body.metadata).toEqual({ labels: {}, annotations: { note: 'hi' } });
    expect(res.body.last_operation).toEqual(before);
  });

  it('PATCH a managed instance with parameters is 202 with a service_instance.update job that stores them', async () => {
    const i = await f.managedInstance(space.guid);
    const res = await dev.patch(SI(i.guid), { parameters: { tuned: true } });
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    await t.settle();
    const job = await dev.get(jobPath(res));
    expect(job.body).toMatchObject({ operation: 'service_instance.update', state: 'COMPLETE', links: { service_instances: { href: `${BASE}${SI(i.guid)}` } } });
    expect((await dev.get(`${SI(i.guid)}/parameters`)).body).toEqual({ tuned: true });
    expect((await dev.get(SI(i.guid))).body.last_operation).toMatchObject({ type: 'update', state: 'succeeded' });
    expect(await eventTypes(i.guid)).toEqual([
      'audit.service_instance.start_create',
      'audit.service_instance.create',
      'audit.service_instance.start_update',
      'audit.service_instance.update',
    ]);
  });

  it('PATCH a managed instance to another plan of its offering is 202 and switches the plan', async () => {
    const i = await f.managedInstance(space.guid);
    const res = await dev.patch(SI(i.guid), { relationships: { service_plan: { data: { guid: DEFAULT_PLANS.shareableLarge } } } });
    expect(res.status).toBe(202);
    await t.settle();
    expect((await dev.get(SI(i.guid))).body.relationships.service_plan.data.guid).toBe(DEFAULT_PLANS.shareableLarge);
  });

  it('PATCH a managed instance to a plan of another offering is 400 CF-InvalidRelation; to an unknown plan 422', async () => {
    const i = await f.managedInstance(space.guid);
    expectCfError(
      await dev.patch(SI(i.guid), { relationships: { service_plan: { data: { guid: DEFAULT_PLANS.notShareable } } } }),
      400,
      'CF-InvalidRelation',
      1002,
      'service plan relates to a different service offering',
    );
    expectUnprocessable(
      await dev.patch(SI(i.guid), { relationships: { service_plan: { data: { guid: 'nope' } } } }),
      'Invalid service plan. Ensure that the service plan exists, is available, and you have access to it.',
    );
  });

  it('PATCH a managed instance with its current maintenance_info is 200; with an unknown version 422', async () => {
    const i = await f.managedInstance(space.guid);
    expect((await dev.patch(SI(i.guid), { maintenance_info: { version: '1.0.0' } })).status).toBe(200);
    expectUnprocessable(
      await dev.patch(SI(i.guid), { maintenance_info: { version: '9.9.9' } }),
      'maintenance_info.version requested is invalid. Please ensure the catalog is up to date and you are providing a version supported by this service plan.',
    );
  });

  it('PATCH to a name taken in the space is 422: without a period for managed, with one for user-provided', async () => {
    await f.userProvidedInstance(space.guid, 'occupied');
    const m = await f.managedInstance(space.guid);
    const u = await f.userProvidedInstance(space.guid);
    expectUnprocessable(await dev.patch(SI(m.guid), { name: 'occupied' }), 'The service instance name is taken: occupied');
    expectUnprocessable(await dev.patch(SI(u.guid), { name: 'occupied' }), 'The service instance name is taken: occupied.');
    // keeping one's own name is no clash
    expect((await dev.patch(SI(u.guid), { name: u.name })).status).toBe(200);
  });

  it.each([
    ['user-provided', { parameters: {} }, "Unknown field(s): 'parameters'"],
    ['user-provided', { route_service_url: 'http://x.example.org' }, 'Route service url must be https'],
    ['user-provided', { tags: 'x' }, 'Tags must be a list of strings'],
    ['managed', { credentials: {} }, "Unknown field(s): 'credentials'"],
    ['managed', { name: 7 }, 'Name must be a string'],
    ['managed', { maintenance_info: { version: 1 } }, 'Version must be a string'],
  ])('PATCH a %s instance with %j is 422 "%s" and changes nothing', async (type, body, detail) => {
    const i = type === 'managed' ? await f.managedInstance(space.guid) : await f.userProvidedInstance(space.guid);
    const before = (await t.admin.get(SI(i.guid))).body;
    expectUnprocessable(await dev.patch(SI(i.guid), body), detail);
    expect((await t.admin.get(SI(i.guid))).body).toEqual(before);
  });

  it('PATCH by read-only roles is 403, even with an invalid body; by an org auditor 404; of an unknown guid 404', async () => {
    const i = await f.userProvidedInstance(space.guid);
    const auditor = await t.as('si-patch-auditor');
    await f.role(auditor, 'space_auditor', space.guid);
    const orgAuditor = await t.as('si-patch-org-auditor');
    await f.role(orgAuditor, 'organization_auditor', org.guid);
    expectForbidden(await auditor.patch(SI(i.guid), { name: 'nope' }));
    expectForbidden(await auditor.patch(SI(i.guid), { name: 7 }));
    expectNotFound(await orgAuditor.patch(SI(i.guid), { name: 'nope' }));
    expectNotFound(await dev.patch(SI('no-such-instance'), { name: 'x' }));
    expect((await t.admin.get(SI(i.guid))).body.name).toBe(i.name);
  });
});

describe('DELETE /v3/service_instances/:guid', () => {
  it('DELETE a user-provided instance is 204 and records the delete event', async () => {
    const i = await f.userProvidedInstance(space.guid);
    const res = await dev.delete(SI(i.guid));
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expectNotFound(await dev.get(SI(i.guid)));
    expect(await eventTypes(i.guid)).toEqual(['audit.user_provided_service_instance.create', 'audit.user_provided_service_instance.delete']);
  });

  it('DELETE a managed instance is 202 with a service_instance.delete job; the instance is gone once it completes', async () => {
    const i = await f.managedInstance(space.guid);
    const res = await dev.delete(SI(i.guid));
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    await t.settle();
    const job = await dev.get(jobPath(res));
    expect(job.body).toMatchObject({ operation: 'service_instance.delete', state: 'COMPLETE', errors: [], warnings: [] });
    // the resource link is shown only while the instance still exists
    expect(job.body.links).toEqual({ self: { href: `${BASE}${jobPath(res)}` } });
    expectNotFound(await dev.get(SI(i.guid)));
    expect(await eventTypes(i.guid)).toEqual([
      'audit.service_instance.start_create',
      'audit.service_instance.create',
      'audit.service_instance.start_delete',
      'audit.service_instance.delete',
    ]);
  });

  it('DELETE a managed instance that is shared unshares it (no "must unshare first" error)', async () => {
    const i = await f.managedInstance(space.guid);
    const target = await f.space(org.guid);
    expect((await t.admin.post(`${SI(i.guid)}/relationships/shared_spaces`, { data: [{ guid: target.guid }] })).status).toBe(200);
    expect((await dev.delete(SI(i.guid))).status).toBe(202);
    await t.settle();
    expectNotFound(await t.admin.get(SI(i.guid)));
    expect((await t.admin.get(`/v3/service_instances?space_guids=${target.guid}`)).body.resources).toEqual([]);
  });

  it('DELETE by read roles is 403; by an org auditor or stranger 404; of an unknown guid 404', async () => {
    const i = await f.userProvidedInstance(space.guid);
    const manager = await t.as('si-delete-manager');
    await f.role(manager, 'space_manager', space.guid);
    const orgManager = await t.as('si-delete-org-manager');
    await f.role(orgManager, 'organization_manager', org.guid);
    const orgAuditor = await t.as('si-delete-org-auditor');
    await f.role(orgAuditor, 'organization_auditor', org.guid);
    expectForbidden(await manager.delete(SI(i.guid)));
    expectForbidden(await orgManager.delete(SI(i.guid)));
    expectNotFound(await orgAuditor.delete(SI(i.guid)));
    expectNotFound(await (await t.as('si-delete-stranger')).delete(SI(i.guid)));
    expectNotFound(await dev.delete(SI('no-such-instance')));
    expect((await t.admin.get(SI(i.guid))).status).toBe(200);
  });
});

describe('in a suspended organization', () => {
  let suspendedSpace: string;
  let suspendedDev: Client;
  let existing: { guid: string };
  beforeAll(async () => {
    const o = await f.org('suspended-si-org');
    suspendedSpace = (await f.space(o.guid)).guid;
    suspendedDev = await t.as('si-suspended-dev');
    await f.role(suspendedDev, 'space_developer', suspendedSpace);
    existing = await f.userProvidedInstance(suspendedSpace, 'before-suspension');
    expect((await t.admin.patch(`/v3/organizations/${o.guid}`, { suspended: true })).status).toBe(200);
  });
  const suspended = (res: Parameters<typeof expectCfError>[0]) => expectCfError(res, 403, 'CF-OrgSuspended', 10017, 'The organization is suspended');

  it('POST, PATCH and DELETE by a space developer are 403 CF-OrgSuspended and change nothing', async () => {
    suspended(await suspendedDev.post('/v3/service_instances', ups('after-suspension', suspendedSpace)));
    suspended(await suspendedDev.patch(SI(existing.guid), { name: 'renamed' }));
    suspended(await suspendedDev.delete(SI(existing.guid)));
    expect((await t.admin.get(SI(existing.guid))).body.name).toBe('before-suspension');
    expect((await t.admin.get('/v3/service_instances?names=after-suspension')).body.resources).toEqual([]);
  });

  it('reads by a space developer still work', async () => {
    expect((await suspendedDev.get(SI(existing.guid))).status).toBe(200);
    expect((await suspendedDev.get(`${SI(existing.guid)}/credentials`)).status).toBe(200);
  });

  it('an admin may still create, update and delete', async () => {
    const created = await t.admin.post('/v3/service_instances', ups('admin-in-suspended', suspendedSpace));
    expect(created.status).toBe(201);
    expect((await t.admin.patch(SI(created.body.guid), { tags: ['ok'] })).status).toBe(200);
    expect((await t.admin.delete(SI(created.body.guid))).status).toBe(204);
  });
});
