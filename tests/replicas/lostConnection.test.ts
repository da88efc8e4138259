// PostgreSQL going away under a running gateway: every dialect answers its own 503-style error (never a 500, never
// a crash), /readyz says the database is not answering, and once the database is back the pool reconnects and the
// same requests succeed. The database is reached through a TCP relay on 127.0.0.1 that the test cuts and restores.
// Runs only with TEST_DATABASE_URL; skipped, saying why, without it.
import net from 'node:net';
import { csmLogin } from '../helpers/csm';
import { freshSchema, postgresSkipReason, TEST_DATABASE_URL } from '../helpers/testDatabase';
import { startTestGateway, type TestGateway } from '../helpers/testGateway';

interface Relay {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

async function startRelay(target: { host: string; port: number }): Promise<Relay> {
  const sockets = new Set<net.Socket>();
  let server: net.Server;
  let port = 0;
  let up = false;
  const listen = async () => {
    if (up) return;
    up = true;
    server = net.createServer((client) => {
      const upstream = net.connect(target.port, target.host);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  };
  await listen();
  const cut = async () => {
    if (!up) return;
    up = false;
    const closed = new Promise((resolve) => server.close(resolve));
    for (const s of sockets) s.destroy();
    await closed;
  };
  return { port, cut, restore: listen, close: cut };
}

const describePostgres = TEST_DATABASE_URL ? describe : describe.skip;
if (!TEST_DATABASE_URL) console.log(`lost database connection: ${postgresSkipReason}`);

describePostgres('PostgreSQL connection lost and back', () => {
  let t: TestGateway;
  let relay: Relay;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const schema = await freshSchema();
    drop = schema.drop;
    const direct = new URL(schema.url);
    relay = await startRelay({ host: direct.hostname, port: Number(direct.port || 5432) });
    direct.port = String(relay.port);
    t = await startTestGateway({ DATABASE_URL: direct.toString(), ADMIN_PASSWORD: 'lost-admin-Pa55word' });
    await t.gateway.ready;
  });
  afterAll(async () => {
    await relay.restore();
    await t.close();
    await relay.close();
    await drop();
  });

  it('every dialect answers 503 in its own envelope while the database is unreachable, and serves again once it is back', async () => {
    expect((await t.admin.get('/v3/organizations')).status).toBe(200);
    const session = await csmLogin(t.http, 'admin', 'lost-admin-Pa55word');
    await relay.cut();

    const v3 = await t.admin.get('/v3/organizations');
    expect(v3.status).toBe(503);
    expect(v3.body.errors[0]).toMatchObject({ title: 'CF-ServiceUnavailable', code: 10015 });
    const v2 = await t.admin.get('/v2/organizations');
    expect(v2.status).toBe(503);
    expect(v2.body).toMatchObject({ error_code: 'CF-ServiceUnavailable', code: 10015 });
    const env = await t.admin.get('/v1/envs/00000000-0000-4000-8000-000000000000/shares');
    expect(env.status).toBe(503);
    expect(env.body).toEqual({ code: 'INTERNAL_UNAVAILABLE', error: 'The service is not available; retry the request later' });
    const csm = await t.http.post('/csm/ServiceOfferingInstance/search').set('Authentication-Token', session).set('Content-Type', 'application/json').send('{}');
    expect(csm.status).toBe(503);
    expect(csm.body[0]).toMatchObject({ cloudClass: 'com.bmc.cloud.model.beans.CloudError', errorID: 'CSM-GEN-0503' });
    const uaa = await t.http
      .post('/oauth/token')
      .set('Authorization', `Basic ${Buffer.from('cf:').toString('base64')}`)
      .type('form')
      .send({ grant_type: 'password', username: 'admin', password: 'lost-admin-Pa55word' });
    expect(uaa.status).toBe(503);
    expect(uaa.body).toMatchObject({ error: 'temporarily_unavailable' });
    const ready = await t.http.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'unavailable', database: 'not answering' });
    expect((await t.http.get('/healthz')).status).toBe(200);

    await relay.restore();
    expect((await t.admin.get('/v3/organizations')).status).toBe(200);
    expect((await t.http.get('/readyz')).status).toBe(200);
    const again = await t.http.post('/csm/ServiceOfferingInstance/search').set('Authentication-Token', session).set('Content-Type', 'application/json').send('{}');
    expect(again.status).toBe(200);
  });
});
