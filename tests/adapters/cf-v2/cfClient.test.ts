// cf-client (npm), a real v2 client: it sends JSON bodies as application/x-www-form-urlencoded and asserts exact statuses.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { factories } from '../../helpers/factories';
import { startTestGateway, type TestGateway } from '../../helpers/testGateway';

interface Page<E> {
  total_results: number;
  resources: { metadata: { guid: string }; entity: E }[];
}
interface Api {
  setToken(token: { token_type: string; access_token: string }): void;
}
// cf-client ships no type declarations
const cf = require('cf-client') as {
  ServicePlans: new (api: string) => Api & { getServicePlans(filter?: unknown): Promise<Page<{ name: string; service_guid: string }>> };
  ServiceInstances: new (api: string) => Api & {
    getInstances(filter?: unknown): Promise<Page<{ name: string }>>;
    create(options: unknown): Promise<{ metadata: { guid: string }; entity: { name: string } }>;
    update(guid: string, options: unknown): Promise<{ entity: { name: string } }>;
    remove(guid: string): Promise<unknown>;
  };
};

let t: TestGateway;
let server: Server;
let api: string;

beforeAll(async () => {
  t = await startTestGateway();
  server = createServer(t.gateway.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

describe('cf-client against /v2', () => {
  it('lists plans, creates an instance, finds it by name, renames it and deletes it', async () => {
    const space = (await factories(t).space()).guid;
    const token = { token_type: 'bearer', access_token: t.admin.token };
    const plans = new cf.ServicePlans(api);
    plans.setToken(token);
    const instances = new cf.ServiceInstances(api);
    instances.setToken(token);

    const planList = await plans.getServicePlans();
    const small = planList.resources.find((p) => p.entity.name === 'small')!;
    expect(small).toBeDefined();

    const created = await instances.create({ name: 'cf-client-db', space_guid: space, service_plan_guid: small.metadata.guid });
    expect(created.entity.name).toBe('cf-client-db');
    const guid = created.metadata.guid;

    const found = await instances.getInstances({ q: 'name:cf-client-db' });
    expect(found.resources.map((r) => r.metadata.guid)).toEqual([guid]);

    const renamed = await instances.update(guid, { name: 'cf-client-db-2' });
    expect(renamed.entity.name).toBe('cf-client-db-2');
    expect((await instances.getInstances({ q: 'name:cf-client-db-2' })).total_results).toBe(1);

    await instances.remove(guid);
    expect((await instances.getInstances({ q: 'name:cf-client-db-2' })).total_results).toBe(0);
  });
});
