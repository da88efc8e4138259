// GET /metrics: Prometheus text with requests by dialect, method, route template and status, their durations,
// operations by state, outbound callbacks and the default process metrics; a bearer token when METRICS_TOKEN is set.
import { factories } from '../helpers/factories';
import { useGateway } from '../helpers/testGateway';

/** The value of one sample line, by metric name and exact label set (in any order). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = Object.fromEntries([...m[2]!.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (JSON.stringify(Object.entries(found).sort()) === JSON.stringify(Object.entries(labels).sort())) return Number(m[3]);
  }
  return undefined;
}

describe('GET /metrics (open)', () => {
  const t = useGateway();
  const f = factories(t);

  it('GET /metrics is 200 Prometheus text with the default process metrics, without a token', async () => {
    const res = await t.anonymous.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4; charset=utf-8/);
    expect(res.text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(res.text).toContain('nodejs_eventloop_lag_seconds');
    expect(res.text).toContain('# TYPE sharegate_http_requests_total counter');
    expect(res.text).toContain('# TYPE sharegate_http_request_duration_seconds histogram');
  });

  it('counts requests by dialect, method, route template (never the raw path) and status', async () => {
    const space = await f.space();
    const instance = await f.userProvidedInstance(space.guid);
    await t.admin.get(`/v3/service_instances/${instance.guid}`);
    await t.admin.get(`/v3/service_instances/${instance.guid}`);
    await t.admin.get('/v3/service_instances/no-such-guid');
    await t.anonymous.get(`/v3/service_instances/${instance.guid}`);
    await t.anonymous.get('/v2/info');
    await t.anonymous.get('/v1/envs/some-env/shares');
    await t.http.post('/oauth/token').type('form').send({ grant_type: 'password' });
    await t.anonymous.get('/v3/nothing/here');
    await t.anonymous.get('/csm/ServiceOfferingInstance/get');
    await t.anonymous.get('/csm/NoSuchClass/a/b/c/d');
    const text = (await t.anonymous.get('/metrics')).text;
    const route = '/v3/service_instances/:guid';
    expect(sample(text, 'sharegate_http_requests_total', { dialect: 'cf-v3', method: 'GET', route, status: '200' })).toBe(2);
    expect(sample(text, 'sharegate_http_requests_total', { dialect: 'cf-v3', method: 'GET', route, status: '404' })).toBe(1);
    expect(sample(text, 'sharegate_http_requests_total', { dialect: 'cf-v3', method: 'GET', route, status: '401' })).toBe(1);
    expect(sample(text, 'sharegate_http_requests_total', { dialect: 'cf-v2', method: 'GET', route: '/v2/info', status: '200' })).toBe(1);
    expect(sample(text, 'sharegate_http_requests_total', { dialect: 'env-shares', method: 'GET', route: '/v1/envs/:environment_id/shares', status: '401' })).toBe(1);
    expect(sample(text, 'sharegate_http_requests_total', { dialect: 'uaa', method: 'POST', route: '/oauth/token', status: '401' })).toBe(1);
    expect(sample(text, 'sharegate_http_requests_total', { dialect: 'cf-v3', method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(sample(text, 'sharegate_http_requests_total', { dialect: 'csm', method: 'GET', route: '/csm/:cls/:guid', status: '401' })).toBe(1);
    expect(text).toContain('sharegate_http_requests_total{dialect="csm",method="GET",route="/csm{/*rest}",status="404"} 1\n');
    expect(text).not.toContain(instance.guid);
    expect(text).not.toContain('no-such-guid');
    expect(sample(text, 'sharegate_http_request_duration_seconds_count', { dialect: 'cf-v3', method: 'GET', route })).toBe(4);
    expect(sample(text, 'sharegate_http_request_duration_seconds_bucket', { dialect: 'cf-v3', method: 'GET', route, le: '+Inf' })).toBe(4);
  });

  it('reports operations (v3 jobs, CSM tasks) by state, read from the database at scrape time', async () => {
    const before = sample((await t.anonymous.get('/metrics')).text, 'sharegate_operations', { operation: 'service_instance.create', state: 'succeeded' }) ?? 0;
    const space = await f.space();
    await f.managedInstance(space.guid);
    await f.managedInstance(space.guid);
    const text = (await t.anonymous.get('/metrics')).text;
    expect(text).toContain('# TYPE sharegate_operations gauge');
    expect(sample(text, 'sharegate_operations', { operation: 'service_instance.create', state: 'succeeded' })).toBe(before + 2);
  });

  it('counts outbound callbacks through the metrics port src/http code calls', async () => {
    t.gateway.metrics.countCallback('delivered');
    t.gateway.metrics.countCallback('delivered');
    t.gateway.metrics.countCallback('refused');
    const text = (await t.anonymous.get('/metrics')).text;
    expect(sample(text, 'sharegate_callbacks_total', { outcome: 'delivered', dialect: 'csm' })).toBe(2);
    expect(sample(text, 'sharegate_callbacks_total', { outcome: 'refused', dialect: 'csm' })).toBe(1);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const t = useGateway({ METRICS_TOKEN: 'scrape-token-123' });

  it('GET /metrics without the bearer token is 401 in plain JSON', async () => {
    const res = await t.anonymous.get('/metrics');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'unauthorized', message: 'GET /metrics needs the metrics bearer token' });
    expect(res.text).not.toContain('process_cpu');
  });

  it('GET /metrics with another token (even a valid user token) is 401', async () => {
    expect((await t.http.get('/metrics').set('Authorization', 'Bearer scrape-token-1234')).status).toBe(401);
    expect((await t.admin.get('/metrics')).status).toBe(401);
  });

  it('GET /metrics with the token is 200', async () => {
    const res = await t.http.get('/metrics').set('Authorization', 'Bearer scrape-token-123');
    expect(res.status).toBe(200);
    expect(res.text).toContain('sharegate_http_requests_total');
  });
});

describe('METRICS=off', () => {
  const t = useGateway({ METRICS: 'off' });

  it('GET /metrics is not served (the unknown-route answer) and the metrics port does nothing', async () => {
    t.gateway.metrics.countCallback('failed');
    expect((await t.anonymous.get('/metrics')).status).toBe(404);
  });
});
