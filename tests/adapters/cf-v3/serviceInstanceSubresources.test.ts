// GET /v3/service_instances/:guid/credentials, /parameters and /permissions (contract §2.7 to §2.9).
import { SCOPES } from '../../../src/core/actor';
import { factories, DEFAULT_PLANS } from '../../helpers/factories';
import { expectCfError, expectForbidden, expectNotFound, expectUnauthenticated } from '../../helpers/expectations';
import { BASE, startTestGateway, useGateway, type Client } from '../../helpers/testGateway';

const t = useGateway();
const f = factories(t);
let org: { guid: string };
let S: { guid: string };
let T: { guid: string };
let managed: { guid: string; name: string };
let ups: { guid: string; name: string };
const users: Record<string, Client> = {};

const SI = (guid: string) => `/v3/service_instances/${guid}`;
const NOT_SUPPORTED = ['CF-ServiceFetchInstanceParametersNotSupported', 120004, 'This service does not support fetching service instance parameters.'] as const;

beforeAll(async () => {
  org = await f.org('sub-org');
  S = await f.space(org.guid, 'owner');
  T = await f.space(org.guid, 'target');
  const res = await t.admin.post('/v3/service_instances', {
    type: 'managed',
    name: 'pg',
    parameters: { size: 'small', replicas: 2 },
    relationships: { space: { data: { guid: S.guid } }, service_plan: { data: { guid: DEFAULT_PLANS.shareable } } },
  });
  expect(res.status).toBe(202);
  await t.settle();
  managed = (await t.admin.get(`/v3/service_instances?names=pg`)).body.resources[0];
  ups = await f.userProvidedInstance(S.guid, 'creds', { credentials: { user: 'u', password: 'p' } });
  users.admin = t.admin;
  users.adminReadOnly = await t.as('sub-admin-read-only', { scopes: [SCOPES.read, SCOPES.adminReadOnly] });
  users.globalAuditor = await t.as('sub-global-auditor', { scopes: [SCOPES.read, SCOPES.globalAuditor] });
  for (const [name, type, guid] of [
    ['spaceDeveloper', 'space_developer', S.guid],
    ['spaceManager', 'space_manager', S.guid],
    ['spaceAuditor', 'space_auditor', S.guid],
    ['spaceSupporter', 'space_supporter', S.guid],
    ['orgManager', 'organization_manager', org.guid],
    ['orgAuditor', 'organization_auditor', org.guid],
    ['orgBillingManager', 'organization_billing_manager', org.guid],
    ['targetDeveloper', 'space_developer', T.guid],
  ] as const) {
    users[name] = await t.as(`sub-${name}`);
    await f.role(users[name]!, type, guid);
  }
  users.noRole = await t.as('sub-no-role');
  await users.noRole.get('/v3/organizations');
  expect((await t.admin.post(`${SI(managed.guid)}/relationships/shared_spaces`, { data: [{ guid: T.guid }] })).status).toBe(200);
});

describe('GET /v3/service_instances/:guid/permissions', () => {
  it.each([
    ['admin', true, true],
    ['spaceDeveloper', true, true],
    ['adminReadOnly', false, true],
    ['globalAuditor', false, true],
    ['orgManager', false, true],
    ['spaceManager', false, true],
    ['spaceAuditor', false, true],
    ['spaceSupporter', false, true],
    ['targetDeveloper', false, true],
    ['orgAuditor', false, false],
    ['orgBillingManager', false, false],
    ['noRole', false, false],
  ])('GET .../permissions as %s is 200 {"manage":%s,"read":%s}', async (name, manage, read) => {
    const res = await users[name]!.get(`${SI(managed.guid)}/permissions`);
    expect(res.status).toBe(200);
    expect(res.text).toBe(JSON.stringify({ manage, read }));
  });

  it('GET .../permissions of an unknown guid is 404 for every role; without a token 401', async () => {
    for (const name of ['admin', 'spaceDeveloper', 'noRole']) expectNotFound(await users[name]!.get(`${SI('no-such-instance')}/permissions`));
    expectUnauthenticated(await t.anonymous.get(`${SI(managed.guid)}/permissions`));
  });

  it('GET .../permissions of a user-provided instance follows the same rules', async () => {
    expect((await users.spaceDeveloper!.get(`${SI(ups.guid)}/permissions`)).body).toEqual({ manage: true, read: true });
    expect((await users.spaceAuditor!.get(`${SI(ups.guid)}/permissions`)).body).toEqual({ manage: false, read: true });
  });

  it('GET .../permissions in a suspended organization: only an admin may manage', async () => {
    const suspended = await f.org();
    const space = await f.space(suspended.guid);
    const si = await f.userProvidedInstance(space.guid);
    const dev = await t.as('sub-suspended-dev');
    await f.role(dev, 'space_developer', space.guid);
    expect((await t.admin.patch(`/v3/organizations/${suspended.guid}`, { suspended: true })).status).toBe(200);
    expect((await dev.get(`${SI(si.guid)}/permissions`)).body).toEqual({ manage: false, read: true });
    expect((await t.admin.get(`${SI(si.guid)}/permissions`)).body).toEqual({ manage: true, read: true });
  });
});

describe('GET /v3/service_instances/:guid/credentials', () => {
  it.each([
    ['admin', 200],
    ['adminReadOnly', 200],
    ['spaceDeveloper', 200],
    ['globalAuditor', 403],
    ['orgManager', 403],
    ['spaceManager', 403],
    ['spaceAuditor', 403],
    ['spaceSupporter', 403],
    ['orgAuditor', 404],
    ['orgBillingManager', 404],
    ['noRole', 404],
  ])('GET .../credentials as %s is %i', async (name, status) => {
    const res = await users[name]!.get(`${SI(ups.guid)}/credentials`);
    if (status === 200) {
      expect(res.status).toBe(200);
      expect(res.text).toBe(JSON.stringify({ user: 'u', password: 'p' }));
    } else if (status === 403) expectForbidden(res);
    else expectNotFound(res);
  });

  it('GET .../credentials records audit.user_provided_service_instance.show', async () => {
    const si = await f.userProvidedInstance(S.guid, 'audited-creds', { credentials: { k: 'v' } });
    await users.spaceDeveloper!.get(`${SI(si.guid)}/credentials`);
    const events = await t.admin.get(`/v3/audit_events?target_guids=${si.guid}&types=audit.user_provided_service_instance.show`);
    expect(events.body.resources).toHaveLength(1);
    expect(events.body.resources[0]).toMatchObject({
      actor: { guid: users.spaceDeveloper!.guid, type: 'user' },
      target: { guid: si.guid, type: 'user_provided_service_instance', name: 'audited-creds' },
      space: { guid: S.guid },
      organization: { guid: org.guid },
    });
    expect(JSON.stringify(events.body.resources[0])).not.toContain('"v"');
  });

  it('GET .../credentials of an instance created without credentials is {}', async () => {
    const si = await f.userProvidedInstance(S.guid);
    const res = await users.spaceDeveloper!.get(`${SI(si.guid)}/credentials`);
    expect([res.status, res.text]).toEqual([200, '{}']);
  });

  it('GET .../credentials of a managed instance or an unknown guid is 404', async () => {
    expectNotFound(await t.admin.get(`${SI(managed.guid)}/credentials`));
    expectNotFound(await t.admin.get(`${SI('no-such-instance')}/credentials`));
  });
});

describe('GET /v3/service_instances/:guid/parameters', () => {
  it.each([['admin'], ['adminReadOnly'], ['globalAuditor'], ['spaceDeveloper'], ['spaceManager'], ['spaceAuditor'], ['spaceSupporter'], ['orgManager']])(
    'GET .../parameters as %s is 200 with the parameters',
    async (name) => {
      const res = await users[name]!.get(`${SI(managed.guid)}/parameters`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ size: 'small', replicas: 2 });
    },
  );

  it('GET .../parameters as a user who sees the instance only through a share is 403', async () => {
    expectForbidden(await users.targetDeveloper!.get(`${SI(managed.guid)}/parameters`));
  });

  it('GET .../parameters as an org auditor or a user without roles is 404', async () => {
    expectNotFound(await users.orgAuditor!.get(`${SI(managed.guid)}/parameters`));
    expectNotFound(await users.noRole!.get(`${SI(managed.guid)}/parameters`));
  });

  it('GET .../parameters of a managed instance created without parameters is {}', async () => {
    const si = await f.managedInstance(S.guid);
    const res = await t.admin.get(`${SI(si.guid)}/parameters`);
    expect([res.status, res.text]).toEqual([200, '{}']);
  });

  it('GET .../parameters of a user-provided instance or an offering without instances_retrievable is 400', async () => {
    expectCfError(await t.admin.get(`${SI(ups.guid)}/parameters`), 400, ...NOT_SUPPORTED);
    const redis = await f.managedInstance(S.guid, 'no-fetch', DEFAULT_PLANS.notShareable);
    expectCfError(await t.admin.get(`${SI(redis.guid)}/parameters`), 400, ...NOT_SUPPORTED);
  });

  it('GET .../parameters while the instance is being created is 409', async () => {
    const paused = await startTestGateway();
    try {
      paused.gateway.runner.stop();
      const space = await factories(paused).space();
      const res = await paused.admin.post('/v3/service_instances', {
        type: 'managed',
        name: 'creating',
        relationships: { space: { data: { guid: space.guid } }, service_plan: { data: { guid: DEFAULT_PLANS.shareable } } },
      });
      const job = await paused.admin.get(res.headers.location!.slice(BASE.length));
      const guid = job.body.links.service_instances.href.split('/').pop();
      expectCfError(
        await paused.admin.get(`${SI(guid)}/parameters`),
        409,
        'CF-AsyncServiceInstanceOperationInProgress',
        60016,
        'An operation for service instance creating is in progress.',
      );
    } finally {
      await paused.close();
    }
  });

  it('GET .../parameters of an unknown guid is 404', async () => {
    expectNotFound(await t.admin.get(`${SI('no-such-instance')}/parameters`));
  });
});
