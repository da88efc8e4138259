// What a write does besides the share: the plan limit (MAX_SHARES_PER_ENVIRONMENT), the org membership environment
// clients cannot ask for, and one audit event per role change under v3's names. Failed writes change nothing.
import { randomUUID } from 'node:crypto';
import { SHARE, SHARES, environment, expectAlreadyShared, expectEnvError, expectShare, share, type Environment } from '../../helpers/envShares';
import { factories } from '../../helpers/factories';
import { useGateway, type Client, type UsedGateway } from '../../helpers/testGateway';

const expectLimit = (res: Parameters<typeof expectEnvError>[0]) => expectEnvError(res, 422, 'LIMIT_EXCEEDED', 'Limits of the plan exceeded');

async function accounts(t: UsedGateway, prefix: string, n: number): Promise<Client[]> {
  const out: Client[] = [];
  for (let i = 0; i < n; i++) {
    const c = await t.as(`${prefix}-${i}`);
    await c.get('/v3/organizations');
    out.push(c);
  }
  return out;
}

describe('POST /v1/envs/:environment_id/shares with MAX_SHARES_PER_ENVIRONMENT=2', () => {
  const t = useGateway({ MAX_SHARES_PER_ENVIRONMENT: '2' });
  let e: Environment;
  beforeEach(async () => {
    e = await environment(t);
  });

  it('answers 422 LIMIT_EXCEEDED for a third live share and changes nothing', async () => {
    const [a, b, c] = await accounts(t, `lim-${e.env}`, 3);
    await share(e.owner, e.env, a!, ['viewer']);
    await share(e.owner, e.env, b!, ['viewer']);
    const before = (await t.admin.get(SHARES(e.env))).body;
    expectLimit(await e.owner.post(SHARES(e.env), { granteeAccountId: c!.guid, roles: ['admin'] }));
    expect((await t.admin.get(SHARES(e.env))).body).toEqual(before);
    expect((await t.admin.get(`/v3/roles?user_guids=${c!.guid}`)).body.pagination.total_results).toBe(0);
  });

  it('answers 409 before 422 for an account that already has a share', async () => {
    const [a, b] = await accounts(t, `lim2-${e.env}`, 2);
    await share(e.owner, e.env, a!, ['viewer']);
    await share(e.owner, e.env, b!, ['viewer']);
    expectAlreadyShared(await e.owner.post(SHARES(e.env), { granteeAccountId: a!.guid, roles: ['admin'] }));
  });

  it('counts live shares only: deleting one frees its place', async () => {
    const [a, b, c] = await accounts(t, `lim3-${e.env}`, 3);
    const first = await share(e.owner, e.env, a!, ['viewer']);
    await share(e.owner, e.env, b!, []);
    expectLimit(await e.owner.post(SHARES(e.env), { granteeAccountId: c!.guid, roles: ['viewer'] }));
    await e.owner.delete(`${SHARE(first.id)}?current_revision=0`);
    expectShare(await e.owner.post(SHARES(e.env), { granteeAccountId: c!.guid, roles: ['viewer'] }), {
      revision: 0,
      environmentId: e.env,
      granteeAccountId: c!.guid,
      roles: ['viewer'],
    });
  });

  it('applies per environment: another environment has its own places', async () => {
    const other = await environment(t);
    const [a, b, c] = await accounts(t, `lim4-${e.env}`, 3);
    await share(e.owner, e.env, a!, ['viewer']);
    await share(e.owner, e.env, b!, ['viewer']);
    expect((await other.owner.post(SHARES(other.env), { granteeAccountId: c!.guid, roles: ['viewer'] })).status).toBe(200);
  });
});

describe('POST /v1/envs/:environment_id/shares with no limit configured', () => {
  const t = useGateway();

  it('never answers 422: 25 shares in one environment (case 42)', async () => {
    const e = await environment(t);
    for (const c of await accounts(t, 'many', 25)) expect((await e.owner.post(SHARES(e.env), { granteeAccountId: c.guid, roles: ['viewer'] })).status).toBe(200);
    expect((await e.owner.get(SHARES(e.env))).body.values).toHaveLength(25);
  });
});

describe('env-shares writes: org membership and audit events', () => {
  const t = useGateway();
  const f = factories(t);
  let e: Environment;
  beforeEach(async () => {
    e = await environment(t);
  });

  const roleTypes = async (user: string) => ((await t.admin.get(`/v3/roles?user_guids=${user}&per_page=100`)).body.resources as { type: string }[]).map((r) => r.type).sort();
  const events = async (user: string) => {
    const res = await t.admin.get(`/v3/audit_events?target_guids=${user}&per_page=100`);
    return res.body.resources as {
      type: string;
      actor: { guid: string };
      target: { guid: string; type: string };
      space: { guid: string } | null;
      organization: { guid: string } | null;
      data: Record<string, unknown>;
    }[];
  };
  const types = async (user: string) => (await events(user)).map((ev) => ev.type).sort();

  it('POST /v1/envs/:environment_id/shares makes an account that is not an org member an organization_user', async () => {
    await share(e.owner, e.env, e.u2, ['admin']);
    expect(await roleTypes(e.u2.guid)).toEqual(['organization_user', 'space_manager']);
    expect(await types(e.u2.guid)).toEqual(['audit.user.organization_user_add', 'audit.user.space_manager_add']);
  });

  it('POST /v1/envs/:environment_id/shares leaves an existing org role as it is', async () => {
    await f.role(e.u2, 'organization_auditor', e.org);
    await share(e.owner, e.env, e.u2, ['viewer']);
    expect(await roleTypes(e.u2.guid)).toEqual(['organization_auditor', 'space_auditor']);
  });

  it('POST /v1/envs/:environment_id/shares with roles [] adds no org membership; a PATCH adding a role does', async () => {
    const s = await share(e.owner, e.env, e.u2, []);
    expect(await roleTypes(e.u2.guid)).toEqual([]);
    expect(await types(e.u2.guid)).toEqual(['audit.environment_share.create']);
    await e.owner.patch(SHARE(s.id), { currentRevision: 0, roles: ['deployer'] });
    expect(await roleTypes(e.u2.guid)).toEqual(['organization_user', 'space_developer']);
  });

  it('a failed POST (404 account, 409, 404 environment) writes no role, membership or event', async () => {
    await share(e.owner, e.env, e.u2, ['viewer']);
    const before = await types(e.u2.guid);
    expectAlreadyShared(await e.owner.post(SHARES(e.env), { granteeAccountId: e.u2.guid, roles: ['admin'] }));
    expect((await e.owner.post(SHARES(randomUUID()), { granteeAccountId: e.u3.guid, roles: ['admin'] })).status).toBe(404);
    expect(await types(e.u2.guid)).toEqual(before);
    expect(await roleTypes(e.u3.guid)).toEqual([]);
    expect(await types(e.u3.guid)).toEqual([]);
  });

  it('POST /v1/envs/:environment_id/shares writes one v3 role event per role, with the environment share in its data', async () => {
    await f.role(e.u2, 'organization_user', e.org);
    const request = { granteeAccountId: e.u2.guid, roles: ['admin', 'deployer'] };
    const s = expectShare(await e.owner.post(SHARES(e.env), request), { revision: 0, environmentId: e.env, granteeAccountId: e.u2.guid, roles: ['admin', 'deployer'] });
    const evs = (await events(e.u2.guid)).filter((ev) => ev.type.startsWith('audit.user.space_'));
    expect(evs.map((ev) => ev.type).sort()).toEqual(['audit.user.space_developer_add', 'audit.user.space_manager_add']);
    for (const ev of evs) {
      expect(ev).toMatchObject({
        actor: { guid: e.owner.guid },
        target: { guid: e.u2.guid, type: 'user' },
        space: { guid: e.env },
        organization: { guid: e.org },
        data: { request, environment_share: { id: s.id, revision: 0 } },
      });
    }
  });

  it('PATCH /v1/environment-shares/:id writes a remove and an add per changed role, and one update event when none changed', async () => {
    const s = await share(e.owner, e.env, e.u2, ['admin', 'deployer']);
    const base = await types(e.u2.guid);
    await e.owner.patch(SHARE(s.id), { currentRevision: 0, roles: ['admin', 'viewer'] });
    expect(await types(e.u2.guid)).toEqual([...base, 'audit.user.space_auditor_add', 'audit.user.space_developer_remove'].sort());
    await e.owner.patch(SHARE(s.id), { currentRevision: 1, roles: ['viewer', 'admin'] });
    expect(await types(e.u2.guid)).toEqual([...base, 'audit.user.space_auditor_add', 'audit.user.space_developer_remove', 'audit.environment_share.update'].sort());
  });

  it('DELETE /v1/environment-shares/:id writes one remove event per role; the org membership stays', async () => {
    const s = await share(e.owner, e.env, e.u2, ['admin', 'viewer']);
    const base = await types(e.u2.guid);
    await e.owner.delete(`${SHARE(s.id)}?current_revision=0`);
    expect(await types(e.u2.guid)).toEqual([...base, 'audit.user.space_auditor_remove', 'audit.user.space_manager_remove'].sort());
    expect(await roleTypes(e.u2.guid)).toEqual(['organization_user']);
  });

  it('a 409 PATCH or DELETE writes no event', async () => {
    const s = await share(e.owner, e.env, e.u2, ['admin']);
    const base = await types(e.u2.guid);
    expect((await e.owner.patch(SHARE(s.id), { currentRevision: 3, roles: ['viewer'] })).status).toBe(409);
    expect((await e.owner.delete(`${SHARE(s.id)}?current_revision=3`)).status).toBe(409);
    expect(await types(e.u2.guid)).toEqual(base);
  });
});
