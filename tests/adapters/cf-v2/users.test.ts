// /v2/users: the admin index, registering a UAA account (cf create-user v6: POST /Users then POST /v2/users {"guid"}),
// one user, and a user's organizations and spaces by role, read and changed from the user's side.
import { startTestGateway, type TestGateway } from '../../helpers/testGateway';
import { expectNotAuthorized, expectV2Error, unique, v2People } from './spacesSetup';

let t: TestGateway;
let p: ReturnType<typeof v2People>;
beforeAll(async () => {
  t = await startTestGateway();
  p = v2People(t);
});
afterAll(() => t.close());

async function scimAccount(name = unique('acct')): Promise<string> {
  const res = await t.admin.post('/Users', { userName: name, password: 'Pw-123456789', emails: [{ value: `${name}@example.org` }] });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('POST /v2/users', () => {
  it('POST /v2/users {"guid"} registers a SCIM account: 201 with its user name; a second time 400 CF-UaaIdTaken', async () => {
    const guid = await scimAccount('frank-v2');
    const res = await t.admin.post('/v2/users', { guid });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/v2/users/${guid}`);
    expect(res.body.metadata).toMatchObject({ guid, url: `/v2/users/${guid}` });
    expect(res.body.entity).toMatchObject({ admin: false, active: false, default_space_guid: null, username: 'frank-v2' });
    expectV2Error(await t.admin.post('/v2/users', { guid }), 400, 'CF-UaaIdTaken', 20002, `The UAA ID is taken: ${guid}`);
    expect((await t.admin.get(`/v3/users/${guid}`)).body.username).toBe('frank-v2');
  });

  it('POST /v2/users by a non-admin is 403; without a guid 400 CF-MessageParseError', async () => {
    const u = await p.user();
    expectNotAuthorized(await u.post('/v2/users', { guid: 'someone-else' }));
    expectV2Error(
      await t.admin.post('/v2/users', { admin: false }),
      400,
      'CF-MessageParseError',
      1001,
      'Request invalid due to parse error: Field: guid, Error: Missing field guid',
    );
    expect((await t.admin.get('/v2/users/someone-else')).status).toBe(404);
  });
});

describe('GET /v2/users and /v2/users/:guid', () => {
  it('GET /v2/users lists users for an admin, not accounts only SCIM knows; a non-admin gets 403', async () => {
    const u = await p.user();
    const scimOnly = await scimAccount();
    const res = await t.admin.get('/v2/users?results-per-page=100');
    expect(res.status).toBe(200);
    const guids = res.body.resources.map((r: { metadata: { guid: string } }) => r.metadata.guid);
    expect(guids).toContain(u.guid);
    expect(guids).not.toContain(scimOnly);
    expectNotAuthorized(await u.get('/v2/users'));
  });

  it('GET /v2/users?q=space_guid:S lists the developers of S', async () => {
    const space = await p.space();
    const [d, a] = [await p.user(), await p.user()];
    await p.spaceRole(space.guid, space.orgGuid, 'developers', d);
    await p.spaceRole(space.guid, space.orgGuid, 'auditors', a);
    expect(await p.guidsOf(`/v2/users?q=space_guid:${space.guid}`)).toEqual([d.guid]);
    expect(await p.guidsOf(`/v2/users?q=audited_space_guid:${space.guid}`)).toEqual([a.guid]);
  });

  it('GET /v2/users/:guid: a user reads themself, not others (403); unknown is 404 CF-UserNotFound', async () => {
    const [a, b] = [await p.user(), await p.user()];
    const me = await a.get(`/v2/users/${a.guid}`);
    expect(me.status).toBe(200);
    expect(me.body.entity.username).toBe(a.username);
    expectNotAuthorized(await a.get(`/v2/users/${b.guid}`));
    expectV2Error(await t.admin.get('/v2/users/no-such-user'), 404, 'CF-UserNotFound', 20003, 'The user could not be found: no-such-user');
  });
});

describe("a user's organizations and spaces", () => {
  it('GET /v2/users/:guid/{organizations,managed_organizations,spaces,managed_spaces,audited_spaces} follow the roles', async () => {
    const space = await p.space();
    const u = await p.user();
    await p.spaceRole(space.guid, space.orgGuid, 'managers', u);
    await p.spaceRole(space.guid, space.orgGuid, 'auditors', u);
    const base = `/v2/users/${u.guid}`;
    expect(await p.guidsOf(`${base}/organizations`, u)).toEqual([space.orgGuid]);
    expect(await p.guidsOf(`${base}/managed_organizations`, u)).toEqual([]);
    expect(await p.guidsOf(`${base}/managed_spaces`, u)).toEqual([space.guid]);
    expect(await p.guidsOf(`${base}/audited_spaces`, u)).toEqual([space.guid]);
    expect(await p.guidsOf(`${base}/spaces`, u)).toEqual([]);
    const orgs = await u.get(`${base}/organizations`);
    expect(orgs.body.resources[0].metadata.url).toBe(`/v2/organizations/${space.orgGuid}`);
    const other = await p.user();
    expectNotAuthorized(await other.get(`${base}/organizations`));
  });

  it('PUT /v2/users/U/spaces/S (cf-client) makes U a developer of S: 201 with the user; admins only', async () => {
    const space = await p.space();
    const u = await p.user();
    await p.orgUser(space.orgGuid, u);
    expectNotAuthorized(await u.put(`/v2/users/${u.guid}/spaces/${space.guid}`));
    const res = await t.admin.put(`/v2/users/${u.guid}/spaces/${space.guid}`);
    expect(res.status).toBe(201);
    expect(res.body.metadata.guid).toBe(u.guid);
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/developers`)).toEqual([u.guid]);
    expect((await t.admin.delete(`/v2/users/${u.guid}/spaces/${space.guid}`)).status).toBe(204);
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/developers`)).toEqual([]);
  });

  it('PUT /v2/users/U/managed_spaces/S for a user outside the organization is 400 CF-InvalidRelation', async () => {
    const space = await p.space();
    const u = await p.user();
    expectV2Error(await t.admin.put(`/v2/users/${u.guid}/managed_spaces/${space.guid}`), 400, 'CF-InvalidRelation', 1002, u.guid);
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/managers`)).toEqual([]);
  });

  it('PUT /v2/users/U/audited_organizations/O and DELETE it again', async () => {
    const org = await p.org();
    const u = await p.user();
    expect((await t.admin.put(`/v2/users/${u.guid}/audited_organizations/${org.guid}`)).status).toBe(201);
    expect(await p.guidsOf(`/v2/organizations/${org.guid}/auditors`)).toEqual([u.guid]);
    expect((await t.admin.delete(`/v2/users/${u.guid}/audited_organizations/${org.guid}`)).status).toBe(204);
    expect(await p.guidsOf(`/v2/organizations/${org.guid}/auditors`)).toEqual([]);
  });
});

describe('DELETE /v2/users/:guid (cf delete-user, before it deletes the UAA account)', () => {
  it('removes the user and all their roles (204); the account stays until SCIM deletes it', async () => {
    const space = await p.space();
    const u = await p.user();
    await p.spaceRole(space.guid, space.orgGuid, 'managers', u);
    const res = await t.admin.delete(`/v2/users/${u.guid}`);
    expect(res.status).toBe(204);
    expectV2Error(await t.admin.get(`/v2/users/${u.guid}`), 404, 'CF-UserNotFound', 20003, `The user could not be found: ${u.guid}`);
    expect((await t.admin.get(`/v3/roles?user_guids=${u.guid}`)).body.pagination.total_results).toBe(0);
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/managers`)).toEqual([]);
    const events = await t.admin.get(`/v3/audit_events?target_guids=${u.guid}&types=audit.user.space_manager_remove,audit.user.organization_user_remove`);
    expect(events.body.pagination.total_results).toBe(2);
    expect((await t.admin.get(`/Users/${u.guid}`)).status).toBe(200);
    expect((await t.admin.delete(`/Users/${u.guid}`)).status).toBe(200);
  });

  it('DELETE ?async=true answers 202 with a job that removes the user', async () => {
    const u = await p.user();
    const res = await t.admin.delete(`/v2/users/${u.guid}?async=true`);
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/v2/jobs/${res.body.metadata.guid}`);
    await t.settle();
    expect((await t.admin.get(`/v2/users/${u.guid}`)).status).toBe(404);
  });

  it('a non-admin may not delete users (403), themselves included; an unknown user is 404', async () => {
    const [a, b] = [await p.user(), await p.user()];
    expectNotAuthorized(await a.delete(`/v2/users/${b.guid}`));
    expectNotAuthorized(await a.delete(`/v2/users/${a.guid}`));
    expectV2Error(await t.admin.delete('/v2/users/no-such-user'), 404, 'CF-UserNotFound', 20003, 'The user could not be found: no-such-user');
    expect((await t.admin.get(`/v2/users/${b.guid}`)).status).toBe(200);
  });
});
