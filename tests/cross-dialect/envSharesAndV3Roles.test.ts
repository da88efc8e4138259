// One share, two dialects (design.md §1): v3 roles of a space -> user share are the env roles of the same share
// (space_manager = admin, space_developer = deployer, space_auditor = viewer), with one revision and soft delete.
import { SHARE, SHARES, environment, expectConcurrentUpdate, expectNotAllowed, expectShare, expectShareNotFound, share, type Environment } from '../helpers/envShares';
import { factories } from '../helpers/factories';
import { useGateway } from '../helpers/testGateway';

const t = useGateway();
const f = factories(t);
let e: Environment;

beforeEach(async () => {
  e = await environment(t);
});

type V3Role = { guid: string; type: string };
const v3Roles = async (user: string): Promise<V3Role[]> =>
  ((await t.admin.get(`/v3/roles?user_guids=${user}&space_guids=${e.env}&per_page=100`)).body.resources as V3Role[]).sort((a, b) => a.type.localeCompare(b.type));
const typesOf = (roles: V3Role[]) => roles.map((r) => r.type);
const onlyShare = async () => {
  const values = (await e.owner.get(SHARES(e.env))).body.values;
  expect(values).toHaveLength(1);
  return values[0];
};

describe('POST /v3/roles seen through env-shares', () => {
  it('a v3 space_manager role shows up as an env share with roles ["admin"] at revision 0', async () => {
    await f.role(e.u2, 'space_manager', e.env);
    const s = await onlyShare();
    expectShare(await e.owner.get(SHARE(s.id)), { id: s.id, revision: 0, environmentId: e.env, granteeAccountId: e.u2.guid, roles: ['admin'] });
  });

  it('a v3 space_manager role added to an env share bumps its revision, so a stale PATCH gets 409', async () => {
    const s = await share(e.owner, e.env, e.u2, ['viewer']);
    await f.role(e.u2, 'space_manager', e.env);
    expectConcurrentUpdate(await e.owner.patch(SHARE(s.id), { currentRevision: 0, roles: ['deployer'] }));
    expectShare(await e.owner.get(SHARE(s.id)), { ...s, revision: 1, roles: ['admin', 'viewer'] });
    expectShare(await e.owner.patch(SHARE(s.id), { currentRevision: 1, roles: ['deployer'] }), { ...s, revision: 2, roles: ['deployer'] });
  });

  it('v3 space_developer and space_auditor roles show as deployer and viewer, in env order', async () => {
    await f.role(e.u2, 'space_developer', e.env);
    await f.role(e.u2, 'space_auditor', e.env);
    const s = await onlyShare();
    expect(s).toEqual({ id: s.id, revision: 1, environmentId: e.env, granteeAccountId: e.u2.guid, roles: ['viewer', 'deployer'] });
  });

  it('a v3 role added to an env share with roles [] gives it that role', async () => {
    const s = await share(e.owner, e.env, e.u2, []);
    await f.role(e.u2, 'space_developer', e.env);
    expectShare(await e.owner.get(SHARE(s.id)), { ...s, revision: 1, roles: ['deployer'] });
  });

  it('a v3 space_manager grant lets the user manage env shares', async () => {
    await f.role(e.u2, 'space_manager', e.env);
    expect((await e.u2.post(SHARES(e.env), { granteeAccountId: e.u3.guid, roles: ['viewer'] })).status).toBe(200);
  });
});

describe('POST /v1/envs/:environment_id/shares seen through v3', () => {
  it('a share made here appears in GET /v3/roles with matching role types, the account an organization_user', async () => {
    await share(e.owner, e.env, e.u2, ['admin', 'deployer', 'viewer']);
    expect(typesOf(await v3Roles(e.u2.guid))).toEqual(['space_auditor', 'space_developer', 'space_manager']);
    const org = await t.admin.get(`/v3/roles?user_guids=${e.u2.guid}&organization_guids=${e.org}&types=organization_user`);
    expect(org.body.pagination.total_results).toBe(1);
  });

  it('an admin grantee made here is a space manager in v3: it may add v3 roles to the space', async () => {
    await share(e.owner, e.env, e.u2, ['admin']);
    await share(e.owner, e.env, e.u3, ['viewer']);
    const res = await e.u2.post('/v3/roles', { type: 'space_developer', relationships: { user: { data: { guid: e.u3.guid } }, space: { data: { guid: e.env } } } });
    expect(res.status).toBe(201);
    expect(typesOf(await v3Roles(e.u3.guid))).toEqual(['space_auditor', 'space_developer']);
  });

  it('a viewer grantee made here reads the space in v3 but may not add roles', async () => {
    await share(e.owner, e.env, e.u2, ['viewer']);
    expect((await e.u2.get(`/v3/spaces/${e.env}`)).status).toBe(200);
    const res = await e.u2.post('/v3/roles', { type: 'space_developer', relationships: { user: { data: { guid: e.u3.guid } }, space: { data: { guid: e.env } } } });
    expect(res.status).toBe(403);
  });

  it('PATCH here keeps the v3 guid of every role it keeps', async () => {
    const s = await share(e.owner, e.env, e.u2, ['admin', 'deployer']);
    const manager = (await v3Roles(e.u2.guid)).find((r) => r.type === 'space_manager')!;
    await e.owner.patch(SHARE(s.id), { currentRevision: 0, roles: ['admin', 'viewer'] });
    const after = await v3Roles(e.u2.guid);
    expect(typesOf(after)).toEqual(['space_auditor', 'space_manager']);
    expect(after.find((r) => r.type === 'space_manager')!.guid).toBe(manager.guid);
  });

  it('DELETE here removes those v3 roles and the space is no longer visible to the account', async () => {
    const s = await share(e.owner, e.env, e.u2, ['admin', 'deployer']);
    await e.owner.delete(`${SHARE(s.id)}?current_revision=0`);
    expect(await v3Roles(e.u2.guid)).toEqual([]);
    expect((await e.u2.get(`/v3/spaces/${e.env}`)).status).toBe(404);
  });

  it('the events of a share made here are v3 audit events of the role types', async () => {
    await share(e.owner, e.env, e.u2, ['admin']);
    const res = await t.admin.get(`/v3/audit_events?types=audit.user.space_manager_add&target_guids=${e.u2.guid}`);
    expect(res.body.resources).toHaveLength(1);
    expect(res.body.resources[0]).toMatchObject({ type: 'audit.user.space_manager_add', space: { guid: e.env }, actor: { guid: e.owner.guid } });
  });
});

describe('DELETE /v3/roles/:guid seen through env-shares', () => {
  it('a v3 role deleted there removes the env role here and bumps the revision', async () => {
    const s = await share(e.owner, e.env, e.u2, ['admin', 'deployer']);
    const developer = (await v3Roles(e.u2.guid)).find((r) => r.type === 'space_developer')!;
    expect((await t.admin.delete(`/v3/roles/${developer.guid}`)).status).toBe(202);
    await t.settle();
    expectShare(await e.owner.get(SHARE(s.id)), { ...s, revision: 1, roles: ['admin'] });
    expectConcurrentUpdate(await e.owner.patch(SHARE(s.id), { currentRevision: 0, roles: ['viewer'] }));
  });

  it('deleting the last v3 role there deletes the env share here; a later share is new', async () => {
    const s = await share(e.owner, e.env, e.u2, ['viewer']);
    const auditor = (await v3Roles(e.u2.guid))[0]!;
    expect((await t.admin.delete(`/v3/roles/${auditor.guid}`)).status).toBe(202);
    await t.settle();
    expectShareNotFound(await e.owner.get(SHARE(s.id)), s.id);
    expect((await e.owner.get(SHARES(e.env))).body).toEqual({ values: [] });
    const again = await share(e.owner, e.env, e.u2, ['viewer']);
    expect(again.id).not.toBe(s.id);
    expect(again.revision).toBe(0);
  });
});

describe('v3 space_supporter, a role with no env mapping', () => {
  it('a supporter-only share shows with roles [] and the supporter may not view shares', async () => {
    await f.role(e.u2, 'space_supporter', e.env);
    const s = await onlyShare();
    expect(s).toEqual({ id: s.id, revision: 0, environmentId: e.env, granteeAccountId: e.u2.guid, roles: [] });
    expectNotAllowed(await e.u2.get(SHARES(e.env)), 'ViewShares');
  });

  it('PATCH here keeps the supporter role it cannot see', async () => {
    await f.role(e.u2, 'space_supporter', e.env);
    const s = await onlyShare();
    expectShare(await e.owner.patch(SHARE(s.id), { currentRevision: 0, roles: ['viewer'] }), { ...s, revision: 1, roles: ['viewer'] });
    expect(typesOf(await v3Roles(e.u2.guid))).toEqual(['space_auditor', 'space_supporter']);
    expectShare(await e.owner.patch(SHARE(s.id), { currentRevision: 1, roles: [] }), { ...s, revision: 2, roles: [] });
    expect(typesOf(await v3Roles(e.u2.guid))).toEqual(['space_supporter']);
  });

  it('DELETE here unshares the environment, supporter role included', async () => {
    await f.role(e.u2, 'space_supporter', e.env);
    await f.role(e.u2, 'space_developer', e.env);
    const s = await onlyShare();
    expectShare(await e.owner.delete(`${SHARE(s.id)}?current_revision=1`), { ...s, revision: 2, roles: ['deployer'] });
    expect(await v3Roles(e.u2.guid)).toEqual([]);
  });
});

describe('DELETE /v3/roles/:guid of an organization_user whose env share has no roles left', () => {
  it('is allowed: an empty share holds no role in the space', async () => {
    const s = await share(e.owner, e.env, e.u2, ['viewer']);
    expectShare(await e.owner.patch(SHARE(s.id), { currentRevision: 0, roles: [] }), { ...s, revision: 1, roles: [] });
    const space = await t.admin.get(`/v3/spaces/${e.env}`);
    const org = space.body.relationships.organization.data.guid;
    const orgUser = await t.admin.get(`/v3/roles?types=organization_user&user_guids=${e.u2.guid}&organization_guids=${org}`);
    expect(orgUser.body.resources).toHaveLength(1);
    expect((await t.admin.delete(`/v3/roles/${orgUser.body.resources[0].guid}`)).status).toBe(202);
  });
});
