// npm run import from a second sharegate process (seeded through its v3, v2, env-shares and CSM APIs) into an empty
// one that is running on the target file: reads match, re-runs change nothing, changes and removals at the source
// follow (removals only with --prune), and an interrupted import finishes on the next run.
import fs from 'node:fs';
import path from 'node:path';
import { openSqliteStore } from '../../src/store/sqliteStore';
import { csmLogin, readAll, v3List } from './compareReads';
import { ADMIN_PASSWORD, adminToken, api, runImport, startProxy, startSharegate, tempDir, userToken, type Api, type ImportResult, type Server } from './importHarness';
import { seedSource, settled, type Seeded } from './seedSource';

jest.setTimeout(90_000);

let dir: string;
let source: Server;
let target: Server;
let seeded: Seeded;
let sourceAdmin: Api;
let targetAdmin: Api;
const targetDb = () => path.join(dir, 'target.db');
const fromCf = () => ['--from-cf', source.url, '--username', 'admin', '--password', ADMIN_PASSWORD];
const fromCsm = () => ['--from-csm', source.url, '--username', 'admin', '--password', ADMIN_PASSWORD, '--page-size', '25'];

/** created/updated/pruned counts per kind, only where not zero */
function changes(r: ImportResult): Record<string, Record<string, number>> {
  if (!r.summary) throw new Error(`no summary (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  const out: Record<string, Record<string, number>> = {};
  for (const [kind, c] of Object.entries(r.summary.kinds)) {
    for (const o of ['created', 'updated', 'pruned', 'skipped'] as const) if (c[o]) (out[kind] ??= {})[o] = c[o];
  }
  return out;
}

beforeAll(async () => {
  dir = tempDir();
  source = await startSharegate(path.join(dir, 'source.db'));
  target = await startSharegate(targetDb());
  seeded = await seedSource(source.url);
  sourceAdmin = api(source.url, await adminToken());
  targetAdmin = api(target.url, await adminToken());
});

afterAll(async () => {
  await Promise.all([source?.stop(), target?.stop()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('npm run import --from-cf, then --from-csm, into a running empty sharegate: every v3, v2, env-shares and CSM read of the records matches the source', async () => {
  // the running target has looked the user up (and cached that it is not there) before the import writes it
  const user = ((await sourceAdmin.call('GET', '/v3/users?usernames=user-3')).body as { resources: { guid: string }[] }).resources[0]!.guid;
  expect((await targetAdmin.call('GET', `/v3/users/${user}`)).status).toBe(404);

  const cf = await runImport(targetDb(), fromCf());
  expect(cf.code).toBe(0);
  const { users, ...others } = changes(cf) as { users: { created: number; updated?: number } };
  // the administrator is there already (same guid); the import brings its source times, unless both were created in
  // the same second (the source's times are whole seconds)
  expect(users.created).toBe(seeded.users.length - 1);
  expect([undefined, 1]).toContain(users.updated);
  expect(others).toEqual({
    organizations: { created: 4 },
    spaces: { created: 12 },
    roles: { created: expect.any(Number) },
    service_instances: { created: seeded.instances.length },
    instance_shares: { created: seeded.sharedInstances.length },
  });
  expect(cf.stdout).toContain(`${seeded.users.length - 1} imported users have no password here: give them one with --set-passwords-from FILE`);
  const csm = await runImport(targetDb(), fromCsm());
  expect(csm.code).toBe(0);
  expect(csm.summary!.kinds.service_instances!.skipped).toBe(0);

  expect((await targetAdmin.call('GET', `/v3/users/${user}`)).status).toBe(200);
  const [want, got] = await Promise.all([
    readAll(sourceAdmin, await csmLogin(source.url, 'admin', ADMIN_PASSWORD)),
    readAll(targetAdmin, await csmLogin(target.url, 'admin', ADMIN_PASSWORD)),
  ]);
  expect((want.v3['/v3/roles'] as unknown[]).length).toBe(cf.summary!.kinds.roles!.created);
  expect(got.v3).toEqual(want.v3);
  expect(got.v2).toEqual(want.v2);
  expect(got.envShares).toEqual(want.envShares);
  expect(got.csm).toEqual(want.csm);
  expect((got.csm as { sharedUsers: string[] }[]).some((s) => s.sharedUsers.length === 2)).toBe(true);
});

test('a v2 client request that worked against the source works against the target unchanged', async () => {
  const space = seeded.spaces[1]!.guid;
  const developers = (await sourceAdmin.call('GET', `/v2/spaces/${space}/developers`)).body as { resources: { metadata: { guid: string }; entity: { username: string } }[] };
  const developer = developers.resources[0]!.entity.username;
  for (const server of [source, target]) {
    const client = api(server.url, await userToken(developer));
    const list = await client.call('GET', `/v2/spaces/${space}/service_instances?return_user_provided_service_instances=true`);
    expect(list.status).toBe(200);
    const body = { name: `made-after-import-${server === source ? 's' : 't'}`, space_guid: space, credentials: { k: 'v' } };
    expect((await client.call('POST', '/v2/user_provided_service_instances', body)).status).toBe(201);
  }
  const lists = await Promise.all(
    [source, target].map(async (s) =>
      (
        (await api(s.url, await userToken(developer)).call('GET', `/v2/spaces/${space}/service_instances?return_user_provided_service_instances=true`)).body as {
          resources: { metadata: { guid: string } }[];
        }
      ).resources
        .map((r) => r.metadata.guid)
        .filter((g) => seeded.instances.includes(g))
        .sort(),
    ),
  );
  expect(lists[1]).toEqual(lists[0]);
  expect(lists[0]!.length).toBeGreaterThan(0);
  // an env-shares client keeps the share ids it stored: the same share, changed by id on both sides
  const shares = (await sourceAdmin.call('GET', `/v1/envs/${space}/shares`)).body as { values: { id: string; roles: string[] }[] };
  const share = shares.values.find((v) => v.roles.length === 2)!;
  for (const admin of [sourceAdmin, targetAdmin]) {
    const current = (await admin.call('GET', `/v1/environment-shares/${share.id}`)).body as { revision: number; roles: string[] };
    expect(current.roles).toEqual(share.roles);
    const patched = await admin.call('PATCH', `/v1/environment-shares/${share.id}`, { currentRevision: current.revision, roles: ['viewer'] });
    expect({ status: patched.status, roles: (patched.body as { roles: string[] }).roles }).toEqual({ status: 200, roles: ['viewer'] });
  }
  // the source's new instance goes again, so that the source holds what was imported
  const made = (await sourceAdmin.call('GET', '/v3/service_instances?names=made-after-import-s')).body as { resources: { guid: string }[] };
  expect((await sourceAdmin.call('DELETE', `/v3/service_instances/${made.resources[0]!.guid}`)).status).toBe(204);
});

test('running the import again changes nothing', async () => {
  const events = (await targetAdmin.call('GET', '/v3/audit_events?per_page=1')).body as { pagination: { total_results: number } };
  const cf = await runImport(targetDb(), fromCf());
  const csm = await runImport(targetDb(), fromCsm());
  expect([cf.code, csm.code]).toEqual([0, 0]);
  // the one instance made through v2 after the import is not the source's, and stays
  expect(changes(cf)).toEqual({});
  expect(changes(csm)).toEqual({});
  const after = (await targetAdmin.call('GET', '/v3/audit_events?per_page=1')).body as { pagination: { total_results: number } };
  expect(after.pagination.total_results).toBe(events.pagination.total_results);
});

test('changes and removals at the source: --dry-run says what would change, a re-run brings changes, only --prune removes', async () => {
  const space = seeded.spaces[2]!.guid;
  expect((await sourceAdmin.call('PATCH', `/v3/spaces/${space}`, { name: 'renamed-at-source' })).status).toBe(200);
  const ups = seeded.instances[0]!;
  const gone = (await sourceAdmin.call('GET', `/v3/service_instances/${ups}`)).body as { type: string; name: string };
  expect(gone.type).toBe('user-provided');
  expect((await sourceAdmin.call('DELETE', `/v3/service_instances/${ups}`)).status).toBe(204);
  const roles = (await sourceAdmin.call('GET', `/v3/roles?types=space_developer&per_page=1`)).body as { resources: { guid: string }[] };
  const role = roles.resources[0]!.guid;
  expect((await sourceAdmin.call('DELETE', `/v3/roles/${role}`)).status).toBe(202);
  await settled(sourceAdmin);
  for (let n = 0; n < 100 && (await sourceAdmin.call('GET', `/v3/roles/${role}`)).status !== 404; n++) await new Promise((r) => setTimeout(r, 50));

  const dry = await runImport(targetDb(), [...fromCf(), '--dry-run', '--prune']);
  expect(dry.code).toBe(0);
  expect(dry.stdout).toContain(`would update spaces renamed-at-source (${space})`);
  expect(dry.stdout).toContain(`would remove service_instances ${ups}`);
  expect(dry.stdout).toContain(`would remove roles ${role}`);
  expect((await targetAdmin.call('GET', `/v3/spaces/${space}`)).body).toMatchObject({ name: 'space-0-2' });

  const rerun = await runImport(targetDb(), fromCf());
  expect(changes(rerun)).toEqual({ spaces: { updated: 1 } });
  expect((await targetAdmin.call('GET', `/v3/spaces/${space}`)).body).toMatchObject({ name: 'renamed-at-source' });
  expect((await targetAdmin.call('GET', `/v3/service_instances/${ups}`)).status).toBe(200);
  expect((await targetAdmin.call('GET', `/v3/roles/${role}`)).status).toBe(200);

  const pruned = await runImport(targetDb(), [...fromCf(), '--prune']);
  expect(pruned.code).toBe(0);
  expect(changes(pruned)).toEqual({ roles: { pruned: 1 }, service_instances: { pruned: 1 } });
  expect((await targetAdmin.call('GET', `/v3/service_instances/${ups}`)).status).toBe(404);
  expect((await targetAdmin.call('GET', `/v3/roles/${role}`)).status).toBe(404);
  // what was made at the target itself is never pruned
  const own = (await targetAdmin.call('GET', '/v3/service_instances?names=made-after-import-t')).body as { resources: unknown[] };
  expect(own.resources).toHaveLength(1);
  expect(await v3List(targetAdmin, '/v3/roles')).toEqual(await v3List(sourceAdmin, '/v3/roles'));
});

test('an import killed half-way through the service instances, run again, completes with no duplicates', async () => {
  const proxy = await startProxy(source.url);
  const db = path.join(dir, 'interrupted.db');
  try {
    const args = ['--from-cf', proxy.url, '--token', await adminToken(), '--page-size', '10'];
    const killed = await runImport(db, args, { killWhen: () => proxy.seen.some((r) => r.startsWith('GET /v3/service_instances?') && r.includes('page=4')) });
    expect(killed.code).toBeNull();
    const partial = openSqliteStore(db);
    const half = (await partial.listInstances({}, { page: 1, perPage: 1 })).total;
    await partial.close();
    expect(half).toBeGreaterThan(0);
    expect(half).toBeLessThan(seeded.instances.length);

    const again = await runImport(db, args);
    expect(again.code).toBe(0);
    expect(again.summary!.kinds.service_instances!.unchanged).toBeGreaterThanOrEqual(half - 1);
    const done = openSqliteStore(db);
    try {
      const instances = await done.listInstances({}, { page: 1, perPage: 5000 });
      const sourceInstances = await v3List(sourceAdmin, '/v3/service_instances');
      expect(instances.items.map((i) => i.guid).sort()).toEqual(sourceInstances.map((i) => String(i.guid)));
      expect((await done.listRoles({}, { page: 1, perPage: 1 })).total).toBe((await v3List(sourceAdmin, '/v3/roles')).length);
    } finally {
      await done.close();
    }
  } finally {
    await proxy.stop();
  }
});
