// Two processes on one SQLite file (the server and `npm run import`): the read cache of one never serves what the
// other has since changed (src/store/sqlite/readCache.ts, rule 4), while its own cached answers stay cached.
import fs from 'node:fs';
import path from 'node:path';
import type { Organization, User } from '../../src/core/records';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqliteStore';
import { tempDir } from './importHarness';

const meta = { labels: {}, annotations: {} };
const org: Organization = { guid: 'o1', name: 'org', suspended: false, status: 'active', createdAt: 1, updatedAt: 1, metadata: meta };
const user: User = { guid: 'u1', username: 'alice', origin: 'uaa', email: null, passwordHash: null, cfUser: true, scopes: [], createdAt: 1, updatedAt: 1, metadata: meta };

let dir: string;
let server: SqliteStore;
let importer: SqliteStore;
beforeEach(() => {
  dir = tempDir();
  server = openSqliteStore(path.join(dir, 'shared.db'));
  importer = openSqliteStore(path.join(dir, 'shared.db'));
});
afterEach(async () => {
  await server.close();
  await importer.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a record another connection inserts, changes or deletes is read fresh, not from the cache', async () => {
  expect(await server.getUser('u1')).toBeUndefined();
  expect(await server.getOrganization('o1')).toBeUndefined();
  await importer.transaction(async (tx) => {
    await tx.insertUser(user);
    await tx.insertOrganization(org);
  });
  expect(await server.getUser('u1')).toMatchObject({ username: 'alice' });
  expect(await server.getOrganization('o1')).toMatchObject({ name: 'org' });

  await importer.transaction((tx) => tx.updateOrganization({ ...org, name: 'renamed' }));
  expect(await server.getOrganization('o1')).toMatchObject({ name: 'renamed' });
  await importer.transaction((tx) => tx.deleteUser('u1'));
  expect(await server.getUser('u1')).toBeUndefined();
});

test("the server's own writes do not empty its cache, and what it cached stays as long as no one else writes", async () => {
  await server.transaction((tx) => tx.insertOrganization(org));
  const first = await server.getOrganization('o1');
  await server.transaction((tx) => tx.insertUser(user));
  expect(await server.getOrganization('o1')).toBe(first);
  await importer.transaction((tx) => tx.updateUser({ ...user, username: 'bob' }));
  expect(await server.getOrganization('o1')).not.toBe(first);
  expect(await server.getUser('u1')).toMatchObject({ username: 'bob' });
});
