// Sharing rules, messages and check order (contract §4.2 and §4.4 to §4.10).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { factories, DEFAULT_PLANS } from '../../helpers/factories';
import { expectCfError, expectForbidden, expectNotFound, expectUnprocessable } from '../../helpers/expectations';
import { startTestGateway, useGateway, type Client, type TestGateway } from '../../helpers/testGateway';

const t = useGateway();
const f = factories(t);
let org: { guid: string; name: string };
let S: { guid: string; name: string };
let T: { guid: string; name: string };
let dev: Client;

const P = (si: string) => `/v3/service_instances/${si}/relationships/shared_spaces`;
const share = (c: Client, si: string, ...spaces: string[]) => c.post(P(si), { data: spaces.map((guid) => ({ guid })) });
const sharedTo = async (si: string) => (await t.admin.get(P(si))).body.data.map((d: { guid: string }) => d.guid);
const setFlag = (enabled: boolean, custom_error_message: string | null = null) => t.admin.patch('/v3/feature_flags/service_instance_sharing', { enabled, custom_error_message });

beforeAll(async () => {
  org = await f.org();
  S = await f.space(org.guid, 'source');
  T = await f.space(org.guid, 'target');
  dev = await t.as('dev');
  await f.role(dev, 'space_developer', S.guid);
  await f.role(dev, 'space_developer', T.guid);
});

describe('the service_instance_sharing feature flag', () => {
  afterEach(async () => {
    await setFlag(true);
  });

  it('GET /v3/feature_flags/service_instance_sharing is enabled by default here', async () => {
    const res = await t.admin.get('/v3/feature_flags/service_instance_sharing');
    expect(res.body).toEqual({
      name: 'service_instance_sharing',
      enabled: true,
      updated_at: null,
      custom_error_message: null,
      links: { self: { href: 'https://api.example.org/v3/feature_flags/service_instance_sharing' } },
    });
  });

  it('POST .../shared_spaces with the flag off is 403 CF-FeatureDisabled, for admins too, and shares nothing', async () => {
    const si = await f.managedInstance(S.guid);
    await setFlag(false);
    for (const c of [dev, t.admin]) {
      expectCfError(await share(c, si.guid, T.guid), 403, 'CF-FeatureDisabled', 330002, 'Feature Disabled: service_instance_sharing');
    }
    expect(await sharedTo(si.guid)).toEqual([]);
  });

  it('POST .../shared_spaces with the flag off uses its custom error message', async () => {
    const si = await f.managedInstance(S.guid);
    await setFlag(false, 'ask your admin');
    expectCfError(await share(dev, si.guid, T.guid), 403, 'CF-FeatureDisabled', 330002, 'Feature Disabled: ask your admin');
  });

  it('POST .../shared_spaces with the flag off checks the flag before looking the instance up, and before the body', async () => {
    await setFlag(false);
    expectCfError(await share(dev, 'does-not-exist', T.guid), 403, 'CF-FeatureDisabled', 330002, 'Feature Disabled: service_instance_sharing');
    expectCfError(await dev.post(P('does-not-exist'), { data: {} }), 403, 'CF-FeatureDisabled', 330002, 'Feature Disabled: service_instance_sharing');
  });

  it('DELETE and GET .../shared_spaces ignore the flag', async () => {
    const si = await f.managedInstance(S.guid);
    expect((await share(dev, si.guid, T.guid)).status).toBe(200);
    await setFlag(false);
    expect((await dev.get(P(si.guid))).status).toBe(200);
    expect((await dev.get(`${P(si.guid)}/usage_summary`)).status).toBe(200);
    expect((await dev.delete(`${P(si.guid)}/${T.guid}`)).status).toBe(204);
    expect(await sharedTo(si.guid)).toEqual([]);
  });
});

describe('POST /v3/service_instances/:guid/relationships/shared_spaces request body', () => {
  let si: string;
  beforeAll(async () => {
    si = (await f.managedInstance(S.guid)).guid;
  });
  afterEach(async () => expect(await sharedTo(si)).toEqual([]));

  it.each([
    ['data is an object', { data: { guid: 'x' } }, 'Data must be an array'],
    ['an unknown field', { data: [{ guid: 'x' }], 'fake-key': 'foo' }, "Unknown field(s): 'fake-key'"],
    ['data is empty', { data: [] }, "Data can't be blank"],
    ['a guid is a number', { data: [{ guid: 32.77 }] }, 'Invalid data type: Data[0] guid should be a string.'],
    ['the body is empty', {}, "Data can't be blank, Data must be an array"],
  ])('422 when %s', async (_what, body, detail) => {
    expectUnprocessable(await dev.post(P(si), body), detail);
  });

  it('400 CF-MessageParseError when the body is not JSON', async () => {
    expectCfError(await dev.post(P(si), '{"data":'), 400, 'CF-MessageParseError', 1001, 'Request invalid due to parse error: invalid request body');
  });

  it('404 for a bad body on a missing instance: the lookup comes first', async () => {
    expectNotFound(await dev.post(P('missing'), { data: {} }));
  });

  it('403 for a bad body from a caller who may not manage the instance', async () => {
    const auditor = await t.as('auditor-body');
    await f.role(auditor, 'space_auditor', S.guid);
    expectForbidden(await auditor.post(P(si), { data: {} }));
  });
});

describe('POST /v3/service_instances/:guid/relationships/shared_spaces target spaces', () => {
  it('422 listing missing spaces in request order, and nothing is shared', async () => {
    const si = await f.managedInstance(S.guid);
    expectUnprocessable(
      await share(dev, si.guid, 'a', T.guid, 'b'),
      `Unable to share service instance ${si.name} with spaces ['a', 'b']. Ensure the spaces exist and that you have access to them.`,
    );
    expect(await sharedTo(si.guid)).toEqual([]);
  });

  it('422 with the unreadable part first and the unwritable part on the next line', async () => {
    const si = await f.managedInstance(S.guid);
    const auditorOnly = await f.space(org.guid);
    await f.role(dev, 'space_auditor', auditorOnly.guid);
    expectUnprocessable(
      await share(dev, si.guid, 'x', auditorOnly.guid),
      `Unable to share service instance ${si.name} with spaces ['x']. Ensure the spaces exist and that you have access to them.\n` +
        `Unable to share service instance ${si.name} with spaces ['${auditorOnly.guid}']. Write permission is required in order to share a service instance with a space.`,
    );
  });

  it("422 when the target's organization is suspended, 200 for an admin", async () => {
    const otherOrg = await f.org();
    const target = await f.space(otherOrg.guid);
    await f.role(dev, 'space_developer', target.guid);
    expect((await t.admin.patch(`/v3/organizations/${otherOrg.guid}`, { suspended: true })).status).toBe(200);
    const si = await f.managedInstance(S.guid);
    expectUnprocessable(
      await share(dev, si.guid, target.guid),
      `Unable to share service instance ${si.name} with spaces ['${target.guid}']. Write permission is required in order to share a service instance with a space.`,
    );
    expect((await share(t.admin, si.guid, target.guid)).status).toBe(200);
  });
});

describe('POST /v3/service_instances/:guid/relationships/shared_spaces sharing rules', () => {
  it('422 when the targets include the owning space, and the other targets are not shared', async () => {
    const si = await f.managedInstance(S.guid);
    expectUnprocessable(
      await share(dev, si.guid, S.guid, T.guid),
      `Unable to share service instance '${si.name}' with space '${S.guid}'. Service instances cannot be shared into the space where they were created.`,
    );
    expect(await sharedTo(si.guid)).toEqual([]);
  });

  it('422 for a user-provided instance, even into its own space', async () => {
    const ups = await f.userProvidedInstance(S.guid);
    expectUnprocessable(await share(dev, ups.guid, T.guid), 'User-provided services cannot be shared.');
    expectUnprocessable(await share(dev, ups.guid, S.guid), 'User-provided services cannot be shared.');
  });

  it('422 Route services cannot be shared for a user-provided instance with a route service url', async () => {
    const ups = await f.userProvidedInstance(S.guid, undefined, { route_service_url: 'https://route.example.org' });
    expectUnprocessable(await share(dev, ups.guid, T.guid), 'Route services cannot be shared.');
  });

  it('422 for an offering that is not shareable', async () => {
    const si = await f.managedInstance(S.guid, undefined, DEFAULT_PLANS.notShareable);
    expectUnprocessable(await share(dev, si.guid, T.guid), 'The redis service does not support service instance sharing.');
  });

  it('422 when the target space has its own instance of that name', async () => {
    const si = await f.managedInstance(S.guid, 'clash-own');
    await f.userProvidedInstance(T.guid, 'clash-own');
    expectUnprocessable(await share(dev, si.guid, T.guid), `A service instance called clash-own already exists in ${T.name}.`);
  });

  it('422 when an instance of that name is already shared into the target from elsewhere', async () => {
    const other = await f.space(org.guid);
    await f.role(dev, 'space_developer', other.guid);
    const first = await f.managedInstance(other.guid, 'clash-shared');
    expect((await share(dev, first.guid, T.guid)).status).toBe(200);
    const second = await f.managedInstance(S.guid, 'clash-shared');
    expectUnprocessable(await share(dev, second.guid, T.guid), `A service instance called clash-shared has already been shared with ${T.name}.`);
  });

  it('422 when sharing again into a space it is already shared with (the cf CLI treats this as success)', async () => {
    const si = await f.managedInstance(S.guid);
    expect((await share(dev, si.guid, T.guid)).status).toBe(200);
    const again = await share(dev, si.guid, T.guid);
    expectUnprocessable(again, `A service instance called ${si.name} has already been shared with ${T.name}.`);
    expect(again.body.errors[0].detail).toMatch(/A service instance called .* has already been shared with .*\./);
  });

  it('200 with every shared space, old and new, when sharing into one more', async () => {
    const si = await f.managedInstance(S.guid);
    const U = await f.space(org.guid);
    await f.role(dev, 'space_developer', U.guid);
    expect((await share(dev, si.guid, T.guid)).status).toBe(200);
    const res = await share(dev, si.guid, U.guid);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([{ guid: T.guid }, { guid: U.guid }]);
  });

  it('403 CF-OrgSuspended when the owning organization is suspended; an admin may still share', async () => {
    const o = await f.org();
    const s = await f.space(o.guid);
    const u = await t.as('dev-suspended');
    await f.role(u, 'space_developer', s.guid);
    await f.role(u, 'space_developer', T.guid);
    const si = await f.managedInstance(s.guid);
    await t.admin.patch(`/v3/organizations/${o.guid}`, { suspended: true });
    expectCfError(await share(u, si.guid, T.guid), 403, 'CF-OrgSuspended', 10017, 'The organization is suspended');
    expect((await share(t.admin, si.guid, T.guid)).status).toBe(200);
  });
});

describe('a successful share and unshare', () => {
  it('POST then DELETE .../shared_spaces record audit.service_instance.share and .unshare events', async () => {
    const si = await f.managedInstance(S.guid);
    expect((await share(dev, si.guid, T.guid)).status).toBe(200);
    expect((await dev.delete(`${P(si.guid)}/${T.guid}`)).status).toBe(204);
    const events = await t.admin.get(`/v3/audit_events?target_guids=${si.guid}&types=audit.service_instance.share,audit.service_instance.unshare`);
    expect(events.body.resources.map((e: { type: string; data: unknown; space: unknown; actor: { guid: string } }) => [e.type, e.data, e.space, e.actor.guid])).toEqual([
      ['audit.service_instance.share', { target_space_guids: [T.guid] }, { guid: S.guid }, dev.guid],
      ['audit.service_instance.unshare', { target_space_guid: T.guid }, { guid: S.guid }, dev.guid],
    ]);
  });

  it('a failed share records no event', async () => {
    const si = await f.managedInstance(S.guid);
    expect((await share(dev, si.guid, 'nope')).status).toBe(422);
    const events = await t.admin.get(`/v3/audit_events?target_guids=${si.guid}&types=audit.service_instance.share`);
    expect(events.body.resources).toEqual([]);
  });

  it('a developer of the target space sees the shared instance with its owning space', async () => {
    const si = await f.managedInstance(S.guid);
    const devT = await t.as('dev-target-only');
    await f.role(devT, 'space_developer', T.guid);
    expectNotFound(await devT.get(`/v3/service_instances/${si.guid}`));
    expect((await share(dev, si.guid, T.guid)).status).toBe(200);
    const one = await devT.get(`/v3/service_instances/${si.guid}`);
    expect(one.body.relationships.space.data.guid).toBe(S.guid);
    const list = await devT.get(`/v3/service_instances?names=${si.name}&space_guids=${T.guid}&per_page=1&page=1`);
    expect(list.body.resources.map((r: { guid: string }) => r.guid)).toEqual([si.guid]);
    expect((await devT.get(`/v3/service_instances/${si.guid}/permissions`)).body).toEqual({ manage: false, read: true });
    expectForbidden(await devT.get(`/v3/service_instances/${si.guid}/parameters`));
    expectForbidden(await devT.patch(`/v3/service_instances/${si.guid}`, { tags: ['x'] }));
    expectForbidden(await devT.delete(`/v3/service_instances/${si.guid}`));
  });

  it('PATCH /v3/service_instances/:guid cannot rename a shared instance, even to its own name, but may change tags', async () => {
    const si = await f.managedInstance(S.guid);
    expect((await share(dev, si.guid, T.guid)).status).toBe(200);
    expectUnprocessable(await dev.patch(`/v3/service_instances/${si.guid}`, { name: 'renamed' }), 'Service instances that have been shared cannot be renamed');
    expectUnprocessable(await dev.patch(`/v3/service_instances/${si.guid}`, { name: si.name }), 'Service instances that have been shared cannot be renamed');
    expect((await dev.patch(`/v3/service_instances/${si.guid}`, { tags: ['x'] })).status).toBe(200);
  });

  it('DELETE /v3/service_instances/:guid of a shared instance unshares it in the job', async () => {
    const si = await f.managedInstance(S.guid);
    expect((await share(dev, si.guid, T.guid)).status).toBe(200);
    const res = await dev.delete(`/v3/service_instances/${si.guid}`);
    expect(res.status).toBe(202);
    await t.settle();
    const job = await dev.get(new URL(res.headers.location!).pathname);
    expect(job.body.state).toBe('COMPLETE');
    expectNotFound(await t.admin.get(P(si.guid)));
    // the name is free in the target space again
    await f.userProvidedInstance(T.guid, si.name);
  });
});

describe('DELETE /v3/service_instances/:guid/relationships/shared_spaces/:space_guid', () => {
  it('422 for a space that does not exist', async () => {
    const si = await f.managedInstance(S.guid);
    expectUnprocessable(await dev.delete(`${P(si.guid)}/fake-target`), 'Unable to unshare service instance from space fake-target. Ensure the space exists.');
  });

  it('204 for an existing space the instance was never shared with', async () => {
    const si = await f.managedInstance(S.guid);
    expect((await dev.delete(`${P(si.guid)}/${T.guid}`)).status).toBe(204);
  });

  it('404 for a missing instance', async () => {
    expectNotFound(await dev.delete(`${P('some-fake-guid')}/${T.guid}`));
  });

  it('204 when the caller has no role at all in the target space', async () => {
    const si = await f.managedInstance(S.guid);
    const lonely = await f.space(org.guid);
    expect((await share(t.admin, si.guid, lonely.guid)).status).toBe(200);
    expect((await dev.delete(`${P(si.guid)}/${lonely.guid}`)).status).toBe(204);
  });

  it('GET on a shared space path is an unknown request', async () => {
    const res = await t.anonymous.get(`${P('x')}/${T.guid}`);
    expectCfError(res, 404, 'CF-NotFound', 10000, 'Unknown request');
  });
});

describe('GET /v3/service_instances/:guid/relationships/shared_spaces fields', () => {
  it('includes spaces and organizations, omitting names the caller cannot read', async () => {
    const otherOrg = await f.org();
    const hidden = await f.space(otherOrg.guid, 'hidden-target');
    const si = await f.managedInstance(S.guid);
    expect((await share(t.admin, si.guid, T.guid, hidden.guid)).status).toBe(200);
    const q = '?fields[space]=guid,name,relationships.organization&fields[space.organization]=guid,name';
    const asAdmin = await t.admin.get(P(si.guid) + q);
    expect(asAdmin.body.included).toEqual({
      spaces: [
        { guid: T.guid, name: T.name, relationships: { organization: { data: { guid: org.guid } } } },
        { guid: hidden.guid, name: 'hidden-target', relationships: { organization: { data: { guid: otherOrg.guid } } } },
      ],
      organizations: [
        { guid: org.guid, name: org.name },
        { guid: otherOrg.guid, name: otherOrg.name },
      ],
    });
    const asDev = await dev.get(P(si.guid) + q);
    expect(asDev.body.included.spaces[1]).toEqual({ guid: hidden.guid, relationships: { organization: { data: { guid: otherOrg.guid } } } });
    expect(asDev.body.included.organizations[1]).toEqual({ guid: otherOrg.guid });
  });

  it.each([
    ['fields[fruit]=name', "Fields [fruit] valid resources are: 'space', 'space.organization'"],
    ['fields[space]=metadata', "Fields valid keys for 'space' are: 'name', 'guid', 'relationships.organization'"],
    ['fields[space.organization]=metadata', "Fields valid keys for 'space.organization' are: 'name', 'guid'"],
    ['fields=x', 'Fields must be an object'],
    ['page=2', "Unknown query parameter(s): 'page'. Valid parameters are: 'fields'"],
  ])('400 for ?%s', async (query, message) => {
    const si = await f.managedInstance(S.guid);
    expectCfError(await t.admin.get(`${P(si.guid)}?${query}`), 400, 'CF-BadQueryParameter', 10005, `The query parameter is invalid: ${message}`);
  });
});

describe('instances that are not ready to share', () => {
  const paused = useGateway();
  const pf = factories(paused);
  let s: { guid: string };
  let target: { guid: string };
  beforeAll(async () => {
    const o = await pf.org();
    s = await pf.space(o.guid);
    target = await pf.space(o.guid);
    paused.gateway.runner.stop(); // no job runs unless the test runs it
  });

  const createInstance = async (name: string) => {
    const res = await paused.admin.post('/v3/service_instances', {
      type: 'managed',
      name,
      relationships: { space: { data: { guid: s.guid } }, service_plan: { data: { guid: DEFAULT_PLANS.shareable } } },
    });
    expect(res.status).toBe(202);
    return (await paused.admin.get(`/v3/service_instances?names=${name}`)).body.resources[0] as { guid: string; last_operation: { state: string } };
  };

  it('422 while the instance is being created', async () => {
    const si = await createInstance('creating');
    expect(si.last_operation.state).toBe('in progress');
    expectUnprocessable(await share(paused.admin, si.guid, target.guid), 'Service instance is currently being created. It can be shared after its creation succeeded.');
  });

  it('422 while the instance is being deleted', async () => {
    const si = await createInstance('deleting');
    await paused.gateway.core.runDueOperations();
    expect((await paused.admin.delete(`/v3/service_instances/${si.guid}`)).status).toBe(202);
    expectUnprocessable(await share(paused.admin, si.guid, target.guid), 'The service instance is getting deleted.');
  });
});

describe('catalog rules', () => {
  let c: TestGateway;
  let cf: ReturnType<typeof factories>;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-'));
    const file = path.join(dir, 'catalog.json');
    const plan = (id: string, name: string, extra = {}) => ({ id, name, ...extra });
    fs.writeFileSync(
      file,
      JSON.stringify({
        services: [
          {
            id: 'svc-1',
            name: 'svc',
            metadata: { shareable: true },
            plans: [plan('p-small', 'small'), plan('p-gone', 'gone', { active: false }), plan('p-private', 'private', { public: false })],
          },
          { id: 'svc-route', name: 'router', requires: ['route_forwarding'], metadata: { shareable: true }, plans: [plan('p-route', 'route')] },
          { id: 'svc-admin', name: 'admin-only', plans: [plan('p-admin', 'admin-plan', { public: false })] },
        ],
      }),
    );
    c = await startTestGateway({ CATALOG_FILE: file });
    cf = factories(c);
  });
  afterAll(async () => {
    await c.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('422 when the plan has become inactive', async () => {
    const o = await cf.org();
    const [s, tt] = [await cf.space(o.guid), await cf.space(o.guid)];
    // an instance of a plan that later left the catalog: created while active, then the catalog changed
    const si = await cf.managedInstance(s.guid, 'old', 'p-small');
    c.gateway.core.catalog.plans.find((p) => p.guid === 'p-small')!.active = false;
    try {
      expectUnprocessable(await share(c.admin, si.guid, tt.guid), 'The service instance could not be shared as the small plan is inactive.');
    } finally {
      c.gateway.core.catalog.plans.find((p) => p.guid === 'p-small')!.active = true;
    }
  });

  it('422 Route services cannot be shared for an offering that requires route forwarding', async () => {
    const o = await cf.org();
    const [s, tt] = [await cf.space(o.guid), await cf.space(o.guid)];
    const si = await cf.managedInstance(s.guid, 'routed', 'p-route');
    expectUnprocessable(await share(c.admin, si.guid, tt.guid), 'Route services cannot be shared.');
  });

  it('POST /v3/service_instances with an inactive or non-public plan is 422 Invalid service plan', async () => {
    const o = await cf.org();
    const s = await cf.space(o.guid);
    for (const plan of ['p-gone', 'p-private', 'no-such-plan']) {
      const res = await c.admin.post('/v3/service_instances', {
        type: 'managed',
        name: `x-${plan}`,
        relationships: { space: { data: { guid: s.guid } }, service_plan: { data: { guid: plan } } },
      });
      expectUnprocessable(res, 'Invalid service plan. Ensure that the service plan exists, is available, and you have access to it.');
    }
  });
});

describe('plan visibility (catalog with admin-only plans)', () => {
  let c: TestGateway;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-'));
    const file = path.join(dir, 'catalog.json');
    const plans = [
      { id: 'pv-open', name: 'open' },
      { id: 'pv-closed', name: 'closed', public: false },
    ];
    const services = [
      { id: 'sv-mixed', name: 'mixed', plans },
      { id: 'sv-closed', name: 'closed-only', plans: [{ id: 'pv-only', name: 'only', public: false }] },
    ];
    fs.writeFileSync(file, JSON.stringify({ services }));
    c = await startTestGateway({ CATALOG_FILE: file });
  });
  afterAll(async () => {
    await c.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const guids = (res: { body: { resources: { guid: string }[] } }) => res.body.resources.map((r) => r.guid).sort();
  const v2Guids = (res: { body: { resources: { metadata: { guid: string } }[] } }) => res.body.resources.map((r) => r.metadata.guid).sort();

  it('GET /v3/service_plans and /v3/service_offerings show admin-only plans to admins alone', async () => {
    const user = await c.as('plan-visibility-user');
    expect(guids(await c.admin.get('/v3/service_plans'))).toEqual(['pv-closed', 'pv-only', 'pv-open']);
    expect(guids(await user.get('/v3/service_plans'))).toEqual(['pv-open']);
    expect(guids(await c.admin.get('/v3/service_offerings'))).toEqual(['sv-closed', 'sv-mixed']);
    expect(guids(await user.get('/v3/service_offerings'))).toEqual(['sv-mixed']);
    expectNotFound(await user.get('/v3/service_plans/pv-closed'), 'Service plan not found');
    expectNotFound(await user.get('/v3/service_offerings/sv-closed'), 'Service offering not found');
    expect((await c.admin.get('/v3/service_plans/pv-closed/visibility')).body).toEqual({ type: 'admin' });
  });

  it('GET /v2/service_plans and /v2/services show admin-only plans to admins alone', async () => {
    const user = await c.as('plan-visibility-v2-user');
    expect(v2Guids(await c.admin.get('/v2/service_plans'))).toEqual(['pv-closed', 'pv-only', 'pv-open']);
    expect(v2Guids(await user.get('/v2/service_plans'))).toEqual(['pv-open']);
    expect(v2Guids(await user.get('/v2/services'))).toEqual(['sv-mixed']);
    expect(v2Guids(await user.get('/v2/services/sv-mixed/service_plans'))).toEqual(['pv-open']);
    expect((await user.get('/v2/service_plans/pv-closed')).status).toBe(404);
  });
});

describe('GET /v3/service_instances with fields', () => {
  it('includes the owning spaces, organizations and catalog resources the cf tooling asks for', async () => {
    const si = await f.managedInstance(S.guid);
    const res = await dev.get(
      `/v3/service_instances?names=${si.name}&fields[space]=guid,name&fields[space.organization]=name&fields[service_plan]=guid,name,relationships.service_offering&fields[service_plan.service_offering]=guid,name&fields[service_plan.service_offering.service_broker]=name`,
    );
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['pagination', 'resources', 'included']);
    expect(res.body.included).toEqual({
      spaces: [{ guid: S.guid, name: S.name }],
      organizations: [{ name: org.name }],
      service_plans: [{ guid: DEFAULT_PLANS.shareable, name: 'small', relationships: { service_offering: { data: { guid: '1c9d3a2e-5b6f-4e7a-8c9d-0a1b2c3d4e5f' } } } }],
      service_offerings: [{ guid: '1c9d3a2e-5b6f-4e7a-8c9d-0a1b2c3d4e5f', name: 'postgres' }],
      service_brokers: [{ name: 'sharegate-broker' }],
    });
    expect(res.body.pagination.first.href).toContain('fields%5Bspace%5D=guid%2Cname');
  });
});

describe('DELETE /v3/service_instances/:guid?purge=true', () => {
  it('removes a shared managed instance at once for an admin, and is 403 for a developer', async () => {
    const si = await f.managedInstance(S.guid);
    expect((await share(dev, si.guid, T.guid)).status).toBe(200);
    expectForbidden(await dev.delete(`/v3/service_instances/${si.guid}?purge=true`));
    const res = await t.admin.delete(`/v3/service_instances/${si.guid}?purge=true`);
    expect(res.status).toBe(204);
    expectNotFound(await t.admin.get(`/v3/service_instances/${si.guid}`));
  });

  it('400 for an unknown query parameter', async () => {
    const si = await f.managedInstance(S.guid);
    expect((await t.admin.delete(`/v3/service_instances/${si.guid}?force=true`)).status).toBe(400);
  });
});
