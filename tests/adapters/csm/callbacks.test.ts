// callbackURL, preCallout and postCallout: outbound calls to a real receiver on 127.0.0.1, only where
// CALLBACK_ALLOWLIST allows, checked on the address actually connected to.
import { csmWorld, expectCloudError, param, SOI_PATH, standard, startCsmGateway, type CsmClient } from '../../helpers/csm';
import { startReceiver, type Receiver } from '../../helpers/receiver';
import type { TestGateway } from '../../helpers/testGateway';
import { queryRows } from '../../helpers/testDatabase';

const share = (users: string[], extra: Record<string, unknown>) => standard([param('userNameList', users, 'java.lang.String', '0..*')], extra);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('CSM callbacks and callouts', () => {
  let t: TestGateway;
  let w: Awaited<ReturnType<typeof csmWorld>>;
  let e1: CsmClient;
  let rx: Receiver;
  let other: Receiver;
  beforeAll(async () => {
    rx = await startReceiver();
    other = await startReceiver();
    t = await startCsmGateway({
      CALLBACK_ALLOWLIST: `127.0.0.1/32`,
      CSM_CALLOUTS: JSON.stringify({ audit: rx.url('/pre'), notifyAfter: rx.url('/post'), broken: rx.url('/pre-fails'), outside: 'http://192.0.2.10/hook' }),
    });
    w = await csmWorld(t);
    e1 = await w.session('enduser1');
  });
  afterAll(async () => {
    await t.close();
    await rx.close();
    await other.close();
  });

  const sharedUsers = async (guid: string) => (await e1.get(`${SOI_PATH}/${guid}`)).body[0].sharedUsers as string[];
  const taskCount = async () => (await queryRows<{ n: number }>(t.gateway.store, 'SELECT count(*) AS n FROM operations'))[0]!.n;

  it('callbackURL receives exactly one POST of the final [Task] when the task ends', async () => {
    const si = await w.instance();
    const res = await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2'], { timeout: 0, callbackURL: rx.url('/done-1') }));
    const [hit] = await rx.waitFor('/done-1');
    expect(hit!.method).toBe('POST');
    expect(hit!.headers['content-type']).toMatch(/^application\/json/);
    const body = hit!.body as Record<string, unknown>[];
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({ cloudClass: 'com.bmc.cloud.model.beans.Task', guid: res.body[0].guid, taskState: 'COMPLETED', operationName: 'share' });
    await t.settle();
    await pause(200);
    expect(rx.received.filter((r) => r.path === '/done-1')).toHaveLength(1);
    const task = (await e1.get(`/csm/task/${res.body[0].guid}`)).body[0];
    expect(task.callbackStatus).toEqual([expect.objectContaining({ hook: 'callbackURL', outcome: 'DELIVERED', attempts: 1 })]);
  });

  it('a failing callback receiver is retried (bounded) until it answers 2xx', async () => {
    rx.plan('/flaky', 500, 503, 200);
    const si = await w.instance();
    const res = await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2'], { timeout: 0, callbackURL: rx.url('/flaky') }));
    await rx.waitFor('/flaky', 3);
    await t.settle();
    const task = (await e1.get(`/csm/task/${res.body[0].guid}`)).body[0];
    expect(task.callbackStatus[0]).toMatchObject({ outcome: 'DELIVERED', attempts: 3 });
    await pause(300);
    expect(rx.received.filter((r) => r.path === '/flaky')).toHaveLength(3);
  });

  it('a receiver that keeps failing gets a bounded number of tries, recorded on the task; the task stays COMPLETED', async () => {
    rx.plan('/down', 500);
    const si = await w.instance();
    const res = await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2'], { timeout: 0, callbackURL: rx.url('/down') }));
    await rx.waitFor('/down', 3);
    await t.settle();
    await pause(300);
    expect(rx.received.filter((r) => r.path === '/down')).toHaveLength(3);
    const task = (await e1.get(`/csm/task/${res.body[0].guid}`)).body[0];
    expect(task).toMatchObject({ taskState: 'COMPLETED', isWarning: true });
    expect(task.callbackStatus[0]).toMatchObject({ outcome: 'FAILED', attempts: 3, detail: 'HTTP 500' });
  });

  it('redirects are not followed', async () => {
    rx.plan('/moved', { status: 302, headers: { Location: other.url('/elsewhere') } });
    const si = await w.instance();
    const res = await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2'], { timeout: 0, callbackURL: rx.url('/moved') }));
    await rx.waitFor('/moved', 3);
    await t.settle();
    expect(other.received).toHaveLength(0);
    const task = (await e1.get(`/csm/task/${res.body[0].guid}`)).body[0];
    expect(task.callbackStatus[0]).toMatchObject({ outcome: 'FAILED', detail: expect.stringContaining('redirects are not followed') });
  });

  it('hostile callback URLs answer 400 [CloudError] before any task is made, and nothing is sent', async () => {
    const si = await w.instance();
    const before = await taskCount();
    const sent = rx.received.length + other.received.length;
    for (const url of [
      'file:///etc/passwd',
      `gopher://127.0.0.1:${rx.port}/_POST`,
      'http://192.0.2.10/hook', // another host
      `http://127.0.0.2:${rx.port}/x`, // a loopback address outside the range allowed
      `http://user:pw@127.0.0.1:${rx.port}/x`,
      'not a url',
    ]) {
      const res = await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2'], { timeout: 0, callbackURL: url }));
      expectCloudError(res, 400, 'CSM-API-0004');
    }
    expect(await taskCount()).toBe(before);
    expect(await sharedUsers(si.guid)).toEqual([]);
    await pause(100);
    expect(rx.received.length + other.received.length).toBe(sent);
  });

  it('preCallout receives the operation parameters before the change; postCallout after', async () => {
    const si = await w.instance();
    const res = await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser3'], { timeout: -1, preCallout: 'audit', postCallout: 'notifyAfter' }));
    expect(res.body[0]).toMatchObject({ taskState: 'COMPLETED', isCallout: true });
    const [pre] = await rx.waitFor('/pre');
    const [post] = await rx.waitFor('/post');
    const body = (pre!.body as Record<string, unknown>[])[0]!;
    expect(body).toMatchObject({ calloutName: 'audit', calloutType: 'PRE', className: 'ServiceOfferingInstance', operationName: 'share', objectGuid: si.guid });
    expect(body.operationParams).toEqual([{ name: 'userNameList', type: 'java.lang.String', multiplicity: '0..*', value: ['enduser3'] }]);
    expect((post!.body as Record<string, unknown>[])[0]).toMatchObject({ calloutName: 'notifyAfter', calloutType: 'POST' });
    expect(pre!.at).toBeLessThanOrEqual(post!.at);
  });

  it('a failing pre-callout fails the task without changing anything', async () => {
    rx.plan('/pre-fails', 500);
    const si = await w.instance();
    const res = await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2'], { timeout: -1, preCallout: 'broken' }));
    expect(res.body[0]).toMatchObject({ taskState: 'FAILED', isError: true });
    expect(res.body[0].errors[0]).toMatchObject({ errorID: 'CSM-TASK-0002', errorCause: expect.stringContaining('broken') });
    expect(await sharedUsers(si.guid)).toEqual([]);
  });

  it('an unknown callout id answers 400 before any task is made; a callout outside the allowlist too', async () => {
    const si = await w.instance();
    const before = await taskCount();
    const unknown = await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2'], { preCallout: 'no-such-callout' }));
    expectCloudError(unknown, 400, 'CSM-API-0003');
    expect(unknown.body[0].errorCause).toContain('no-such-callout');
    expectCloudError(await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2'], { postCallout: 'outside' })), 400, 'CSM-API-0005');
    expect(await taskCount()).toBe(before);
  });
});

describe('CSM outbound allowlist by name', () => {
  it('a listed host name that resolves to loopback is refused unless loopback addresses are listed', async () => {
    const rx = await startReceiver();
    const t = await startCsmGateway({ CALLBACK_ALLOWLIST: 'localhost' });
    try {
      const w = await csmWorld(t);
      const e1 = await w.session('enduser1');
      const si = await w.instance();
      const res = await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2'], { callbackURL: `http://localhost:${rx.port}/cb` }));
      expectCloudError(res, 400, 'CSM-API-0004');
      expect(res.body[0].errorCause).toContain('not allowed');
      expect(rx.received).toHaveLength(0);
    } finally {
      await t.close();
      await rx.close();
    }
  });

  it('with no CALLBACK_ALLOWLIST (the default) every callback is refused', async () => {
    const rx = await startReceiver();
    const t = await startCsmGateway();
    try {
      const w = await csmWorld(t);
      const e1 = await w.session('enduser1');
      const si = await w.instance();
      expectCloudError(await e1.post(`${SOI_PATH}/${si.guid}/share`, share(['enduser2'], { callbackURL: rx.url('/cb') })), 400, 'CSM-API-0004');
      expect(rx.received).toHaveLength(0);
    } finally {
      await t.close();
      await rx.close();
    }
  });
});
