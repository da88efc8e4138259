// npm run import from a source that fails: errors, silence, wrong pages, refused credentials. Each stops the import
// with exit code 1 and a message naming the request and what was wrong; what was written before is whole records
// only (every record is one transaction), and nothing of the page that failed.
import fs from 'node:fs';
import path from 'node:path';
import { openSqliteStore } from '../../src/store/sqliteStore';
import { ADMIN_PASSWORD, adminToken, runImport, startProxy, startSharegate, tempDir, type Rewrite, type Server } from './importHarness';
import { seedSource } from './seedSource';

jest.setTimeout(60_000);

let dir: string;
let source: Server;
let n = 0;

beforeAll(async () => {
  dir = tempDir();
  source = await startSharegate(path.join(dir, 'source.db'));
  await seedSource(source.url, { orgs: 4, spacesPerOrg: 1, users: 3, instancesPerSpace: 2 });
});

afterAll(async () => {
  await source?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Imports through a proxy that applies `rewrite`; answers the result and what the target then holds. */
async function importThrough(rewrite: Rewrite, extra: string[] = []) {
  const proxy = await startProxy(source.url, rewrite);
  const db = path.join(dir, `target-${++n}.db`);
  try {
    const result = await runImport(db, ['--from-cf', proxy.url, '--token', await adminToken(), '--retries', '1', ...extra]);
    const store = openSqliteStore(db);
    try {
      const page = { page: 1, perPage: 5000 };
      const held = {
        organizations: (await store.listOrganizations({}, page)).items.map((o) => o.name).sort(),
        spaces: (await store.listSpaces({}, page)).total,
        users: (await store.listUsers({}, page)).total,
      };
      return { result, held, error: result.stderr };
    } finally {
      await store.close();
    }
  } finally {
    await proxy.stop();
  }
}

const onPath =
  (prefix: string, change: (status: number, body: string, url: string) => ReturnType<Rewrite>): Rewrite =>
  (req, status, body) =>
    req.url!.startsWith(prefix) ? change(status, body, req.url!) : { status, body };

test('GET /v3/spaces answering 500: exit 1, the request and its error named, organizations whole and no space written', async () => {
  const { result, held, error } = await importThrough(
    onPath('/v3/spaces', () => ({ status: 500, body: '{"errors":[{"code":10001,"title":"CF-ServerError","detail":"database is down"}]}' })),
  );
  expect(result.code).toBe(1);
  expect(error).toMatch(/the source failed: GET http:\/\/127\.0\.0\.1:\d+\/v3\/spaces\?per_page=5000&order_by=created_at: 500 database is down \(after 2 attempts\)/);
  expect(error).toContain('run the same command again to finish');
  expect(held).toEqual({ organizations: ['org-0', 'org-1', 'org-2', 'org-3'], spaces: 0, users: 0 });
  expect(result.summary!.error).toContain('500 database is down');
});

test('GET /v3/users never answering: exit 1 after --timeout, nothing of users written', async () => {
  const { result, held, error } = await importThrough(
    onPath('/v3/users', () => 'hang'),
    ['--timeout', '1', '--retries', '0'],
  );
  expect(result.code).toBe(1);
  expect(error).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/v3\/users\?per_page=5000&order_by=created_at: no answer within 1 s \(after 1 attempts\)/);
  expect(held).toMatchObject({ spaces: 4, users: 0 });
});

test('pagination.next pointing back to the first page: exit 1, nothing of the page that pointed back written', async () => {
  const { result, held, error } = await importThrough(
    onPath('/v3/organizations', (status, body, url) => {
      if (!/[?&]page=2\b/.test(url)) return { status, body };
      const page = JSON.parse(body) as { pagination: { next: { href: string } | null } };
      page.pagination.next = { href: `${source.url}/v3/organizations?page=1&per_page=2&order_by=created_at` };
      return { status, body: JSON.stringify(page) };
    }),
    ['--page-size', '2'],
  );
  expect(result.code).toBe(1);
  expect(error).toMatch(/pagination\.next\.href goes back to a page already read/);
  expect(held).toEqual({ organizations: ['org-0', 'org-1'], spaces: 0, users: 0 });
});

test('pagination.next leaving the list, and a page that is no v3 list: exit 1 with what is wrong', async () => {
  const leaving = await importThrough(
    onPath('/v3/organizations', (status, body) => {
      const page = JSON.parse(body) as { pagination: { next: { href: string } | null } };
      page.pagination.next = { href: `${source.url}/v3/spaces?page=2&per_page=2` };
      return { status, body: JSON.stringify(page) };
    }),
    ['--page-size', '2'],
  );
  expect(leaving.result.code).toBe(1);
  expect(leaving.error).toContain('pagination.next.href leaves the list (/v3/spaces, expected /v3/organizations)');
  expect(leaving.held.organizations).toEqual([]);

  const broken = await importThrough(onPath('/v3/spaces', (status) => ({ status, body: '{"pagination":{"total_results":3},"items":[]}' })));
  expect(broken.result.code).toBe(1);
  expect(broken.error).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/v3\/spaces\?per_page=5000&order_by=created_at: not a v3 list page \(resources: /);
  expect(broken.held).toMatchObject({ spaces: 0 });
});

test('refused credentials: a token the source rejects, a wrong CSM password', async () => {
  const db = path.join(dir, 'refused.db');
  const cf = await runImport(db, ['--from-cf', source.url, '--token', 'not-a-token']);
  expect(cf.code).toBe(1);
  expect(cf.stderr).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/v3\/organizations\?per_page=5000&order_by=created_at: 401 the source does not accept the credentials/);
  const csm = await runImport(db, ['--from-csm', source.url, '--username', 'admin', '--password', `${ADMIN_PASSWORD}-wrong`]);
  expect(csm.code).toBe(1);
  expect(csm.stderr).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/csm\/login: 401 /);
  const usage = await runImport(db, ['--from-cf', source.url]);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('--from-cf needs --token, or --username and --password, or --client-id and --client-secret');
});
