// npm run import with a source whose catalog has an offering this one lacks (skipped and listed, or added with
// --catalog-from-source), and users given passwords with --set-passwords-from.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_CATALOG_FILE } from '../../src/catalog/loadCatalog';
import { adminToken, api, runImport, startSharegate, tempDir, userToken, type Server } from './importHarness';

jest.setTimeout(60_000);

const MYSQL = { id: 'a0a0a0a0-1111-4222-8333-444455556666', plan: 'b0b0b0b0-1111-4222-8333-444455556666' };
let dir: string;
let source: Server;
let sourceCatalog: string;
const instances: string[] = [];

beforeAll(async () => {
  dir = tempDir();
  const catalog = JSON.parse(fs.readFileSync(DEFAULT_CATALOG_FILE, 'utf8')) as { services: unknown[] };
  catalog.services.push({
    id: MYSQL.id,
    name: 'mysql',
    description: 'MySQL databases',
    instances_retrievable: true,
    tags: ['sql'],
    metadata: { shareable: true },
    plans: [{ id: MYSQL.plan, name: 'tiny', description: '1 GiB', free: true }],
  });
  sourceCatalog = path.join(dir, 'source-catalog.json');
  fs.writeFileSync(sourceCatalog, JSON.stringify(catalog));
  source = await startSharegate(path.join(dir, 'source.db'), { CATALOG_FILE: sourceCatalog });
  const admin = api(source.url, await adminToken());
  await api(source.url, await userToken('carol')).call('GET', '/v3/organizations');
  const org = (await admin.call('POST', '/v3/organizations', { name: 'shop' })).body as { guid: string };
  const space = (await admin.call('POST', '/v3/spaces', { name: 'prod', relationships: { organization: { data: { guid: org.guid } } } })).body as { guid: string };
  for (const name of ['orders', 'stock']) {
    const res = await admin.call('POST', '/v3/service_instances', {
      type: 'managed',
      name,
      parameters: { engine: 'innodb' },
      relationships: { space: { data: { guid: space.guid } }, service_plan: { data: { guid: MYSQL.plan } } },
    });
    expect(res.status).toBe(202);
    instances.push(((await admin.call('GET', `/v3/service_instances?names=${name}`)).body as { resources: { guid: string }[] }).resources[0]!.guid);
  }
});

afterAll(async () => {
  await source?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('instances of an offering this catalog lacks are skipped with the reason; --catalog-from-source adds the offering and imports them', async () => {
  const db = path.join(dir, 'target.db');
  const args = ['--from-cf', source.url, '--token', await adminToken()];
  const without = await runImport(db, args);
  expect(without.code).toBe(0);
  expect(without.stdout).toMatch(new RegExp(`skipped service_plan mysql/tiny \\(${MYSQL.plan}\\): no plan of this catalog matches it`));
  expect(without.summary!.kinds.service_instances).toMatchObject({ created: 0, skipped: 2 });
  expect(without.stdout).toContain(`skipped service_instances orders (${instances[0]}): its plan ${MYSQL.plan} matches none of this catalog (see --catalog-from-source)`);

  expect((await runImport(db, [...args, '--catalog-from-source'])).stderr).toContain('set CATALOG_FILE');
  const catalog = path.join(dir, 'target-catalog.json');
  fs.copyFileSync(DEFAULT_CATALOG_FILE, catalog);
  const dry = await runImport(db, [...args, '--catalog-from-source', '--dry-run'], { env: { CATALOG_FILE: catalog } });
  expect(dry.stdout).toContain(`would add plan mysql/tiny (${MYSQL.plan}) to the catalog`);
  expect(dry.stdout).toContain(`would create service_instances orders (${instances[0]})`);
  expect(fs.readFileSync(catalog, 'utf8')).toBe(fs.readFileSync(DEFAULT_CATALOG_FILE, 'utf8'));

  const added = await runImport(db, [...args, '--catalog-from-source'], { env: { CATALOG_FILE: catalog } });
  expect(added.code).toBe(0);
  expect(added.summary!.kinds.service_instances).toMatchObject({ created: 2, skipped: 0 });
  const target = await startSharegate(db, { CATALOG_FILE: catalog });
  try {
    const admin = api(target.url, await adminToken());
    const want = (await api(source.url, await adminToken()).call('GET', `/v3/service_instances/${instances[0]}/parameters`)).body;
    expect((await admin.call('GET', `/v3/service_instances/${instances[0]}/parameters`)).body).toEqual(want);
    expect((await admin.call('GET', `/v3/service_plans/${MYSQL.plan}?include=service_offering`)).body).toMatchObject({
      name: 'tiny',
      included: { service_offerings: [{ name: 'mysql', guid: MYSQL.id }] },
    });
  } finally {
    await target.stop();
  }
});

test('--set-passwords-from FILE: imported users log in with the password given; an unknown user is listed and skipped', async () => {
  const db = path.join(dir, 'passwords.db');
  const file = path.join(dir, 'passwords.txt');
  fs.writeFileSync(file, '# user:password\ncarol:Carol-Pa55:word\nnobody:x\n');
  const run = await runImport(db, ['--from-cf', source.url, '--token', await adminToken(), '--set-passwords-from', file]);
  expect(run.code).toBe(0);
  expect(run.summary!.kinds.passwords).toMatchObject({ updated: 1, skipped: 1 });
  expect(run.stdout).toContain('skipped password of nobody: its user nobody is not here');
  expect(run.stdout).not.toContain('have no password here');
  const target = await startSharegate(db);
  try {
    const login = await fetch(`${target.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('cf:').toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'password', username: 'carol', password: 'Carol-Pa55:word' }).toString(),
    });
    expect(login.status).toBe(200);
    const csm = await fetch(`${target.url}/csm/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'carol', password: 'wrong' }),
    });
    expect(csm.status).toBe(401);
  } finally {
    await target.stop();
  }
});
