// A task in flight when its process stops is finished after restart, never lost, and its callback still delivered:
// a gateway process is killed while it runs a slow task; a second gateway over the same SQLite file takes it over
// once the first one's lease has run out.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ADMIN_PASSWORD, csmClient, csmLogin, csmWorld, param, SOI_PATH, standard, startCsmGateway } from '../../helpers/csm';
import { startGatewayProcess } from '../../helpers/gatewayProcess';
import { startReceiver, type Receiver } from '../../helpers/receiver';
import { TEST_SECRET } from '../../helpers/testGateway';

describe('CSM tasks across a restart', () => {
  let dir: string;
  let rx: Receiver;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sharegate-restart-'));
    rx = await startReceiver();
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await rx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a task interrupted by a killed process is finished by the next gateway over the same database, and calls back once', async () => {
    const file = path.join(dir, 'sharegate.db');
    const common = { DATABASE_URL: file, JWT_SECRET: TEST_SECRET, ADMIN_PASSWORD, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://clm.example.org' };
    // the world, made by a first gateway over the file
    const setup = await startCsmGateway(common);
    const w = await csmWorld(setup);
    const si = await w.instance('enduser1');
    await setup.close();

    // a gateway process with a slow task runner, and a short lease
    const started = await startGatewayProcess({ ...common, CSM_TEST_OPERATION_DELAY_MS: '8000', OPERATION_LEASE_SECONDS: '1', CALLBACK_ALLOWLIST: '127.0.0.0/8' });
    child = started.child;
    const port = started.port;
    const http = request(`http://127.0.0.1:${port}`);
    const token = await csmLogin(http, 'enduser1');
    const e1 = csmClient(http, 'enduser1', token);
    const submitted = await e1.post(`${SOI_PATH}/${si.guid}/share`, standard([param('userNameList', ['enduser2'])], { timeout: 0, callbackURL: rx.url('/after-restart') }));
    expect(submitted.status).toBe(200);
    const guid = submitted.body[0].guid as string;
    for (let i = 0; i < 200; i++) {
      if ((await e1.get(`/csm/task/${guid}`)).body[0].taskState === 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await e1.get(`/csm/task/${guid}`)).body[0].taskState).toBe('RUNNING');
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    await expect(http.get('/')).rejects.toThrow(); // nothing is left serving

    // the next gateway: same file, no delay
    const next = await startCsmGateway({ ...common, CALLBACK_ALLOWLIST: '127.0.0.1' });
    try {
      const again = csmClient(next.http, 'enduser1', token); // the session survived the restart
      const [hit] = await rx.waitFor('/after-restart', 1, 40_000);
      expect((hit!.body as { guid: string; taskState: string }[])[0]).toMatchObject({ guid, taskState: 'COMPLETED' });
      const task = (await again.get(`/csm/task/${guid}`)).body[0];
      expect(task).toMatchObject({ taskState: 'COMPLETED', results: [`/ServiceOfferingInstance/${si.guid}`] });
      expect((await again.get(`${SOI_PATH}/${si.guid}`)).body[0].sharedUsers).toEqual(['enduser2']);
      await new Promise((r) => setTimeout(r, 500));
      expect(rx.received.filter((r) => r.path === '/after-restart')).toHaveLength(1);
    } finally {
      await next.close();
    }
  }, 120_000);

  it('a callback allowed when the task was asked for but not by the gateway that finishes it is recorded as refused, never sent', async () => {
    const file = path.join(dir, 'second.db');
    const common = { DATABASE_URL: file, JWT_SECRET: TEST_SECRET, ADMIN_PASSWORD, LOG_LEVEL: 'silent' };
    const first = await startCsmGateway({ ...common, CALLBACK_ALLOWLIST: '127.0.0.0/8' });
    const w = await csmWorld(first);
    const si = await w.instance('enduser1');
    const admin = csmClient(first.http, 'admin', await csmLogin(first.http, 'admin', ADMIN_PASSWORD));
    // a decommission scheduled for later, with a callback the next gateway's allowlist does not cover
    const later = new Date(Date.now() + 1500).toISOString();
    const task = (
      await admin.post(
        `${SOI_PATH}/${si.guid}/decommission`,
        standard([param('decommissionDate', later, 'java.util.Date', '0..1')], { timeout: 0, callbackURL: `http://127.0.0.2:${rx.port}/refused` }),
      )
    ).body[0];
    await first.close();
    const next = await startCsmGateway({ ...common, CALLBACK_ALLOWLIST: '127.0.0.1' });
    try {
      const again = csmClient(next.http, 'admin', admin.token);
      let done: Record<string, unknown> = {};
      for (let i = 0; i < 300; i++) {
        done = (await again.get(`/csm/task/${task.guid}`)).body[0];
        if (done.callbackStatus) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(done).toMatchObject({ taskState: 'COMPLETED' });
      expect(done.callbackStatus).toEqual([expect.objectContaining({ hook: 'callbackURL', outcome: 'REFUSED', attempts: 0 })]);
      expect(rx.received.filter((r) => r.path === '/refused')).toHaveLength(0);
    } finally {
      await next.close();
    }
  }, 120_000);
});
