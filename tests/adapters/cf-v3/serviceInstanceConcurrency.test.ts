// Concurrent PATCH /v3/service_instances/:guid: each request is checked against, and writes over, the instance as
// the previous one left it, so no change is silently lost; a PATCH that meets another's operation gets CC's 409.
//
// The store answers every read a turn of the event loop later, as a networked database (PostgreSQL) does, so that
// concurrent requests really interleave (the SQLite driver alone answers at once).
import type { Store } from '../../../src/core/store';
import { factories } from '../../helpers/factories';
import { expectCfError } from '../../helpers/expectations';
import { startTestGateway, type TestGateway } from '../../helpers/testGateway';

let t: TestGateway;
let f: ReturnType<typeof factories>;
let space: { guid: string };

const SI = (guid: string) => `/v3/service_instances/${guid}`;
const N = 8;
const keys = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** The same store, each call answered on a later turn of the event loop. */
function withLatency<S extends object>(store: S): S {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const call = (...args: unknown[]) => new Promise((r) => setImmediate(r)).then(() => (value as (...a: unknown[]) => unknown).apply(target, args));
      if (name === 'transaction') return (work: (tx: object) => Promise<unknown>) => call((tx: object) => work(withLatency(tx)));
      return call;
    },
  });
}

beforeAll(async () => {
  t = await startTestGateway({}, { wrapStore: (store) => withLatency<Store>(store) });
  f = factories(t);
  space = await f.space();
});
afterAll(() => t.close());

describe('concurrent PATCH /v3/service_instances/:guid', () => {
  it('PATCH /v3/service_instances/:guid x8 at once on a user-provided instance: all 200 and every label is kept', async () => {
    const { guid } = await f.userProvidedInstance(space.guid);
    const responses = await Promise.all(keys(N, 'k').map((k) => t.admin.patch(SI(guid), { tags: [k], metadata: { labels: { [k]: 'set' } } })));
    expect(responses.map((r) => r.status)).toEqual(Array(N).fill(200));
    const final = await t.admin.get(SI(guid));
    expect(Object.keys(final.body.metadata.labels).sort()).toEqual(keys(N, 'k').sort());
    // the last writer's tags won, and that writer saw every label written before it
    const last = responses.find((r) => Object.keys(r.body.metadata.labels).length === N);
    expect(last?.body.tags).toEqual(final.body.tags);
  });

  it('PATCH /v3/service_instances/:guid x8 at once with parameters on a managed instance: each is 202 or the 409 lock error, none lost', async () => {
    const instance = await f.managedInstance(space.guid);
    const responses = await Promise.all(keys(N, 'p').map((k, i) => t.admin.patch(SI(instance.guid), { parameters: { n: i }, metadata: { labels: { [k]: 'set' } } })));
    const applied = keys(N, 'p').filter((_, i) => responses[i]!.status === 202);
    expect(applied.length).toBeGreaterThanOrEqual(1);
    responses.forEach((res) => {
      if (res.status !== 202) expectCfError(res, 409, 'CF-AsyncServiceInstanceOperationInProgress', 60016, `An operation for service instance ${instance.name} is in progress.`);
    });
    await t.settle();
    const final = await t.admin.get(SI(instance.guid));
    // every accepted change is there, every refused one is not
    expect(Object.keys(final.body.metadata.labels).sort()).toEqual(applied.sort());
    expect(final.body.last_operation).toMatchObject({ type: 'update', state: 'succeeded' });
    const events = await t.admin.get(`/v3/audit_events?target_guids=${instance.guid}&types=audit.service_instance.start_update&per_page=100`);
    expect(events.body.pagination.total_results).toBe(applied.length);
  });

  it('PATCH /v3/service_instances/:guid renames racing each other on one name: one 200, the rest 422 name taken', async () => {
    const a = await f.userProvidedInstance(space.guid);
    const b = await f.userProvidedInstance(space.guid);
    const [ra, rb] = await Promise.all([t.admin.patch(SI(a.guid), { name: 'race-name' }), t.admin.patch(SI(b.guid), { name: 'race-name' })]);
    expect([ra.status, rb.status].sort()).toEqual([200, 422]);
    const list = await t.admin.get(`/v3/service_instances?names=race-name&space_guids=${space.guid}`);
    expect(list.body.pagination.total_results).toBe(1);
  });
});
