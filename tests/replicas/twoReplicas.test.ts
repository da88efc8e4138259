// Two gateway processes (`npm start`, as deployed behind a load balancer) on one PostgreSQL database behave as one
// server: conflicting writes split across them have exactly one winner, a write through one is read through the
// other at once, a token or session from one works on the other, and a CSM Task whose process is killed while it
// runs is taken over when its lease ends and completes on the other, its callback sent once.
// Runs only with TEST_DATABASE_URL; skipped, saying why, without it.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { param, standard } from '../helpers/csm';
import { SHARE, SHARES } from '../helpers/envShares';
import { DEFAULT_PLANS } from '../helpers/factories';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { freshSchema, postgresSkipReason, TEST_DATABASE_URL } from '../helpers/testDatabase';
import { TEST_SECRET, tokenFor, userGuid } from '../helpers/testGateway';

const ROOT = path.join(__dirname, '..', '..');
const ADMIN_PASSWORD = 'replica-admin-Pa55word';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Replica {
  url: string;
  http: ReturnType<typeof request>;
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `npm start`'s program on a free port and waits until /readyz answers 200 (migrations applied). */
async function startReplica(databaseUrl: string, env: Record<string, string> = {}): Promise<Replica> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '5',
      PORT: String(port),
      JWT_SECRET: TEST_SECRET,
      ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
      OPERATION_LEASE_SECONDS: '1',
      CALLBACK_ALLOWLIST: '127.0.0.1/32',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const http = request(url);
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`replica exited: ${out}`);
    const ready = await http
      .get('/readyz')
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ready) break;
    if (i > 300) throw new Error(`replica not ready after 30 s: ${out}`);
    await pause(100);
  }
  return {
    url,
    http,
    process: child,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

const bearer = (token: string) => ({ Authorization: `bearer ${token}` });

const describePostgres = TEST_DATABASE_URL ? describe : describe.skip;
if (!TEST_DATABASE_URL) console.log(`two replicas on PostgreSQL: ${postgresSkipReason}`);

describePostgres('two replicas on one PostgreSQL database', () => {
  let a: Replica;
  let b: Replica;
  let drop: () => Promise<void>;
  let url: string;
  let admin: string;
  const extra: Replica[] = [];
  jest.setTimeout(60_000);

  beforeAll(async () => {
    const schema = await freshSchema();
    url = schema.url;
    drop = schema.drop;
    // started together: they race for the migrations (an advisory lock) and for the signing key
    [a, b] = await Promise.all([startReplica(url), startReplica(url)]);
    admin = await tokenFor('admin', { admin: true });
  });
  afterAll(async () => {
    await Promise.all([a, b, ...extra].filter(Boolean).map((r) => r.stop()));
    await drop?.();
  });

  /** org, space and an org manager (who manages the space's shares), made through replica A */
  async function world(n: string) {
    const org = await a.http
      .post('/v3/organizations')
      .set(bearer(admin))
      .send({ name: `org-${n}` });
    expect(org.status).toBe(201);
    const space = await a.http
      .post('/v3/spaces')
      .set(bearer(admin))
      .send({ name: `space-${n}`, relationships: { organization: { data: { guid: org.body.guid } } } });
    expect(space.status).toBe(201);
    return { org: org.body.guid as string, space: space.body.guid as string };
  }

  it('POST /v3/organizations through one replica is read through the other at once', async () => {
    const created = await a.http.post('/v3/organizations').set(bearer(admin)).send({ name: 'written-on-a' });
    expect(created.status).toBe(201);
    const read = await b.http.get(`/v3/organizations/${created.body.guid}`).set(bearer(admin));
    expect(read.status).toBe(200);
    expect(read.body.name).toBe('written-on-a');
    const renamed = await b.http.patch(`/v3/organizations/${created.body.guid}`).set(bearer(admin)).send({ name: 'renamed-on-b' });
    expect(renamed.status).toBe(200);
    expect((await a.http.get(`/v3/organizations/${created.body.guid}`).set(bearer(admin))).body.name).toBe('renamed-on-b');
  });

  it('PATCH /v1/environment-shares/:id with one currentRevision, 10 at once split across the replicas: exactly one 200, the rest 409 CONCURRENT_UPDATE', async () => {
    const { org, space } = await world('patch');
    const owner = await tokenFor('env-owner');
    const grantee = await tokenFor('env-grantee');
    await a.http.get('/v3/organizations').set(bearer(owner));
    await b.http.get('/v3/organizations').set(bearer(grantee));
    const role = await a.http
      .post('/v3/roles')
      .set(bearer(admin))
      .send({ type: 'organization_manager', relationships: { user: { data: { guid: userGuid('env-owner') } }, organization: { data: { guid: org } } } });
    expect(role.status).toBe(201);
    const created = await b.http
      .post(SHARES(space))
      .set(bearer(owner))
      .send({ granteeAccountId: userGuid('env-grantee'), roles: ['viewer'] });
    expect(created.status).toBe(200);
    const roles = ['admin', 'deployer', 'viewer'];
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).http
          .patch(SHARE(created.body.id))
          .set(bearer(owner))
          .send({ currentRevision: created.body.revision, roles: [roles[i % 3]] }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    for (const r of answers.filter((x) => x.status === 409)) expect(r.body).toEqual({ code: 'CONCURRENT_UPDATE', error: 'Concurrent update attempt' });
    const winner = answers.find((r) => r.status === 200)!;
    const now = await a.http.get(SHARE(created.body.id)).set(bearer(owner));
    expect(now.body).toEqual(winner.body);
    expect(now.body.revision).toBe(created.body.revision + 1);
  });

  it('POST /v3/roles for one user, space and type, 10 at once split across the replicas: exactly one 201, the rest 422', async () => {
    const { org, space } = await world('roles');
    const dev = await tokenFor('space-dev');
    await a.http.get('/v3/organizations').set(bearer(dev));
    const orgUser = await b.http
      .post('/v3/roles')
      .set(bearer(admin))
      .send({ type: 'organization_user', relationships: { user: { data: { guid: userGuid('space-dev') } }, organization: { data: { guid: org } } } });
    expect(orgUser.status).toBe(201);
    const body = { type: 'space_developer', relationships: { user: { data: { guid: userGuid('space-dev') } }, space: { data: { guid: space } } } };
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).http.post('/v3/roles').set(bearer(admin)).send(body)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(422)]);
    const listed = await a.http.get(`/v3/roles?types=space_developer&space_guids=${space}`).set(bearer(admin));
    expect(listed.body.pagination.total_results).toBe(1);
  });

  it('POST /oauth/token on one replica: its access token, its refresh token and a CSM session work on the other', async () => {
    const basic = { Authorization: `Basic ${Buffer.from('cf:').toString('base64')}` };
    const login = await a.http.post('/oauth/token').set(basic).type('form').send({ grant_type: 'password', username: 'admin', password: ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    const onB = await b.http.get('/v3/organizations').set(bearer(login.body.access_token));
    expect(onB.status).toBe(200);
    const refreshed = await b.http.post('/oauth/token').set(basic).type('form').send({ grant_type: 'refresh_token', refresh_token: login.body.refresh_token });
    expect(refreshed.status).toBe(200);
    expect((await a.http.get('/v3/organizations').set(bearer(refreshed.body.access_token))).status).toBe(200);
    // both replicas publish the one signing key
    expect((await a.http.get('/token_keys')).body).toEqual((await b.http.get('/token_keys')).body);
    const csm = await b.http.post('/csm/login').send({ username: 'admin', password: ADMIN_PASSWORD });
    expect(csm.status).toBe(200);
    const search = await a.http
      .post('/csm/ServiceOfferingInstance/search')
      .set('Authentication-Token', csm.headers['authentication-token'] as string)
      .set('Content-Type', 'application/json')
      .send('{}');
    expect(search.status).toBe(200);
  });

  it('a CSM share Task whose replica is killed while running completes on the other once its lease ends, its callback sent once', async () => {
    const rx: Receiver = await startReceiver();
    try {
      // the doomed replica holds every operation for 3 s before running it (leased for 1 s + 3 s)
      const doomed = await startReplica(url, { CSM_TEST_OPERATION_DELAY_MS: '3000' });
      extra.push(doomed);
      const { org, space } = await world('task');
      const grantee = await tokenFor('task-grantee');
      await b.http.get('/v3/organizations').set(bearer(grantee));
      const member = await b.http
        .post('/v3/roles')
        .set(bearer(admin))
        .send({ type: 'organization_user', relationships: { user: { data: { guid: userGuid('task-grantee') } }, organization: { data: { guid: org } } } });
      expect(member.status).toBe(201);
      const si = await b.http
        .post('/v3/service_instances')
        .set(bearer(admin))
        .send({ type: 'managed', name: 'task-si', relationships: { space: { data: { guid: space } }, service_plan: { data: { guid: DEFAULT_PLANS.shareable } } } });
      expect(si.status).toBe(202);
      let instance: { guid: string; last_operation: { state: string } } | undefined;
      for (let i = 0; i < 50 && instance?.last_operation.state !== 'succeeded'; i++) {
        await pause(100);
        instance = (await b.http.get(`/v3/service_instances?names=task-si&space_guids=${space}`).set(bearer(admin))).body.resources[0];
      }
      expect(instance?.last_operation.state).toBe('succeeded');
      const session = (await doomed.http.post('/csm/login').send({ username: 'admin', password: ADMIN_PASSWORD })).headers['authentication-token'] as string;
      const submitted = await doomed.http
        .post(`/csm/ServiceOfferingInstance/${instance!.guid}/share`)
        .set('Authentication-Token', session)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(standard([param('userNameList', ['task-grantee'], 'java.lang.String', '0..*')], { timeout: 0, callbackURL: rx.url('/task-done') })));
      if (submitted.status !== 200) throw new Error(`share: ${submitted.status} ${JSON.stringify(submitted.body)}`);
      const task = submitted.body[0] as { guid: string };
      // the doomed replica claims it, then dies before it runs it
      await pause(1000);
      await doomed.stop('SIGKILL');
      const poll = () => b.http.get(`/csm/task/${task.guid}`).set('Authentication-Token', session);
      expect((await poll()).body[0].taskState).not.toBe('COMPLETED');
      let state = '';
      for (let i = 0; i < 100 && state !== 'COMPLETED'; i++) {
        await pause(200);
        state = (await poll()).body[0].taskState as string;
      }
      expect(state).toBe('COMPLETED');
      expect((await poll()).body[0]).toMatchObject({ isSuccess: true });
      const callbacks = await rx.waitFor('/task-done', 1, 10_000);
      await pause(2500); // a second delivery would come after another lease
      expect(rx.received.filter((r) => r.path === '/task-done')).toHaveLength(1);
      expect(callbacks[0]!.body).toEqual([expect.objectContaining({ guid: task.guid, taskState: 'COMPLETED' })]);
      const shared = await a.http.get(`/csm/ServiceOfferingInstance/${instance!.guid}`).set('Authentication-Token', session);
      expect(shared.body[0].sharedUsers).toEqual(['task-grantee']);
    } finally {
      await rx.close();
    }
  });
});
