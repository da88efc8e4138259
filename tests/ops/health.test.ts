// GET /healthz and GET /readyz: open, JSON; ready only while the database answers with every migration applied.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { buildGateway } from '../../src/gateway';
import { createLogger } from '../../src/logger';
import { BASE, TEST_SECRET, useGateway } from '../helpers/testGateway';

const t = useGateway();

describe('GET /healthz and GET /readyz', () => {
  it('GET /healthz is 200 {"status":"ok"} without a token', async () => {
    const res = await t.anonymous.get('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /readyz is 200 when the database answers and every migration is applied', async () => {
    const res = await t.anonymous.get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', database: 'ok', migrations: 'applied' });
  });
});

describe('GET /readyz when not ready', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sharegate-readyz-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const start = (file: string) => {
    const gateway = buildGateway(loadConfig({ DATABASE_URL: path.join(dir, file), JWT_SECRET: TEST_SECRET, PUBLIC_URL: BASE }), createLogger('silent'));
    if (gateway.store.kind !== 'sqlite') throw new Error('a file path is a SQLite database');
    return { ...gateway, store: gateway.store };
  };

  it('GET /readyz is 503 naming the pending migrations when the database lacks one', async () => {
    const gateway = start('pending.db');
    try {
      gateway.store.sqlite.exec('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)');
      const res = await request(gateway.app).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'unavailable', database: 'ok', migrations: '1 pending' });
      expect((await request(gateway.app).get('/healthz')).status).toBe(200);
    } finally {
      await gateway.close();
    }
  });

  it('GET /readyz is 503 when the database does not answer', async () => {
    const gateway = start('closed.db');
    await gateway.ready;
    gateway.store.sqlite.close();
    const res = await request(gateway.app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable', database: 'not answering' });
    expect((await request(gateway.app).get('/healthz')).body).toEqual({ status: 'ok' });
  });

  it('GET /readyz is 503 once the gateway is shutting down, while /healthz stays 200', async () => {
    const gateway = start('draining.db');
    try {
      gateway.drain();
      const res = await request(gateway.app).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'unavailable', reason: 'shutting down' });
      expect(res.headers.connection).toBe('close');
      expect((await request(gateway.app).get('/healthz')).status).toBe(200);
    } finally {
      await gateway.close();
    }
  });
});
