// POST /csm/ServiceOfferingInstance/<guid>/share: userNameList replaces the set of users the instance is shared with.
import { csmWorld, expectCloudError, param, SOI_PATH, standard, startCsmGateway, type CsmClient } from '../../helpers/csm';
import type { TestGateway } from '../../helpers/testGateway';
import { queryRows } from '../../helpers/testDatabase';

const share = (users: string[], extra: Record<string, unknown> = {}) => standard([param('userNameList', users, 'java.lang.String', '0..*')], extra);

describe('CSM ServiceOfferingInstance share', () => {
  let t: TestGateway;
  let w: Awaited<ReturnType<typeof csmWorld>>;
  let e1: CsmClient;
  beforeAll(async () => {
    t = await startCsmGateway();
    w = await csmWorld(t);
    e1 = await w.session('enduser1');
  });
  afterAll(() => t.close());

  const sharedUsers = async (guid: string) => ((await e1.get(`${SOI_PATH}/${guid}`)).body[0].sharedUsers as string[]).sort();
  const taskCount = async () => (await queryRows<{ n: number }>(t.gateway.store, 'SELECT count(*) AS n FROM operations'))[0]!.n;

  it('POST .../<guid>/share with timeout 0 and userNameList ["enduser2"] answers 200 [Task] with operationName share', async () => {
    const si = await w.instance();
    const res = await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2'], { timeout: 0 }));
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    const task = res.body[0];
    expect(task).toMatchObject({ cloudClass: 'com.bmc.cloud.model.beans.Task', className: 'ServiceOfferingInstance', operationName: 'share', objectName: si.name });
    expect(task.taskStatusURI).toBe(`https://api.example.org/csm/task/${task.guid}`);
    expect(['NOT_STARTED', 'RUNNING', 'COMPLETED']).toContain(task.taskState);
  });

  it('polling GET /csm/task/<guid> after a share ends COMPLETED, task_success_final, isSuccess, taskProgress 100', async () => {
    const si = await w.instance();
    const task = (await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2'], { timeout: 0 }))).body[0];
    await t.settle();
    const res = await e1.get(`/csm/task/${task.guid}`);
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({ guid: task.guid, taskState: 'COMPLETED', taskSubState: 'task_success_final', isSuccess: true, isError: false, taskProgress: 100 });
    expect(res.body[0].completionTime).toMatch(/^\d{4}-/);
    expect(await sharedUsers(si.guid)).toEqual(['enduser2']);
    // GET <taskStatusURI> as returned, and csm/Task/<guid>/result, answer the same task
    const path = new URL(task.taskStatusURI as string).pathname;
    expect((await e1.get(path)).body).toEqual(res.body);
    expect((await e1.get(`/csm/Task/${task.guid}/result`)).body).toEqual(res.body);
  });

  it('POST .../share with timeout -1 answers the finished Task; with timeout omitted too', async () => {
    const si = await w.instance();
    const sync = await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2']));
    expect(sync.body[0]).toMatchObject({ taskState: 'COMPLETED', isSuccess: true, results: [`/ServiceOfferingInstance/${si.guid}`] });
    expect(sync.body[0].completionTime).toBeDefined();
    const omitted = await e1.post(`${SOI_PATH}/${si.guid}/share`, { operationParams: [param('userNameList', ['enduser3'])] });
    expect(omitted.body[0]).toMatchObject({ taskState: 'COMPLETED' });
    expect(await sharedUsers(si.guid)).toEqual(['enduser3']);
  });

  it('a user the instance is shared with sees it (and only then) and may decommission it; ownerName stays the owner', async () => {
    const si = await w.instance();
    const member = await w.session('orguser');
    expectCloudError(await member.get(`${SOI_PATH}/${si.guid}`), 404, 'CSM-SOI-0001');
    await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['orguser']));
    const got = await member.get(`${SOI_PATH}/${si.guid}`);
    expect(got.body[0]).toMatchObject({ ownerName: 'enduser1', sharedUsers: ['orguser'] });
    expect((await member.post(`${SOI_PATH}/search`)).body[0].results.map((r: { guid: string }) => r.guid)).toEqual([si.guid]);
    const gone = await member.post(`${SOI_PATH}/${si.guid}/decommission`, standard());
    expect(gone.body[0]).toMatchObject({ taskState: 'COMPLETED', operationName: 'decommission' });
    expectCloudError(await e1.get(`${SOI_PATH}/${si.guid}`), 404, 'CSM-SOI-0001');
  });

  it('a user the instance is shared with may not share it on (403 [CloudError]), and nothing changes', async () => {
    const si = await w.instance('enduser1');
    await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2']));
    const e2 = await w.session('enduser2');
    const before = await taskCount();
    expectCloudError(await e2.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2', 'enduser3'])), 403, 'CSM-SOI-0050');
    expect(await taskCount()).toBe(before);
    expect(await sharedUsers(si.guid)).toEqual(['enduser2']);
  });

  it('a developer of the space who is not the owner may not share (403); the tenant admin and the cloud admin may', async () => {
    const si = await w.instance('enduser1');
    const e3 = await w.session('enduser3');
    expectCloudError(await e3.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser3'])), 403, 'CSM-SOI-0050');
    const ta = await w.session('tadmin');
    expect((await ta.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser3']))).body[0].taskState).toBe('COMPLETED');
    const admin = await w.session('admin');
    expect((await admin.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2', 'enduser3']))).body[0].taskState).toBe('COMPLETED');
    expect(await sharedUsers(si.guid)).toEqual(['enduser2', 'enduser3']);
  });

  it('userNameList replaces the set: ["a","b"] then ["b"] leaves only b; [] removes all', async () => {
    const si = await w.instance();
    await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2', 'enduser3']));
    expect(await sharedUsers(si.guid)).toEqual(['enduser2', 'enduser3']);
    await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser3']));
    expect(await sharedUsers(si.guid)).toEqual(['enduser3']);
    await e1.post(`${SOI_PATH}/${si.guid}/share`, share([]));
    expect(await sharedUsers(si.guid)).toEqual([]);
  });

  it('an unknown user name answers 400 naming it, makes no task and changes nothing', async () => {
    const si = await w.instance();
    await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2']));
    const before = await taskCount();
    const res = await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser3', 'no-such-user']));
    expectCloudError(res, 400, 'CSM-USR-0001');
    expect(res.body[0].errorCause).toContain('no-such-user');
    expect(await taskCount()).toBe(before);
    expect(await sharedUsers(si.guid)).toEqual(['enduser2']);
  });

  it('a user of another tenant answers 400 naming them, and nothing changes', async () => {
    const si = await w.instance();
    const res = await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['acmeuser']));
    expectCloudError(res, 400, 'CSM-USR-0002');
    expect(res.body[0].errorCause).toContain('acmeuser');
    expect(await sharedUsers(si.guid)).toEqual([]);
  });

  it('wrong parameter types, unknown parameters and an unknown instance answer CloudErrors naming the problem', async () => {
    const si = await w.instance();
    const wrongType = await e1.post(`${SOI_PATH}/${si.guid}/share`, standard([param('userNameList', [42])]));
    expectCloudError(wrongType, 400, 'CSM-PAR-0002');
    expect(wrongType.body[0].errorCause).toContain('userNameList');
    const unknown = await e1.post(`${SOI_PATH}/${si.guid}/share`, standard([param('userNames', ['enduser2'])]));
    expectCloudError(unknown, 400, 'CSM-PAR-0003');
    expect(unknown.body[0].errorCause).toContain('userNames');
    expectCloudError(await e1.post(`${SOI_PATH}/6f2857e6-cb29-4c9e-9cca-fa5d75b8ba6c/share`, share(['enduser2'])), 404, 'CSM-SOI-0001');
    expect(await sharedUsers(si.guid)).toEqual([]);
  });

  it('the share example body copied from BMC documentation, trailing comma included, is accepted', async () => {
    const si = await w.instance();
    const body = `{
      "timeout": -1,
      "preCallout": "",
      "postCallout": "",
      "callbackURL": "",
      "operationParams": [
        {
          "name": "userNameList",
          "value": ["enduser2"],
          "type": "java.lang.String",
          "multiplicity": "0..*"
        },
      ]
    }`;
    const res = await e1.post(`${SOI_PATH}/${si.guid}/share`, body);
    expect(res.status).toBe(200);
    expect(res.body[0].taskState).toBe('COMPLETED');
    expect(await sharedUsers(si.guid)).toEqual(['enduser2']);
  });

  it('unknown top-level members (user, alreadyTraversedGlobalRegistry) are ignored', async () => {
    const si = await w.instance();
    const res = await e1.post(
      `${SOI_PATH}/${si.guid}/share`,
      share(['enduser2'], { user: 'enduser1', alreadyTraversedGlobalRegistry: false, alreadyTraversedLocalRegistry: false }),
    );
    expect(res.body[0].taskState).toBe('COMPLETED');
  });

  it('every share writes an audit event with the users added and removed', async () => {
    const si = await w.instance();
    await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2']));
    await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser3']));
    const events = await t.admin.get(`/v3/audit_events?types=audit.service_instance.share_with_users&target_guids=${si.guid}&order_by=created_at`);
    expect(events.body.resources.map((e: { data: unknown }) => e.data)).toEqual([
      { user_names: ['enduser2'], added: ['enduser2'], removed: [] },
      { user_names: ['enduser3'], added: ['enduser3'], removed: ['enduser2'] },
    ]);
  });

  it("GET /csm/task/<guid> of another user's task, or an unknown one, answers 404 [CloudError]", async () => {
    const si = await w.instance();
    const task = (await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2']))).body[0];
    const e3 = await w.session('enduser3');
    expectCloudError(await e3.get(`/csm/task/${task.guid}`), 404, 'CSM-TASK-0001');
    expectCloudError(await e1.get('/csm/Task/5f0b9c1e-2b1d-4a1e-9c51-3f3f2e9f7a10'), 404, 'CSM-TASK-0001');
    const admin = await w.session('admin');
    expect((await admin.get(`/csm/task/${task.guid}`)).status).toBe(200);
  });
});
