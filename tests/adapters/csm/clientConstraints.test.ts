// The client-compatibility constraints on the Task JSON (contracts/csm.md §3.2), one test each, read the way the
// Go (ubuhut/goclm) and Ruby (fbreton/RPMCLMInt) clients read them.
import { csmWorld, param, SOI_PATH, standard, startCsmGateway, type CsmClient } from '../../helpers/csm';
import type { TestGateway } from '../../helpers/testGateway';

describe('CSM client constraints on the Task JSON', () => {
  let t: TestGateway;
  let w: Awaited<ReturnType<typeof csmWorld>>;
  let e1: CsmClient;
  let offeringGuid: string;
  beforeAll(async () => {
    t = await startCsmGateway({ PUBLIC_URL: 'https://clm.example.com:8443' });
    w = await csmWorld(t);
    e1 = await w.session('enduser1');
    offeringGuid = (await e1.post('/csm/ServiceOffering/search')).body[0].results[0].guid;
  });
  afterAll(() => t.close());

  const bulkCreate = (timeout: number) =>
    e1.post(
      '/csm/serviceofferinginstance/bulkcreate',
      standard(
        [
          param(
            'serviceOfferingID',
            { cloudClass: 'com.bmc.cloud.model.beans.ServiceOffering', guid: offeringGuid, reconciliationID: offeringGuid },
            'com.bmc.cloud.model.beans.ServiceOffering',
          ),
          param('quantity', 1, 'java.lang.Integer'),
        ],
        { timeout },
      ),
    );

  it('1. taskStatusURI is an absolute URL under PUBLIC_URL containing /csm/, usable as is (Go) and by the Ruby rule', async () => {
    const si = await w.instance();
    const task = (await e1.post(`${SOI_PATH}/${si.guid}/share`, standard([param('userNameList', ['enduser2'])], { timeout: 0 }))).body[0];
    const uri = task.taskStatusURI as string;
    expect(uri).toBe(`https://clm.example.com:8443/csm/task/${task.guid}`);
    // Go: http.NewRequest("GET", TaskStatusURI) -> the path of the absolute URL
    expect((await e1.get(new URL(uri).pathname)).body[0].guid).toBe(task.guid);
    // Ruby: taskUri[(taskUri.index("csm") + 3)..] appended to its base URL, which ends in /csm
    const rest = uri.slice(uri.indexOf('csm') + 3);
    expect(rest).toBe(`/task/${task.guid}`);
    expect((await e1.get(`/csm${rest}`)).body[0].guid).toBe(task.guid);
  });

  it('2. a task has no results key until it is finished, then a non-empty results whose first element Ruby can index', async () => {
    const first = (await bulkCreate(0)).body[0];
    expect(first).not.toHaveProperty('results');
    await t.settle();
    const done = (await e1.get(`/csm/task/${first.guid}`)).body[0];
    expect(Array.isArray(done.results) && done.results.length > 0).toBe(true);
    // Ruby: result = results[0]; result[result.index(":") + 1..] parsed as JSON is the created instance
    const entry = done.results[0] as string;
    const parsed = JSON.parse(entry.slice(entry.indexOf(':') + 1));
    expect(parsed.cloudClass).toBe('com.bmc.cloud.model.beans.ServiceOfferingInstance');
    expect((await e1.get(`${SOI_PATH}/${parsed.guid}`)).status).toBe(200);
  });

  it('3a. a successful decommission answers a task with errors: [] (the Ruby client raises unless response["errors"].empty?)', async () => {
    const si = await w.instance();
    const response = (await e1.post(`/csm/serviceofferinginstance/${si.guid}/decommission`, { timeout: -1, preCallout: '', postCallout: '', operationParams: [] })).body[0];
    expect(response.taskState).toBe('COMPLETED');
    expect(response.errors).toEqual([]);
  });

  it('3b. a bulkCreate answer has no errors array (Go decodes errors into a string)', async () => {
    for (const timeout of [0, -1]) {
      const task = (await bulkCreate(timeout)).body[0];
      expect(task.errors === undefined || typeof task.errors === 'string').toBe(true);
      await t.settle();
      const polled = (await e1.get(`/csm/task/${task.guid}`)).body[0];
      expect(polled.taskState).toBe('COMPLETED');
      expect(polled).not.toHaveProperty('errors');
    }
  });

  it('4. taskProgress is an integer JSON number (Go decodes it into int)', async () => {
    const si = await w.instance();
    const res = await e1.post(`${SOI_PATH}/${si.guid}/share`, standard([param('userNameList', ['enduser2'])]));
    expect(res.text).toMatch(/"taskProgress":100[,}]/);
    expect(Number.isInteger(res.body[0].taskProgress)).toBe(true);
  });

  it('5. the answer is always an array, even for one task', async () => {
    const si = await w.instance();
    const res = await e1.post(`${SOI_PATH}/${si.guid}/share`, standard([param('userNameList', [])], { timeout: 0 }));
    expect(res.text.startsWith('[')).toBe(true);
    expect((await e1.get(`/csm/task/${res.body[0].guid}`)).text.startsWith('[')).toBe(true);
  });

  it('6. a refused submission answers [CloudError] without taskStatusURI; Ruby raises "errorID: errorCause"', async () => {
    const res = await e1.post('/csm/serviceofferinginstance/bulkcreate', standard([param('quantity', 1, 'java.lang.Integer')]));
    const outer = JSON.parse(res.text) as Record<string, unknown>[];
    expect(outer[0]).not.toHaveProperty('taskStatusURI');
    expect(Object.hasOwn(outer[0]!, 'errorCause')).toBe(true);
    expect(`${outer[0]!.errorID}: ${outer[0]!.errorCause}`).toMatch(/^CSM-PAR-0001: Missing required parameter serviceOfferingID/);
  });
  it('3c. a failed task has taskState FAILED, isError, isSuccess false, errors and no results', async () => {
    const si = await w.instance();
    t.gateway.runner.stop(); // (the last test here) no task runs until the test runs it
    const task = (await e1.post(`${SOI_PATH}/${si.guid}/share`, standard([param('userNameList', ['enduser2'])], { timeout: 0 }))).body[0];
    // the instance goes before the task runs: the task fails
    await t.admin.delete(`/v3/service_instances/${si.guid}?purge=true`);
    await t.gateway.core.runDueOperations();
    const done = (await e1.get(`/csm/task/${task.guid}`)).body[0];
    expect(done).toMatchObject({ taskState: 'FAILED', isError: true, isSuccess: false });
    expect(done.errors.length).toBeGreaterThan(0);
    expect(done).not.toHaveProperty('results');
  });
});
