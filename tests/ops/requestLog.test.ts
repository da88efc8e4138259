// One JSON log line per request: request id, dialect, route template, user, status and latency; no secret in it.
import { Writable } from 'node:stream';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { buildGateway, type Gateway } from '../../src/gateway';
import { mintHs256Token } from '../../src/identity/mintToken';
import { createLogger } from '../../src/logger';
import { BASE, TEST_SECRET, userGuid } from '../helpers/testGateway';

const lines: Record<string, unknown>[] = [];
const stream = new Writable({
  write(chunk, _enc, done) {
    for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
    done();
  },
});
let gateway: Gateway;
const requestLines = () => lines.filter((l) => l.msg === 'request completed' || l.msg === 'request errored');

beforeAll(() => {
  gateway = buildGateway(loadConfig({ DATABASE_URL: ':memory:', JWT_SECRET: TEST_SECRET, PUBLIC_URL: BASE, METRICS_TOKEN: 'metrics-secret-777' }), createLogger('info', stream));
});
afterAll(() => gateway.close());
beforeEach(() => {
  lines.length = 0;
});

describe('request log lines', () => {
  it('GET /v3/organizations/:guid logs its X-VCAP-Request-ID, dialect, route template, user id, status and latency', async () => {
    const token = await mintHs256Token(TEST_SECRET, { username: 'erin' });
    const res = await request(gateway.app).get('/v3/organizations/some-guid').set('Authorization', `bearer ${token}`).set('X-VCAP-Request-ID', 'abc-123');
    expect(res.status).toBe(404);
    const [line] = requestLines();
    expect(line).toMatchObject({
      level: 30,
      reqId: res.headers['x-vcap-request-id'],
      dialect: 'cf-v3',
      route: '/v3/organizations/:guid',
      user: userGuid('erin'),
      req: { method: 'GET', url: '/v3/organizations/some-guid' },
      res: { statusCode: 404 },
      responseTime: expect.any(Number),
    });
    expect(String(line!.reqId)).toMatch(/^abc-123::/);
    expect(JSON.stringify(lines)).not.toContain(token);
  });

  it('an unrouted request logs route "unmatched" and no user', async () => {
    await request(gateway.app).get('/nowhere/at/all');
    expect(requestLines()[0]).toMatchObject({ dialect: 'other', route: 'unmatched', res: { statusCode: 404 } });
    expect(requestLines()[0]!.user).toBeUndefined();
  });

  it('a /csm request logs the BMC-Transaction-ID it came with as its request id; without one, the X-VCAP-Request-ID', async () => {
    await request(gateway.app).post('/csm/ServiceOfferingInstance/get').set('BMC-Transaction-ID', 'txn-42.a');
    expect(requestLines()[0]).toMatchObject({ reqId: 'txn-42.a', dialect: 'csm' });
    const res = await request(gateway.app).post('/csm/ServiceOfferingInstance/get');
    expect(requestLines()[1]).toMatchObject({ reqId: res.headers['x-vcap-request-id'], dialect: 'csm' });
  });

  it('never logs a bearer token, the metrics token or a password in a query string', async () => {
    await request(gateway.app).get('/metrics').set('Authorization', 'Bearer metrics-secret-777');
    await request(gateway.app).get('/metrics?access_token=metrics-secret-777');
    await request(gateway.app).post('/oauth/token?password=Query-Secret-9&username=x&grant_type=password').set('Authorization', 'Basic Y2Y6').type('form').send({});
    const all = JSON.stringify(lines);
    expect(requestLines()).toHaveLength(3);
    expect(all).not.toContain('metrics-secret-777');
    expect(all).not.toContain('Query-Secret-9');
  });
});
