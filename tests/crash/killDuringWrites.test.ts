// Crash safety: a gateway process over a SQLite file is killed with SIGKILL in the middle of a mixed write load (v3
// organizations, spaces, users, roles, instance shares and instance jobs; environment shares; v2 instances; CSM
// shares with `timeout: 0` and a callbackURL), at a random moment, and started again on the same file, a few times
// over. Afterwards: every write that was answered with success is there, `PRAGMA integrity_check` is ok, no row is
// half-written (foreign keys hold, every record has the audit event written in its transaction), and every
// acknowledged job and Task has reached a final state, with its callback delivered. The seed is printed;
// `CRASH_SEED=S` replays the same choices (the moments of the kills depend on the machine too).
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { csmClient, csmLogin, param, SOI_PATH, standard } from '../helpers/csm';
import { DEFAULT_PLANS } from '../helpers/factories';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startGatewayProcess } from '../helpers/gatewayProcess';
import { startTestGateway, TEST_SECRET, tokenFor } from '../helpers/testGateway';
import { sqliteOf } from '../helpers/testDatabase';

const ROUNDS = 3;
const WORKERS = 4;
const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : Math.floor(Math.random() * 0x7fffffff);

/** mulberry32: a small seeded generator, so that a seed replays the same choice of writes and kill moments. */
function generator(s: number) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a successful answer promised, to be checked after the last restart. */
type Ack =
  | { kind: 'organization' | 'space'; guid: string; name: string }
  | { kind: 'user'; guid: string }
  | { kind: 'role'; guid: string; userGuid: string }
  | { kind: 'v3 share'; instance: string; space: string }
  | { kind: 'v3 job'; job: string; name: string }
  | { kind: 'env share'; id: string; env: string; grantee: string }
  | { kind: 'v2 instance'; guid: string; name: string }
  | { kind: 'csm task'; guid: string; instance: string; users: string[]; callback: string };

describe('SIGKILL in the middle of a mixed write load', () => {
  let dir: string;
  let file: string;
  let rx: Receiver;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sharegate-crash-'));
    file = path.join(dir, 'sharegate.db');
    rx = await startReceiver();
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await rx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every acknowledged write survives, the file is intact, nothing is half-written, and every acknowledged job and Task finishes and calls back', async () => {
    console.log(`crash: seed ${seed} (replay: CRASH_SEED=${seed} npx jest tests/crash)`);
    const random = generator(seed);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const common = { DATABASE_URL: file, JWT_SECRET: TEST_SECRET, ADMIN_PASSWORD: 'crash-admin-Pa55word', LOG_LEVEL: 'silent', CALLBACK_ALLOWLIST: '127.0.0.1' };

    // the world the load writes into, made by an in-process gateway over the file
    const setup = await startTestGateway(common);
    await setup.gateway.ready;
    const org = (await setup.admin.post('/v3/organizations', { name: 'crash-base' })).body.guid as string;
    const space = (await setup.admin.post('/v3/spaces', { name: 'crash-space', relationships: { organization: { data: { guid: org } } } })).body.guid as string;
    const instances: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await setup.admin.post('/v3/service_instances', {
        type: 'managed',
        name: `crash-si-${i}`,
        relationships: { space: { data: { guid: space } }, service_plan: { data: { guid: DEFAULT_PLANS.shareable } } },
      });
      expect(res.status).toBe(202);
      await setup.settle();
      instances.push((await setup.admin.get(`/v3/service_instances?names=crash-si-${i}`)).body.resources[0].guid as string);
    }
    const csmUsers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await setup.admin.post('/Users', { userName: `crash-csm-${i}`, password: 'crash-user-Pa55word', emails: [{ value: `crash-csm-${i}@example.org` }] });
      expect(res.status).toBe(201);
      // a member of the tenant, so that instances there may be shared with them
      expect((await setup.admin.post('/v3/users', { guid: res.body.id })).status).toBe(201);
      const role = await setup.admin.post('/v3/roles', {
        type: 'organization_user',
        relationships: { user: { data: { guid: res.body.id } }, organization: { data: { guid: org } } },
      });
      expect(role.status).toBe(201);
      csmUsers.push(`crash-csm-${i}`);
    }
    await setup.close();

    const admin = await tokenFor('admin', { admin: true });
    const acks: Ack[] = [];
    let attempted = 0;
    let n = 0;
    const busyInstances = new Set<string>();

    for (let round = 1; round <= ROUNDS; round++) {
      const started = await startGatewayProcess({ ...common, OPERATION_LEASE_SECONDS: '1', CSM_TEST_OPERATION_DELAY_MS: String(pick([0, 100, 300])) });
      child = started.child;
      const port = started.port;
      const http = request(`http://127.0.0.1:${port}`);
      const auth = (r: request.Test) => r.set('Authorization', `bearer ${admin}`);
      const csm = csmClient(http, 'admin', await csmLogin(http, 'admin', common.ADMIN_PASSWORD));
      const newUser = async () => {
        const guid = randomUUID();
        const res = await auth(http.post('/v3/users')).send({ guid });
        if (res.status !== 201) return undefined;
        acks.push({ kind: 'user', guid });
        return guid;
      };
      const newSpace = async () => {
        const name = `crash-space-${++n}`;
        const res = await auth(http.post('/v3/spaces')).send({ name, relationships: { organization: { data: { guid: org } } } });
        if (res.status !== 201) return undefined;
        acks.push({ kind: 'space', guid: res.body.guid, name });
        return res.body.guid as string;
      };
      const writes: (() => Promise<void>)[] = [
        async () => {
          const name = `crash-org-${++n}`;
          const res = await auth(http.post('/v3/organizations')).send({ name });
          if (res.status === 201) acks.push({ kind: 'organization', guid: res.body.guid, name });
        },
        async () => void (await newSpace()),
        async () => {
          const user = await newUser();
          if (!user) return;
          const res = await auth(http.post('/v3/roles')).send({
            type: 'organization_user',
            relationships: { user: { data: { guid: user } }, organization: { data: { guid: org } } },
          });
          if (res.status === 201) acks.push({ kind: 'role', guid: res.body.guid, userGuid: user });
        },
        async () => {
          const target = await newSpace();
          if (!target) return;
          const instance = pick(instances);
          const res = await auth(http.post(`/v3/service_instances/${instance}/relationships/shared_spaces`)).send({ data: [{ guid: target }] });
          if (res.status === 200) acks.push({ kind: 'v3 share', instance, space: target });
        },
        async () => {
          const name = `crash-v3-${++n}`;
          const res = await auth(http.post('/v3/service_instances')).send({
            type: 'managed',
            name,
            relationships: { space: { data: { guid: space } }, service_plan: { data: { guid: DEFAULT_PLANS.shareable } } },
          });
          if (res.status === 202) acks.push({ kind: 'v3 job', job: String(res.headers.location).split('/').pop()!, name });
        },
        async () => {
          const user = await newUser();
          if (!user) return;
          const res = await auth(http.post(`/v1/envs/${space}/shares`)).send({ granteeAccountId: user, roles: ['viewer'] });
          if (res.status === 200) acks.push({ kind: 'env share', id: res.body.id, env: space, grantee: user });
        },
        async () => {
          const name = `crash-v2-${++n}`;
          const res = await auth(http.post('/v2/service_instances?accepts_incomplete=true')).send({ name, space_guid: space, service_plan_guid: DEFAULT_PLANS.shareable });
          if (res.status === 202 || res.status === 201) acks.push({ kind: 'v2 instance', guid: res.body.metadata.guid, name });
        },
        async () => {
          const free = instances.filter((i) => !busyInstances.has(i));
          if (free.length === 0) return;
          const instance = pick(free);
          const users = csmUsers.filter(() => random() < 0.5);
          const callback = `/callback/${++n}`;
          busyInstances.add(instance);
          try {
            const res = await csm.post(
              `${SOI_PATH}/${instance}/share`,
              standard([param('userNameList', users, 'java.lang.String', '0..*')], { timeout: 0, callbackURL: rx.url(callback) }),
            );
            if (res.status === 200) acks.push({ kind: 'csm task', guid: res.body[0].guid, instance, users, callback });
          } finally {
            busyInstances.delete(instance);
          }
        },
      ];
      let killed = false;
      const worker = async () => {
        while (!killed) {
          attempted++;
          await pick(writes)().catch(() => undefined); // a request cut off by the kill is not acknowledged
        }
      };
      const before = acks.length;
      const running = Array.from({ length: WORKERS }, worker);
      // the kill comes at a random moment once the load is under way (however slowly a busy machine gets there)
      for (let waited = 0; acks.length === before && waited < 20_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, random() * 1200));
      child.kill('SIGKILL');
      await new Promise((resolve) => child!.once('exit', resolve));
      killed = true;
      await Promise.all(running);
      // a CSM share still waiting for its Task when the process died is not acknowledged; the instance is free again
      busyInstances.clear();
    }
    const kinds: Record<string, number> = {};
    for (const ack of acks) kinds[ack.kind] = (kinds[ack.kind] ?? 0) + 1;
    console.log(`crash: ${ROUNDS} kills, ${attempted} write actions begun, acknowledged: ${JSON.stringify(kinds)}`);
    expect(acks.length).toBeGreaterThan(ROUNDS * 3);

    // the last start: the same file, the operations left behind run to their end
    const last = await startTestGateway({ ...common, OPERATION_LEASE_SECONDS: '1' });
    try {
      await last.gateway.ready;
      const unfinished = () =>
        (sqliteOf(last.gateway.store).prepare("SELECT count(*) AS n FROM operations WHERE state NOT IN ('COMPLETE', 'FAILED') OR notify_due IS NOT NULL").get() as { n: number }).n;
      console.log(`crash: ${unfinished()} operations or callbacks left unfinished by the last kill`);
      const deadline = Date.now() + 30_000;
      while (unfinished() > 0 && Date.now() < deadline) {
        await last.settle();
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(
        sqliteOf(last.gateway.store)
          .prepare("SELECT operation, state, notify_due, run_after, hooks, hook_results FROM operations WHERE state NOT IN ('COMPLETE', 'FAILED') OR notify_due IS NOT NULL")
          .all(),
      ).toEqual([]);

      const missing: string[] = [];
      const check = (ok: boolean, ack: Ack, what: string) => {
        if (!ok) missing.push(`${ack.kind} ${JSON.stringify(ack)}: ${what}`);
      };
      for (const ack of acks) {
        switch (ack.kind) {
          case 'organization':
          case 'space': {
            const res = await last.admin.get(`/v3/${ack.kind === 'space' ? 'spaces' : 'organizations'}/${ack.guid}`);
            check(res.status === 200 && res.body.name === ack.name, ack, `GET answered ${res.status}`);
            break;
          }
          case 'user':
            check((await last.admin.get(`/v3/users/${ack.guid}`)).status === 200, ack, 'user missing');
            break;
          case 'role': {
            const res = await last.admin.get(`/v3/roles/${ack.guid}`);
            check(res.status === 200 && res.body.relationships.user.data.guid === ack.userGuid, ack, `GET answered ${res.status}`);
            break;
          }
          case 'v3 share': {
            const res = await last.admin.get(`/v3/service_instances/${ack.instance}/relationships/shared_spaces`);
            check(
              (res.body.data as { guid: string }[]).some((d) => d.guid === ack.space),
              ack,
              'space not among the shared spaces',
            );
            break;
          }
          case 'v3 job': {
            const job = await last.admin.get(`/v3/jobs/${ack.job}`);
            check(job.status === 200 && ['COMPLETE', 'FAILED'].includes(job.body.state), ack, `job ${job.status} ${job.body.state}`);
            const list = await last.admin.get(`/v3/service_instances?names=${ack.name}`);
            check(list.body.resources.length === 1 && list.body.resources[0].last_operation.state === 'succeeded', ack, 'instance not created');
            break;
          }
          case 'env share': {
            const res = await last.admin.get(`/v1/environment-shares/${ack.id}`);
            check(res.status === 200 && res.body.granteeAccountId === ack.grantee && res.body.roles.includes('viewer'), ack, `GET answered ${res.status}`);
            break;
          }
          case 'v2 instance': {
            const res = await last.admin.get(`/v2/service_instances/${ack.guid}`);
            check(res.status === 200 && res.body.entity.last_operation.state === 'succeeded', ack, `GET answered ${res.status} ${JSON.stringify(res.body.entity?.last_operation)}`);
            break;
          }
          case 'csm task': {
            const op = sqliteOf(last.gateway.store).prepare('SELECT state, hook_results AS hooks FROM operations WHERE guid = ?').get(ack.guid) as
              { state: string; hooks: string } | undefined;
            check(op !== undefined && ['COMPLETE', 'FAILED'].includes(op.state), ack, `task ${op?.state}`);
            check(
              JSON.parse(op?.hooks ?? '[]').some((h: { hook: string; outcome: string }) => h.hook === 'notify' && h.outcome === 'delivered'),
              ack,
              'callback not recorded as delivered',
            );
            const calls = rx.received.filter((r) => r.path === ack.callback);
            check(calls.length >= 1 && calls.every((c) => (c.body as { guid: string }[])[0]!.guid === ack.guid), ack, `callback received ${calls.length} times`);
            const final = calls.at(-1)?.body as { taskState: string }[] | undefined;
            check(final !== undefined && ['COMPLETED', 'FAILED'].includes(final[0]!.taskState), ack, 'callback without a final Task');
            break;
          }
        }
      }
      expect(missing).toEqual([]);
    } finally {
      await last.close();
    }

    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const rows = (sql: string) => db.prepare(sql).all();
      // nothing half-written: every record has its parent and the audit event its transaction wrote
      expect(rows('SELECT guid FROM spaces WHERE organization_guid NOT IN (SELECT guid FROM organizations)')).toEqual([]);
      expect(rows('SELECT guid FROM service_instances WHERE space_guid NOT IN (SELECT guid FROM spaces)')).toEqual([]);
      expect(
        rows(`SELECT guid FROM shares WHERE NOT (
                (resource_type = 'organization' AND resource_guid IN (SELECT guid FROM organizations)) OR
                (resource_type = 'space' AND resource_guid IN (SELECT guid FROM spaces)) OR
                (resource_type = 'service_instance' AND resource_guid IN (SELECT guid FROM service_instances)))`),
      ).toEqual([]);
      expect(rows("SELECT guid FROM organizations WHERE name LIKE 'crash-%' AND guid NOT IN (SELECT target_guid FROM events WHERE type = 'audit.organization.create')")).toEqual(
        [],
      );
      expect(rows("SELECT guid FROM spaces WHERE name LIKE 'crash-%' AND guid NOT IN (SELECT target_guid FROM events WHERE type = 'audit.space.create')")).toEqual([]);
      expect(
        rows("SELECT guid FROM service_instances WHERE name LIKE 'crash-%' AND guid NOT IN (SELECT target_guid FROM events WHERE type LIKE 'audit.service_instance.%create')"),
      ).toEqual([]);
      expect(rows("SELECT guid, state FROM operations WHERE state NOT IN ('COMPLETE', 'FAILED')")).toEqual([]);
    } finally {
      db.close();
    }
  }, 180_000);
});
