// /v3/feature_flags: list, get, update.
import { factories, DEFAULT_PLANS } from '../../helpers/factories';
import { expectCfError, expectForbidden, expectNotFound, expectUnprocessable } from '../../helpers/expectations';
import { BASE, useGateway } from '../../helpers/testGateway';

const t = useGateway();
const f = factories(t);

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('GET /v3/feature_flags', () => {
  it('GET /v3/feature_flags lists every flag by name with CC defaults (sharing on here)', async () => {
    const res = await t.admin.get('/v3/feature_flags');
    expect(res.status).toBe(200);
    const names = res.body.resources.map((x: { name: string }) => x.name);
    expect(names).toEqual([...names].sort());
    const byName = Object.fromEntries(res.body.resources.map((x: { name: string; enabled: boolean }) => [x.name, x.enabled]));
    expect(byName).toMatchObject({
      service_instance_creation: true,
      service_instance_sharing: true,
      set_roles_by_username: true,
      unset_roles_by_username: true,
      user_org_creation: false,
      diego_docker: false,
    });
    expect(res.body.resources[0]).toEqual({
      name: names[0],
      enabled: expect.any(Boolean),
      updated_at: null,
      custom_error_message: null,
      links: { self: { href: `${BASE}/v3/feature_flags/${names[0]}` } },
    });
    expect(Object.keys(res.body.resources[0])).toEqual(['name', 'enabled', 'updated_at', 'custom_error_message', 'links']);
  });

  it('GET /v3/feature_flags?per_page=5&page=2&order_by=-name pages in reverse name order', async () => {
    const all = (await t.admin.get('/v3/feature_flags')).body.resources.map((x: { name: string }) => x.name) as string[];
    const res = await t.admin.get('/v3/feature_flags?per_page=5&page=2&order_by=-name');
    expect(res.body.resources.map((x: { name: string }) => x.name)).toEqual([...all].reverse().slice(5, 10));
    expect(res.body.pagination.total_results).toBe(all.length);
    expect(res.body.pagination.previous).toEqual({ href: `${BASE}/v3/feature_flags?order_by=-name&page=1&per_page=5` });
  });

  it('GET /v3/feature_flags?order_by=created_at is 400: flags order by name only', async () => {
    expectCfError(await t.admin.get('/v3/feature_flags?order_by=created_at'), 400, 'CF-BadQueryParameter', 10005, "The query parameter is invalid: Order by can only be: 'name'");
  });

  it('GET /v3/feature_flags is readable by any user with cloud_controller.read', async () => {
    const user = await t.as('flag-reader');
    expect((await user.get('/v3/feature_flags')).status).toBe(200);
    expect((await user.get('/v3/feature_flags/user_org_creation')).body.enabled).toBe(false);
  });
});

describe('GET /v3/feature_flags/:name', () => {
  it('GET /v3/feature_flags/:name of an unknown flag is 404 Feature flag not found', async () => {
    expectNotFound(await t.admin.get('/v3/feature_flags/warp_drive'), 'Feature flag not found');
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('GET and PATCH /v3/feature_flags/%s are 404, not a server error', async (name) => {
    expectNotFound(await t.admin.get(`/v3/feature_flags/${name}`), 'Feature flag not found');
    expectNotFound(await t.admin.patch(`/v3/feature_flags/${name}`, {}), 'Feature flag not found');
    expectNotFound(await t.admin.patch(`/v3/feature_flags/${name}`, { enabled: true }), 'Feature flag not found');
  });
});

describe('PATCH /v3/feature_flags/:name', () => {
  it('PATCH /v3/feature_flags/:name as admin sets enabled and custom_error_message and stamps updated_at', async () => {
    const res = await t.admin.patch('/v3/feature_flags/diego_docker', { enabled: true, custom_error_message: 'docker is off' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: 'diego_docker',
      enabled: true,
      updated_at: expect.stringMatching(TIME),
      custom_error_message: 'docker is off',
      links: { self: { href: `${BASE}/v3/feature_flags/diego_docker` } },
    });
    expect((await t.admin.get('/v3/feature_flags/diego_docker')).body).toEqual(res.body);
    // absent keys are kept, null clears the message
    const partial = await t.admin.patch('/v3/feature_flags/diego_docker', { custom_error_message: null });
    expect(partial.body).toMatchObject({ enabled: true, custom_error_message: null });
  });

  it('PATCH /v3/feature_flags/service_instance_creation off makes non-admin creates 403 CF-FeatureDisabled with the custom message', async () => {
    const org = await f.org();
    const space = await f.space(org.guid);
    const dev = await t.as('flag-dev');
    await f.role(dev, 'space_developer', space.guid);
    await t.admin.patch('/v3/feature_flags/service_instance_creation', { enabled: false, custom_error_message: 'ask an admin' });
    try {
      const body = { type: 'managed', name: 'blocked', relationships: { space: { data: { guid: space.guid } }, service_plan: { data: { guid: DEFAULT_PLANS.shareable } } } };
      expectCfError(await dev.post('/v3/service_instances', body), 403, 'CF-FeatureDisabled', 330002, 'Feature Disabled: ask an admin');
      // the flag is checked before the body
      expectCfError(await dev.post('/v3/service_instances', { type: 'nonsense' }), 403, 'CF-FeatureDisabled', 330002, 'Feature Disabled: ask an admin');
      // admins are exempt from this flag
      expect((await t.admin.post('/v3/service_instances', body)).status).toBe(202);
    } finally {
      await t.admin.patch('/v3/feature_flags/service_instance_creation', { enabled: true, custom_error_message: null });
    }
  });

  it('PATCH /v3/feature_flags/:name by a non-admin is 403, even with an invalid body, and changes nothing', async () => {
    const user = await t.as('flag-patcher');
    expectForbidden(await user.patch('/v3/feature_flags/user_org_creation', { enabled: true }));
    expectForbidden(await user.patch('/v3/feature_flags/user_org_creation', { enabled: 'yes' }));
    expect((await t.admin.get('/v3/feature_flags/user_org_creation')).body.enabled).toBe(false);
  });

  it('PATCH /v3/feature_flags/:name of an unknown flag is 404 before the permission check', async () => {
    expectNotFound(await t.admin.patch('/v3/feature_flags/warp_drive', { enabled: true }), 'Feature flag not found');
    expectNotFound(await (await t.as('flag-patcher-2')).patch('/v3/feature_flags/warp_drive', { enabled: true }), 'Feature flag not found');
  });

  it.each([
    [{ enabled: 'yes' }, 'Enabled must be a boolean'],
    [{ custom_error_message: 5 }, 'Custom error message must be a string'],
    [{ enabled: true, name: 'other' }, "Unknown field(s): 'name'"],
  ])('PATCH /v3/feature_flags/:name with %j is 422 "%s"', async (body, detail) => {
    expectUnprocessable(await t.admin.patch('/v3/feature_flags/app_scaling', body), detail);
    expect((await t.admin.get('/v3/feature_flags/app_scaling')).body).toMatchObject({ enabled: true, updated_at: null });
  });
});
