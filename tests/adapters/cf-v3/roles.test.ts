// /v3/roles: create (by user guid, by username and origin), list with filters and include, get, delete.
import { factories } from '../../helpers/factories';
import { expectCfError, expectForbidden, expectNotFound, expectUnprocessable } from '../../helpers/expectations';
import { BASE, useGateway, type Client } from '../../helpers/testGateway';

const t = useGateway();
const f = factories(t);
let org: { guid: string; name: string };
let space: { guid: string; name: string };

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const orgRole = (type: string, user: Record<string, unknown>, orgGuid = org.guid) => ({ type, relationships: { user: { data: user }, organization: { data: { guid: orgGuid } } } });
const spaceRole = (type: string, user: Record<string, unknown>, spaceGuid = space.guid) => ({
  type,
  relationships: { user: { data: user }, space: { data: { guid: spaceGuid } } },
});
const known = async (name: string) => {
  const c = await t.as(name);
  await c.get('/v3/organizations');
  return c;
};
const SPACE_ROLE_NEEDS_ORG_ROLE = "Users cannot be assigned roles in a space if they do not have a role in that space's organization.";

beforeAll(async () => {
  org = await f.org('roles-org');
  space = await f.space(org.guid, 'roles-space');
});

describe('POST /v3/roles', () => {
  it('POST /v3/roles organization_user by user guid is 201 with the role object in CC key order', async () => {
    const u = await known('role-by-guid');
    const res = await t.admin.post('/v3/roles', orgRole('organization_user', { guid: u.guid }));
    expect(res.status).toBe(201);
    const r = res.body;
    expect(Object.keys(r)).toEqual(['guid', 'created_at', 'updated_at', 'type', 'relationships', 'links']);
    expect(r.created_at).toMatch(TIME);
    expect(r.type).toBe('organization_user');
    expect(r.relationships).toEqual({ user: { data: { guid: u.guid } }, organization: { data: { guid: org.guid } }, space: { data: null } });
    expect(Object.keys(r.relationships)).toEqual(['user', 'organization', 'space']);
    expect(r.links).toEqual({
      self: { href: `${BASE}/v3/roles/${r.guid}` },
      user: { href: `${BASE}/v3/users/${u.guid}` },
      organization: { href: `${BASE}/v3/organizations/${org.guid}` },
    });
    expect((await t.admin.get(`/v3/roles/${r.guid}`)).body).toEqual(r);
  });

  it('POST /v3/roles space_developer is 201 with space relationships first', async () => {
    const u = await known('space-role-by-guid');
    await t.admin.post('/v3/roles', orgRole('organization_user', { guid: u.guid }));
    const res = await t.admin.post('/v3/roles', spaceRole('space_developer', { guid: u.guid }));
    expect(res.status).toBe(201);
    expect(res.body.relationships).toEqual({ user: { data: { guid: u.guid } }, space: { data: { guid: space.guid } }, organization: { data: null } });
    expect(Object.keys(res.body.relationships)).toEqual(['user', 'space', 'organization']);
    expect(res.body.links).toEqual({
      self: { href: `${BASE}/v3/roles/${res.body.guid}` },
      user: { href: `${BASE}/v3/users/${u.guid}` },
      space: { href: `${BASE}/v3/spaces/${space.guid}` },
    });
    expect((await u.get(`/v3/spaces/${space.guid}`)).status).toBe(200);
  });

  it('POST /v3/roles organization role for a user guid not seen before creates the user, as Cloud Controller does', async () => {
    const res = await t.admin.post('/v3/roles', orgRole('organization_auditor', { guid: 'brand-new-user-guid' }));
    expect(res.status).toBe(201);
    const user = await t.admin.get('/v3/users/brand-new-user-guid');
    expect(user.body).toMatchObject({ guid: 'brand-new-user-guid', username: null, presentation_name: 'brand-new-user-guid' });
  });

  it('POST /v3/roles by username and origin is 201', async () => {
    const u = await known('by-name');
    const res = await t.admin.post('/v3/roles', orgRole('organization_manager', { username: 'by-name', origin: 'uaa' }));
    expect(res.status).toBe(201);
    expect(res.body.relationships.user.data.guid).toBe(u.guid);
    const space2 = await t.admin.post('/v3/roles', spaceRole('space_auditor', { username: 'by-name' }));
    expect(space2.status).toBe(201);
  });

  it('POST /v3/roles by an unknown username is 422 with CC messages (organization with and without origin, space)', async () => {
    expectUnprocessable(await t.admin.post('/v3/roles', orgRole('organization_user', { username: 'ghost' })), "No user exists with the username 'ghost'.");
    expectUnprocessable(
      await t.admin.post('/v3/roles', orgRole('organization_user', { username: 'ghost', origin: 'ldap' })),
      "No user exists with the username 'ghost' and origin 'ldap'.",
    );
    expectUnprocessable(await t.admin.post('/v3/roles', spaceRole('space_developer', { username: 'ghost' })), SPACE_ROLE_NEEDS_ORG_ROLE);
  });

  it('POST /v3/roles by a username that exists in two origins is 422 Ambiguous user', async () => {
    await t.admin.post('/v3/users', { username: 'twin-name', origin: 'ldap' });
    await t.admin.post('/v3/users', { username: 'twin-name', origin: 'saml' });
    expectUnprocessable(
      await t.admin.post('/v3/roles', orgRole('organization_user', { username: 'twin-name' })),
      "Ambiguous user. User with username 'twin-name' exists in the following origins: ldap, saml. Specify an origin to disambiguate.",
    );
    expect((await t.admin.post('/v3/roles', orgRole('organization_user', { username: 'twin-name', origin: 'saml' }))).status).toBe(201);
  });

  it('POST /v3/roles by username with set_roles_by_username disabled is 403 CF-FeatureDisabled', async () => {
    await known('flagged');
    await t.admin.patch('/v3/feature_flags/set_roles_by_username', { enabled: false });
    try {
      expectCfError(
        await t.admin.post('/v3/roles', orgRole('organization_user', { username: 'flagged', origin: 'uaa' })),
        403,
        'CF-FeatureDisabled',
        330002,
        'Feature Disabled: set_roles_by_username',
      );
    } finally {
      await t.admin.patch('/v3/feature_flags/set_roles_by_username', { enabled: true });
    }
  });

  it('POST /v3/roles space role for a user without a role in the organization is 422 and creates nothing', async () => {
    const u = await known('no-org-role');
    const before = await t.admin.get('/v3/audit_events?per_page=1');
    expectUnprocessable(await t.admin.post('/v3/roles', spaceRole('space_manager', { guid: u.guid })), SPACE_ROLE_NEEDS_ORG_ROLE);
    expect((await t.admin.get(`/v3/roles?user_guids=${u.guid}`)).body.pagination.total_results).toBe(0);
    expect((await t.admin.get('/v3/audit_events?per_page=1')).body.pagination.total_results).toBe(before.body.pagination.total_results);
  });

  it('POST /v3/roles space role for an unknown user guid is 422 (the user must be readable)', async () => {
    expectUnprocessable(await t.admin.post('/v3/roles', spaceRole('space_developer', { guid: 'no-such-user' })), SPACE_ROLE_NEEDS_ORG_ROLE);
  });

  it('POST /v3/roles twice for the same user, type and resource is 422 already has role', async () => {
    const u = await known('dup-role');
    expect((await t.admin.post('/v3/roles', orgRole('organization_user', { guid: u.guid }))).status).toBe(201);
    expectUnprocessable(
      await t.admin.post('/v3/roles', orgRole('organization_user', { guid: u.guid })),
      `User 'dup-role' already has 'organization_user' role in organization 'roles-org'.`,
    );
    expect((await t.admin.post('/v3/roles', spaceRole('space_supporter', { guid: u.guid }))).status).toBe(201);
    expectUnprocessable(
      await t.admin.post('/v3/roles', spaceRole('space_supporter', { guid: u.guid })),
      `User 'dup-role' already has 'space_supporter' role in space 'roles-space'.`,
    );
  });

  it('POST /v3/roles into an unknown space or organization is 422', async () => {
    const u = await known('nowhere');
    expectUnprocessable(
      await t.admin.post('/v3/roles', spaceRole('space_developer', { guid: u.guid }, 'no-space')),
      'Invalid space. Ensure that the space exists and you have access to it.',
    );
    expectUnprocessable(
      await t.admin.post('/v3/roles', orgRole('organization_user', { guid: u.guid }, 'no-org')),
      'Invalid organization. Ensure that the organization exists and you have access to it.',
    );
  });

  it.each([
    [{ type: 'space_developer' }, "Relationships 'relationships' is not an object"],
    [{ type: 'space_developer', relationships: {} }, "Relationships 'relationships' must include one or more valid relationships"],
    [
      { type: 'king', relationships: { user: { data: { guid: 'u' } }, organization: { data: { guid: 'o' } } } },
      'Type must be one of the allowed types ["organization_auditor", "organization_manager", "organization_billing_manager", "organization_user", "space_auditor", "space_manager", "space_developer", "space_supporter"]',
    ],
    [{ type: 'space_developer', relationships: { user: { data: { guid: 'u' } } } }, 'Relationships must specify either a space or an organization.'],
    [
      { type: 'space_developer', relationships: { user: { data: { guid: 'u' } }, organization: { data: { guid: 'o' } } } },
      "Relationships Organization cannot be provided with the space role type: 'space_developer'.",
    ],
    [
      { type: 'organization_user', relationships: { user: { data: { guid: 'u' } }, space: { data: { guid: 's' } } } },
      "Relationships Space cannot be provided with the organization role type: 'organization_user'.",
    ],
    [{ type: 'organization_user', relationships: { user: { data: {} }, organization: { data: { guid: 'o' } } } }, 'Relationships User must have a username or guid specified'],
    [
      { type: 'organization_user', relationships: { user: { data: { guid: 'u', username: 'n' } }, organization: { data: { guid: 'o' } } } },
      'Relationships Username cannot be specified when identifying user by guid',
    ],
    [
      { type: 'organization_user', relationships: { user: { data: { origin: 'ldap' } }, organization: { data: { guid: 'o' } } } },
      'Relationships User origin cannot be specified without specifying the username, Relationships User must have a username or guid specified',
    ],
    [{ type: 'organization_user', relationships: { user: { data: { guid: 'u' } }, organization: { data: { guid: 'o' } } }, extra: 1 }, "Unknown field(s): 'extra'"],
  ])('POST /v3/roles with %j is 422 "%s"', async (body, detail) => {
    expectUnprocessable(await t.admin.post('/v3/roles', body), detail);
  });

  describe('who may create roles', () => {
    let manager: Client;
    let orgManager: Client;
    let dev: Client;
    let target: Client;
    let stranger: Client;
    beforeAll(async () => {
      manager = await known('roles-space-manager');
      orgManager = await known('roles-org-manager');
      dev = await known('roles-space-dev');
      target = await known('roles-target');
      stranger = await known('roles-stranger');
      await f.role(manager, 'space_manager', space.guid);
      await f.role(orgManager, 'organization_manager', org.guid);
      await f.role(dev, 'space_developer', space.guid);
      await f.role(target, 'organization_user', org.guid);
    });

    it('POST /v3/roles space role by a space manager and by an org manager is 201', async () => {
      expect((await manager.post('/v3/roles', spaceRole('space_auditor', { guid: target.guid }))).status).toBe(201);
      expect((await orgManager.post('/v3/roles', spaceRole('space_developer', { guid: target.guid }))).status).toBe(201);
    });

    it('POST /v3/roles space role by a space developer is 403', async () => {
      expectForbidden(await dev.post('/v3/roles', spaceRole('space_manager', { guid: target.guid })));
    });

    it('POST /v3/roles organization role by a space manager is 403; by an org manager 201', async () => {
      expectForbidden(await manager.post('/v3/roles', orgRole('organization_billing_manager', { guid: target.guid })));
      expect((await orgManager.post('/v3/roles', orgRole('organization_billing_manager', { guid: target.guid }))).status).toBe(201);
    });

    it('POST /v3/roles into an existing space or organization the caller cannot see is 403', async () => {
      expectForbidden(await stranger.post('/v3/roles', spaceRole('space_developer', { guid: target.guid })));
      expectForbidden(await stranger.post('/v3/roles', orgRole('organization_manager', { guid: stranger.guid })));
    });
  });

  it('POST /v3/roles records audit.user.<type>_add with the request', async () => {
    const u = await known('audited-role');
    const body = orgRole('organization_auditor', { guid: u.guid });
    await t.admin.post('/v3/roles', body);
    const events = await t.admin.get(`/v3/audit_events?target_guids=${u.guid}&types=audit.user.organization_auditor_add`);
    expect(events.body.resources).toHaveLength(1);
    expect(events.body.resources[0]).toMatchObject({
      target: { guid: u.guid, type: 'user', name: 'audited-role' },
      data: { request: body },
      space: null,
      organization: { guid: org.guid },
    });
  });
});

describe('GET /v3/roles', () => {
  let listOrg: string;
  let listSpace: string;
  let alice: Client;
  let bob: Client;
  beforeAll(async () => {
    listOrg = (await f.org('roles-list-org')).guid;
    listSpace = (await f.space(listOrg, 'roles-list-space')).guid;
    alice = await known('list-alice');
    bob = await known('list-bob');
    await f.role(alice, 'space_developer', listSpace);
    await f.role(bob, 'organization_manager', listOrg);
  });

  it('GET /v3/roles?organization_guids=&types= filters roles', async () => {
    const res = await t.admin.get(`/v3/roles?organization_guids=${listOrg}`);
    expect(res.body.resources.map((r: { type: string }) => r.type)).toEqual(['organization_user', 'organization_manager']);
    const byType = await t.admin.get(`/v3/roles?organization_guids=${listOrg}&types=organization_manager`);
    expect(byType.body.resources.map((r: { relationships: { user: { data: { guid: string } } } }) => r.relationships.user.data.guid)).toEqual([bob.guid]);
  });

  it('GET /v3/roles?space_guids=&user_guids= filters roles', async () => {
    const res = await t.admin.get(`/v3/roles?space_guids=${listSpace}&user_guids=${alice.guid}`);
    expect(res.body.resources.map((r: { type: string }) => r.type)).toEqual(['space_developer']);
    expect((await t.admin.get(`/v3/roles?space_guids=${listSpace}&user_guids=${bob.guid}`)).body.resources).toEqual([]);
  });

  it('GET /v3/roles?include=user,space,organization adds included users, organizations and spaces', async () => {
    const res = await t.admin.get(`/v3/roles?user_guids=${alice.guid}&include=user,space,organization`);
    expect(Object.keys(res.body)).toEqual(['pagination', 'resources', 'included']);
    expect(Object.keys(res.body.included)).toEqual(['users', 'organizations', 'spaces']);
    expect(res.body.included.users.map((u: { guid: string }) => u.guid)).toEqual([alice.guid]);
    expect(res.body.included.spaces.map((s: { guid: string }) => s.guid)).toEqual([listSpace]);
    expect(res.body.included.organizations.map((o: { guid: string }) => o.guid)).toEqual([listOrg]);
  });

  it('GET /v3/roles/:guid?include=user,organization adds the included user and organization', async () => {
    const role = (await t.admin.get(`/v3/roles?user_guids=${bob.guid}&types=organization_manager`)).body.resources[0];
    const res = await t.admin.get(`/v3/roles/${role.guid}?include=user,organization`);
    expect(Object.keys(res.body)).toEqual(['guid', 'created_at', 'updated_at', 'type', 'relationships', 'links', 'included']);
    expect(res.body.included.users.map((u: { guid: string }) => u.guid)).toEqual([bob.guid]);
    expect(res.body.included.organizations.map((o: { guid: string }) => o.guid)).toEqual([listOrg]);
    expectUnprocessable(
      await t.admin.get(`/v3/roles/${role.guid}?include=apps`),
      "Invalid included resource: 'apps'. Valid included resources are: 'user', 'space', 'organization'",
    );
    expectUnprocessable(await t.admin.get(`/v3/roles/${role.guid}?page=2`), "Unknown query parameter(s): 'page'. Valid parameters are: 'include'");
  });

  it('GET /v3/roles with an invalid include or parameter is 422', async () => {
    expectUnprocessable(await t.admin.get('/v3/roles?include=apps'), "Invalid included resource: 'apps'. Valid included resources are: 'user', 'space', 'organization'");
    expect((await t.admin.get('/v3/roles?colour=red')).status).toBe(422);
  });

  it('GET /v3/roles shows a user only roles in organizations and spaces it can see', async () => {
    const outsider = await known('roles-outsider');
    expect((await outsider.get(`/v3/roles?organization_guids=${listOrg}`)).body.resources).toEqual([]);
    const mine = await alice.get(`/v3/roles?space_guids=${listSpace}`);
    expect(mine.body.resources.map((r: { type: string }) => r.type)).toEqual(['space_developer']);
  });

  it('GET /v3/roles/:guid of an unknown or invisible role is 404 Role not found', async () => {
    const role = (await t.admin.get(`/v3/roles?user_guids=${bob.guid}`)).body.resources[0];
    expectNotFound(await t.admin.get('/v3/roles/nope'), 'Role not found');
    expectNotFound(await (await known('roles-outsider-2')).get(`/v3/roles/${role.guid}`), 'Role not found');
  });
});

describe('DELETE /v3/roles/:guid', () => {
  it('DELETE /v3/roles/:guid is 202 with a job role.delete that removes the role and records audit.user.<type>_remove', async () => {
    const u = await known('role-delete');
    await f.role(u, 'space_auditor', space.guid);
    const role = (await t.admin.get(`/v3/roles?user_guids=${u.guid}&types=space_auditor`)).body.resources[0];
    const res = await t.admin.delete(`/v3/roles/${role.guid}`);
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    expect(res.headers.location).toMatch(new RegExp(`^${BASE}/v3/jobs/`));
    await t.settle();
    const job = await t.admin.get(res.headers.location!.slice(BASE.length));
    expect(job.body).toMatchObject({ operation: 'role.delete', state: 'COMPLETE', errors: [] });
    expectNotFound(await t.admin.get(`/v3/roles/${role.guid}`), 'Role not found');
    expectNotFound(await u.get(`/v3/spaces/${space.guid}`), 'Space not found');
    const events = await t.admin.get(`/v3/audit_events?target_guids=${u.guid}&types=audit.user.space_auditor_remove`);
    expect(events.body.resources).toHaveLength(1);
    expect(events.body.resources[0]).toMatchObject({ space: { guid: space.guid }, organization: { guid: org.guid } });
  });

  it('DELETE /v3/roles/:guid of organization_user while the user has space roles in that org is 422', async () => {
    const u = await known('org-user-with-space-role');
    await f.role(u, 'space_developer', space.guid);
    const orgUser = (await t.admin.get(`/v3/roles?user_guids=${u.guid}&types=organization_user`)).body.resources[0];
    expectUnprocessable(await t.admin.delete(`/v3/roles/${orgUser.guid}`), 'Cannot delete organization_user role while user has roles in spaces in that organization.');
    await t.settle();
    expect((await t.admin.get(`/v3/roles/${orgUser.guid}`)).status).toBe(200);
  });

  it('DELETE /v3/roles/:guid by a space developer is 403; by an invisible user 404; of an unknown guid 404', async () => {
    const u = await known('role-delete-target');
    await f.role(u, 'space_auditor', space.guid);
    const role = (await t.admin.get(`/v3/roles?user_guids=${u.guid}&types=space_auditor`)).body.resources[0];
    const dev = await known('role-delete-dev');
    await f.role(dev, 'space_developer', space.guid);
    expectForbidden(await dev.delete(`/v3/roles/${role.guid}`));
    expectNotFound(await (await known('role-delete-outsider')).delete(`/v3/roles/${role.guid}`), 'Role not found');
    expectNotFound(await t.admin.delete('/v3/roles/nope'), 'Role not found');
    await t.settle();
    expect((await t.admin.get(`/v3/roles/${role.guid}`)).status).toBe(200);
  });
});
