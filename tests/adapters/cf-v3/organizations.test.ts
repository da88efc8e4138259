// /v3/organizations: create, list, get, update, delete.
import { factories } from '../../helpers/factories';
import { expectCfError, expectForbidden, expectNotFound, expectUnprocessable } from '../../helpers/expectations';
import { BASE, useGateway } from '../../helpers/testGateway';

const t = useGateway();
const f = factories(t);

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const QUOTA = 'e6c2a1f0-3b7d-4c8e-9a51-0d4f7b2e8c13'; // the core's default quota, the same in v2 and v3
const path = (res: { headers: Record<string, string> }) => res.headers.location!.slice(BASE.length);
const setFlag = (name: string, enabled: boolean) => t.admin.patch(`/v3/feature_flags/${name}`, { enabled });
const eventsOf = async (target: string) => ((await t.admin.get(`/v3/audit_events?target_guids=${target}`)).body.resources as { type: string; data: unknown }[]).map((e) => e.type);

describe('POST /v3/organizations', () => {
  it('POST /v3/organizations as admin is 201 with the organization object in CC key order', async () => {
    const res = await t.admin.post('/v3/organizations', { name: 'acme', metadata: { labels: { env: 'prod' }, annotations: { owner: 'ops' } } });
    expect(res.status).toBe(201);
    const o = res.body;
    expect(Object.keys(o)).toEqual(['guid', 'created_at', 'updated_at', 'name', 'suspended', 'relationships', 'metadata', 'links']);
    expect(o.guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(o.created_at).toMatch(TIME);
    expect(o.updated_at).toBe(o.created_at);
    expect(o).toMatchObject({
      name: 'acme',
      suspended: false,
      relationships: { quota: { data: { guid: QUOTA } } },
      metadata: { labels: { env: 'prod' }, annotations: { owner: 'ops' } },
    });
    expect(o.links).toEqual({
      self: { href: `${BASE}/v3/organizations/${o.guid}` },
      domains: { href: `${BASE}/v3/organizations/${o.guid}/domains` },
      default_domain: { href: `${BASE}/v3/organizations/${o.guid}/domains/default` },
      quota: { href: `${BASE}/v3/organization_quotas/${QUOTA}` },
    });
    expect((await t.admin.get(`/v3/organizations/${o.guid}`)).body).toEqual(o);
    expect(await eventsOf(o.guid)).toEqual(['audit.organization.create']);
  });

  it('POST /v3/organizations records the request body in audit.organization.create', async () => {
    const res = await t.admin.post('/v3/organizations', { name: 'audited-org' });
    const events = await t.admin.get(`/v3/audit_events?target_guids=${res.body.guid}`);
    expect(events.body.resources[0].data).toEqual({ request: { name: 'audited-org' } });
  });

  it('POST /v3/organizations with a taken name is 422 and creates nothing', async () => {
    await f.org('taken-org');
    expectUnprocessable(await t.admin.post('/v3/organizations', { name: 'taken-org' }), "Organization 'taken-org' already exists.");
    expect((await t.admin.get('/v3/organizations?names=taken-org')).body.pagination.total_results).toBe(1);
  });

  it.each([
    [{}, "Name must be a string, Name can't be blank"],
    [{ name: '' }, "Name can't be blank"],
    [{ name: 5 }, 'Name must be a string'],
    [{ name: 'x'.repeat(256) }, 'Name is too long (maximum is 255 characters)'],
    [{ name: 'ok', color: 'red' }, "Unknown field(s): 'color'"],
    [{ name: 'ok', suspended: 'yes' }, 'Suspended must be a boolean'],
    [{ name: 'ok', metadata: { labels: 'x' } }, 'Labels must be an object'],
  ])('POST /v3/organizations with %j is 422 "%s"', async (body, detail) => {
    expectUnprocessable(await t.admin.post('/v3/organizations', body), detail);
  });

  it('POST /v3/organizations by a non-admin while user_org_creation is disabled is 403 CF-NotAuthorized', async () => {
    const user = await t.as('org-creator-denied');
    expectForbidden(await user.post('/v3/organizations', { name: 'not-allowed' }));
    expectForbidden(await user.post('/v3/organizations', { name: 'not-allowed', bogus: true }));
    expect((await t.admin.get('/v3/organizations?names=not-allowed')).body.pagination.total_results).toBe(0);
  });

  it('POST /v3/organizations by a non-admin with user_org_creation enabled makes the creator its user and manager', async () => {
    await setFlag('user_org_creation', true);
    try {
      const user = await t.as('org-creator');
      const res = await user.post('/v3/organizations', { name: 'self-made' });
      expect(res.status).toBe(201);
      const roles = await t.admin.get(`/v3/roles?user_guids=${user.guid}&organization_guids=${res.body.guid}`);
      expect(roles.body.resources.map((r: { type: string }) => r.type).sort()).toEqual(['organization_manager', 'organization_user']);
      expect((await user.get(`/v3/organizations/${res.body.guid}`)).status).toBe(200);
    } finally {
      await setFlag('user_org_creation', false);
    }
  });
});

describe('GET /v3/organizations', () => {
  let guids: string[];
  beforeAll(async () => {
    guids = [];
    for (const [name, env] of [
      ['list-c', 'prod'],
      ['list-a', 'dev'],
      ['list-b', 'prod'],
    ]) {
      guids.push((await t.admin.post('/v3/organizations', { name, metadata: { labels: { env: env!, listed: 'yes' } } })).body.guid);
    }
  });

  it('GET /v3/organizations?names= filters by name and keeps creation order', async () => {
    const res = await t.admin.get('/v3/organizations?names=list-b,list-c');
    expect(res.body.resources.map((o: { name: string }) => o.name)).toEqual(['list-c', 'list-b']);
    expect(res.body.pagination.first.href).toBe(`${BASE}/v3/organizations?names=list-b%2Clist-c&page=1&per_page=50`);
  });

  it('GET /v3/organizations?label_selector= filters by label', async () => {
    const res = await t.admin.get('/v3/organizations?label_selector=listed=yes,env!=dev');
    expect(res.body.resources.map((o: { name: string }) => o.name)).toEqual(['list-c', 'list-b']);
    const set = await t.admin.get('/v3/organizations?label_selector=env in (dev,qa)');
    expect(set.body.resources.map((o: { name: string }) => o.name)).toEqual(['list-a']);
  });

  it('GET /v3/organizations?order_by=-name&per_page=2 pages in reverse name order', async () => {
    const res = await t.admin.get('/v3/organizations?label_selector=listed&order_by=-name&per_page=2');
    expect(res.body.resources.map((o: { name: string }) => o.name)).toEqual(['list-c', 'list-b']);
    expect(res.body.pagination).toEqual({
      total_results: 3,
      total_pages: 2,
      first: { href: `${BASE}/v3/organizations?label_selector=listed&order_by=-name&page=1&per_page=2` },
      last: { href: `${BASE}/v3/organizations?label_selector=listed&order_by=-name&page=2&per_page=2` },
      next: { href: `${BASE}/v3/organizations?label_selector=listed&order_by=-name&page=2&per_page=2` },
      previous: null,
    });
    const second = await t.admin.get(res.body.pagination.next.href.slice(BASE.length));
    expect(second.body.resources.map((o: { name: string }) => o.name)).toEqual(['list-a']);
  });

  it('GET /v3/organizations?guids= filters by guid', async () => {
    const res = await t.admin.get(`/v3/organizations?guids=${guids[1]}`);
    expect(res.body.resources.map((o: { guid: string }) => o.guid)).toEqual([guids[1]]);
  });

  it.each([
    ['page=0', 'Page must be a positive integer'],
    ['per_page=5001', 'Per page must be between 1 and 5000'],
    ['order_by=size', "Order by can only be: 'created_at', 'updated_at', 'name'"],
    ['flavour=x', "Unknown query parameter(s): 'flavour'. Valid parameters are: 'page', 'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids', 'names', 'label_selector'"],
  ])('GET /v3/organizations?%s is 400 CF-BadQueryParameter', async (query, message) => {
    expectCfError(await t.admin.get(`/v3/organizations?${query}`), 400, 'CF-BadQueryParameter', 10005, `The query parameter is invalid: ${message}`);
  });

  it('GET /v3/organizations shows a user only the organizations where it has a role', async () => {
    const member = await t.as('org-member');
    const org = await f.org();
    await f.org();
    await f.role(member, 'organization_auditor', org.guid);
    const res = await member.get('/v3/organizations');
    expect(res.body.resources.map((o: { guid: string }) => o.guid)).toEqual([org.guid]);
  });

  it('GET /v3/organizations shows the organization of a space role', async () => {
    const dev = await t.as('org-via-space');
    const org = await f.org();
    const space = await f.space(org.guid);
    await f.role(dev, 'space_developer', space.guid);
    const res = await dev.get('/v3/organizations');
    expect(res.body.resources.map((o: { guid: string }) => o.guid)).toEqual([org.guid]);
  });
});

describe('GET /v3/organizations/:guid', () => {
  it('GET /v3/organizations/:guid of an unknown or invisible organization is 404 Organization not found', async () => {
    expectNotFound(await t.admin.get('/v3/organizations/does-not-exist'), 'Organization not found');
    const org = await f.org();
    const stranger = await t.as('org-stranger');
    expectNotFound(await stranger.get(`/v3/organizations/${org.guid}`), 'Organization not found');
  });
});

describe('PATCH /v3/organizations/:guid', () => {
  it('PATCH /v3/organizations/:guid renames, merges metadata and records audit.organization.update', async () => {
    const org = (await t.admin.post('/v3/organizations', { name: 'before-rename', metadata: { labels: { a: '1', b: '2' } } })).body;
    const res = await t.admin.patch(`/v3/organizations/${org.guid}`, { name: 'after-rename', metadata: { labels: { a: null, c: '3' } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ guid: org.guid, name: 'after-rename', metadata: { labels: { b: '2', c: '3' }, annotations: {} } });
    expect(await eventsOf(org.guid)).toEqual(['audit.organization.create', 'audit.organization.update']);
  });

  it('PATCH /v3/organizations/:guid by an org manager is 200; by an org auditor 403; by a stranger 404', async () => {
    const org = await f.org();
    const manager = await t.as('org-patch-manager');
    const auditor = await t.as('org-patch-auditor');
    await f.role(manager, 'organization_manager', org.guid);
    await f.role(auditor, 'organization_auditor', org.guid);
    expect((await manager.patch(`/v3/organizations/${org.guid}`, { name: `${org.name}-m` })).status).toBe(200);
    expectForbidden(await auditor.patch(`/v3/organizations/${org.guid}`, { name: 'nope' }));
    expectForbidden(await auditor.patch(`/v3/organizations/${org.guid}`, { name: ['not', 'a', 'string'] }));
    expectNotFound(await (await t.as('org-patch-stranger')).patch(`/v3/organizations/${org.guid}`, { name: 'nope' }), 'Organization not found');
    expect((await t.admin.get(`/v3/organizations/${org.guid}`)).body.name).toBe(`${org.name}-m`);
  });

  it('PATCH /v3/organizations/:guid to a taken name is 422 and changes nothing', async () => {
    const a = await f.org('rename-a');
    await f.org('rename-b');
    expectUnprocessable(await t.admin.patch(`/v3/organizations/${a.guid}`, { name: 'rename-b' }), "Organization name 'rename-b' is already taken.");
    expect((await t.admin.get(`/v3/organizations/${a.guid}`)).body.name).toBe('rename-a');
  });

  it('PATCH /v3/organizations/:guid of an unknown guid is 404', async () => {
    expectNotFound(await t.admin.patch('/v3/organizations/nope', { name: 'x' }), 'Organization not found');
  });

  it('PATCH /v3/organizations/:guid with an unknown field is 422', async () => {
    const org = await f.org();
    expectUnprocessable(await t.admin.patch(`/v3/organizations/${org.guid}`, { quota: 'big' }), "Unknown field(s): 'quota'");
  });
});

describe('DELETE /v3/organizations/:guid', () => {
  it('DELETE /v3/organizations/:guid is 202 with a job organization.delete that removes the org, its spaces and instances', async () => {
    const org = await f.org();
    const space = await f.space(org.guid);
    const ups = await f.userProvidedInstance(space.guid);
    const res = await t.admin.delete(`/v3/organizations/${org.guid}`);
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    expect(res.headers.location).toMatch(new RegExp(`^${BASE}/v3/jobs/[0-9a-f-]{36}$`));
    await t.settle();
    const job = await t.admin.get(path(res));
    expect(job.body).toMatchObject({ operation: 'organization.delete', state: 'COMPLETE', errors: [], warnings: [] });
    expectNotFound(await t.admin.get(`/v3/organizations/${org.guid}`), 'Organization not found');
    expectNotFound(await t.admin.get(`/v3/spaces/${space.guid}`), 'Space not found');
    expectNotFound(await t.admin.get(`/v3/service_instances/${ups.guid}`));
    expect(await eventsOf(org.guid)).toContain('audit.organization.delete-request');
  });

  it('DELETE /v3/organizations/:guid by an org manager is 403 and deletes nothing', async () => {
    const org = await f.org();
    const manager = await t.as('org-delete-manager');
    await f.role(manager, 'organization_manager', org.guid);
    expectForbidden(await manager.delete(`/v3/organizations/${org.guid}`));
    await t.settle();
    expect((await t.admin.get(`/v3/organizations/${org.guid}`)).status).toBe(200);
  });

  it('DELETE /v3/organizations/:guid of an unknown guid is 404', async () => {
    expectNotFound(await t.admin.delete('/v3/organizations/nope'), 'Organization not found');
  });
});
