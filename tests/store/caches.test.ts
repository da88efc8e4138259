// The SQLite store's read cache and statement cache: a cached answer never outlives the write that changes it,
// nothing read inside a transaction that rolls back is kept, and a shared statement returns rows in the mode asked.
import type { Organization, Share, Space, User } from '../../src/core/records';
import type { WriteStore } from '../../src/core/store';
import { withStatementCache } from '../../src/store/sqlite/statementCache';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqliteStore';

const meta = { labels: {}, annotations: {} };
const org: Organization = { guid: 'o1', name: 'org', suspended: false, status: 'active', createdAt: 1, updatedAt: 1, metadata: meta };
const space: Space = { guid: 's1', organizationGuid: 'o1', name: 'space', status: 'active', createdAt: 1, updatedAt: 1, metadata: meta };
const user: User = { guid: 'u1', username: 'alice', origin: 'uaa', email: null, passwordHash: null, cfUser: true, scopes: [], createdAt: 1, updatedAt: 1, metadata: meta };
const spaceShare: Share = { guid: 'sh1', resourceType: 'space', resourceGuid: 's1', granteeType: 'user', granteeGuid: 'u1', revision: 0, createdAt: 1, updatedAt: 1, deletedAt: null };

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
