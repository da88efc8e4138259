// The usage report: authenticated requests counted per day, dialect, route template, client and user, written in
// batches; GET /admin/usage (JSON or a page) for cloud admins; `npm run usage` in the terminal.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { buildGateway } from '../../src/gateway';
import { mintHs256Token } from '../../src/identity/mintToken';
import { createLogger } from '../../src/logger';
import { openSqliteStore } from '../../src/store/sqliteStore';
import { factories } from '../helpers/factories';
import { BASE, TEST_SECRET, useGateway, userGuid } from '../helpers/testGateway';

const run = promisify(execFile);
const root = path.join(__dirname, '..', '..');
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('usage counting and GET /admin/usage', () => {
  const t = useGateway({ USAGE_FLUSH_SECONDS: '3600' });
  const f = factories(t);
  let instanceGuid: string;
  let legacyToken: string;

  beforeAll(async () => {
    const space = await f.space();
    instanceGuid = (await f.userProvidedInstance(space.guid)).guid;
    await t.gateway.usage!.flush();
    legacyToken = await mintHs256Token(TEST_SECRET, { username: 'legacy-bot', clientId: 'legacy-client' });
  });

  it('counts nothing in the database until the batch is flushed, then one row per day, dialect, route, client and user', async () => {
    const bot = t.http;
    for (let i = 0; i < 3; i++) {
      await bot.get('/v2/info').set('Authorization', `bearer ${legacyToken}`).set('User-Agent', 'cf/6.53.0+0c4a7b0.2020-04-24 (go1.13.10; amd64 linux)');
    }
    await bot.get(`/v3/service_instances/${instanceGuid}`).set('Authorization', `bearer ${legacyToken}`).set('User-Agent', 'Go-http-client/1.1');
    await t.anonymous.get('/v3/organizations'); // not authenticated: not counted
    const before = await t.admin.get('/admin/usage?user=legacy-bot');
    expect(before.status).toBe(200);
    expect(before.body.rows).toEqual([]);

    await t.gateway.usage!.flush();
    const res = await t.admin.get('/admin/usage?user=legacy-bot');
    expect(res.status).toBe(200);
    expect(res.body.since).toBe(daysAgo(30));
    expect(res.body.until).toBe(today());
    expect(res.body.rows).toEqual([
      {
        dialect: 'cf-v2',
        route: '/v2/info',
        client: 'legacy-client cf/6.53.0+0c4a7b0.2020-04-24',
        clientId: 'legacy-client',
        agent: 'cf/6.53.0+0c4a7b0.2020-04-24',
        user: 'legacy-bot',
        userGuid: userGuid('legacy-bot'),
        count: 3,
        firstSeen: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        lastSeen: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
      expect.objectContaining({ dialect: 'cf-v3', route: '/v3/service_instances/:guid', client: 'legacy-client Go-http-client/1.1', user: 'legacy-bot', count: 1 }),
    ]);
    const v2 = res.body.rows[0];
    expect(Date.parse(v2.firstSeen)).toBeLessThanOrEqual(Date.parse(v2.lastSeen));
  });

  it('GET /admin/usage filters by dialect and by user guid, and sums the days of the period', async () => {
    await t.gateway.core.recordUsage([
      {
        day: daysAgo(3),
        dialect: 'csm',
        route: '/csm/ServiceOfferingInstance/:operation',
        clientId: '',
        agent: 'rest-client/2.1.0',
        userGuid: 'u-1',
        userName: 'carol',
        count: 5,
        firstSeen: Date.now() - 3 * 86_400_000,
        lastSeen: Date.now() - 3 * 86_400_000,
      },
      {
        day: daysAgo(2),
        dialect: 'csm',
        route: '/csm/ServiceOfferingInstance/:operation',
        clientId: '',
        agent: 'rest-client/2.1.0',
        userGuid: 'u-1',
        userName: 'carol',
        count: 7,
        firstSeen: Date.now() - 2 * 86_400_000,
        lastSeen: Date.now() - 2 * 86_400_000,
      },
      {
        day: daysAgo(40),
        dialect: 'csm',
        route: '/csm/ServiceOfferingInstance/:operation',
        clientId: '',
        agent: 'rest-client/2.1.0',
        userGuid: 'u-1',
        userName: 'carol',
        count: 100,
        firstSeen: Date.now() - 40 * 86_400_000,
        lastSeen: Date.now() - 40 * 86_400_000,
      },
    ]);
    const csm = await t.admin.get('/admin/usage?dialect=csm');
    expect(csm.body.rows).toEqual([expect.objectContaining({ dialect: 'csm', client: 'rest-client/2.1.0', user: 'carol', count: 12 })]);
    const longer = await t.admin.get('/admin/usage?dialect=csm&since=60d');
    expect(longer.body.rows[0].count).toBe(112);
    const window = await t.admin.get(`/admin/usage?user=u-1&since=${daysAgo(3)}&until=${daysAgo(3)}`);
    expect(window.body.rows).toEqual([expect.objectContaining({ count: 5 })]);
    expect((await t.admin.get('/admin/usage?dialect=cf-v2&user=carol')).body.rows).toEqual([]);
  });

  it('GET /admin/usage with a malformed period or an unknown dialect is 400 in plain JSON', async () => {
    for (const q of ['since=yesterday', 'until=2026-13-45', 'dialect=cf-v9']) {
      const res = await t.admin.get(`/admin/usage?${q}`);
      expect({ q, status: res.status, error: res.body.error }).toEqual({ q, status: 400, error: 'invalid_request' });
    }
  });

  it('GET /admin/usage is 401 without a token and 403 in plain JSON for a user who is not a cloud admin', async () => {
    const none = await t.anonymous.get('/admin/usage');
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ error: 'unauthorized', message: 'auth.missing' });
    const bad = await t.http.get('/admin/usage').set('Authorization', 'bearer not-a-token');
    expect(bad.status).toBe(401);
    const alice = await t.as('alice');
    const res = await alice.get('/admin/usage');
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ error: 'forbidden', message: 'usage.admin_only' });
    expect((await alice.get('/admin/usage.html')).status).toBe(403);
  });

  it('GET /admin/usage with Accept: text/html (and /admin/usage.html) is a page with a server-drawn SVG chart and the busiest legacy clients and users', async () => {
    const res = await t.admin.get('/admin/usage?since=10d').set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('<svg');
    expect(res.text).toContain('<polyline');
    expect(res.text).toContain('Busiest legacy clients');
    expect(res.text).toContain('rest-client/2.1.0');
    expect(res.text).toContain('carol');
    expect(res.text).toContain('legacy-client');
    expect(res.text).not.toMatch(/<script|<link|src="http|href="http|@import/);
    const page = await t.admin.get('/admin/usage.html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<svg');
    const json = await t.admin.get('/admin/usage').set('Accept', 'application/json');
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('a flush deletes the days older than USAGE_RETENTION_DAYS (400 by default)', async () => {
    const cell = { dialect: 'cf-v2', route: '/v2/info', clientId: 'old', agent: '', userGuid: 'u-old', userName: 'old', count: 1, firstSeen: 0, lastSeen: 0 };
    await t.gateway.core.recordUsage([
      { ...cell, day: daysAgo(401) },
      { ...cell, day: daysAgo(399) },
    ]);
    expect((await t.admin.get('/admin/usage?user=u-old&since=500d')).body.rows[0].count).toBe(2);
    await t.admin.get('/v3/organizations');
    await t.gateway.usage!.flush();
    expect((await t.admin.get('/admin/usage?user=u-old&since=500d')).body.rows[0].count).toBe(1);
  });
});

describe('usage at shutdown and in the terminal', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sharegate-usage-'));
  const file = path.join(dir, 'usage.db');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('closing the gateway flushes the counts; `npm run usage -- --since 30d` prints them as a table', async () => {
    const gateway = buildGateway(loadConfig({ DATABASE_URL: file, JWT_SECRET: TEST_SECRET, PUBLIC_URL: BASE, USAGE_FLUSH_SECONDS: '3600' }), createLogger('silent'));
    const token = await mintHs256Token(TEST_SECRET, { username: 'dora', clientId: 'cf' });
    for (let i = 0; i < 4; i++) await request(gateway.app).get('/v2/info').set('Authorization', `bearer ${token}`).set('User-Agent', 'cf/6.53.0 (go1.13.10; amd64 linux)');
    await gateway.close();

    const store = openSqliteStore(file);
    expect(await store.listUsage({})).toEqual([expect.objectContaining({ dialect: 'cf-v2', route: '/v2/info', clientId: 'cf', agent: 'cf/6.53.0', userName: 'dora', count: 4 })]);
    await store.close();

    const { stdout } = await run('npm', ['run', '-s', 'usage', '--', '--since', '30d'], { cwd: root, env: { ...process.env, DATABASE_URL: file } });
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`usage from ${daysAgo(30)} to ${today()} (UTC days) in ${file}`);
    expect(lines[2]).toMatch(/^dialect\s+route\s+client\s+user\s+count\s+first seen\s+last seen$/);
    expect(lines[4]).toMatch(/^cf-v2\s+\/v2\/info\s+cf cf\/6\.53\.0\s+dora\s+4\s+\d{4}-/);
    expect(stdout).toContain('1 rows, 4 calls');
  }, 30_000);
});
