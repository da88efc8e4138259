// The Store contract run against the PostgreSQL store, each test on a schema of its own; skipped (saying why)
// without TEST_DATABASE_URL.
import type { Store } from '../../src/core/store';
import { openPostgresStore } from '../../src/store/postgresStore';
import { freshSchema, postgresSkipReason, TEST_DATABASE_URL } from '../helpers/testDatabase';
import { describeStore } from './describeStore';

async function openFresh(): Promise<Store> {
  const { url, drop } = await freshSchema();
  const store = openPostgresStore(url, { poolSize: 4 });
  await store.ready();
  return {
    ...store,
    async close() {
      await store.close();
      await drop();
    },
  };
}

if (TEST_DATABASE_URL) describeStore('PostgreSQL', openFresh);
else
  describe('Store contract: PostgreSQL', () => {
    it.skip(postgresSkipReason, () => undefined);
    beforeAll(() => console.log(postgresSkipReason));
  });
