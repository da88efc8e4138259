// The SQLite store's read cache and statement cache. The read cache's rule (src/store/sqlite/readCache.ts): a write
// invalidates what it changed, nothing uncommitted is ever served, and a rolled-back transaction leaves the cache
// answering as before. A shared statement returns rows in the mode asked.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Organization, Share, Space, User } from '../../src/core/records';
import type { WriteStore } from '../../src/core/store';
import { schema } from '../../src/store/sqlite/db';
import { sqliteDialect } from '../../src/store/sqlite/dialect';
import { directoryQueries } from '../../src/store/sqlite/directoryQueries';
import { withReadCache } from '../../src/store/sqlite/readCache';
import { shareQueries } from '../../src/store/sqlite/shareQueries';
import { withStatementCache } from '../../src/store/sqlite/statementCache';
import { MIGRATIONS_FOLDER, openSqliteStore, type SqliteStore } from '../../src/store/sqliteStore';

const meta = { labels: {}, annotations: {} };
const org: Organization = { guid: 'o1', name: 'org', suspended: false, status: 'active', createdAt: 1, updatedAt: 1, metadata: meta };
const space: Space = { guid: 's1', organizationGuid: 'o1', name: 'space', status: 'active', createdAt: 1, updatedAt: 1, metadata: meta };
const user: User = { guid: 'u1', username: 'alice', origin: 'uaa', email: null, passwordHash: null, cfUser: true, scopes: [], createdAt: 1, updatedAt: 1, metadata: meta };
const spaceShare: Share = {
  guid: 'sh1',
  resourceType: 'space',
  resourceGuid: 's1',
  granteeType: 'user',
  granteeGuid: 'u1',
  revision: 0,
  createdAt: 1,
  updatedAt: 1,
  deletedAt: null,
};

let store: SqliteStore;
/** one write in its own transaction, as the core makes them */
const write = (work: (tx: WriteStore) => Promise<unknown>) => store.transaction(work);
beforeEach(async () => {
  store = openSqliteStore(':memory:');
  await write((tx) => tx.insertOrganization(org));
  await write((tx) => tx.insertSpace(space));
});
afterEach(() => store.close());

describe('read cache', () => {
  it('sees a user update, delete and re-creation at once', async () => {
    expect(await store.getUser('u1')).toBeUndefined();
    await write((tx) => tx.insertUser(user));
    expect((await store.getUser('u1'))?.username).toBe('alice');
    await store.transaction((tx) => tx.updateUser({ ...user, username: 'alice2' }));
    expect((await store.getUser('u1'))?.username).toBe('alice2');
    await write((tx) => tx.deleteUser('u1'));
    expect(await store.getUser('u1')).toBeUndefined();
    await write((tx) => tx.insertUser(user));
    expect((await store.getUser('u1'))?.username).toBe('alice');
  });

  it('keeps nothing read inside a transaction that rolls back', async () => {
    await write((tx) => tx.insertUser(user));
    await expect(
      store.transaction(async (tx) => {
        await tx.updateUser({ ...user, email: 'temp@example.org' });
        expect((await tx.getUser('u1'))?.email).toBe('temp@example.org');
        expect((await store.getUser('u1'))?.email).toBe('temp@example.org'); // same connection, uncommitted
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await store.getUser('u1'))?.email).toBeNull();
  });

  it('sees grant changes: a new share, a new role, a removed role, a deleted share', async () => {
    await write((tx) => tx.insertUser(user));
    expect(await store.listUserGrants('u1')).toEqual([]);
    await store.transaction(async (tx) => {
      await tx.insertShare(spaceShare);
      await tx.insertShareRole({ guid: 'r1', shareGuid: 'sh1', role: 'developer', createdAt: 1, updatedAt: 1 });
    });
    expect(await store.listUserGrants('u1')).toEqual([{ resourceType: 'space', resourceGuid: 's1', roles: ['developer'], organizationGuid: 'o1' }]);
    await write((tx) => tx.insertShareRole({ guid: 'r2', shareGuid: 'sh1', role: 'manager', createdAt: 1, updatedAt: 1 }));
    expect([...(await store.listUserGrants('u1'))[0]!.roles].sort()).toEqual(['developer', 'manager']);
    await write((tx) => tx.deleteShareRole('r1'));
    expect((await store.listUserGrants('u1'))[0]!.roles).toEqual(['manager']);
    await write((tx) => tx.deleteShareRole('r2'));
    await write((tx) => tx.updateShare({ ...spaceShare, revision: 1, deletedAt: 2 }, 0));
    expect(await store.listUserGrants('u1')).toEqual([]);
  });

  it('sees organization, space and feature flag changes, including absent rows that appear', async () => {
    expect((await store.getOrganization('o1'))?.suspended).toBe(false);
    await write((tx) => tx.updateOrganization({ ...org, suspended: true }));
    expect((await store.getOrganization('o1'))?.suspended).toBe(true);
    expect(await store.getSpace('s2')).toBeUndefined();
    await write((tx) => tx.insertSpace({ ...space, guid: 's2', name: 'other' }));
    expect((await store.getSpace('s2'))?.name).toBe('other');
    await write((tx) => tx.updateSpace({ ...space, name: 'renamed' }));
    expect((await store.getSpace('s1'))?.name).toBe('renamed');
    expect(await store.getFeatureFlag('service_instance_sharing')).toBeUndefined();
    await write((tx) => tx.upsertFeatureFlag({ name: 'service_instance_sharing', enabled: false, customErrorMessage: null, updatedAt: 5 }));
    expect((await store.getFeatureFlag('service_instance_sharing'))?.enabled).toBe(false);
  });

  it('hands out frozen records', async () => {
    await write((tx) => tx.insertUser(user));
    await store.getUser('u1');
    const cached = (await store.getUser('u1'))!;
    expect(() => {
      (cached as { username: string | null }).username = 'mallory';
    }).toThrow(TypeError);
  });
});

/**
 * The read cache over the store's own queries, on one connection, with the transaction boundaries in the test's
 * hands; the database reads behind the cache are counted, and `slow` makes a read's answer arrive a turn later.
 */
function cacheOverQueries() {
  const sqlite = new Database(':memory:');
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle({ client: withStatementCache(sqlite), schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  const ctx = { db, t: schema, d: sqliteDialect };
  const queries = { ...directoryQueries(ctx), ...shareQueries(ctx) };
  const reads = { getUser: 0, getOrganization: 0, listUserGrants: 0 };
  let slow = false;
  const later = () => (slow ? new Promise((r) => setImmediate(r)) : Promise.resolve());
  const counted = {
    ...queries,
    async getUser(guid: string) {
      reads.getUser++;
      const value = await queries.getUser(guid); // the database answers now ...
      await later(); // ... and the caller may get it a turn later
      return value;
    },
    async getOrganization(guid: string) {
      reads.getOrganization++;
      return queries.getOrganization(guid);
    },
    async listUserGrants(guid: string) {
      reads.listUserGrants++;
      const value = await queries.listUserGrants(guid);
      await later();
      return value;
    },
  } as unknown as WriteStore;
  const cache = withReadCache(sqlite, counted);
  return {
    cache,
    reads,
    slowReads: () => (slow = true),
    begin: () => sqlite.exec('BEGIN IMMEDIATE'),
    commit: () => sqlite.exec('COMMIT'),
    rollback: () => sqlite.exec('ROLLBACK'),
    close: () => sqlite.close(),
  };
}

describe('read cache rule', () => {
  let c: ReturnType<typeof cacheOverQueries>;
  beforeEach(async () => {
    c = cacheOverQueries();
    await c.cache.insertOrganization(org);
    await c.cache.insertSpace(space);
    await c.cache.insertUser(user);
    await c.cache.insertUser({ ...user, guid: 'u2', username: 'bob' });
  });
  afterEach(() => c.close());

  it('a write invalidates what it changed, and only that', async () => {
    await c.cache.getUser('u1');
    await c.cache.getUser('u2');
    await c.cache.getOrganization('o1');
    expect(c.reads).toMatchObject({ getUser: 2, getOrganization: 1 });
    await c.cache.getUser('u1');
    await c.cache.getUser('u2');
    await c.cache.getOrganization('o1');
    expect(c.reads).toMatchObject({ getUser: 2, getOrganization: 1 }); // all three served from the cache
    await c.cache.updateUser({ ...user, email: 'new@example.org' });
    expect((await c.cache.getUser('u1'))?.email).toBe('new@example.org');
    expect(c.reads.getUser).toBe(3); // u1 read again
    await c.cache.getUser('u2');
    await c.cache.getOrganization('o1');
    expect(c.reads).toMatchObject({ getUser: 3, getOrganization: 1 }); // the others still cached
  });

  it("a role or share written for one user drops that user's grants only; a space written drops those of its members", async () => {
    await c.cache.insertShare({
      guid: 'sh1',
      resourceType: 'space',
      resourceGuid: 's1',
      granteeType: 'user',
      granteeGuid: 'u1',
      revision: 0,
      createdAt: 1,
      updatedAt: 1,
      deletedAt: null,
    });
    await c.cache.insertShareRole({ guid: 'r1', shareGuid: 'sh1', role: 'developer', createdAt: 1, updatedAt: 1 });
    await c.cache.listUserGrants('u1');
    await c.cache.listUserGrants('u2');
    expect(c.reads.listUserGrants).toBe(2);
    await c.cache.insertShare({
      guid: 'sh2',
      resourceType: 'space',
      resourceGuid: 's1',
      granteeType: 'user',
      granteeGuid: 'u2',
      revision: 0,
      createdAt: 1,
      updatedAt: 1,
      deletedAt: null,
    });
    await c.cache.insertShareRole({ guid: 'r2', shareGuid: 'sh2', role: 'auditor', createdAt: 1, updatedAt: 1 });
    expect((await c.cache.listUserGrants('u1')).map((g) => g.roles)).toEqual([['developer']]); // still cached
    expect((await c.cache.listUserGrants('u2')).map((g) => g.roles)).toEqual([['auditor']]); // read again
    expect(c.reads.listUserGrants).toBe(3);
    await c.cache.deleteShareRole('r2');
    expect(await c.cache.listUserGrants('u2')).toEqual([{ resourceType: 'space', resourceGuid: 's1', roles: [], organizationGuid: 'o1' }]);
    await c.cache.listUserGrants('u1');
    expect(c.reads.listUserGrants).toBe(4);
    await c.cache.insertOrganization({ ...org, guid: 'o2', name: 'other' });
    await c.cache.updateSpace({ ...space, organizationGuid: 'o2' });
    expect((await c.cache.listUserGrants('u1'))[0]?.organizationGuid).toBe('o2');
    expect((await c.cache.listUserGrants('u2'))[0]?.organizationGuid).toBe('o2');
    expect(c.reads.listUserGrants).toBe(6);
  });

  it('a read inside a transaction sees its own uncommitted writes, another reader outside does not get them from the cache, and after rollback nobody does', async () => {
    expect((await c.cache.getUser('u1'))?.email).toBeNull(); // cached, committed
    c.begin();
    await c.cache.updateUser({ ...user, email: 'uncommitted@example.org' });
    expect((await c.cache.getUser('u1'))?.email).toBe('uncommitted@example.org'); // the transaction's own write
    const before = c.reads.getUser;
    await c.cache.getUser('u1'); // a reader outside the transaction, while it is open
    await c.cache.getUser('u1');
    expect(c.reads.getUser).toBe(before + 2); // each read went to the database: nothing of the transaction was kept
    c.rollback();
    expect((await c.cache.getUser('u1'))?.email).toBeNull();
    expect((await c.cache.getUser('u1'))?.email).toBeNull(); // and now from the cache again
    expect(c.reads.getUser).toBe(before + 3);
  });

  it('a rolled-back transaction leaves the cache answering as before', async () => {
    await c.cache.getUser('u1');
    await c.cache.getUser('u2');
    await c.cache.getOrganization('o1');
    expect(await c.cache.listUserGrants('u1')).toEqual([]);
    const before = { ...c.reads };
    c.begin();
    await c.cache.updateUser({ ...user, username: 'changed' });
    await c.cache.updateOrganization({ ...org, suspended: true });
    await c.cache.insertShare(spaceShare);
    await c.cache.insertShareRole({ guid: 'r1', shareGuid: 'sh1', role: 'developer', createdAt: 1, updatedAt: 1 });
    expect(await c.cache.listUserGrants('u1')).toHaveLength(1);
    c.rollback();
    expect((await c.cache.getUser('u1'))?.username).toBe('alice');
    expect((await c.cache.getOrganization('o1'))?.suspended).toBe(false);
    expect(await c.cache.listUserGrants('u1')).toEqual([]);
    expect((await c.cache.getUser('u2'))?.username).toBe('bob');
    expect(c.reads.getUser).toBe(before.getUser + 1); // u1 re-read once; u2, untouched, still cached
  });

  it('keeps no answer that was read while a transaction was open, even when it arrives after the rollback', async () => {
    c.slowReads();
    c.begin();
    await c.cache.updateUser({ ...user, email: 'uncommitted@example.org' });
    await c.cache.insertShare(spaceShare);
    await c.cache.insertShareRole({ guid: 'r1', shareGuid: 'sh1', role: 'developer', createdAt: 1, updatedAt: 1 });
    const user1 = c.cache.getUser('u1'); // read now, inside the transaction; answered after the rollback
    const grants = c.cache.listUserGrants('u1');
    c.rollback();
    expect((await user1)?.email).toBe('uncommitted@example.org');
    expect(await grants).toHaveLength(1);
    expect((await c.cache.getUser('u1'))?.email).toBeNull();
    expect(await c.cache.listUserGrants('u1')).toEqual([]);
  });

  it('keeps no answer that a committed write overtook', async () => {
    c.slowReads();
    const stale = c.cache.getUser('u1'); // read now; answered after the commit below
    const staleGrants = c.cache.listUserGrants('u1');
    c.begin();
    await c.cache.updateUser({ ...user, email: 'committed@example.org' });
    await c.cache.insertShare(spaceShare);
    await c.cache.insertShareRole({ guid: 'r1', shareGuid: 'sh1', role: 'developer', createdAt: 1, updatedAt: 1 });
    c.commit();
    expect((await stale)?.email).toBeNull();
    expect(await staleGrants).toEqual([]);
    expect((await c.cache.getUser('u1'))?.email).toBe('committed@example.org');
    expect(await c.cache.listUserGrants('u1')).toHaveLength(1);
  });
});

describe('statement cache', () => {
  it('shares one compiled statement per SQL text, and returns rows in the mode each caller asks for', async () => {
    await write((tx) => tx.insertUser(user));
    const client = withStatementCache(store.sqlite);
    const sql = 'SELECT guid, username FROM users WHERE guid = ?';
    const a = client.prepare(sql);
    expect(client.prepare(sql)).toBe(a);
    expect(a.raw().get('u1')).toEqual(['u1', 'alice']); // drizzle's way: arrays
    expect(a.get('u1')).toEqual({ guid: 'u1', username: 'alice' }); // a plain read after it: objects again
    expect(a.raw().all('u1')).toEqual([['u1', 'alice']]);
    expect(a.all('u1')).toEqual([{ guid: 'u1', username: 'alice' }]);
    expect(client.prepare('UPDATE users SET email = ? WHERE guid = ?').run('a@example.org', 'u1').changes).toBe(1);
  });
});
