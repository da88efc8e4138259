// /v2/service_instances: create, read, list, update, delete, and the sub-resources, against the contract's cases.
import { DEFAULT_PLANS, factories } from '../../helpers/factories';
import { startTestGateway, type Client, type TestGateway } from '../../helpers/testGateway';

let t: TestGateway;
let f: ReturnType<typeof factories>;
let dev: Client;
let auditor: Client;
let outsider: Client;
let org: string;
let space: string;

beforeAll(async () => {
  t = await startTestGateway();
  f = factories(t);
  org = (await f.org()).guid;
  space = (await f.space(org)).guid;
  dev = await t.as('si-dev');
  auditor = await t.as('si-auditor');
  outsider = await t.as('si-outsider');
  await f.role(dev, 'space_developer', space);
  await f.role(auditor, 'space_auditor', space);
  await outsider.get('/v2/info');
});
afterAll(() => t.close());

const CT = 'application/json;charset=utf-8';
const create = (c: Client, body: Record<string, unknown>, query = '') => c.post(`/v2/service_instances${query}`, body);
const body = (name: string, extra: Record<string, unknown> = {}) => ({ name, space_guid: space, service_plan_guid: DEFAULT_PLANS.shareable, ...extra });
const v2Error = (res: { status: number; body: Record<string, unknown> }, status: number, code: string, n: number) => {
  expect({ status: res.status, error_code: res.body.error_code, code: res.body.code }).toEqual({ status, error_code: code, code: n });
};
const count = async () => (await t.admin.get(`/v3/service_instances?space_guids=${space}&per_page=5000`)).body.pagination.total_results as number;

describe('POST /v2/service_instances', () => {
  it('the contract seed request answers 201 with the full resource and a Location', async () => {
    const res = await t.http
      .post('/v2/service_instances')
      .set('Authorization', `bearer ${dev.token}`)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(
        `{"space_guid":"${space}","name":"my-service-instance","service_plan_guid":"${DEFAULT_PLANS.shareable}","parameters":{"the_service_broker":"wants this object"},"tags":["accounting","mongodb"]}`,
      );
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe(CT);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const guid = res.body.metadata.guid;
    expect(res.headers.location).toBe(`/v2/service_instances/${guid}`);
    expect(Object.keys(res.body.metadata)).toEqual(['guid', 'url', 'created_at', 'updated_at']);
    expect(res.body.metadata.url).toBe(`/v2/service_instances/${guid}`);
    expect(res.body.metadata.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Object.keys(res.body.entity)).toEqual([
      'name',
      'credentials',
      'service_plan_guid',
      'space_guid',
      'gateway_data',
      'dashboard_url',
      'type',
      'last_operation',
      'tags',
      'maintenance_info',
      'service_guid',
      'space_url',
      'service_plan_url',
      'service_bindings_url',
      'service_keys_url',
      'routes_url',
      'service_url',
      'shared_from_url',
      'shared_to_url',
      'service_instance_parameters_url',
    ]);
    expect(res.body.entity).toMatchObject({
      name: 'my-service-instance',
      credentials: {},
      service_plan_guid: DEFAULT_PLANS.shareable,
      space_guid: space,
      gateway_data: null,
      type: 'managed_service_instance',
      last_operation: { type: 'create', state: 'succeeded' },
      tags: ['accounting', 'mongodb'],
      space_url: `/v2/spaces/${space}`,
      service_plan_url: `/v2/service_plans/${DEFAULT_PLANS.shareable}`,
    });
  });

  it('accepts_incomplete=true answers 202 with last_operation in progress', async () => {
    const res = await create(dev, body('async-one'), '?accepts_incomplete=true');
    expect(res.status).toBe(202);
    expect(res.body.entity.last_operation).toMatchObject({ type: 'create', state: 'in progress' });
    expect(res.headers.location).toBe(`/v2/service_instances/${res.body.metadata.guid}`);
    await t.settle();
    expect((await dev.get(res.headers.location!)).body.entity.last_operation.state).toBe('succeeded');
  });

  it('accepts_incomplete=lol is 400 CF-InvalidRequest and creates nothing', async () => {
    const before = await count();
    v2Error(await create(dev, body('lol'), '?accepts_incomplete=lol'), 400, 'CF-InvalidRequest', 10004);
    expect(await count()).toBe(before);
  });

  it('missing fields are CF-MessageParseError naming each, in CC order', async () => {
    const res = await create(dev, {});
    v2Error(res, 400, 'CF-MessageParseError', 1001);
    expect(res.body.description).toBe(
      'Request invalid due to parse error: Field: name, Error: Missing field name, Field: space_guid, Error: Missing field space_guid, Field: service_plan_guid, Error: Missing field service_plan_guid',
    );
  });

  it.each([
    ['"parameters":"foo"', { parameters: 'foo' }, 'Field: parameters, Error: Expected instance of Hash, given an instance of String'],
    ['"tags":"a"', { tags: 'a' }, 'Field: tags, Error: Expected instance of Array, given instance of String'],
    ['"tags":[1]', { tags: [1] }, 'Field: tags, Error: At index 0: Expected instance of String, given an instance of Integer'],
    ['"name":7', { name: 7 }, 'Field: name, Error: Expected instance of String, given an instance of Integer'],
  ])('a wrong member type (%s) is CF-MessageParseError and creates nothing', async (_label, extra, message) => {
    const before = await count();
    const res = await create(dev, body('typed', extra));
    v2Error(res, 400, 'CF-MessageParseError', 1001);
    expect(res.body.description).toContain(message);
    expect(await count()).toBe(before);
  });

  it.each(['{"name":', '[1,2]', '"text"', 'null', ''])('a body that is not a JSON object (%s) is CF-MessageParseError', async (raw) => {
    const res = await t.http.post('/v2/service_instances').set('Authorization', `bearer ${dev.token}`).set('Content-Type', 'application/json').send(raw);
    v2Error(res, 400, 'CF-MessageParseError', 1001);
    expect(res.body.description).toMatch(/^Request invalid due to parse error: /);
    expect(res.headers['content-type']).toBe(CT);
  });

  it('an unknown plan is 400 ServiceInstanceInvalid "not a valid service plan"', async () => {
    const res = await create(dev, body('np', { service_plan_guid: 'nope' }));
    v2Error(res, 400, 'CF-ServiceInstanceInvalid', 60003);
    expect(res.body.description).toBe('The service instance is invalid: not a valid service plan');
  });

  it('an unknown space is 400 ServiceInstanceInvalid "not a valid space"', async () => {
    const res = await create(dev, body('ns', { space_guid: 'nope' }));
    v2Error(res, 400, 'CF-ServiceInstanceInvalid', 60003);
    expect(res.body.description).toBe('The service instance is invalid: not a valid space');
  });

  it('an empty name is 60001, a 256-character name 60009, over-long tags 60015; nothing is created', async () => {
    const before = await count();
    v2Error(await create(dev, body('')), 400, 'CF-ServiceInstanceNameEmpty', 60001);
    v2Error(await create(dev, body('x'.repeat(256))), 400, 'CF-ServiceInstanceNameTooLong', 60009);
    const tags = await create(dev, body('tagged', { tags: ['a'.repeat(1025), 'b'.repeat(1024)] }));
    v2Error(tags, 400, 'CF-ServiceInstanceTagsTooLong', 60015);
    expect(tags.body.description).toBe('Combined length of tags for service tagged must be 2048 characters or less.');
    expect(await count()).toBe(before);
  });

  it('a taken name is 60002, case-insensitively, against user-provided instances too', async () => {
    expect((await create(dev, body('foo'))).status).toBe(201);
    const again = await create(dev, body('FOO'));
    v2Error(again, 400, 'CF-ServiceInstanceNameTaken', 60002);
    expect(again.body.description).toBe('The service instance name is taken: FOO');
    expect((await dev.post('/v2/user_provided_service_instances', { name: 'ups-foo', space_guid: space })).status).toBe(201);
    v2Error(await create(dev, body('ups-foo')), 400, 'CF-ServiceInstanceNameTaken', 60002);
  });

  it('SQL-looking names are stored as given', async () => {
    const name = "x'; DROP TABLE service_instances; --";
    const res = await create(dev, body(name));
    expect(res.status).toBe(201);
    expect((await dev.get(`/v2/service_instances/${res.body.metadata.guid}`)).body.entity.name).toBe(name);
  });

  it('a space auditor is 403 CF-NotAuthorized', async () => {
    v2Error(await create(auditor, body('aud')), 403, 'CF-NotAuthorized', 10003);
  });

  it('with service_instance_creation disabled a developer gets 403 FeatureDisabled', async () => {
    await t.admin.put('/v2/config/feature_flags/service_instance_creation', { enabled: false });
    const res = await create(dev, body('flagged'));
    v2Error(res, 403, 'CF-FeatureDisabled', 330002);
    expect(res.body.description).toBe('Feature Disabled: service_instance_creation');
    await t.admin.put('/v2/config/feature_flags/service_instance_creation', { enabled: true });
  });
});

describe('authentication', () => {
  it('no Authorization header is 401 NotAuthenticated', async () => {
    const res = await t.anonymous.get('/v2/service_instances');
    expect(res.status).toBe(401);
    expect(res.text).toBe('{"description":"Authentication error","error_code":"CF-NotAuthenticated","code":10002}\n');
  });
  it('a bad token is 401 InvalidAuthToken', async () => {
    const res = await t.http.get('/v2/service_instances').set('Authorization', 'bearer not-a-token');
    v2Error(res, 401, 'CF-InvalidAuthToken', 1000);
  });
  it('a token without cloud_controller.read is 403 InsufficientScope', async () => {
    const weak = await t.as('si-weak', { scopes: ['cloud_controller.user'] });
    const res = await weak.get('/v2/service_instances');
    v2Error(res, 403, 'CF-InsufficientScope', 10007);
    expect(res.body.description).toBe('Your token lacks the necessary scopes to access this resource.');
  });
});

describe('GET /v2/service_instances/:guid', () => {
  let guid: string;
  beforeAll(async () => {
    guid = (await create(dev, body('readable'))).body.metadata.guid;
  });
  it('a developer sees the links and the credentials', async () => {
    const res = await dev.get(`/v2/service_instances/${guid}`);
    expect(res.status).toBe(200);
    expect(res.body.entity).toMatchObject({ credentials: {}, service_guid: expect.any(String), shared_from_url: `/v2/service_instances/${guid}/shared_from` });
  });
  it('a space auditor sees redacted credentials', async () => {
    expect((await auditor.get(`/v2/service_instances/${guid}`)).body.entity.credentials).toEqual({ redacted_message: '[PRIVATE DATA HIDDEN]' });
  });
  it('an outsider gets 403 NotAuthorized, on the instance and its routes', async () => {
    v2Error(await outsider.get(`/v2/service_instances/${guid}`), 403, 'CF-NotAuthorized', 10003);
    v2Error(await outsider.get(`/v2/service_instances/${guid}/routes`), 403, 'CF-NotAuthorized', 10003);
  });
  it('an unknown guid is 404 ServiceInstanceNotFound naming it', async () => {
    const res = await dev.get('/v2/service_instances/unknown-guid');
    v2Error(res, 404, 'CF-ServiceInstanceNotFound', 60004);
    expect(res.body.description).toBe('The service instance could not be found: unknown-guid');
  });
  it('a user-provided instance is shown in its own shape', async () => {
    const ups = (await dev.post('/v2/user_provided_service_instances', { name: 'ups-shape', space_guid: space })).body.metadata.guid;
    const res = await dev.get(`/v2/service_instances/${ups}`);
    expect(res.body.entity.type).toBe('user_provided_service_instance');
    expect(res.body.entity.service_bindings_url).toContain('/v2/user_provided_service_instances/');
  });
  it('service_bindings, service_keys and routes are empty lists', async () => {
    for (const r of ['service_bindings', 'service_keys', 'routes']) {
      expect((await dev.get(`/v2/service_instances/${guid}/${r}`)).body).toEqual({ total_results: 0, total_pages: 1, prev_url: null, next_url: null, resources: [] });
    }
  });
  it('permissions: developer true/true, auditor false/true, outsider false/false, unknown 404', async () => {
    expect((await dev.get(`/v2/service_instances/${guid}/permissions`)).body).toEqual({ manage: true, read: true });
    expect((await auditor.get(`/v2/service_instances/${guid}/permissions`)).body).toEqual({ manage: false, read: true });
    expect((await outsider.get(`/v2/service_instances/${guid}/permissions`)).body).toEqual({ manage: false, read: false });
    v2Error(await dev.get('/v2/service_instances/nope/permissions'), 404, 'CF-ServiceInstanceNotFound', 60004);
  });
  it('parameters: the object given at creation', async () => {
    const p = (await create(dev, body('with-params', { parameters: { foo: 'bar' } }))).body.metadata.guid;
    expect((await dev.get(`/v2/service_instances/${p}/parameters`)).body).toEqual({ foo: 'bar' });
  });
});

describe('GET /v2/service_instances (lists)', () => {
  let o1: string;
  let s1: string;
  let s2: string;
  beforeAll(async () => {
    o1 = (await f.org()).guid;
    s1 = (await f.space(o1)).guid;
    const o2 = (await f.org()).guid;
    s2 = (await f.space(o2)).guid;
    for (const [s, n] of [
      [s1, 'alpha'],
      [s1, 'bravo'],
      [s1, 'charlie'],
      [s2, 'delta'],
    ]) {
      expect((await t.admin.post('/v2/service_instances', { name: n, space_guid: s, service_plan_guid: DEFAULT_PLANS.shareable })).status).toBe(201);
    }
    await t.admin.post('/v2/user_provided_service_instances', { name: 'ups-in-s1', space_guid: s1 });
  });

  it('0 visible instances: the empty page', async () => {
    const nobody = await t.as('si-nobody');
    expect((await nobody.get('/v2/service_instances')).body).toEqual({ total_results: 0, total_pages: 1, prev_url: null, next_url: null, resources: [] });
  });

  it('pages by organization_guid with q in the links', async () => {
    const res = await t.admin.get(`/v2/service_instances?page=1&results-per-page=1&q=organization_guid:${o1}`);
    expect(res.body.total_results).toBe(3);
    expect(res.body.resources).toHaveLength(1);
    expect(res.body.prev_url).toBeNull();
    expect(res.body.next_url).toBe(`/v2/service_instances?order-direction=asc&page=2&q=organization_guid:${o1}&results-per-page=1`);
    const far = await t.admin.get(`/v2/service_instances?page=4&results-per-page=1&q=organization_guid:${o1}`);
    expect(far.body.resources).toEqual([]);
    expect(far.body.next_url).toBeNull();
    expect(far.body.prev_url).toBe(`/v2/service_instances?order-direction=asc&page=3&q=organization_guid:${o1}&results-per-page=1`);
  });

  it('lists managed instances only', async () => {
    const res = await t.admin.get(`/v2/service_instances?q=space_guid:${s1}`);
    expect(res.body.resources.map((r: { entity: { name: string } }) => r.entity.name)).toEqual(['alpha', 'bravo', 'charlie']);
  });

  it('q: IN, >, case-insensitive equality, no operator, ;-joined and repeated filters', async () => {
    const names = async (q: string) => (await t.admin.get(`/v2/service_instances?${q}`)).body.resources.map((r: { entity: { name: string } }) => r.entity.name);
    expect(await names(`q=name%20IN%20alpha,bravo&q=space_guid:${s1}`)).toEqual(['alpha', 'bravo']);
    expect(await names(`q=name>bravo;space_guid:${s1}`)).toEqual(['charlie']);
    expect(await names(`q=name:ALPHA&q=space_guid:${s1}`)).toEqual(['alpha']);
    const none = await t.admin.get('/v2/service_instances?q=name');
    expect(none.status).toBe(200);
    expect(none.body.total_results).toBe(0);
  });

  it('order-direction=desc reverses the order', async () => {
    const res = await t.admin.get(`/v2/service_instances?q=space_guid:${s1}&order-direction=desc`);
    expect(res.body.resources.map((r: { entity: { name: string } }) => r.entity.name)).toEqual(['charlie', 'bravo', 'alpha']);
  });

  it.each([
    ['results-per-page=101', 'The query parameter is invalid: results_per_page must be <= 100'],
    ['inline-relations-depth=4', 'The query parameter is invalid: inline_relations_depth must be <= 3'],
    ['order-direction=sideways', "The query parameter is invalid: order_direction must be 'asc' or 'desc' but was 'sideways'"],
    ['q=bogus:1', 'The query parameter is invalid: bogus'],
    ['q=name~x', 'The query parameter is invalid: name~x'],
    ['page=abc', 'The query parameter is invalid: page must be an integer'],
    ['page=0', 'The query parameter is invalid: page must be greater than 0'],
    ['page=99999999999999999999', 'The query parameter is invalid: page must be less than or equal to 2147483647'],
    ['results-per-page=-1', 'The query parameter is invalid: results_per_page must be greater than 0'],
  ])('%s is 400 BadQueryParameter', async (q, description) => {
    const res = await t.admin.get(`/v2/service_instances?${q}`);
    v2Error(res, 400, 'CF-BadQueryParameter', 10005);
    expect(res.body.description).toBe(description);
  });
});

describe('PUT /v2/service_instances/:guid', () => {
  let guid: string;
  beforeAll(async () => {
    guid = (await create(dev, body('to-update'))).body.metadata.guid;
  });
  it('a rename answers 201 without Location, last_operation update succeeded', async () => {
    const res = await dev.put(`/v2/service_instances/${guid}`, { name: 'renamed' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBeUndefined();
    expect(res.body.entity).toMatchObject({ name: 'renamed', last_operation: { type: 'update', state: 'succeeded' } });
  });
  it('tags are replaced', async () => {
    expect((await dev.put(`/v2/service_instances/${guid}`, { tags: ['x'] })).body.entity.tags).toEqual(['x']);
  });
  it('a plan change is 201 and the plan is changed', async () => {
    const res = await dev.put(`/v2/service_instances/${guid}`, { service_plan_guid: DEFAULT_PLANS.shareableLarge });
    expect(res.status).toBe(201);
    expect(res.body.entity.service_plan_guid).toBe(DEFAULT_PLANS.shareableLarge);
  });
  it('another space_guid is 400 ServiceInstanceSpaceChangeNotAllowed; the same one 201', async () => {
    const other = (await f.space(org)).guid;
    const res = await dev.put(`/v2/service_instances/${guid}`, { space_guid: other });
    v2Error(res, 400, 'CF-ServiceInstanceSpaceChangeNotAllowed', 60014);
    expect(res.body.description).toBe('Cannot update space for service instance.');
    expect((await dev.put(`/v2/service_instances/${guid}`, { space_guid: space })).status).toBe(201);
  });
  it('an unknown plan is 400 InvalidRelation "Plan"', async () => {
    const res = await dev.put(`/v2/service_instances/${guid}`, { service_plan_guid: 'nope' });
    v2Error(res, 400, 'CF-InvalidRelation', 1002);
    expect(res.body.description).toBe('Plan');
  });
  it('a user-provided instance is 400 UserProvidedServiceInstanceHandlerNeeded', async () => {
    const ups = (await dev.post('/v2/user_provided_service_instances', { name: 'ups-put', space_guid: space })).body.metadata.guid;
    v2Error(await dev.put(`/v2/service_instances/${ups}`, { name: 'x' }), 400, 'CF-UserProvidedServiceInstanceHandlerNeeded', 340002);
  });
  it('an auditor is 403 NotAuthorized and nothing changes', async () => {
    v2Error(await auditor.put(`/v2/service_instances/${guid}`, { name: 'hijack' }), 403, 'CF-NotAuthorized', 10003);
    expect((await dev.get(`/v2/service_instances/${guid}`)).body.entity.name).toBe('renamed');
  });
  it('a malformed body is CF-MessageParseError and nothing changes', async () => {
    const res = await t.http.put(`/v2/service_instances/${guid}`).set('Authorization', `bearer ${dev.token}`).send('{"name":');
    v2Error(res, 400, 'CF-MessageParseError', 1001);
    expect((await dev.get(`/v2/service_instances/${guid}`)).body.entity.name).toBe('renamed');
  });
});

describe('DELETE /v2/service_instances/:guid', () => {
  it('answers 204 with no body, then 404', async () => {
    const guid = (await create(dev, body('doomed'))).body.metadata.guid;
    const res = await dev.delete(`/v2/service_instances/${guid}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    v2Error(await dev.get(`/v2/service_instances/${guid}`), 404, 'CF-ServiceInstanceNotFound', 60004);
  });
  it('async=true answers 202 with a queued job at /v2/jobs/:guid', async () => {
    const guid = (await create(dev, body('doomed-async'))).body.metadata.guid;
    const res = await dev.delete(`/v2/service_instances/${guid}?async=true`);
    expect(res.status).toBe(202);
    const job = res.body.metadata.guid;
    expect(res.headers.location).toBe(`/v2/jobs/${job}`);
    expect(res.body).toEqual({ metadata: { guid: job, created_at: expect.any(String), url: `/v2/jobs/${job}` }, entity: { guid: job, status: 'queued' } });
    await t.settle();
    expect((await dev.get(`/v2/jobs/${job}`)).body.entity.status).toBe('finished');
    expect((await dev.get(`/v2/service_instances/${guid}`)).status).toBe(404);
  });
  it('accepts_incomplete=true answers 202 with the instance, delete in progress', async () => {
    const guid = (await create(dev, body('doomed-incomplete'))).body.metadata.guid;
    const res = await dev.delete(`/v2/service_instances/${guid}?accepts_incomplete=true&async=true`);
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/v2/service_instances/${guid}`);
    expect(res.body.entity.last_operation).toMatchObject({ type: 'delete', state: 'in progress' });
    await t.settle();
  });
  it('recursive=maybe is 400 InvalidRequest and deletes nothing', async () => {
    const guid = (await create(dev, body('kept'))).body.metadata.guid;
    v2Error(await dev.delete(`/v2/service_instances/${guid}?recursive=maybe`), 400, 'CF-InvalidRequest', 10004);
    expect((await dev.get(`/v2/service_instances/${guid}`)).status).toBe(200);
  });
  it('purge=true by a developer is 403; by an admin 204', async () => {
    const guid = (await create(dev, body('purged'))).body.metadata.guid;
    v2Error(await dev.delete(`/v2/service_instances/${guid}?purge=true`), 403, 'CF-NotAuthorized', 10003);
    expect((await t.admin.delete(`/v2/service_instances/${guid}?purge=true`)).status).toBe(204);
  });
  it('an unknown guid is 404', async () => {
    v2Error(await dev.delete('/v2/service_instances/nope'), 404, 'CF-ServiceInstanceNotFound', 60004);
  });
});

describe('GET /v2/jobs/:guid', () => {
  it('an unknown job is the finished placeholder', async () => {
    expect((await dev.get('/v2/jobs/nope')).body).toEqual({
      metadata: { guid: '0', created_at: '1970-01-01T00:00:00Z', url: '/v2/jobs/0' },
      entity: { guid: '0', status: 'finished' },
    });
  });
});
