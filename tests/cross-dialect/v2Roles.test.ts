// One share, three dialects (design.md §1): a space role granted or revoked through v2 is the same share record
// /v3/roles and environment shares read — same revision, one audit event per change — and a v3 role shows in v2.
import { SHARE, SHARES, environment, expectConcurrentUpdate, expectShare, share, type Environment } from '../helpers/envShares';
import { factories } from '../helpers/factories';
import { startTestGateway, type TestGateway } from '../helpers/testGateway';

let t: TestGateway;
let f: ReturnType<typeof factories>;
let e: Environment;

beforeAll(async () => {
  t = await startTestGateway();
  f = factories(t);
});
afterAll(() => t.close());
beforeEach(async () => {
  e = await environment(t);
});

const v3Types = async (user: string, space: string): Promise<string[]> =>
  ((await t.admin.get(`/v3/roles?user_guids=${user}&space_guids=${space}`)).body.resources as { type: string }[]).map((r) => r.type).sort();
const sharesOf = async () => (await e.owner.get(SHARES(e.env))).body.values as { id: string; revision: number; granteeAccountId: string; roles: string[] }[];
const eventsFor = async (user: string) =>
  ((await t.admin.get(`/v3/audit_events?target_guids=${user}&space_guids=${e.env}`)).body.resources as { type: string }[]).map((r) => r.type);

describe('PUT /v2/spaces/:guid/managers by user name, seen through v3 and env-shares', () => {
  it('makes a space_manager in /v3/roles and an env share with roles ["admin"]; removing it through v2 removes both', async () => {
    expect((await t.admin.put(`/v2/organizations/${e.org}/users`, { username: e.u2.username })).status).toBe(201);
    expect((await t.admin.put(`/v2/spaces/${e.env}/managers`, { username: e.u2.username })).status).toBe(201);
    expect(await v3Types(e.u2.guid, e.env)).toEqual(['space_manager']);
    const [s] = await sharesOf();
    expectShare(await e.owner.get(SHARE(s!.id)), { id: s!.id, revision: 0, environmentId: e.env, granteeAccountId: e.u2.guid, roles: ['admin'] });
    expect(await eventsFor(e.u2.guid)).toEqual(['audit.user.space_manager_add']);

    expect((await t.admin.post(`/v2/spaces/${e.env}/managers/remove`, { username: e.u2.username })).status).toBe(200);
    expect(await v3Types(e.u2.guid, e.env)).toEqual([]);
    expect(await sharesOf()).toEqual([]);
    expect(await eventsFor(e.u2.guid)).toEqual(['audit.user.space_manager_add', 'audit.user.space_manager_remove']);
  });

  it('a v2 grant on an existing env share bumps its revision by one, so a PATCH at the old revision is 409', async () => {
    const s = await share(e.owner, e.env, e.u2, ['viewer']);
    expect((await t.admin.put(`/v2/spaces/${e.env}/managers/${e.u2.guid}`)).status).toBe(201);
    expectShare(await e.owner.get(SHARE(s.id)), { ...s, revision: 1, roles: ['admin', 'viewer'] });
    expectConcurrentUpdate(await e.owner.patch(SHARE(s.id), { currentRevision: 0, roles: ['deployer'] }));
    expect(await v3Types(e.u2.guid, e.env)).toEqual(['space_auditor', 'space_manager']);
  });

  it('a v2 removal of one of two roles bumps the revision and keeps the share; a repeated grant changes nothing', async () => {
    const s = await share(e.owner, e.env, e.u2, ['admin', 'deployer']);
    expect((await t.admin.put(`/v2/spaces/${e.env}/developers/${e.u2.guid}`)).status).toBe(201);
    expectShare(await e.owner.get(SHARE(s.id)), { ...s, revision: 0, roles: ['admin', 'deployer'] });
    expect((await t.admin.delete(`/v2/spaces/${e.env}/developers/${e.u2.guid}`)).status).toBe(204);
    expectShare(await e.owner.get(SHARE(s.id)), { ...s, revision: 1, roles: ['admin'] });
    expect(await v3Types(e.u2.guid, e.env)).toEqual(['space_manager']);
  });

  it('concurrent v2 grants of three roles to one user end in one share holding all three at revision 2', async () => {
    expect((await t.admin.put(`/v2/organizations/${e.org}/users/${e.u2.guid}`)).status).toBe(201);
    const results = await Promise.all(['managers', 'developers', 'auditors'].map((r) => t.admin.put(`/v2/spaces/${e.env}/${r}/${e.u2.guid}`)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    const shares = await sharesOf();
    expect(shares).toEqual([{ id: expect.any(String), revision: 2, environmentId: e.env, granteeAccountId: e.u2.guid, roles: ['admin', 'viewer', 'deployer'] }]);
    expect(await v3Types(e.u2.guid, e.env)).toEqual(['space_auditor', 'space_developer', 'space_manager']);
    expect((await eventsFor(e.u2.guid)).sort()).toEqual(['audit.user.space_auditor_add', 'audit.user.space_developer_add', 'audit.user.space_manager_add']);
  });

  it('an env share made elsewhere made its grantee an org user, so v2 accepts a space role for them by name', async () => {
    const other = await f.space(e.org);
    await share(e.owner, e.env, e.u3, ['viewer']);
    expect((await t.admin.put(`/v2/spaces/${other.guid}/developers`, { username: e.u3.username })).status).toBe(201);
    expect(await v3Types(e.u3.guid, other.guid)).toEqual(['space_developer']);
  });
});

describe('v3 roles seen through v2', () => {
  it('a v3 space_manager role appears in GET /v2/spaces/:guid/managers and user_roles; a v3 deletion removes it', async () => {
    const role = await f.role(e.u2, 'space_manager', e.env);
    const managers = await t.admin.get(`/v2/spaces/${e.env}/managers`);
    expect(managers.body.resources.map((r: { metadata: { guid: string } }) => r.metadata.guid)).toEqual([e.u2.guid]);
    const roles = await t.admin.get(`/v2/spaces/${e.env}/user_roles`);
    expect(roles.body.resources).toEqual([expect.objectContaining({ entity: expect.objectContaining({ username: e.u2.username, space_roles: ['space_manager'] }) })]);
    const orgRoles = await t.admin.get(`/v2/organizations/${e.org}/user_roles`);
    const u2 = orgRoles.body.resources.find((r: { metadata: { guid: string } }) => r.metadata.guid === e.u2.guid);
    expect(u2.entity.organization_roles).toEqual(['org_user']);

    expect((await t.admin.delete(`/v3/roles/${role.guid}`)).status).toBe(202);
    await t.settle();
    expect((await t.admin.get(`/v2/spaces/${e.env}/managers`)).body.total_results).toBe(0);
  });

  it("a v3 organization_manager role appears in GET /v2/organizations/:guid/managers and the user's managed_organizations", async () => {
    await f.role(e.u3, 'organization_manager', e.org);
    const managers = await t.admin.get(`/v2/organizations/${e.org}/managers`);
    expect(managers.body.resources.map((r: { metadata: { guid: string } }) => r.metadata.guid).sort()).toEqual([e.owner.guid, e.u3.guid].sort());
    const mine = await e.u3.get(`/v2/users/${e.u3.guid}/managed_organizations`);
    expect(mine.status).toBe(200);
    expect(mine.body.resources.map((r: { metadata: { guid: string } }) => r.metadata.guid)).toEqual([e.org]);
  });

  it('removing the v2 org user of someone with a v3 space role is 400 AssociationNotEmpty; recursive=true removes both', async () => {
    await f.role(e.u2, 'space_developer', e.env);
    const res = await t.admin.delete(`/v2/organizations/${e.org}/users/${e.u2.guid}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ description: 'Please delete the user associations for your spaces in the org.', error_code: 'CF-AssociationNotEmpty', code: 10006 });
    expect(await v3Types(e.u2.guid, e.env)).toEqual(['space_developer']);
    expect((await t.admin.delete(`/v2/organizations/${e.org}/users/${e.u2.guid}?recursive=true`)).status).toBe(204);
    expect(await v3Types(e.u2.guid, e.env)).toEqual([]);
    const org = await t.admin.get(`/v3/roles?user_guids=${e.u2.guid}&organization_guids=${e.org}`);
    expect(org.body.pagination.total_results).toBe(0);
  });
});
