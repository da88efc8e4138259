// Operation states: the core's words (queued, running, succeeded, failed) are stored as the job states rows have
// always held, so a database written before reads the same, and due operations are the unfinished ones.
import type { Operation, OperationState } from '../../src/core/records';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqliteStore';

const op = (guid: string, state: OperationState, runAfter = 1): Operation => ({
  guid,
  operation: 'space.delete',
  state,
  resourceType: 'space',
  resourceGuid: 's1',
  userGuid: null,
  input: {},
  errors: [],
  warnings: [],
  runAfter,
  result: {},
  hooks: {},
  hookResults: [],
  notifyDue: null,
  startedAt: null,
  finishedAt: null,
  createdAt: 1,
  updatedAt: 1,
});

let store: SqliteStore;
beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(() => store.close());

const storedState = (guid: string) => (store.sqlite.prepare('SELECT state FROM operations WHERE guid = ?').get(guid) as { state: string }).state;

describe('SQLite store operation states', () => {
  it.each([
    ['queued', 'PROCESSING'],
    ['running', 'RUNNING'],
    ['succeeded', 'COMPLETE'],
    ['failed', 'FAILED'],
  ] as const)('an operation %s is stored as %s and read back as %s', async (state, stored) => {
    await store.transaction((tx) => tx.insertOperation(op('o1', state)));
    expect(storedState('o1')).toBe(stored);
    expect((await store.getOperation('o1'))?.state).toBe(state);
  });

  it('a row written with the old stored words reads with the core words', async () => {
    await store.transaction((tx) => tx.insertOperation(op('o1', 'queued')));
    store.sqlite.prepare("UPDATE operations SET state = 'COMPLETE' WHERE guid = 'o1'").run();
    expect((await store.getOperation('o1'))?.state).toBe('succeeded');
  });

  it('due operations are the queued and running ones whose time has come', async () => {
    await store.transaction(async (tx) => {
      await tx.insertOperation(op('q', 'queued', 5));
      await tx.insertOperation(op('r', 'running', 5));
      await tx.insertOperation(op('later', 'queued', 50));
      await tx.insertOperation(op('s', 'succeeded', 5));
      await tx.insertOperation(op('f', 'failed', 5));
    });
    expect((await store.listDueOperations(10, 100)).map((o) => o.guid).sort()).toEqual(['q', 'r']);
  });
});
