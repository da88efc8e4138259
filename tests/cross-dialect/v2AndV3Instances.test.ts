// One instance, two dialects: what v2 writes v3 reads and the other way round, shares included.
import { DEFAULT_PLANS, factories } from '../helpers/factories';
import { startTestGateway, type Client, type TestGateway } from '../helpers/testGateway';

let t: TestGateway;
let f: ReturnType<typeof factories>;
let dev: Client;
let targetDev: Client;
let space: string;
let target: string;

beforeAll(async () => {
  t = await startTestGateway();
  f = factories(t);
  const org = (await f.org()).guid;
  space = (await f.space(org)).guid;
  target = (await f.space(org)).guid;
  dev = await t.as('x-dev');
  targetDev = await t.as('x-target-dev');
  await f.role(dev, 'space_developer', space);
  await f.role(dev, 'space_developer', target);
  await f.role(targetDev, 'space_developer', target);
});
afterAll(() => t.close());

const v2Create = async (name: string) => {
  const res = await dev.post('/v2/service_instances', { name, space_guid: space, service_plan_guid: DEFAULT_PLANS.shareable, tags: ['t1'] });
  expect(res.status).toBe(201);
  return res.body.metadata.guid as string;
};

describe('v2 and v3 service instances', () => {
  it('an instance created through v2 is returned by v3 with the same guid and fields', async () => {
    const guid = await v2Create('from-v2');
    const v3 = await dev.get(`/v3/service_instances/${guid}`);
    expect(v3.status).toBe(200);
    expect(v3.body).toMatchObject({
      guid,
      name: 'from-v2',
      type: 'managed',
      tags: ['t1'],
      relationships: { space: { data: { guid: space } }, service_plan: { data: { guid: DEFAULT_PLANS.shareable } } },
      last_operation: { type: 'create', state: 'succeeded' },
    });
  });

  it('an instance created through v3 is returned by v2 with the same guid and fields', async () => {
    const created = await f.managedInstance(space, 'from-v3', DEFAULT_PLANS.shareable, dev);
    const v2 = await dev.get(`/v2/service_instances/${created.guid}`);
    expect(v2.body.metadata.guid).toBe(created.guid);
    expect(v2.body.entity).toMatchObject({ name: 'from-v3', space_guid: space, service_plan_guid: DEFAULT_PLANS.shareable, last_operation: { state: 'succeeded' } });
    const ups = await f.userProvidedInstance(space, 'ups-from-v3', { credentials: { k: 'v' } });
    expect((await dev.get(`/v2/user_provided_service_instances/${ups.guid}`)).body.entity).toMatchObject({ name: 'ups-from-v3', credentials: { k: 'v' } });
  });

  it('a v2 rename is seen by v3', async () => {
    const guid = await v2Create('before-rename');
    expect((await dev.put(`/v2/service_instances/${guid}`, { name: 'after-rename' })).status).toBe(201);
    expect((await dev.get(`/v3/service_instances/${guid}`)).body.name).toBe('after-rename');
  });

  it('a v3 share shows in v2 shared_to and shared_from, and its event in /v2/events', async () => {
    const guid = await v2Create('shared-one');
    expect((await dev.get(`/v2/service_instances/${guid}/shared_from`)).status).toBe(204);
    const share = await dev.post(`/v3/service_instances/${guid}/relationships/shared_spaces`, { data: [{ guid: target }] });
    expect(share.status).toBe(200);
    const to = await dev.get(`/v2/service_instances/${guid}/shared_to`);
    expect(to.body.total_results).toBe(1);
    expect(to.body.resources[0]).toEqual({ space_guid: target, space_name: expect.any(String), organization_name: expect.any(String), bound_app_count: 0 });
    const from = await targetDev.get(`/v2/service_instances/${guid}/shared_from`);
    expect(from.status).toBe(200);
    expect(Object.keys(from.body)).toEqual(['space_guid', 'space_name', 'organization_name']);
    expect(from.body.space_guid).toBe(space);
    const events = await dev.get(`/v2/events?q=type:audit.service_instance.share&q=actee:${guid}`);
    expect(events.body.total_results).toBe(1);
    expect((await dev.get(`/v2/events?q=type:audit.service_instance.share&q=space_guid:${space}`)).body.total_results).toBeGreaterThanOrEqual(1);
    expect((await dev.get(`/v2/events?q=type:audit.service_instance.share&q=space_guid:${target}`)).body.total_results).toBe(0);
    // the target-space developer lists it among /v2/service_instances (shared into a space of theirs)
    expect((await targetDev.get('/v2/service_instances')).body.resources.map((r: { metadata: { guid: string } }) => r.metadata.guid)).toContain(guid);
    // shared into the target space: listed there, and its name is taken there
    expect((await targetDev.get(`/v2/spaces/${target}/service_instances`)).body.resources.map((r: { metadata: { guid: string } }) => r.metadata.guid)).toContain(guid);
    const clash = await targetDev.post('/v2/service_instances', { name: 'Shared-One', space_guid: target, service_plan_guid: DEFAULT_PLANS.shareable });
    expect(clash.body.error_code).toBe('CF-ServiceInstanceNameTaken');
    // a target-space developer may not change or delete it; the owner may not rename it or delete it while shared
    expect((await targetDev.put(`/v2/service_instances/${guid}`, { tags: [] })).body.error_code).toBe('CF-SharedServiceInstanceNotUpdatableInTargetSpace');
    expect((await targetDev.delete(`/v2/service_instances/${guid}`)).body.error_code).toBe('CF-SharedServiceInstanceNotDeletableInTargetSpace');
    expect((await dev.put(`/v2/service_instances/${guid}`, { name: 'x' })).body.error_code).toBe('CF-SharedServiceInstanceCannotBeRenamed');
    const refused = await dev.delete(`/v2/service_instances/${guid}`);
    expect([refused.status, refused.body.error_code]).toEqual([422, 'CF-ServiceInstanceDeletionSharesExists']);
    expect((await dev.delete(`/v2/service_instances/${guid}?recursive=true`)).status).toBe(204);
    expect((await dev.get(`/v3/service_instances/${guid}`)).status).toBe(404);
  });

  it('deleting through v3 makes v2 answer 404, and through v2 makes v3 answer 404', async () => {
    const a = await v2Create('delete-in-v3');
    expect((await dev.delete(`/v3/service_instances/${a}`)).status).toBe(202);
    await t.settle();
    expect((await dev.get(`/v2/service_instances/${a}`)).body.error_code).toBe('CF-ServiceInstanceNotFound');
    const b = await v2Create('delete-in-v2');
    expect((await dev.delete(`/v2/service_instances/${b}`)).status).toBe(204);
    expect((await dev.get(`/v3/service_instances/${b}`)).status).toBe(404);
  });
});
