// The remaining rows of the v2 error table on instance endpoints, events by time, and a server fault.
import { DEFAULT_PLANS, factories } from '../../helpers/factories';
import { startTestGateway, type Client, type TestGateway } from '../../helpers/testGateway';

let t: TestGateway;
let dev: Client;
let space: string;

beforeAll(async () => {
  t = await startTestGateway();
  space = (await factories(t).space()).guid;
  dev = await t.as('rows-dev');
  await factories(t).role(dev, 'space_developer', space);
});
afterAll(() => t.close());

const err = (res: { status: number; body: Record<string, unknown> }) => [res.status, res.body.error_code, res.body.code];

describe('remaining instance errors', () => {
  it('GET .../parameters of a service that does not retrieve them is 400 ServiceFetchInstanceParametersNotSupported', async () => {
    const guid = (await dev.post('/v2/service_instances', { name: 'cache', space_guid: space, service_plan_guid: DEFAULT_PLANS.notShareable })).body.metadata.guid;
    expect(err(await dev.get(`/v2/service_instances/${guid}/parameters`))).toEqual([400, 'CF-ServiceFetchInstanceParametersNotSupported', 120004]);
  });
  it('PUT with a maintenance_info version the plan does not offer is 422 MaintenanceInfoConflict and changes nothing', async () => {
    const guid = (await dev.post('/v2/service_instances', { name: 'mi', space_guid: space, service_plan_guid: DEFAULT_PLANS.shareable })).body.metadata.guid;
    expect(err(await dev.put(`/v2/service_instances/${guid}`, { maintenance_info: { version: '9.9.9' } }))).toEqual([422, 'CF-MaintenanceInfoConflict', 390009]);
    expect((await dev.get(`/v2/service_instances/${guid}`)).body.entity.maintenance_info).toEqual({ version: '1.0.0' });
  });
  it('a plan of another service is 400 InvalidRelation', async () => {
    const guid = (await dev.post('/v2/service_instances', { name: 'other-plan', space_guid: space, service_plan_guid: DEFAULT_PLANS.shareable })).body.metadata.guid;
    expect(err(await dev.put(`/v2/service_instances/${guid}`, { service_plan_guid: DEFAULT_PLANS.notShareable }))).toEqual([400, 'CF-InvalidRelation', 1002]);
  });
});

describe('GET /v2/events by time', () => {
  it('q=timestamp>= and < select by the whole second; a bad time is 400', async () => {
    const before = new Date(Date.now() - 2000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const guid = (await dev.post('/v2/user_provided_service_instances', { name: 'timed', space_guid: space })).body.metadata.guid;
    const since = await dev.get(`/v2/events?q=timestamp>=${before}&q=actee:${guid}`);
    expect(since.body.total_results).toBe(1);
    const event = since.body.resources[0];
    expect((await dev.get(`/v2/events?q=timestamp<${before}&q=actee:${guid}`)).body.total_results).toBe(0);
    expect((await dev.get(`/v2/events?q=timestamp:${event.entity.timestamp}&q=actee:${guid}`)).body.total_results).toBe(1);
    expect((await dev.get(`/v2/events/${event.metadata.guid}`)).body.entity.actee).toBe(guid);
    expect(err(await dev.get('/v2/events?q=timestamp>=yesterday'))).toEqual([400, 'CF-BadQueryParameter', 10005]);
    expect(err(await dev.get('/v2/events/nope'))).toEqual([404, 'CF-EventNotFound', 230002]);
  });
});

describe('a server fault', () => {
  it('is 500 UnknownError without the CF- prefix, in v2 format', async () => {
    const broken = await startTestGateway();
    const admin = broken.admin;
    await admin.get('/v2/info');
    await broken.gateway.store.close();
    const res = await admin.get('/v2/service_instances');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(res.body).toEqual({ error_code: 'UnknownError', description: 'An unknown error occurred.', code: 10001 });
    broken.gateway.runner.stop();
  });
});
