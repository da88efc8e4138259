// Org roles granted through v2 are CSM tenancy (design.md §1: tenant admin = org manager): a user made an org manager
// with PUT /v2/organizations/:guid/managers {"username"} may share a tenant's instance through CSM; removed again with
// POST .../managers/remove, they may not.
import { csmWorld, expectCloudError, param, SOI_PATH, standard, startCsmGateway } from '../helpers/csm';
import type { TestGateway } from '../helpers/testGateway';

const share = (users: string[]) => standard([param('userNameList', users, 'java.lang.String', '0..*')]);

let t: TestGateway;
let w: Awaited<ReturnType<typeof csmWorld>>;
beforeAll(async () => {
  t = await startCsmGateway();
  w = await csmWorld(t);
});
afterAll(() => t.close());

describe('v2 organization managers are CSM tenant admins', () => {
  it('PUT /v2/organizations/:guid/managers {"username"} lets a developer share another owner\'s instance in CSM; removing the role takes it back', async () => {
    const si = await w.instance('enduser1');
    const e3 = await w.session('enduser3');
    expectCloudError(await e3.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser3'])), 403, 'CSM-SOI-0050');

    expect((await t.admin.put(`/v2/organizations/${w.calbro.guid}/managers`, { username: 'enduser3' })).status).toBe(201);
    expect((await e3.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2']))).body[0].taskState).toBe('COMPLETED');

    expect((await t.admin.post(`/v2/organizations/${w.calbro.guid}/managers/remove`, { username: 'enduser3' })).status).toBe(204);
    expectCloudError(await e3.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser3'])), 403, 'CSM-SOI-0050');
    const soi = await e3.get(`${SOI_PATH}/${si.guid}`);
    expect(soi.body[0].sharedUsers).toEqual(['enduser2']);
  });

  it('the CSM tenant admin made through v3 is listed by v2 as an organization manager', async () => {
    const managers = await t.admin.get(`/v2/organizations/${w.calbro.guid}/managers`);
    expect(managers.body.resources.map((r: { entity: { username: string } }) => r.entity.username)).toContain('tadmin');
  });
});
