// Malformed requests on every v2 instance, catalog, flag and event route: a v2 error, never a 500, nothing changed.
import { DEFAULT_PLANS, factories } from '../../helpers/factories';
import { startTestGateway, type Client, type TestGateway } from '../../helpers/testGateway';

let t: TestGateway;
let dev: Client;
let space: string;
let managed: string;
let ups: string;
let snapshot: () => Promise<unknown>;

beforeAll(async () => {
  t = await startTestGateway();
  space = (await factories(t).space()).guid;
  dev = await t.as('robust-dev');
  await factories(t).role(dev, 'space_developer', space);
  managed = (await dev.post('/v2/service_instances', { name: 'keep-m', space_guid: space, service_plan_guid: DEFAULT_PLANS.shareable, tags: ['a'] })).body.metadata.guid;
  ups = (await dev.post('/v2/user_provided_service_instances', { name: 'keep-u', space_guid: space, credentials: { k: 1 } })).body.metadata.guid;
  snapshot = async () => {
    const list = await t.admin.get(`/v3/service_instances?space_guids=${space}&per_page=5000`);
    const flags = await t.admin.get('/v3/feature_flags');
    return { instances: list.body.resources.map((r: Record<string, unknown>) => [r.guid, r.name, r.tags, r.updated_at]), flags: flags.body.resources };
  };
});
afterAll(() => t.close());

const BODIES: [string, string][] = [
  ['invalid JSON', '{"name":'],
  ['a JSON array', '[{"name":"x"}]'],
  ['a JSON string', '"name"'],
  ['a JSON number', '42'],
  ['JSON null', 'null'],
  ['an empty body', ''],
  ['wrong member types', '{"name":["x"],"space_guid":{},"service_plan_guid":7,"tags":"t","credentials":[1],"parameters":[],"enabled":"yes"}'],
  ['a form body', 'name=x&space_guid=y'],
  ['deeply nested JSON', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ['SQL-looking values', `{"name":"'; DROP TABLE service_instances; --","space_guid":"' OR 1=1 --","service_plan_guid":"x' OR '1'='1"}`],
];

const WRITES = () => [
  ['POST', '/v2/service_instances'],
  ['PUT', `/v2/service_instances/${managed}`],
  ['POST', '/v2/user_provided_service_instances'],
  ['PUT', `/v2/user_provided_service_instances/${ups}`],
  ['PUT', '/v2/config/feature_flags/route_sharing'],
];

describe('malformed bodies', () => {
  it.each(BODIES)('%s on every write answers a 4xx v2 error and changes nothing', async (_label, raw) => {
    const before = await snapshot();
    for (const [method, path] of WRITES()) {
      const client = path.includes('feature_flags') ? t.admin : dev;
      const res = await t.http[method === 'POST' ? 'post' : 'put'](path!)
        .set('Authorization', `bearer ${client.token}`)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send(raw);
      expect({ path, status: res.status >= 400 && res.status < 500 }).toEqual({ path, status: true });
      expect(res.headers['content-type']).toBe('application/json;charset=utf-8');
      expect(Object.keys(res.body)).toEqual(['description', 'error_code', 'code']);
    }
    expect(await snapshot()).toEqual(before);
  });
});

const QUERIES = [
  'page=x',
  'page=-1',
  'page=1.5',
  'results-per-page=0',
  'results-per-page=abc',
  'order-direction=up',
  'order-by=id',
  'inline-relations-depth=-1',
  'q=bogus',
  'q=name~x',
  'q=%3Aname',
  'q=timestamp>=nope',
  'page=99999999999999999999999',
  'q=' + encodeURIComponent("name:' OR 1=1 --"),
];
const LISTS = [
  '/v2/service_instances',
  '/v2/user_provided_service_instances',
  '/v2/services',
  '/v2/service_plans',
  '/v2/events',
  '/v2/quota_definitions',
  '/v2/service_plan_visibilities',
];

describe('odd list queries', () => {
  it.each(QUERIES)('?%s on every list is 200 or a 4xx v2 error, never a 500', async (query) => {
    for (const path of LISTS) {
      const res = await dev.get(`${path}?${query}`);
      expect({ path, ok: res.status === 200 || (res.status >= 400 && res.status < 500) }).toEqual({ path, ok: true });
      if (res.status !== 200) expect(res.body.error_code).toMatch(/^CF-/);
    }
  });
});

describe('odd guids and paths', () => {
  it.each([
    ['unknown', 'nope'],
    ['a space', '%20'],
    ['SQL-looking', "'%20OR%201=1"],
    ['5000 characters long', 'a'.repeat(5000)],
    ['a path traversal', '..%2F..%2Fetc'],
  ])('a guid that is %s on instance routes is a 4xx v2 error', async (_label, guid) => {
    for (const path of [
      `/v2/service_instances/${guid}`,
      `/v2/service_instances/${guid}/shared_to`,
      `/v2/user_provided_service_instances/${guid}`,
      `/v2/service_plans/${guid}`,
      `/v2/jobs/${guid}/x`,
    ]) {
      const res = await dev.get(path);
      expect({ path: path.slice(0, 60), ok: res.status >= 400 && res.status < 500 }).toEqual({ path: path.slice(0, 60), ok: true });
      expect(res.body.error_code).toMatch(/^CF-/);
    }
  });
  it('bad tokens are 401 InvalidAuthToken on every route', async () => {
    for (const header of ['bearer', 'bearer x.y.z', 'Basic YWRtaW46YWRtaW4=', `bearer ${dev.token}x`]) {
      const res = await t.http.get('/v2/service_instances').set('Authorization', header);
      expect([res.status, res.body.error_code]).toEqual([401, 'CF-InvalidAuthToken']);
    }
  });
});

describe('a bad inline-relations-depth on a write', () => {
  it('is 400 before anything is written', async () => {
    const before = await snapshot();
    const created = await dev.post('/v2/service_instances?inline-relations-depth=9', { name: 'deep', space_guid: space, service_plan_guid: DEFAULT_PLANS.shareable });
    expect([created.status, created.body.error_code]).toEqual([400, 'CF-BadQueryParameter']);
    const renamed = await dev.put(`/v2/service_instances/${managed}?inline-relations-depth=x`, { name: 'deeper' });
    expect([renamed.status, renamed.body.error_code]).toEqual([400, 'CF-BadQueryParameter']);
    const deleted = await dev.delete(`/v2/service_instances/${managed}?inline-relations-depth=4`);
    expect([deleted.status, deleted.body.error_code]).toEqual([400, 'CF-BadQueryParameter']);
    expect(await snapshot()).toEqual(before);
  });
});
