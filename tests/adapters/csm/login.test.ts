// POST /csm/login, POST /csm/logout and the Authentication-Token session.
import { ADMIN_PASSWORD, csmClient, csmLogin, csmWorld, expectCloudError, PASSWORD, SOI_PATH, startCsmGateway } from '../../helpers/csm';
import type { TestGateway } from '../../helpers/testGateway';
import { queryRows } from '../../helpers/testDatabase';

describe('CSM login', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startCsmGateway();
    await csmWorld(t);
  });
  afterAll(() => t.close());

  it('POST /csm/login with valid credentials answers 200, an Authentication-Token header and the body []', async () => {
    const res = await t.http.post('/csm/login').set('Content-Type', 'application/json').send({ username: 'enduser1', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.headers['authentication-token']).toMatch(/^\S{16,}$/);
    expect(res.text).toBe('[]');
    expect(res.headers['content-length']).toBe('2');
    expect(res.headers['bmc-transaction-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('POST /csm/login as the administrator with the bootstrap password', async () => {
    expect(await csmLogin(t.http, 'admin', ADMIN_PASSWORD)).toBeTruthy();
  });

  it('POST /csm/login with a wrong password answers 401 [CloudError] and no token header', async () => {
    const res = await t.http.post('/csm/login').send({ username: 'enduser1', password: 'wrong' });
    expectCloudError(res, 401, 'CSM-AUTH-0003');
    expect(res.headers['authentication-token']).toBeUndefined();
  });

  it('POST /csm/login for an unknown user answers the same 401', async () => {
    const res = await t.http.post('/csm/login').send({ username: 'nobody', password: 'x' });
    expectCloudError(res, 401, 'CSM-AUTH-0003');
    expect(res.headers['authentication-token']).toBeUndefined();
  });

  it('POST /csm/login without a password, or with malformed JSON, answers 400 and no token', async () => {
    const missing = await t.http.post('/csm/login').send({ username: 'enduser1' });
    expectCloudError(missing, 400, 'CSM-AUTH-0005');
    const malformed = await t.http.post('/csm/login').set('Content-Type', 'application/json').send('{"username": "enduser1", "password":');
    expectCloudError(malformed, 400, 'CSM-REQ-0001');
    expect(malformed.headers['authentication-token']).toBeUndefined();
  });

  it('POST /csm/login locks a user name out after 5 failures, as /oauth/token does (401 with Retry-After)', async () => {
    for (let i = 0; i < 5; i++) expect((await t.http.post('/csm/login').send({ username: 'enduser3', password: `bad-${i}` })).status).toBe(401);
    const locked = await t.http.post('/csm/login').send({ username: 'enduser3', password: PASSWORD });
    expectCloudError(locked, 401, 'CSM-AUTH-0004');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.headers['authentication-token']).toBeUndefined();
    // the UAA token endpoint shares the same lock
    const oauth = await t.http
      .post('/oauth/token')
      .type('form')
      .set('Authorization', `Basic ${Buffer.from('cf:').toString('base64')}`)
      .send({ grant_type: 'password', username: 'enduser3', password: PASSWORD });
    expect(oauth.status).toBe(429);
  });

  it('GET /csm/ServiceOfferingInstance/<guid> without an Authentication-Token answers 401 [CloudError]', async () => {
    expectCloudError(await t.http.get(`${SOI_PATH}/6f2857e6-cb29-4c9e-9cca-fa5d75b8ba6c`), 401, 'CSM-AUTH-0001');
  });

  it('a garbage Authentication-Token answers 401 [CloudError]', async () => {
    expectCloudError(await t.http.post(`${SOI_PATH}/search`).set('Authentication-Token', 'AQIC5wM2LY4Sfcx705TK5UqUK6Ythuk1tVWjHMl7/rpY0Ys=@REGUSER431983'), 401, 'CSM-AUTH-0002');
  });

  it('the session token is accepted only in the Authentication-Token header (not as a bearer token or a query parameter)', async () => {
    const token = await csmLogin(t.http, 'enduser1');
    expect((await t.http.post(`${SOI_PATH}/search`).set('Authentication-Token', token)).status).toBe(200);
    expectCloudError(await t.http.post(`${SOI_PATH}/search`).set('Authorization', `Bearer ${token}`), 401);
    expectCloudError(await t.http.post(`${SOI_PATH}/search?Authentication-Token=${encodeURIComponent(token)}`), 401);
    // nor is a CF bearer JWT a CSM session
    expectCloudError(await t.http.post(`${SOI_PATH}/search`).set('Authorization', `bearer ${t.admin.token}`), 401);
  });

  it('POST /csm/logout ends the session: the token then answers 401', async () => {
    const token = await csmLogin(t.http, 'enduser1');
    const c = csmClient(t.http, 'enduser1', token);
    expect((await c.post(`${SOI_PATH}/search`)).status).toBe(200);
    const out = await c.post('/csm/logout', {});
    expect(out.status).toBe(200);
    expect(out.body).toEqual([]);
    expectCloudError(await c.post(`${SOI_PATH}/search`), 401, 'CSM-AUTH-0002');
    expectCloudError(await c.post('/csm/logout', {}), 401);
  });

  it('sessions are kept only as digests: the token is not in the database', async () => {
    const token = await csmLogin(t.http, 'enduser2');
    const rows = await queryRows<{ digest: string }>(t.gateway.store, 'SELECT digest FROM sessions');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.digest === token || r.digest.includes(token))).toBe(false);
  });
});

describe('CSM session idle timeout', () => {
  it('a session unused for CSM_SESSION_IDLE_SECONDS ends; one in use stays', async () => {
    const t = await startCsmGateway({ CSM_SESSION_IDLE_SECONDS: '1' });
    try {
      await csmWorld(t);
      const idle = csmClient(t.http, 'enduser1', await csmLogin(t.http, 'enduser1'));
      const busy = csmClient(t.http, 'enduser2', await csmLogin(t.http, 'enduser2'));
      for (let i = 0; i < 4; i++) {
        await new Promise((r) => setTimeout(r, 350));
        expect((await busy.post(`${SOI_PATH}/search`)).status).toBe(200);
      }
      const res = await idle.post(`${SOI_PATH}/search`);
      expectCloudError(res, 401, 'CSM-AUTH-0002');
      // a session that idled out and is never used again is removed at the next login
      const count = async () => (await queryRows<{ n: number }>(t.gateway.store, 'SELECT count(*) AS n FROM sessions WHERE expires_at <= ?', Date.now()))[0]!.n;
      await csmLogin(t.http, 'orguser');
      await new Promise((r) => setTimeout(r, 1100));
      expect(await count()).toBeGreaterThan(0);
      await csmLogin(t.http, 'tadmin');
      expect(await count()).toBe(0);
    } finally {
      await t.close();
    }
  });
});
