// The v2 dialect's common behaviour: unknown routes, headers, authentication errors, discovery.
import { startTestGateway, type TestGateway } from '../../helpers/testGateway';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

const CT = 'application/json;charset=utf-8';

describe('v2 unknown routes', () => {
  it.each(['get', 'post', 'put', 'delete'] as const)('%s /v2/does-not-exist answers 404 CF-NotFound in v2 format', async (method) => {
    const res = await t.admin[method]('/v2/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe(CT);
    expect(res.text).toBe('{"description":"Unknown request","error_code":"CF-NotFound","code":10000}\n');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('GET /v2/does-not-exist without a token is still CF-NotFound', async () => {
    const res = await t.anonymous.get('/v2/does-not-exist/deeper?x=1');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ description: 'Unknown request', error_code: 'CF-NotFound', code: 10000 });
  });

  it('GET /v3/does-not-exist keeps the v3 error shape', async () => {
    const res = await t.admin.get('/v3/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.body.errors[0].title).toBe('CF-NotFound');
  });
});

describe('v2 headers', () => {
  it('GET /v2/info carries the exact Content-Type, nosniff and a request id', async () => {
    const res = await t.anonymous.get('/v2/info');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(CT);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-vcap-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('X-VCAP-Request-ID: abc is echoed as abc::<uuid>', async () => {
    const res = await t.anonymous.get('/v2/info').set('X-VCAP-Request-ID', 'abc');
    expect(res.headers['x-vcap-request-id']).toMatch(/^abc::[0-9a-f-]{36}$/);
  });

  it('GET /v2/info: version 2, api_version a string, user only with a token', async () => {
    const anon = await t.anonymous.get('/v2/info');
    expect(anon.body.version).toBe(2);
    expect(typeof anon.body.api_version).toBe('string');
    expect(anon.body).not.toHaveProperty('user');
    const alice = await t.as('alice');
    expect((await alice.get('/v2/info')).body.user).toBe(alice.guid);
  });
});

describe('GET /', () => {
  it('lists cloud_controller_v2 beside cloud_controller_v3', async () => {
    const res = await t.anonymous.get('/');
    expect(res.body.links.cloud_controller_v2).toEqual({ href: 'https://api.example.org/v2', meta: { version: '2.293.0' } });
    expect(res.body.links.cloud_controller_v3.href).toBe('https://api.example.org/v3');
    // in Cloud Controller's order: self, then cloud_controller_v2, then cloud_controller_v3
    expect(Object.keys(res.body.links).slice(0, 3)).toEqual(['self', 'cloud_controller_v2', 'cloud_controller_v3']);
  });
});
