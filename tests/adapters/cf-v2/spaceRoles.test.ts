// Space roles on v2 (contract §5, behaviour cases 61-73): PUT/DELETE /v2/spaces/:guid/{managers,developers,auditors}
// by user guid and by user name, the by-name removal forms, and the role lists. Every refused request changes nothing.
import { startTestGateway, type Client, type TestGateway } from '../../helpers/testGateway';
import { expectNotAuthorized, expectV2Error, unique, v2People } from './spacesSetup';

let t: TestGateway;
let p: ReturnType<typeof v2People>;
beforeAll(async () => {
  t = await startTestGateway();
  p = v2People(t);
});
afterAll(() => t.close());

const FORM = 'application/x-www-form-urlencoded';
const putRaw = (c: Client, path: string, raw: string, contentType = FORM) => c.put(path).set('Content-Type', contentType).send(raw);

async function setting() {
  const space = await p.space();
  const larry = await p.user(unique('larry'));
  return { space, larry };
}

describe('PUT /v2/spaces/:guid/managers by user name', () => {
  it('PUT /v2/spaces/S/managers {"username":...} sent form-encoded answers 201 with the space; the user is then a manager', async () => {
    const { space, larry } = await setting();
    await p.orgUser(space.orgGuid, larry);
    const res = await putRaw(t.admin, `/v2/spaces/${space.guid}/managers`, `{"username":"${larry.username}"}`);
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(res.body.metadata).toEqual({ guid: space.guid, url: `/v2/spaces/${space.guid}`, created_at: expect.any(String), updated_at: expect.any(String) });
    expect(res.body.entity).toEqual({
      name: space.name,
      organization_guid: space.orgGuid,
      space_quota_definition_guid: null,
      isolation_segment_guid: null,
      allow_ssh: true,
      organization_url: `/v2/organizations/${space.orgGuid}`,
      developers_url: `/v2/spaces/${space.guid}/developers`,
      managers_url: `/v2/spaces/${space.guid}/managers`,
      auditors_url: `/v2/spaces/${space.guid}/auditors`,
      apps_url: `/v2/spaces/${space.guid}/apps`,
      routes_url: `/v2/spaces/${space.guid}/routes`,
      domains_url: `/v2/spaces/${space.guid}/domains`,
      service_instances_url: `/v2/spaces/${space.guid}/service_instances`,
      app_events_url: `/v2/spaces/${space.guid}/app_events`,
      events_url: `/v2/spaces/${space.guid}/events`,
      security_groups_url: `/v2/spaces/${space.guid}/security_groups`,
      staging_security_groups_url: `/v2/spaces/${space.guid}/staging_security_groups`,
    });
    expect(Object.keys(res.body.entity).slice(0, 5)).toEqual(['name', 'organization_guid', 'space_quota_definition_guid', 'isolation_segment_guid', 'allow_ssh']);
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/managers`)).toEqual([larry.guid]);
  });

  it('PUT /v2/spaces/S/managers for a name UAA does not know is 404 CF-UserNotFound 20003', async () => {
    const { space } = await setting();
    expectV2Error(
      await t.admin.put(`/v2/spaces/${space.guid}/managers`, { username: 'fake@example.com' }),
      404,
      'CF-UserNotFound',
      20003,
      'The user could not be found: fake@example.com',
    );
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/managers`)).toEqual([]);
  });

  it('PUT /v2/spaces/S/managers for a name in two origins needs an origin (400 20006); an origin not among them is 404 20007', async () => {
    const { space, larry } = await setting();
    for (const origin of ['ldap-b', 'ldap-a']) expect((await t.admin.post('/v3/users', { username: larry.username, origin })).status).toBe(201);
    expectV2Error(
      await t.admin.put(`/v2/spaces/${space.guid}/managers`, { username: larry.username }),
      400,
      'CF-UserIsInMultipleOrigins',
      20006,
      "The user exists in multiple origins. Specify an origin for the requested user from: 'ldap-a', 'ldap-b', 'uaa'",
    );
    expectV2Error(
      await t.admin.put(`/v2/spaces/${space.guid}/managers`, { username: larry.username, origin: 'okta' }),
      404,
      'CF-UserWithOriginNotFound',
      20007,
      `The user could not be found, username: '${larry.username}', origin: 'okta'`,
    );
    await p.orgUser(space.orgGuid, larry);
    const res = await t.admin.put(`/v2/spaces/${space.guid}/managers`, { username: larry.username, origin: 'uaa' });
    expect(res.status).toBe(201);
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/managers`)).toEqual([larry.guid]);
  });

  it('PUT /v2/spaces/S/developers for a user outside the organization is 400 CF-InvalidRelation naming the user', async () => {
    const { space, larry } = await setting();
    expectV2Error(await t.admin.put(`/v2/spaces/${space.guid}/developers/${larry.guid}`), 400, 'CF-InvalidRelation', 1002, larry.guid);
    expectV2Error(await t.admin.put(`/v2/spaces/${space.guid}/developers`, { username: larry.username }), 400, 'CF-InvalidRelation', 1002, larry.guid);
    expectV2Error(await t.admin.put(`/v2/spaces/${space.guid}/developers/bogus-user-id`), 400, 'CF-InvalidRelation', 1002, 'bogus-user-id');
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/developers`)).toEqual([]);
    expect((await t.admin.get('/v2/users/bogus-user-id')).status).toBe(404);
  });

  it('PUT /v2/spaces/S/auditors/U twice answers 201 both times and lists U once', async () => {
    const { space, larry } = await setting();
    await p.orgUser(space.orgGuid, larry);
    expect((await t.admin.put(`/v2/spaces/${space.guid}/auditors/${larry.guid}`)).status).toBe(201);
    expect((await t.admin.put(`/v2/spaces/${space.guid}/auditors/${larry.guid}`)).status).toBe(201);
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/auditors`)).toEqual([larry.guid]);
  });

  it('PUT by user name with set_roles_by_username off is 403 CF-FeatureDisabled for an org manager; an admin still gets 201', async () => {
    const { space, larry } = await setting();
    const manager = await p.user();
    await p.orgUser(space.orgGuid, manager);
    await p.orgUser(space.orgGuid, larry);
    expect((await t.admin.put(`/v2/organizations/${space.orgGuid}/managers/${manager.guid}`)).status).toBe(201);
    expect((await t.admin.patch('/v3/feature_flags/set_roles_by_username', { enabled: false })).status).toBe(200);
    try {
      expectV2Error(
        await manager.put(`/v2/spaces/${space.guid}/developers`, { username: larry.username }),
        403,
        'CF-FeatureDisabled',
        330002,
        'Feature Disabled: set_roles_by_username',
      );
      // the flag is checked before the body is read
      expectV2Error(await putRaw(manager, `/v2/spaces/${space.guid}/developers`, 'not json'), 403, 'CF-FeatureDisabled', 330002, 'Feature Disabled: set_roles_by_username');
      expect(await p.guidsOf(`/v2/spaces/${space.guid}/developers`)).toEqual([]);
      expect((await manager.put(`/v2/spaces/${space.guid}/developers/${larry.guid}`)).status).toBe(201);
      expect((await t.admin.put(`/v2/spaces/${space.guid}/auditors`, { username: larry.username })).status).toBe(201);
    } finally {
      await t.admin.patch('/v3/feature_flags/set_roles_by_username', { enabled: true });
    }
  });

  it.each([
    ['no body', undefined],
    ['an empty body', ''],
    ['a JSON array', '["larry"]'],
    ['a JSON string', '"larry"'],
  ])('PUT /v2/spaces/S/managers with %s is 400 CF-MessageParseError "invalid request body"', async (_what, raw) => {
    const { space } = await setting();
    const res = raw === undefined ? await t.admin.put(`/v2/spaces/${space.guid}/managers`) : await putRaw(t.admin, `/v2/spaces/${space.guid}/managers`, raw, 'application/json');
    expectV2Error(res, 400, 'CF-MessageParseError', 1001, 'Request invalid due to parse error: invalid request body');
  });

  it('PUT /v2/spaces/S/managers with malformed JSON is 400 CF-MessageParseError', async () => {
    const { space } = await setting();
    const res = await putRaw(t.admin, `/v2/spaces/${space.guid}/managers`, '{"username":', 'application/json');
    expect(res.status).toBe(400);
    expect(res.body.error_code).toBe('CF-MessageParseError');
    expect(res.body.description).toMatch(/^Request invalid due to parse error: /);
  });

  it('PUT /v2/spaces/:unknown/managers/U is 404 CF-SpaceNotFound', async () => {
    const larry = await p.user();
    const guid = '00000000-0000-4000-8000-000000000001';
    expectV2Error(await t.admin.put(`/v2/spaces/${guid}/managers/${larry.guid}`), 404, 'CF-SpaceNotFound', 40004, `The app space could not be found: ${guid}`);
    expectV2Error(await t.admin.put(`/v2/spaces/${guid}/managers`, { username: larry.username }), 404, 'CF-SpaceNotFound', 40004, `The app space could not be found: ${guid}`);
  });

  it('PUT /v2/spaces/S/managers/U by a developer of S, or by an outsider, is 403 CF-NotAuthorized', async () => {
    const { space, larry } = await setting();
    const dev = await p.user();
    const outsider = await p.user();
    await p.spaceRole(space.guid, space.orgGuid, 'developers', dev);
    await p.orgUser(space.orgGuid, larry);
    expectNotAuthorized(await dev.put(`/v2/spaces/${space.guid}/managers/${larry.guid}`));
    expectNotAuthorized(await outsider.put(`/v2/spaces/${space.guid}/managers/${larry.guid}`));
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/managers`)).toEqual([]);
  });

  it('PUT /v2/spaces/S/managers/U with a token lacking cloud_controller.write is 403 CF-InsufficientScope and adds nobody', async () => {
    const { space, larry } = await setting();
    await p.orgUser(space.orgGuid, larry);
    const reader = await t.as(unique('reader'), { scopes: ['cloud_controller.read'] });
    expectV2Error(
      await reader.put(`/v2/spaces/${space.guid}/managers/${larry.guid}`),
      403,
      'CF-InsufficientScope',
      10007,
      'Your token lacks the necessary scopes to access this resource.',
    );
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/managers`)).toEqual([]);
  });

  it('a space manager may add roles in their space', async () => {
    const { space, larry } = await setting();
    const manager = await p.user();
    await p.spaceRole(space.guid, space.orgGuid, 'managers', manager);
    await p.orgUser(space.orgGuid, larry);
    expect((await manager.put(`/v2/spaces/${space.guid}/developers`, { username: larry.username })).status).toBe(201);
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/developers`)).toEqual([larry.guid]);
  });
});

describe('removing space roles', () => {
  it('DELETE /v2/spaces/S/developers/U is 204 with no body; POST .../developers/remove and the deprecated DELETE with a body answer 200 with the space', async () => {
    const { space, larry } = await setting();
    await p.spaceRole(space.guid, space.orgGuid, 'developers', larry);
    const del = await t.admin.delete(`/v2/spaces/${space.guid}/developers/${larry.guid}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/developers`)).toEqual([]);

    await p.spaceRole(space.guid, space.orgGuid, 'developers', larry);
    const post = await t.admin.post(`/v2/spaces/${space.guid}/developers/remove`, { username: larry.username });
    expect(post.status).toBe(200);
    expect(post.body.metadata.guid).toBe(space.guid);
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/developers`)).toEqual([]);

    await p.spaceRole(space.guid, space.orgGuid, 'developers', larry);
    const deprecated = await t.admin.delete(`/v2/spaces/${space.guid}/developers`).set('Content-Type', FORM).send(`{"username":"${larry.username}"}`);
    expect(deprecated.status).toBe(200);
    expect(deprecated.body.metadata.guid).toBe(space.guid);
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/developers`)).toEqual([]);
  });

  it('DELETE /v2/spaces/S/managers/bogus-user-id is 400 CF-InvalidRelation "User with guid bogus-user-id not found"', async () => {
    const { space } = await setting();
    expectV2Error(await t.admin.delete(`/v2/spaces/${space.guid}/managers/bogus-user-id`), 400, 'CF-InvalidRelation', 1002, 'User with guid bogus-user-id not found');
  });

  it('removing a role the user does not hold is a silent 204', async () => {
    const { space, larry } = await setting();
    expect((await t.admin.delete(`/v2/spaces/${space.guid}/auditors/${larry.guid}`)).status).toBe(204);
  });

  it('a developer may remove themself (204) but not another developer (403); a space manager may remove any manager', async () => {
    const { space } = await setting();
    const [d1, d2, m1, m2] = [await p.user(), await p.user(), await p.user(), await p.user()];
    for (const d of [d1, d2]) await p.spaceRole(space.guid, space.orgGuid, 'developers', d);
    for (const m of [m1, m2]) await p.spaceRole(space.guid, space.orgGuid, 'managers', m);
    expectNotAuthorized(await d1.delete(`/v2/spaces/${space.guid}/developers/${d2.guid}`));
    expect((await d1.delete(`/v2/spaces/${space.guid}/developers/${d1.guid}`)).status).toBe(204);
    expect((await m1.delete(`/v2/spaces/${space.guid}/managers/${m2.guid}`)).status).toBe(204);
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/developers`)).toEqual([d2.guid]);
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/managers`)).toEqual([m1.guid]);
  });

  it('POST .../managers/remove for an account UAA knows but the API never saw is 404 CF-UserNotFound', async () => {
    const { space } = await setting();
    const name = unique('scim-only');
    expect((await t.admin.post('/Users', { userName: name, password: 'Pw-123456789', emails: [{ value: `${name}@example.org` }] })).status).toBe(201);
    expectV2Error(await t.admin.post(`/v2/spaces/${space.guid}/managers/remove`, { username: name }), 404, 'CF-UserNotFound', 20003, `The user could not be found: ${name}`);
    expectV2Error(
      await t.admin.post(`/v2/spaces/${space.guid}/managers/remove`, { username: 'nobody-at-all' }),
      404,
      'CF-UserNotFound',
      20003,
      'The user could not be found: nobody-at-all',
    );
  });

  it('POST .../developers/remove with unset_roles_by_username off is 403 CF-FeatureDisabled for a non-admin', async () => {
    const { space, larry } = await setting();
    const manager = await p.user();
    await p.spaceRole(space.guid, space.orgGuid, 'managers', manager);
    await p.spaceRole(space.guid, space.orgGuid, 'developers', larry);
    await t.admin.patch('/v3/feature_flags/unset_roles_by_username', { enabled: false });
    try {
      expectV2Error(
        await manager.post(`/v2/spaces/${space.guid}/developers/remove`, { username: larry.username }),
        403,
        'CF-FeatureDisabled',
        330002,
        'Feature Disabled: unset_roles_by_username',
      );
      expect(await p.guidsOf(`/v2/spaces/${space.guid}/developers`)).toEqual([larry.guid]);
    } finally {
      await t.admin.patch('/v3/feature_flags/unset_roles_by_username', { enabled: true });
    }
  });
});

describe('GET /v2/spaces/:guid/{managers,developers,auditors,user_roles}', () => {
  it('GET /v2/spaces/S/managers lists users with admin, active, default_space_guid, username and seven links', async () => {
    const { space, larry } = await setting();
    await p.spaceRole(space.guid, space.orgGuid, 'managers', larry);
    const res = await t.admin.get(`/v2/spaces/${space.guid}/managers`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total_results: 1, total_pages: 1, prev_url: null, next_url: null });
    const u = `/v2/users/${larry.guid}`;
    expect(res.body.resources[0].metadata).toEqual({ guid: larry.guid, url: u, created_at: expect.any(String), updated_at: expect.any(String) });
    expect(res.body.resources[0].entity).toEqual({
      admin: false,
      active: false,
      default_space_guid: null,
      username: larry.username,
      spaces_url: `${u}/spaces`,
      organizations_url: `${u}/organizations`,
      managed_organizations_url: `${u}/managed_organizations`,
      billing_managed_organizations_url: `${u}/billing_managed_organizations`,
      audited_organizations_url: `${u}/audited_organizations`,
      managed_spaces_url: `${u}/managed_spaces`,
      audited_spaces_url: `${u}/audited_spaces`,
    });
  });

  it('GET /v2/spaces/S/user_roles gives each user its space_roles after username', async () => {
    const { space, larry } = await setting();
    const other = await p.user();
    await p.spaceRole(space.guid, space.orgGuid, 'auditors', larry);
    await p.spaceRole(space.guid, space.orgGuid, 'developers', larry);
    await p.spaceRole(space.guid, space.orgGuid, 'managers', other);
    const res = await t.admin.get(`/v2/spaces/${space.guid}/user_roles`);
    expect(res.status).toBe(200);
    const byGuid = Object.fromEntries(res.body.resources.map((r: { metadata: { guid: string }; entity: { space_roles: string[] } }) => [r.metadata.guid, r.entity.space_roles]));
    expect(byGuid).toEqual({ [larry.guid]: ['space_developer', 'space_auditor'], [other.guid]: ['space_manager'] });
    expect(Object.keys(res.body.resources[0].entity).slice(0, 5)).toEqual(['admin', 'active', 'default_space_guid', 'username', 'space_roles']);
  });

  it('GET /v2/spaces/S/user_roles leaves out a user whose only role there is the v3-only space_supporter', async () => {
    const { space, larry } = await setting();
    await p.orgUser(space.orgGuid, larry);
    const res = await t.admin.post('/v3/roles', { type: 'space_supporter', relationships: { user: { data: { guid: larry.guid } }, space: { data: { guid: space.guid } } } });
    expect(res.status).toBe(201);
    expect((await t.admin.get(`/v2/spaces/${space.guid}/user_roles`)).body.total_results).toBe(0);
    expect((await t.admin.put(`/v2/spaces/${space.guid}/auditors/${larry.guid}`)).status).toBe(201);
    const roles = await t.admin.get(`/v2/spaces/${space.guid}/user_roles`);
    expect(roles.body.resources.map((r: { entity: { space_roles: string[] } }) => r.entity.space_roles)).toEqual([['space_auditor']]);
  });

  it('role lists page with results-per-page and keep their path in next_url', async () => {
    const { space } = await setting();
    for (let i = 0; i < 3; i++) await p.spaceRole(space.guid, space.orgGuid, 'developers', await p.user());
    const res = await t.admin.get(`/v2/spaces/${space.guid}/developers?results-per-page=2`);
    expect(res.body).toMatchObject({
      total_results: 3,
      total_pages: 2,
      prev_url: null,
      next_url: `/v2/spaces/${space.guid}/developers?order-direction=asc&page=2&results-per-page=2`,
    });
  });

  it('a space member may list; someone who cannot see the space gets 403; an unknown space 404', async () => {
    const { space, larry } = await setting();
    const outsider = await p.user();
    await p.spaceRole(space.guid, space.orgGuid, 'auditors', larry);
    expect((await larry.get(`/v2/spaces/${space.guid}/user_roles`)).status).toBe(200);
    expectNotAuthorized(await outsider.get(`/v2/spaces/${space.guid}/managers`));
    expectNotAuthorized(await outsider.get(`/v2/spaces/${space.guid}/user_roles`));
    const guid = '00000000-0000-4000-8000-000000000002';
    expectV2Error(await t.admin.get(`/v2/spaces/${guid}/developers`), 404, 'CF-SpaceNotFound', 40004, `The app space could not be found: ${guid}`);
  });

  it('GET /v2/spaces/S/developers?q=bogus:1 is 400 CF-BadQueryParameter', async () => {
    const { space } = await setting();
    expectV2Error(await t.admin.get(`/v2/spaces/${space.guid}/developers?q=bogus:1`), 400, 'CF-BadQueryParameter', 10005, 'The query parameter is invalid: bogus');
  });
});

describe('space role changes are audited', () => {
  it('adding and removing a manager by name writes audit.user.space_manager_add and _remove', async () => {
    const { space, larry } = await setting();
    await p.orgUser(space.orgGuid, larry);
    expect((await t.admin.put(`/v2/spaces/${space.guid}/managers`, { username: larry.username })).status).toBe(201);
    expect((await t.admin.post(`/v2/spaces/${space.guid}/managers/remove`, { username: larry.username })).status).toBe(200);
    const events = await t.admin.get(`/v3/audit_events?target_guids=${larry.guid}&space_guids=${space.guid}`);
    expect(events.body.resources.map((e: { type: string }) => e.type)).toEqual(['audit.user.space_manager_add', 'audit.user.space_manager_remove']);
  });
});
