// The SQLite store's transactions: serialised one after another, all or nothing, and a nested call fails loudly
// instead of waiting for itself.
import type { Organization } from '../../src/core/records';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqliteStore';

const meta = { labels: {}, annotations: {} };
const org = (guid: string, name = guid): Organization => ({ guid, name, suspended: false, status: 'active', createdAt: 1, updatedAt: 1, metadata: meta });

let store: SqliteStore;
beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(() => store.close());

describe('SQLite store transactions', () => {
  it('a transaction started inside another on the same store rejects with a clear error, and the outer one rolls back', async () => {
    const outer = store.transaction(async (tx) => {
      await tx.insertOrganization(org('o1'));
      await store.transaction((inner) => inner.insertOrganization(org('o2')));
    });
    await expect(outer).rejects.toThrow(/Nested transaction/);
    expect(await store.getOrganization('o1')).toBeUndefined();
    expect(await store.getOrganization('o2')).toBeUndefined();
  });

  it('a nested call caught by the outer work does not stop the outer transaction from committing', async () => {
    const nested = await store.transaction(async (tx) => {
      await tx.insertOrganization(org('o1'));
      return store.transaction(async () => 'ran').catch((e: Error) => e.message);
    });
    expect(nested).toMatch(/^Nested transaction: .*use the open transaction \(tx\)/);
    expect((await store.getOrganization('o1'))?.name).toBe('o1');
  });

  it('concurrent transactions (not nested) wait their turn and all commit, in order', async () => {
    const order: string[] = [];
    await Promise.all(
      ['o1', 'o2', 'o3'].map((guid) =>
        store.transaction(async (tx) => {
          order.push(`start ${guid}`);
          await new Promise((r) => setTimeout(r, 5));
          await tx.insertOrganization(org(guid));
          order.push(`end ${guid}`);
        }),
      ),
    );
    expect(order).toEqual(['start o1', 'end o1', 'start o2', 'end o2', 'start o3', 'end o3']);
    expect((await store.listOrganizations({}, { page: 1, perPage: 10 })).items.map((o) => o.guid).sort()).toEqual(['o1', 'o2', 'o3']);
  });

  it('a transaction started after another finished is not taken for a nested one', async () => {
    await store.transaction((tx) => tx.insertOrganization(org('o1')));
    await store.transaction((tx) => tx.insertOrganization(org('o2')));
    expect((await store.getOrganization('o2'))?.guid).toBe('o2');
  });
});
