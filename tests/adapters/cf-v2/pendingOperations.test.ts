// Instances whose operation is still queued (the runner held back), and plans a caller may not use.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PLANS, factories } from '../../helpers/factories';
import { startTestGateway, type Client, type TestGateway } from '../../helpers/testGateway';

let t: TestGateway;
let dev: Client;
let space: string;
const PRIVATE_PLAN = '9f0e1d2c-3b4a-4596-8877-665544332211';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'v2-catalog-'));
  const catalog = join(dir, 'catalog.json');
  writeFileSync(
    catalog,
    JSON.stringify({
      broker: { id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'test-broker' },
      services: [
        {
          id: '1c9d3a2e-5b6f-4e7a-8c9d-0a1b2c3d4e5f',
          name: 'postgres',
          description: 'p',
          bindable: true,
          plans: [
            { id: DEFAULT_PLANS.shareable, name: 'small', description: 's', free: true },
            { id: PRIVATE_PLAN, name: 'private', description: 'hidden', free: true, public: false },
          ],
        },
      ],
    }),
  );
  t = await startTestGateway({ CATALOG_FILE: catalog });
  space = (await factories(t).space()).guid;
  dev = await t.as('pending-dev');
  await factories(t).role(dev, 'space_developer', space);
});
afterAll(() => t.close());

const err = (res: { status: number; body: Record<string, unknown> }) => [res.status, res.body.error_code, res.body.code];

describe('a plan the caller may not use', () => {
  it('POST /v2/service_instances with a non-public plan is 403 NotAuthorized', async () => {
    const res = await dev.post('/v2/service_instances', { name: 'private-one', space_guid: space, service_plan_guid: PRIVATE_PLAN });
    expect(err(res)).toEqual([403, 'CF-NotAuthorized', 10003]);
    expect(res.body.description).toBe('You are not authorized to perform the requested action');
  });
});

describe('GET /v2/quota_definitions', () => {
  it('lists the one default quota; space quotas are none', async () => {
    const res = await dev.get('/v2/quota_definitions');
    expect(res.body.total_results).toBe(1);
    expect(res.body.resources[0].entity).toMatchObject({ name: 'default', total_services: -1 });
    expect((await dev.get(`/v2/quota_definitions/${res.body.resources[0].metadata.guid}`)).status).toBe(200);
    expect(err(await dev.get('/v2/quota_definitions/nope'))).toEqual([404, 'CF-QuotaDefinitionNotFound', 240001]);
    expect((await dev.get('/v2/quota_definitions?q=name:other')).body.total_results).toBe(0);
    expect((await dev.get('/v2/space_quota_definitions')).body.total_results).toBe(0);
    expect(err(await dev.get('/v2/space_quota_definitions/nope'))).toEqual([404, 'CF-SpaceQuotaDefinitionNotFound', 310007]);
  });
});

describe('operations in progress (the runner held back)', () => {
  beforeAll(() => t.gateway.runner.stop());

  it('accepts_incomplete create is 202 in progress; PUT then is 409; DELETE 409; the job finishes when run', async () => {
    const created = await dev.post('/v2/service_instances?accepts_incomplete=true', { name: 'slow', space_guid: space, service_plan_guid: DEFAULT_PLANS.shareable });
    expect(created.status).toBe(202);
    expect(created.body.entity.last_operation).toMatchObject({ type: 'create', state: 'in progress' });
    const guid = created.body.metadata.guid;
    const put = await dev.put(`/v2/service_instances/${guid}`, { name: 'slow-2' });
    expect(err(put)).toEqual([409, 'CF-AsyncServiceInstanceOperationInProgress', 60016]);
    expect(put.body.description).toBe('An operation for service instance slow is in progress.');
    expect(err(await dev.delete(`/v2/service_instances/${guid}`))).toEqual([409, 'CF-AsyncServiceInstanceOperationInProgress', 60016]);
    await t.gateway.core.runDueOperations();
    expect((await dev.get(`/v2/service_instances/${guid}`)).body.entity.last_operation.state).toBe('succeeded');
  });

  it('DELETE ?async=true gives a queued job that finishes when run', async () => {
    const guid = (await dev.post('/v2/service_instances', { name: 'queued-delete', space_guid: space, service_plan_guid: DEFAULT_PLANS.shareable })).body.metadata.guid;
    const res = await dev.delete(`/v2/service_instances/${guid}?async=true`);
    const job = res.body.metadata.guid;
    expect((await dev.get(`/v2/jobs/${job}`)).body.entity.status).toBe('queued');
    await t.gateway.core.runDueOperations();
    expect((await dev.get(`/v2/jobs/${job}`)).body.entity).toEqual({ guid: job, status: 'finished' });
    expect(err(await dev.get(`/v2/service_instances/${guid}`))).toEqual([404, 'CF-ServiceInstanceNotFound', 60004]);
  });
});
