// Builds orgs, spaces, users, roles and instances through the v3 API as admin, creating missing parents.
import type { Client, TestGateway } from './testGateway';

export const DEFAULT_PLANS = {
  shareable: '2a8b4c6d-7e9f-4a1b-9c3d-5e7f9a1b3c5d', // postgres small
  shareableLarge: '3b9c5d7e-8f0a-4b2c-8d4e-6f8a0b2c4d6e',
  notShareable: '5d1e7f9a-0b2c-4d4e-8f6a-8b0c2d4e6f8a', // redis cache-small
};

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}`;

function expectStatus(res: { status: number; body: unknown }, status: number, what: string) {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
}

/** Works on a gateway from useGateway() before it has started: the admin client is looked up at each call. */
export function factories(t: Pick<TestGateway, 'admin' | 'settle'>) {
  const f = {
    async org(name = unique('org')) {
      const res = await t.admin.post('/v3/organizations', { name });
      expectStatus(res, 201, 'create org');
      return res.body as { guid: string; name: string };
    },
    async space(orgGuid?: string, name = unique('space')) {
      const org = orgGuid ?? (await f.org()).guid;
      const res = await t.admin.post('/v3/spaces', { name, relationships: { organization: { data: { guid: org } } } });
      expectStatus(res, 201, 'create space');
      return res.body as { guid: string; name: string; relationships: { organization: { data: { guid: string } } } };
    },
    /** Gives a user a role; space roles also make the user an org user first. */
    async role(client: Client, type: string, resourceGuid: string) {
      await client.get('/v3/organizations'); // the user row exists once the user has called us
      if (type.startsWith('space_')) {
        const space = await t.admin.get(`/v3/spaces/${resourceGuid}`);
        const org = space.body.relationships.organization.data.guid as string;
        const existing = await t.admin.get(`/v3/roles?types=organization_user&user_guids=${client.guid}&organization_guids=${org}`);
        if (existing.body.pagination.total_results === 0) await f.role(client, 'organization_user', org);
      }
      const rel = type.startsWith('space_') ? 'space' : 'organization';
      const res = await t.admin.post('/v3/roles', { type, relationships: { user: { data: { guid: client.guid } }, [rel]: { data: { guid: resourceGuid } } } });
      expectStatus(res, 201, `create role ${type}`);
      return res.body as { guid: string };
    },
    async managedInstance(spaceGuid: string, name = unique('si'), plan = DEFAULT_PLANS.shareable, as: Client = t.admin) {
      const res = await as.post('/v3/service_instances', {
        type: 'managed',
        name,
        relationships: { space: { data: { guid: spaceGuid } }, service_plan: { data: { guid: plan } } },
      });
      expectStatus(res, 202, 'create managed instance');
      await t.settle();
      const list = await t.admin.get(`/v3/service_instances?names=${name}&space_guids=${spaceGuid}`);
      return list.body.resources[0] as { guid: string; name: string };
    },
    async userProvidedInstance(spaceGuid: string, name = unique('ups'), extra: Record<string, unknown> = {}) {
      const res = await t.admin.post('/v3/service_instances', { type: 'user-provided', name, relationships: { space: { data: { guid: spaceGuid } } }, ...extra });
      expectStatus(res, 201, 'create user-provided instance');
      return res.body as { guid: string; name: string };
    },
  };
  return f;
}
