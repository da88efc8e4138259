// The Store contract run against the SQLite store: in memory, and on a file in a temporary directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../src/store/sqliteStore';
import { describeStore } from './describeStore';

describeStore('SQLite in memory', () => openSqliteStore(':memory:'));

let dir: string;
let n = 0;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sharegate-store-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
describeStore('SQLite file', () => openSqliteStore(path.join(dir, `store-${++n}.db`)));
