// CSM and Cloud Foundry v3 over one core: an instance shared, transferred or decommissioned through CSM is seen that
// way at once through v3, and an instance created through v3 is found through CSM with its owner.
import { csmWorld, param, SOI_PATH, standard, startCsmGateway, type CsmClient } from '../helpers/csm';
import type { TestGateway } from '../helpers/testGateway';

const share = (users: string[]) => standard([param('userNameList', users, 'java.lang.String', '0..*')]);

describe('CSM and CF v3', () => {
  let t: TestGateway;
  let w: Awaited<ReturnType<typeof csmWorld>>;
  let e1: CsmClient;
  beforeAll(async () => {
    t = await startCsmGateway();
    w = await csmWorld(t);
    e1 = await w.session('enduser1');
  });
  afterAll(() => t.close());

  const v3Names = async (user: string) => ((await w.users[user]!.v3.get('/v3/service_instances')).body.resources as { guid: string }[]).map((r) => r.guid);

  it('POST /csm/.../share, then the shared user sees the instance in GET /v3/service_instances and /permissions says manage: true', async () => {
    const si = await w.instance('enduser1');
    const orguser = w.users.orguser!.v3;
    expect(await v3Names('orguser')).not.toContain(si.guid);
    expect((await orguser.get(`/v3/service_instances/${si.guid}`)).status).toBe(404);
    expect((await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['orguser']))).body[0].taskState).toBe('COMPLETED');
    expect(await v3Names('orguser')).toContain(si.guid);
    expect((await orguser.get(`/v3/service_instances/${si.guid}`)).status).toBe(200);
    const permissions = await orguser.get(`/v3/service_instances/${si.guid}/permissions`);
    expect(permissions.status).toBe(200);
    expect(permissions.body).toEqual({ read: true, manage: true });
  });

  it('sharing with an empty userNameList through CSM takes v3 visibility away again', async () => {
    const si = await w.instance('enduser1');
    await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['orguser']));
    expect(await v3Names('orguser')).toContain(si.guid);
    await e1.post(`${SOI_PATH}/${si.guid}/share`, share([]));
    expect(await v3Names('orguser')).not.toContain(si.guid);
    expect((await w.users.orguser!.v3.get(`/v3/service_instances/${si.guid}/permissions`)).body).toEqual({ read: false, manage: false });
  });

  it('an instance created through POST /v3/service_instances is found by CSM search with its owner', async () => {
    const si = await w.instance('enduser2', 'made-in-v3');
    const res = await e1.post(
      `${SOI_PATH}/search`,
      standard([
        param(
          'criteria',
          { cloudClass: 'com.bmc.cloud.model.beans.QuerySimpleCondition', operator: 'EQUALS', children: [{ references: ['name'] }, { values: ['made-in-v3'] }] },
          'com.bmc.cloud.model.beans.QueryNode',
          '0..1',
        ),
      ]),
    );
    expect(res.body[0].totalRows).toBe(1);
    expect(res.body[0].results[0]).toMatchObject({ guid: si.guid, name: 'made-in-v3', ownerName: 'enduser2', tenantName: 'Calbro', status: 'Running' });
  });

  it('POST /csm/.../decommission makes the instance 404 in v3', async () => {
    const si = await w.instance('enduser1');
    expect((await w.users.enduser1!.v3.get(`/v3/service_instances/${si.guid}`)).status).toBe(200);
    expect((await e1.post(`${SOI_PATH}/${si.guid}/decommission`, standard())).body[0].taskState).toBe('COMPLETED');
    expect((await w.users.enduser1!.v3.get(`/v3/service_instances/${si.guid}`)).status).toBe(404);
    expect((await t.admin.get(`/v3/service_instances/${si.guid}`)).status).toBe(404);
    const events = await t.admin.get(`/v3/audit_events?target_guids=${si.guid}&types=audit.service_instance.delete`);
    expect(events.body.resources).toHaveLength(1);
  });

  it('a cross-tenant transfer through CSM moves the instance in v3: the new owner sees it in their space, the old tenant no longer', async () => {
    const si = await w.instance('enduser1');
    const admin = await w.session('admin');
    expect((await admin.post(`${SOI_PATH}/${si.guid}/transferOwnership`, standard([param('newOwnerName', 'acmeuser'), param('newTenantName', 'Acme')]))).body[0].taskState).toBe(
      'COMPLETED',
    );
    const got = await w.users.acmeuser!.v3.get(`/v3/service_instances/${si.guid}`);
    expect(got.status).toBe(200);
    expect(got.body.relationships.space.data.guid).toBe(w.ops.guid);
    expect((await w.users.enduser1!.v3.get(`/v3/service_instances/${si.guid}`)).status).toBe(404);
  });

  it('a v3 space share and a CSM user share of one instance live side by side', async () => {
    const si = await w.instance('enduser1');
    const other = await w.f.space(w.calbro.guid, 'qa');
    await w.f.role(w.users.enduser1!.v3, 'space_developer', other.guid);
    const v3share = await w.users.enduser1!.v3.post(`/v3/service_instances/${si.guid}/relationships/shared_spaces`, { data: [{ guid: other.guid }] });
    expect(v3share.status).toBe(200);
    await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['orguser']));
    const spaces = await w.users.enduser1!.v3.get(`/v3/service_instances/${si.guid}/relationships/shared_spaces`);
    expect(spaces.body.data).toEqual([{ guid: other.guid }]);
    expect((await e1.get(`${SOI_PATH}/${si.guid}`)).body[0].sharedUsers).toEqual(['orguser']);
  });
});
