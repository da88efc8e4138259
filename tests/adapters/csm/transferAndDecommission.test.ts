// transferOwnership, transferOwnershipAndShare, decommission and the static bulkCreate of ServiceOfferingInstance.
import { csmWorld, expectCloudError, param, SOI_PATH, standard, startCsmGateway, type CsmClient } from '../../helpers/csm';
import type { TestGateway } from '../../helpers/testGateway';

const transfer = (owner: string, tenant: string, users?: string[]) =>
  standard([param('newOwnerName', owner), param('newTenantName', tenant), ...(users ? [param('userNameList', users, 'java.lang.String', '0..*')] : [])]);
const share = (users: string[]) => standard([param('userNameList', users, 'java.lang.String', '0..*')]);

describe('CSM ServiceOfferingInstance transfer, decommission and bulkCreate', () => {
  let t: TestGateway;
  let w: Awaited<ReturnType<typeof csmWorld>>;
  let admin: CsmClient;
  let e1: CsmClient;
  beforeAll(async () => {
    t = await startCsmGateway();
    w = await csmWorld(t);
    admin = await w.session('admin');
    e1 = await w.session('enduser1');
  });
  afterAll(() => t.close());

  const soi = async (guid: string) => (await admin.get(`${SOI_PATH}/${guid}`)).body[0];

  it('POST .../transferOwnership by the cloud admin to enduser2 in the same tenant completes; GET shows the new owner and keeps the sharing', async () => {
    const si = await w.instance('enduser1');
    await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser3']));
    const res = await admin.post(`${SOI_PATH}/${si.guid}/transferOwnership`, transfer('enduser2', 'Calbro'));
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({ operationName: 'transferOwnership', taskState: 'COMPLETED', isSuccess: true });
    expect(await soi(si.guid)).toMatchObject({ ownerName: 'enduser2', tenantName: 'Calbro', sharedUsers: ['enduser3'] });
    const events = await t.admin.get(`/v3/audit_events?types=audit.service_instance.transfer_ownership&target_guids=${si.guid}`);
    expect(events.body.resources[0].data).toMatchObject({ new_owner_name: 'enduser2', new_organization_name: 'Calbro' });
  });

  it('a tenant admin may transfer within their tenant, not to a tenant they do not administer (403, nothing changes)', async () => {
    const si = await w.instance('enduser1');
    const ta = await w.session('tadmin');
    expect((await ta.post(`${SOI_PATH}/${si.guid}/transferOwnership`, transfer('enduser3', 'Calbro'))).body[0].taskState).toBe('COMPLETED');
    expectCloudError(await ta.post(`${SOI_PATH}/${si.guid}/transferOwnership`, transfer('acmeuser', 'Acme')), 403, 'CSM-SOI-0051');
    expect(await soi(si.guid)).toMatchObject({ ownerName: 'enduser3', tenantName: 'Calbro' });
  });

  it('the owner, an end user, may not transfer ownership (403)', async () => {
    const si = await w.instance('enduser1');
    expectCloudError(await e1.post(`${SOI_PATH}/${si.guid}/transferOwnership`, transfer('enduser2', 'Calbro')), 403, 'CSM-SOI-0051');
    expect((await soi(si.guid)).ownerName).toBe('enduser1');
  });

  it('newOwnerName missing answers 400 naming it (multiplicity 1); unknown owner or tenant, or an owner outside the tenant, 400', async () => {
    const si = await w.instance('enduser1');
    const missing = await admin.post(`${SOI_PATH}/${si.guid}/transferOwnership`, standard([param('newTenantName', 'Calbro')]));
    expectCloudError(missing, 400, 'CSM-PAR-0001');
    expect(missing.body[0].errorCause).toContain('newOwnerName');
    expectCloudError(await admin.post(`${SOI_PATH}/${si.guid}/transferOwnership`, transfer('ghost', 'Calbro')), 400, 'CSM-USR-0001');
    expectCloudError(await admin.post(`${SOI_PATH}/${si.guid}/transferOwnership`, transfer('enduser2', 'Nowhere')), 400, 'CSM-TEN-0001');
    expectCloudError(await admin.post(`${SOI_PATH}/${si.guid}/transferOwnership`, transfer('acmeuser', 'Calbro')), 400, 'CSM-USR-0002');
    expect(await soi(si.guid)).toMatchObject({ ownerName: 'enduser1', tenantName: 'Calbro' });
  });

  it('a cross-tenant transfer by the cloud admin moves the instance and ends sharing with users of the old tenant', async () => {
    const si = await w.instance('enduser1');
    await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['orguser']));
    const member = await w.session('orguser');
    expect((await member.get(`${SOI_PATH}/${si.guid}`)).status).toBe(200);
    const res = await admin.post(`${SOI_PATH}/${si.guid}/transferOwnership`, transfer('acmeuser', 'Acme'));
    expect(res.body[0].taskState).toBe('COMPLETED');
    expect(await soi(si.guid)).toMatchObject({ ownerName: 'acmeuser', tenantName: 'Acme', tenant: `/Organization/${w.acme.guid}`, sharedUsers: [] });
    expectCloudError(await member.get(`${SOI_PATH}/${si.guid}`), 404, 'CSM-SOI-0001');
    expectCloudError(await e1.get(`${SOI_PATH}/${si.guid}`), 404, 'CSM-SOI-0001');
    const acme = await w.session('acmeuser');
    expect((await acme.get(`${SOI_PATH}/${si.guid}`)).body[0].ownerName).toBe('acmeuser');
  });

  it('POST .../transferOwnershipAndShare gives the instance to the new owner and shares it with the old one', async () => {
    const si = await w.instance('enduser1');
    const res = await admin.post(`${SOI_PATH}/${si.guid}/transferOwnershipAndShare`, transfer('enduser2', 'Calbro', ['enduser1']));
    expect(res.body[0]).toMatchObject({ operationName: 'transferOwnershipAndShare', taskState: 'COMPLETED' });
    expect(await soi(si.guid)).toMatchObject({ ownerName: 'enduser2', sharedUsers: ['enduser1'] });
  });

  it('transferOwnershipAndShare with a user outside the new tenant answers 400 and changes nothing', async () => {
    const si = await w.instance('enduser1');
    expectCloudError(await admin.post(`${SOI_PATH}/${si.guid}/transferOwnershipAndShare`, transfer('enduser2', 'Calbro', ['acmeuser'])), 400, 'CSM-USR-0002');
    expect(await soi(si.guid)).toMatchObject({ ownerName: 'enduser1', sharedUsers: [] });
  });

  it('POST .../decommission with timeout -1 answers the COMPLETED task and the instance is gone', async () => {
    const si = await w.instance('enduser1');
    const res = await e1.post(`${SOI_PATH}/${si.guid}/decommission`, { timeout: -1, preCallout: '', postCallout: '', operationParams: [] });
    expect(res.body[0]).toMatchObject({ operationName: 'decommission', objectName: si.name, taskState: 'COMPLETED', isSuccess: true });
    expectCloudError(await e1.get(`${SOI_PATH}/${si.guid}`), 404, 'CSM-SOI-0001');
    expectCloudError(await e1.post(`${SOI_PATH}/${si.guid}/decommission`, standard()), 404, 'CSM-SOI-0001');
  });

  it('decommission by someone who may not manage it is refused and changes nothing', async () => {
    const si = await w.instance('enduser1');
    const member = await w.session('orguser');
    expectCloudError(await member.post(`${SOI_PATH}/${si.guid}/decommission`, standard()), 404, 'CSM-SOI-0001');
    const acme = await w.session('acmeuser');
    expectCloudError(await acme.post(`${SOI_PATH}/${si.guid}/decommission`, standard()), 404, 'CSM-SOI-0001');
    expect((await soi(si.guid)).status).toBe('Running');
  });

  it('decommission with a decommissionDate in the future waits until then: the task is NOT_STARTED and the instance still there', async () => {
    const si = await w.instance('enduser1');
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const res = await e1.post(`${SOI_PATH}/${si.guid}/decommission`, standard([param('decommissionDate', later, 'java.util.Date', '0..1')], { timeout: 0 }));
    expect(res.body[0]).toMatchObject({ taskState: 'NOT_STARTED', taskProgress: 0 });
    expect(res.body[0]).not.toHaveProperty('results');
    await t.settle();
    expect((await soi(si.guid)).status).toBe('Running');
    expectCloudError(await e1.post(`${SOI_PATH}/${si.guid}/decommission`, standard([param('decommissionDate', 'next week', 'java.util.Date', '0..1')])), 400, 'CSM-PAR-0002');
  });

  it('POST /csm/serviceofferinginstance/bulkcreate provisions instances of an offering owned by the caller', async () => {
    const offering = (await e1.post('/csm/ServiceOffering/search')).body[0].results[0];
    const body = standard([
      param(
        'serviceOfferingID',
        { cloudClass: 'com.bmc.cloud.model.beans.ServiceOffering', guid: offering.guid, reconciliationID: offering.guid },
        'com.bmc.cloud.model.beans.ServiceOffering',
      ),
      param('quantity', 2, 'java.lang.Integer'),
      param('name', 'batch', 'java.lang.String', '0..1'),
      param('tenant', 'Calbro', 'java.lang.String', '0..1'),
    ]);
    const res = await e1.post('/csm/serviceofferinginstance/bulkcreate', body);
    expect(res.body[0]).toMatchObject({ operationName: 'bulkCreate', taskState: 'COMPLETED' });
    const results = res.body[0].results as string[];
    expect(results).toHaveLength(2);
    const created = results.map((r) => JSON.parse(r.slice(r.indexOf(':') + 1)) as { guid: string; name: string });
    expect(created.map((c) => c.name)).toEqual(['batch-1', 'batch-2']);
    for (const c of created) expect(await soi(c.guid)).toMatchObject({ ownerName: 'enduser1', tenantName: 'Calbro', serviceOfferingName: 'postgres', status: 'Running' });
  });

  it('bulkCreate of an unknown offering, into an unknown tenant, or by a user with no space there answers 400 and creates nothing', async () => {
    const count = async () => (await admin.post(`${SOI_PATH}/search`)).body[0].totalRows as number;
    const before = await count();
    const offering = (await e1.post('/csm/ServiceOffering/search')).body[0].results[0];
    const so = (guid: string) => param('serviceOfferingID', { cloudClass: 'com.bmc.cloud.model.beans.ServiceOffering', guid }, 'com.bmc.cloud.model.beans.ServiceOffering');
    expectCloudError(await e1.post(`${SOI_PATH}/bulkCreate`, standard([so('OI-A6271B0404624169AA0990CBDEF036E5')])), 400, 'CSM-SO-0001');
    expectCloudError(await e1.post(`${SOI_PATH}/bulkCreate`, standard([so(offering.guid), param('tenant', 'Nowhere')])), 400, 'CSM-TEN-0001');
    const member = await w.session('orguser');
    expectCloudError(await member.post(`${SOI_PATH}/bulkCreate`, standard([so(offering.guid)])), 400, 'CSM-SOI-0055');
    expectCloudError(await e1.post(`${SOI_PATH}/bulkCreate`, standard([so(offering.guid), param('quantity', 0, 'java.lang.Integer')])), 400, 'CSM-SOI-0056');
    expectCloudError(await e1.post(`${SOI_PATH}/bulkCreate`, standard([param('quantity', 1, 'java.lang.Integer')])), 400, 'CSM-PAR-0001');
    expect(await count()).toBe(before);
  });
});
