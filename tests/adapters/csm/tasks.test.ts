// Tasks in time: timeout 0, N and -1 against a slow operation (CSM_TEST_OPERATION_DELAY_MS), and the task states.
import { csmWorld, expectCloudError, param, SOI_PATH, standard, startCsmGateway, type CsmClient } from '../../helpers/csm';
import type { TestGateway } from '../../helpers/testGateway';

const DELAY_MS = 1500;
const share = (users: string[], timeout?: number) =>
  standard([param('userNameList', users, 'java.lang.String', '0..*')], timeout === undefined ? { timeout: undefined } : { timeout });

describe('CSM task timeouts with a slow operation', () => {
  let t: TestGateway;
  let w: Awaited<ReturnType<typeof csmWorld>>;
  let e1: CsmClient;
  let si: { guid: string; name: string };
  beforeAll(async () => {
    t = await startCsmGateway({ CSM_TEST_OPERATION_DELAY_MS: String(DELAY_MS), CSM_DEFAULT_TIMEOUT_SECONDS: '5' });
    w = await csmWorld(t);
    si = await w.instance('enduser1');
    e1 = await w.session('enduser1');
  }, 30_000);
  afterAll(() => t.close());

  const poll = async (guid: string) => {
    for (let i = 0; i < 100; i++) {
      const res = await e1.get(`/csm/task/${guid}`);
      if (['COMPLETED', 'FAILED'].includes(res.body[0].taskState)) return res.body[0];
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('task did not finish');
  };

  it('timeout 0 answers at once with a task not yet finished: no results key, no completionTime', async () => {
    const started = Date.now();
    const res = await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2'], 0));
    expect(Date.now() - started).toBeLessThan(DELAY_MS / 2);
    const task = res.body[0];
    expect(['NOT_STARTED', 'RUNNING']).toContain(task.taskState);
    expect(task).not.toHaveProperty('results');
    expect(task).not.toHaveProperty('completionTime');
    expect(task.isSuccess).toBe(false);
    expect([0, 50]).toContain(task.taskProgress);
    const running = (await e1.get(`/csm/task/${task.guid}`)).body[0];
    expect(running.taskState).toBe('RUNNING');
    expect(running).not.toHaveProperty('results');
    expect((await poll(task.guid)).taskState).toBe('COMPLETED');
  });

  it('timeout 1 with an operation of 1.5 s answers after about 1 s with the task as it stands; a later poll shows COMPLETED', async () => {
    const started = Date.now();
    const res = await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser3'], 1));
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(950);
    expect(took).toBeLessThan(DELAY_MS);
    expect(res.body[0].taskState).toBe('RUNNING');
    expect(res.body[0]).not.toHaveProperty('results');
    expect((await poll(res.body[0].guid)).results).toEqual([`/ServiceOfferingInstance/${si.guid}`]);
  });

  it('timeout 3 waits only as long as the operation takes and answers it COMPLETED', async () => {
    const started = Date.now();
    const res = await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2'], 3));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.body[0].taskState).toBe('COMPLETED');
  });

  it('timeout -1 and an omitted timeout wait up to CSM_DEFAULT_TIMEOUT_SECONDS: the answer is the COMPLETED task', async () => {
    for (const timeout of [-1, undefined]) {
      const started = Date.now();
      const res = await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser3'], timeout));
      expect(Date.now() - started).toBeGreaterThanOrEqual(DELAY_MS - 50);
      expect(res.body[0]).toMatchObject({ taskState: 'COMPLETED', taskProgress: 100 });
    }
  });

  it('an instance still provisioning (its v3 create job not yet run) cannot be shared: 400, nothing changes', async () => {
    const res = await w.users.enduser1!.v3.post('/v3/service_instances', {
      type: 'managed',
      name: 'slow-one',
      relationships: { space: { data: { guid: w.dev.guid } }, service_plan: { data: { guid: '2a8b4c6d-7e9f-4a1b-9c3d-5e7f9a1b3c5d' } } },
    });
    expect(res.status).toBe(202);
    const list = await t.admin.get(`/v3/service_instances?names=slow-one`);
    const guid = list.body.resources[0].guid as string;
    expect((await e1.get(`${SOI_PATH}/${guid}`)).body[0].status).toBe('Provisioning');
    const refused = await e1.post(`${SOI_PATH}/${guid}/share`, share(['enduser2'], 0));
    expectCloudError(refused, 400, 'CSM-SOI-0042');
    await t.settle();
    expect((await e1.get(`${SOI_PATH}/${guid}`)).body[0]).toMatchObject({ status: 'Running', sharedUsers: [] });
  });

  it('a task whose instance went away before it ran ends FAILED with errors and no results', async () => {
    const victim = await w.instance('enduser1');
    const task = (await e1.post(`${SOI_PATH}/${victim.guid}/share`, share(['enduser2'], 0))).body[0];
    const del = await t.admin.delete(`/v3/service_instances/${victim.guid}?purge=true`);
    expect(del.status).toBe(204);
    const done = await poll(task.guid);
    expect(done).toMatchObject({ taskState: 'FAILED', taskSubState: 'task_failure_final', isError: true, isSuccess: false, taskProgress: 100 });
    expect(done).not.toHaveProperty('results');
    expect(done.errors).toEqual([{ cloudClass: 'com.bmc.cloud.model.beans.TaskError', errorID: 'CSM-SOI-0001', errorCause: expect.any(String) }]);
  });
});

describe('CSM timeout -1 with an operation longer than the default', () => {
  it('timeout -1 answers after CSM_DEFAULT_TIMEOUT_SECONDS with the task still RUNNING', async () => {
    const t = await startCsmGateway({ CSM_TEST_OPERATION_DELAY_MS: '2500', CSM_DEFAULT_TIMEOUT_SECONDS: '1' });
    try {
      const w = await csmWorld(t);
      const si = await w.instance('enduser1');
      const e1 = await w.session('enduser1');
      const started = Date.now();
      const res = await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2'], -1));
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(950);
      expect(took).toBeLessThan(2400);
      expect(res.body[0].taskState).toBe('RUNNING');
      await t.settle();
      expect((await e1.get(`/csm/task/${res.body[0].guid}`)).body[0].taskState).toBe('COMPLETED');
    } finally {
      await t.close();
    }
  }, 30_000);
});
