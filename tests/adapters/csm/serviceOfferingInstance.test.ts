// GET /csm/ServiceOfferingInstance/<guid>, POST /csm/ServiceOfferingInstance/search, POST /csm/ServiceOffering/search,
// and how the dialect answers requests it cannot serve.
import { csmWorld, expectCloudError, param, SOI_PATH, standard, startCsmGateway, type CsmClient } from '../../helpers/csm';
import type { TestGateway } from '../../helpers/testGateway';

const q = (references: string, operator: string, ...values: string[]) => ({
  cloudClass: 'com.bmc.cloud.model.beans.QuerySelect',
  children: [
    {
      cloudClass: 'com.bmc.cloud.model.beans.QuerySimpleCondition',
      operator,
      children: [
        { cloudClass: 'com.bmc.cloud.model.beans.QueryPropertyReference', guid: 'GUID1', references: [references] },
        { cloudClass: 'com.bmc.cloud.model.beans.QueryLiteral', guid: 'GUID2', type: 'java.lang.String', values },
      ],
      guid: 'GUID3',
    },
  ],
  fromClass: 'com.bmc.cloud.model.beans.ServiceOfferingInstance',
  guid: 'GUID4',
});
const criteria = (node: unknown) => param('criteria', node, 'com.bmc.cloud.model.beans.Query', '1');
const names = (body: { results: { name: string }[] }[]) => body[0]!.results.map((r) => r.name).sort();

describe('CSM ServiceOfferingInstance get and search', () => {
  let t: TestGateway;
  let w: Awaited<ReturnType<typeof csmWorld>>;
  let e1: CsmClient;
  let web: { guid: string; name: string };
  let db: { guid: string; name: string };
  let other: { guid: string; name: string };
  beforeAll(async () => {
    t = await startCsmGateway();
    w = await csmWorld(t);
    web = await w.instance('enduser1', 'web-tier-01');
    db = await w.instance('enduser1', 'db-tier-01');
    other = await w.instance('enduser2', 'enduser2-cache');
    e1 = await w.session('enduser1');
  });
  afterAll(() => t.close());

  it('GET /csm/ServiceOfferingInstance/<guid> answers [ServiceOfferingInstance] with owner, tenant, status, offering and times', async () => {
    const res = await e1.get(`${SOI_PATH}/${web.guid}`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toEqual({
      cloudClass: 'com.bmc.cloud.model.beans.ServiceOfferingInstance',
      guid: web.guid,
      name: 'web-tier-01',
      description: '',
      ownerName: 'enduser1',
      tenant: `/Organization/${w.calbro.guid}`,
      tenantName: 'Calbro',
      status: 'Running',
      sharedUsers: [],
      serviceOffering: expect.stringMatching(/^\/ServiceOffering\/[0-9a-f-]{36}$/),
      serviceOfferingName: 'postgres',
      servicePlanName: 'small',
      createdTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      modifiedTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('GET /csm/serviceofferinginstance/<guid> (lower case) answers the same', async () => {
    const res = await e1.get(`/csm/serviceofferinginstance/${web.guid}`);
    expect(res.status).toBe(200);
    expect(res.body[0].guid).toBe(web.guid);
  });

  it('GET /csm/ServiceOfferingInstance/<unknown guid> answers 404 [CloudError]; so does one the caller may not see', async () => {
    expectCloudError(await e1.get(`${SOI_PATH}/6f2857e6-cb29-4c9e-9cca-fa5d75b8ba6c`), 404, 'CSM-SOI-0001');
    expectCloudError(await e1.get(`${SOI_PATH}/OI-A6271B0404624169AA0990CBDEF036E5`), 404, 'CSM-SOI-0001');
    const acme = await w.session('acmeuser');
    expectCloudError(await acme.get(`${SOI_PATH}/${web.guid}`), 404, 'CSM-SOI-0001');
  });

  it('POST /csm/ServiceOfferingInstance/search with an empty body answers [SearchResults] of what the caller may see', async () => {
    const res = await e1.post(`${SOI_PATH}/search`);
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({ cloudClass: 'com.bmc.cloud.model.beans.SearchResults', pageNo: 0, pageSize: -1, totalRows: 3 });
    expect(names(res.body)).toEqual(['db-tier-01', 'enduser2-cache', 'web-tier-01']);
    const acme = await w.session('acmeuser');
    const none = await acme.post(`${SOI_PATH}/search`);
    expect(none.body[0]).toMatchObject({ totalRows: 0, results: [] });
  });

  it('POST /csm/serviceofferinginstance/search (lower case) answers the same', async () => {
    const upper = await e1.post(`${SOI_PATH}/search`);
    const lower = await e1.post('/csm/serviceofferinginstance/search');
    expect(lower.status).toBe(200);
    expect(lower.body[0].results).toEqual(upper.body[0].results);
  });

  it('POST .../search with the Python client body ({"callbackURL":"","operationParams":[],...,"timeout":-1}) answers json[0].results', async () => {
    const res = await e1.post(`${SOI_PATH}/search`, { callbackURL: '', operationParams: [], postCallout: '', preCallout: '', timeout: -1 });
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body[0].results)).toBe(true);
  });

  it('POST .../search with criteria name EQUALS "web-tier-01" answers only that instance', async () => {
    const res = await e1.post(`${SOI_PATH}/search`, standard([criteria(q('name', 'EQUALS', 'web-tier-01'))]));
    expect(res.status).toBe(200);
    expect(res.body[0].totalRows).toBe(1);
    expect(res.body[0].results[0].guid).toBe(web.guid);
  });

  it('POST .../search with NOT_EQUALS and LIKE on name, guid, ownerName and status', async () => {
    const run = async (node: unknown) => names((await e1.post(`${SOI_PATH}/search`, standard([criteria(node)]))).body);
    expect(await run(q('name', 'NOT_EQUALS', 'web-tier-01'))).toEqual(['db-tier-01', 'enduser2-cache']);
    expect(await run(q('name', 'LIKE', '%-tier-%'))).toEqual(['db-tier-01', 'web-tier-01']);
    expect(await run(q('guid', 'EQUALS', db.guid))).toEqual(['db-tier-01']);
    expect(await run(q('guid', 'LIKE', `${other.guid.slice(0, 8)}%`))).toEqual(['enduser2-cache']);
    expect(await run(q('ownerName', 'EQUALS', 'enduser2'))).toEqual(['enduser2-cache']);
    expect(await run(q('ownerName', 'NOT_EQUALS', 'enduser2'))).toEqual(['db-tier-01', 'web-tier-01']);
    expect(await run(q('status', 'EQUALS', 'Running'))).toHaveLength(3);
    expect(await run(q('status', 'LIKE', 'Provision%'))).toEqual([]);
  });

  it('POST .../search accepts the QueryNode shape with nodeType, simpleOperator and left/right operands', async () => {
    const node = {
      cloudClass: 'com.bmc.cloud.model.beans.QueryNode',
      nodeType: 'QuerySimpleCondition',
      simpleOperator: 'EQUALS',
      leftOperand: { nodeType: 'QueryPropertyReference', references: ['name'] },
      rightOperand: { nodeType: 'QueryLiteral', type: 'java.lang.String', values: ['db-tier-01'] },
    };
    const res = await e1.post(`${SOI_PATH}/search`, standard([param('criteria', node, 'com.bmc.cloud.model.beans.QueryNode', '0..1')]));
    expect(names(res.body)).toEqual(['db-tier-01']);
  });

  it('POST .../search with pageSize 1 and pageNo 0 answers one result, pageSize 1 and totalRows of all', async () => {
    const body = standard([param('pageSize', 1, 'java.lang.Integer', '0..1'), param('pageNo', 0, 'java.lang.Integer', '0..1'), param('orderBy', 'name', 'java.lang.String', '1')]);
    const res = await e1.post(`${SOI_PATH}/search`, body);
    expect(res.body[0]).toMatchObject({ pageNo: 0, pageSize: 1, totalRows: 3 });
    expect(names(res.body)).toEqual(['db-tier-01']);
    const second = await e1.post(
      `${SOI_PATH}/search`,
      standard([param('pageSize', 1, 'java.lang.Integer', '0..1'), param('pageNo', 1, 'java.lang.Integer', '0..1'), param('orderBy', ['name'])]),
    );
    expect(names(second.body)).toEqual(['enduser2-cache']);
  });

  it('POST .../search with orderBy "name DESC"', async () => {
    const res = await e1.post(`${SOI_PATH}/search`, standard([param('orderBy', ['name DESC'])]));
    expect(res.body[0].results.map((r: { name: string }) => r.name)).toEqual(['web-tier-01', 'enduser2-cache', 'db-tier-01']);
  });

  it('POST .../search with an unknown operator, property or a non-object criteria answers 400 naming it', async () => {
    const bad1 = await e1.post(`${SOI_PATH}/search`, standard([criteria(q('name', 'SOUNDS_LIKE', 'x'))]));
    expectCloudError(bad1, 400, 'CSM-QRY-0001');
    expect(bad1.body[0].errorCause).toContain('SOUNDS_LIKE');
    const bad2 = await e1.post(`${SOI_PATH}/search`, standard([criteria(q('password', 'EQUALS', 'x'))]));
    expectCloudError(bad2, 400, 'CSM-QRY-0001');
    expect(bad2.body[0].errorCause).toContain('password');
    const bad3 = await e1.post(`${SOI_PATH}/search`, standard([param('criteria', 'name = x', 'com.bmc.cloud.model.beans.QueryNode', '0..1')]));
    expectCloudError(bad3, 400, 'CSM-PAR-0002');
    expect(bad3.body[0].errorCause).toContain('criteria');
  });

  it('POST /csm/ServiceOffering/search with fillFields and orderBy (the Ruby client body) answers the catalog', async () => {
    const body = {
      timeout: -1,
      operationParams: [
        { multiplicity: '1', name: 'fillFields', type: 'java.lang.String', value: 'reconciliationID' },
        { multiplicity: '1', name: 'orderBy', type: 'java.lang.String', value: 'name' },
      ],
    };
    const res = await e1.post('/csm/ServiceOffering/search', body);
    expect(res.status).toBe(200);
    const results = res.body[0].results as Record<string, unknown>[];
    expect(results.map((r) => r.name)).toEqual(['postgres', 'redis']);
    expect(results[0]).toEqual({ cloudClass: 'com.bmc.cloud.model.beans.ServiceOffering', guid: expect.any(String), name: 'postgres', reconciliationID: results[0]!.guid });
  });

  it('GET /csm/ServiceOffering/<guid> answers [ServiceOffering]; an unknown one 404', async () => {
    const list = await e1.post('/csm/ServiceOffering/search');
    const guid = list.body[0].results[0].guid as string;
    const res = await e1.get(`/csm/serviceoffering/${guid}`);
    expect(res.body[0]).toMatchObject({ cloudClass: 'com.bmc.cloud.model.beans.ServiceOffering', guid, name: 'postgres' });
    expectCloudError(await e1.get('/csm/ServiceOffering/OI-A6271B0404624169AA0990CBDEF036E5'), 404, 'CSM-SO-0002');
  });

  it('POST /csm/ServiceOfferingInstance/<guid> (refresh) answers the instance', async () => {
    const res = await e1.post(`${SOI_PATH}/${web.guid}`, {});
    expect(res.body[0]).toMatchObject({ guid: web.guid, name: 'web-tier-01' });
  });

  it('unknown classes and operations answer 404 [CloudError], never an HTML page', async () => {
    expectCloudError(await e1.post('/csm/ComputeContainer/search'), 404, 'CSM-API-0001');
    expectCloudError(await e1.get(`/csm/NetworkContainer/${web.guid}`), 404, 'CSM-API-0001');
    expectCloudError(await e1.post(`${SOI_PATH}/${web.guid}/startCompute`, standard()), 404, 'CSM-API-0002');
    expectCloudError(await e1.get('/csm/blueprint/a/b/c'), 404);
    expectCloudError(await e1.get('/csm/'), 404);
    expectCloudError(await t.http.delete(`${SOI_PATH}/${web.guid}`).set('Authentication-Token', e1.token), 400, 'CSM-API-0006');
  });

  it('malformed JSON, a non-object body and wrong member types answer 400 [CloudError]', async () => {
    expectCloudError(await e1.post(`${SOI_PATH}/search`, '{"operationParams": [}'), 400, 'CSM-REQ-0001');
    expectCloudError(await e1.post(`${SOI_PATH}/search`, '[1,2]'), 400, 'CSM-REQ-0003');
    expectCloudError(await e1.post(`${SOI_PATH}/search`, { operationParams: 'criteria' }), 400, 'CSM-REQ-0004');
    expectCloudError(await e1.post(`${SOI_PATH}/${web.guid}/share`, { timeout: 'soon', operationParams: [] }), 400, 'CSM-REQ-0004');
    expectCloudError(await e1.post(`${SOI_PATH}/search`, standard([param('pageSize', '10', 'java.lang.Integer', '0..1')])), 400, 'CSM-PAR-0002');
  });

  it('a malformed path, a body over 1 MB and an unsupported method answer 400 [CloudError], never HTML or a 500', async () => {
    expectCloudError(await e1.get(`${SOI_PATH}/%E0%A4%A`), 400);
    const big = JSON.stringify(standard([param('orderBy', ['x'.repeat(1_100_000)])]));
    expectCloudError(await e1.post(`${SOI_PATH}/search`, big), 400, 'CSM-REQ-0002');
    expectCloudError(await t.http.put(`${SOI_PATH}/${web.guid}`).set('Authentication-Token', e1.token).send({}), 400, 'CSM-API-0006');
    expectCloudError(await t.http.post('/CSM/LOGIN').send({ username: 'enduser1', password: 'wrong' }), 401, 'CSM-AUTH-0003');
  });

  it('every answer is a JSON array with Content-Type application/json and a BMC-Transaction-ID', async () => {
    for (const res of [await e1.post(`${SOI_PATH}/search`), await e1.get(`${SOI_PATH}/${web.guid}`), await e1.get(`${SOI_PATH}/nope`)]) {
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(Array.isArray(JSON.parse(res.text))).toBe(true);
      expect(res.headers['bmc-transaction-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
