// Organization roles on v2: PUT/DELETE /v2/organizations/:guid/{users,managers,auditors,billing_managers}[/:user_guid],
// the by-name forms the cf CLI v6 sends (PUT with {"username"}, POST .../remove), and the role lists.
import { startTestGateway, type TestGateway } from '../../helpers/testGateway';
import { expectNotAuthorized, expectV2Error, unique, v2People } from './spacesSetup';

let t: TestGateway;
let p: ReturnType<typeof v2People>;
beforeAll(async () => {
  t = await startTestGateway();
  p = v2People(t);
});
afterAll(() => t.close());

const ROLES = ['users', 'managers', 'auditors', 'billing_managers'] as const;

describe('PUT /v2/organizations/:guid/<role>s', () => {
  it.each(ROLES)('PUT /v2/organizations/O/%s/U answers 201 with the organization and lists U', async (role) => {
    const org = await p.org();
    const u = await p.user();
    const res = await t.admin.put(`/v2/organizations/${org.guid}/${role}/${u.guid}`);
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(res.body.metadata).toMatchObject({ guid: org.guid, url: `/v2/organizations/${org.guid}` });
    expect(res.body.entity.name).toBe(org.name);
    expect(await p.guidsOf(`/v2/organizations/${org.guid}/${role}`)).toEqual([u.guid]);
  });

  it.each(ROLES)('PUT /v2/organizations/O/%s {"username"} (cf CLI v6) answers 201', async (role) => {
    const org = await p.org();
    const u = await p.user();
    const res = await t.admin.put(`/v2/organizations/${org.guid}/${role}`).set('Content-Type', 'application/x-www-form-urlencoded').send(`{"username":"${u.username}"}`);
    expect(res.status).toBe(201);
    expect(await p.guidsOf(`/v2/organizations/${org.guid}/${role}`)).toEqual([u.guid]);
  });

  it('PUT /v2/organizations/O/users/:guid for a guid never seen registers that user, as Cloud Controller does', async () => {
    const org = await p.org();
    const guid = 'client-credentials-app';
    expect((await t.admin.put(`/v2/organizations/${org.guid}/users/${guid}`)).status).toBe(201);
    const user = await t.admin.get(`/v2/users/${guid}`);
    expect(user.status).toBe(200);
    expect(user.body.entity).not.toHaveProperty('username');
    expect(await p.guidsOf(`/v2/organizations/${org.guid}/users`)).toEqual([guid]);
  });

  it('PUT /v2/organizations/O/users {"username"} for an account made through SCIM only registers it with the API', async () => {
    const org = await p.org();
    const name = unique('scim');
    const account = await t.admin.post('/Users', { userName: name, password: 'Pw-123456789', emails: [{ value: `${name}@example.org` }] });
    expect(account.status).toBe(201);
    expect((await t.admin.get(`/v2/users/${account.body.id}`)).status).toBe(404);
    expect((await t.admin.put(`/v2/organizations/${org.guid}/users`, { username: name })).status).toBe(201);
    expect((await t.admin.get(`/v2/users/${account.body.id}`)).body.entity.username).toBe(name);
    expect(await p.guidsOf(`/v2/organizations/${org.guid}/users`)).toEqual([account.body.id]);
  });

  it('PUT /v2/organizations/O/managers {"username"} for an unknown name is 404 CF-UserNotFound and adds nobody', async () => {
    const org = await p.org();
    expectV2Error(await t.admin.put(`/v2/organizations/${org.guid}/managers`, { username: 'ghost' }), 404, 'CF-UserNotFound', 20003, 'The user could not be found: ghost');
    expect(await p.guidsOf(`/v2/organizations/${org.guid}/managers`)).toEqual([]);
  });

  it('PUT on an unknown organization is 404 CF-OrganizationNotFound', async () => {
    const u = await p.user();
    const guid = '00000000-0000-4000-8000-00000000000a';
    expectV2Error(await t.admin.put(`/v2/organizations/${guid}/users/${u.guid}`), 404, 'CF-OrganizationNotFound', 30003, `The organization could not be found: ${guid}`);
  });

  it('an org manager may add users; an org user or an outsider may not (403)', async () => {
    const org = await p.org();
    const [manager, member, outsider, newcomer] = [await p.user(), await p.user(), await p.user(), await p.user()];
    await p.orgUser(org.guid, manager);
    expect((await t.admin.put(`/v2/organizations/${org.guid}/managers/${manager.guid}`)).status).toBe(201);
    await p.orgUser(org.guid, member);
    expectNotAuthorized(await member.put(`/v2/organizations/${org.guid}/users/${newcomer.guid}`));
    expectNotAuthorized(await outsider.put(`/v2/organizations/${org.guid}/users/${newcomer.guid}`));
    expect(await p.guidsOf(`/v2/organizations/${org.guid}/users`)).toEqual([manager.guid, member.guid]);
    expect((await manager.put(`/v2/organizations/${org.guid}/users`, { username: newcomer.username })).status).toBe(201);
    expect(await p.guidsOf(`/v2/organizations/${org.guid}/users`)).toEqual([manager.guid, member.guid, newcomer.guid]);
  });

  it('in a suspended organization its manager may not add users (403); an admin may', async () => {
    const org = await p.org();
    const [manager, u] = [await p.user(), await p.user()];
    expect((await t.admin.put(`/v2/organizations/${org.guid}/managers/${manager.guid}`)).status).toBe(201);
    expect((await t.admin.put(`/v2/organizations/${org.guid}`, { status: 'suspended' })).status).toBe(201);
    expectNotAuthorized(await manager.put(`/v2/organizations/${org.guid}/users/${u.guid}`));
    expect(await p.guidsOf(`/v2/organizations/${org.guid}/users`)).toEqual([]);
    expect((await t.admin.put(`/v2/organizations/${org.guid}/users/${u.guid}`)).status).toBe(201);
  });

  it('PUT by name with set_roles_by_username off is 403 CF-FeatureDisabled for an org manager', async () => {
    const org = await p.org();
    const [manager, u] = [await p.user(), await p.user()];
    expect((await t.admin.put(`/v2/organizations/${org.guid}/managers/${manager.guid}`)).status).toBe(201);
    await t.admin.patch('/v3/feature_flags/set_roles_by_username', { enabled: false });
    try {
      expectV2Error(
        await manager.put(`/v2/organizations/${org.guid}/users`, { username: u.username }),
        403,
        'CF-FeatureDisabled',
        330002,
        'Feature Disabled: set_roles_by_username',
      );
      expect(await p.guidsOf(`/v2/organizations/${org.guid}/users`)).toEqual([]);
    } finally {
      await t.admin.patch('/v3/feature_flags/set_roles_by_username', { enabled: true });
    }
  });
});

describe('removing organization roles', () => {
  it('DELETE /v2/organizations/O/managers/U is 204; POST .../managers/remove and DELETE .../managers with a body are 204 too', async () => {
    const org = await p.org();
    const u = await p.user();
    for (const remove of [
      () => t.admin.delete(`/v2/organizations/${org.guid}/managers/${u.guid}`),
      () => t.admin.post(`/v2/organizations/${org.guid}/managers/remove`, { username: u.username }),
      () =>
        t.admin
          .delete(`/v2/organizations/${org.guid}/managers`)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ username: u.username })),
    ]) {
      expect((await t.admin.put(`/v2/organizations/${org.guid}/managers/${u.guid}`)).status).toBe(201);
      const res = await remove();
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect(await p.guidsOf(`/v2/organizations/${org.guid}/managers`)).toEqual([]);
    }
  });

  it('DELETE /v2/organizations/O/users/U while U holds a space role there is 400 CF-AssociationNotEmpty and keeps everything', async () => {
    const space = await p.space();
    const u = await p.user();
    await p.spaceRole(space.guid, space.orgGuid, 'auditors', u);
    expectV2Error(
      await t.admin.delete(`/v2/organizations/${space.orgGuid}/users/${u.guid}`),
      400,
      'CF-AssociationNotEmpty',
      10006,
      'Please delete the user associations for your spaces in the org.',
    );
    expect(await p.guidsOf(`/v2/organizations/${space.orgGuid}/users`)).toEqual([u.guid]);
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/auditors`)).toEqual([u.guid]);
    expect((await t.admin.post(`/v2/organizations/${space.orgGuid}/users/remove?recursive=true`, { username: u.username })).status).toBe(204);
    expect(await p.guidsOf(`/v2/organizations/${space.orgGuid}/users`)).toEqual([]);
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/auditors`)).toEqual([]);
  });

  it('a user may leave an organization role themself; others need to manage the organization', async () => {
    const org = await p.org();
    const [a, b] = [await p.user(), await p.user()];
    for (const u of [a, b]) expect((await t.admin.put(`/v2/organizations/${org.guid}/auditors/${u.guid}`)).status).toBe(201);
    expectNotAuthorized(await a.delete(`/v2/organizations/${org.guid}/auditors/${b.guid}`));
    expect((await a.delete(`/v2/organizations/${org.guid}/auditors/${a.guid}`)).status).toBe(204);
    expect(await p.guidsOf(`/v2/organizations/${org.guid}/auditors`)).toEqual([b.guid]);
  });

  it('DELETE /v2/organizations/O/users/bogus is 400 CF-InvalidRelation', async () => {
    const org = await p.org();
    expectV2Error(await t.admin.delete(`/v2/organizations/${org.guid}/users/bogus`), 400, 'CF-InvalidRelation', 1002, 'User with guid bogus not found');
  });
});

describe('GET /v2/organizations/:guid/{users,managers,auditors,billing_managers,user_roles}', () => {
  it('user_roles lists each user with organization_roles in CC order', async () => {
    const org = await p.org();
    const [a, b] = [await p.user(unique('ann')), await p.user(unique('bob'))];
    for (const role of ['billing_managers', 'users', 'managers']) expect((await t.admin.put(`/v2/organizations/${org.guid}/${role}/${a.guid}`)).status).toBe(201);
    expect((await t.admin.put(`/v2/organizations/${org.guid}/auditors/${b.guid}`)).status).toBe(201);
    const res = await t.admin.get(`/v2/organizations/${org.guid}/user_roles`);
    expect(res.status).toBe(200);
    expect(res.body.total_results).toBe(2);
    const entities = res.body.resources.map((r: { entity: Record<string, unknown> }) => r.entity);
    expect(entities.map((x: { username: string; organization_roles: string[] }) => [x.username, x.organization_roles])).toEqual([
      [a.username, ['org_user', 'org_manager', 'billing_manager']],
      [b.username, ['org_auditor']],
    ]);
    expect(Object.keys(entities[0]).slice(0, 5)).toEqual(['admin', 'active', 'default_space_guid', 'username', 'organization_roles']);
  });

  it("GET /v2/organizations/O/user_roles?q=user_guid:U lists only U's roles", async () => {
    const org = await p.org();
    const [a, b] = [await p.user(), await p.user()];
    for (const u of [a, b]) await p.orgUser(org.guid, u);
    expect((await t.admin.put(`/v2/organizations/${org.guid}/managers/${b.guid}`)).status).toBe(201);
    const res = await t.admin.get(`/v2/organizations/${org.guid}/user_roles?q=user_guid:${b.guid}`);
    expect(res.body.total_results).toBe(1);
    expect(res.body.resources[0].entity.organization_roles).toEqual(['org_user', 'org_manager']);
    expect(res.body.next_url).toBeNull();
  });

  it("an org user may list the organization's users; an outsider gets 403", async () => {
    const org = await p.org();
    const [member, outsider] = [await p.user(), await p.user()];
    await p.orgUser(org.guid, member);
    expect(await p.guidsOf(`/v2/organizations/${org.guid}/users`, member)).toEqual([member.guid]);
    expectNotAuthorized(await outsider.get(`/v2/organizations/${org.guid}/users`));
  });

  it('GET /v2/organizations/O/users?q=managed_space_guid:S narrows to managers of S', async () => {
    const space = await p.space();
    const [a, b] = [await p.user(), await p.user()];
    await p.spaceRole(space.guid, space.orgGuid, 'managers', a);
    await p.orgUser(space.orgGuid, b);
    expect(await p.guidsOf(`/v2/organizations/${space.orgGuid}/users?q=managed_space_guid:${space.guid}`)).toEqual([a.guid]);
    expect(await p.guidsOf(`/v2/organizations/${space.orgGuid}/users`)).toEqual([a.guid, b.guid]);
  });
});
