// /v2/organizations: create, list with q and order-by, read, rename, delete (recursive, async), and its spaces.
import { DEFAULT_QUOTA_GUID } from '../../../src/core/quotas';
import { startTestGateway, type TestGateway } from '../../helpers/testGateway';
import { expectNotAuthorized, expectV2Error, unique, v2People } from './spacesSetup';

let t: TestGateway;
let p: ReturnType<typeof v2People>;
beforeAll(async () => {
  t = await startTestGateway();
  p = v2People(t);
});
afterAll(() => t.close());

const MISSING = '00000000-0000-4000-8000-0000000000ff';

describe('POST /v2/organizations', () => {
  it('POST /v2/organizations {"name"} answers 201 with Location and CC\'s entity', async () => {
    const name = unique('org');
    const res = await t.admin.post('/v2/organizations', { name });
    expect(res.status).toBe(201);
    const guid = res.body.metadata.guid;
    const url = `/v2/organizations/${guid}`;
    expect(res.headers.location).toBe(url);
    expect(res.body.metadata).toEqual({ guid, url, created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), updated_at: expect.stringMatching(/Z$/) });
    expect(res.body.entity).toEqual({
      name,
      billing_enabled: false,
      quota_definition_guid: DEFAULT_QUOTA_GUID,
      status: 'active',
      default_isolation_segment_guid: null,
      quota_definition_url: `/v2/quota_definitions/${DEFAULT_QUOTA_GUID}`,
      spaces_url: `${url}/spaces`,
      domains_url: `${url}/domains`,
      private_domains_url: `${url}/private_domains`,
      users_url: `${url}/users`,
      managers_url: `${url}/managers`,
      billing_managers_url: `${url}/billing_managers`,
      auditors_url: `${url}/auditors`,
      app_events_url: `${url}/app_events`,
      space_quota_definitions_url: `${url}/space_quota_definitions`,
    });
    expect(Object.keys(res.body.entity)).toEqual([
      'name',
      'billing_enabled',
      'quota_definition_guid',
      'status',
      'default_isolation_segment_guid',
      'quota_definition_url',
      'spaces_url',
      'domains_url',
      'private_domains_url',
      'users_url',
      'managers_url',
      'billing_managers_url',
      'auditors_url',
      'app_events_url',
      'space_quota_definitions_url',
    ]);
    expect((await t.admin.get(`/v3/organizations/${guid}`)).body.name).toBe(name);
  });

  it('POST /v2/organizations with user_guids and manager_guids grants those roles, each audited', async () => {
    const u = await p.user();
    const res = await t.admin.post('/v2/organizations', { name: unique('org'), user_guids: [u.guid, 'new-app-client'], manager_guids: [u.guid] });
    expect(res.status).toBe(201);
    const guid = res.body.metadata.guid;
    expect(await p.guidsOf(`/v2/organizations/${guid}/users`)).toEqual([u.guid, 'new-app-client']);
    expect(await p.guidsOf(`/v2/organizations/${guid}/managers`)).toEqual([u.guid]);
    const events = await t.admin.get(`/v3/audit_events?target_guids=${u.guid}&organization_guids=${guid}`);
    expect(events.body.resources.map((e: { type: string }) => e.type)).toEqual(['audit.user.organization_user_add', 'audit.user.organization_manager_add']);
  });

  it('POST /v2/organizations with a taken name is 400 CF-OrganizationNameTaken', async () => {
    const org = await p.org();
    expectV2Error(await t.admin.post('/v2/organizations', { name: org.name }), 400, 'CF-OrganizationNameTaken', 30002, `The organization name is taken: ${org.name}`);
  });

  it.each([
    ['no name', {}, 'CF-MessageParseError', 1001, 'Request invalid due to parse error: Field: name, Error: Missing field name'],
    [
      'a number as name',
      { name: 7 },
      'CF-MessageParseError',
      1001,
      'Request invalid due to parse error: Field: name, Error: Expected instance of String, given an instance of Integer',
    ],
    ['a blank name', { name: '  ' }, 'CF-OrganizationInvalid', 30001, 'The organization info is invalid: name presence'],
    ['an unknown status', { name: 'x-status', status: 'paused' }, 'CF-OrganizationInvalid', 30001, 'The organization info is invalid: status is invalid'],
  ])('POST /v2/organizations with %s is 400 and creates nothing', async (_what, body, errorCode, code, description) => {
    const before = (await t.admin.get('/v2/organizations')).body.total_results;
    expectV2Error(await t.admin.post('/v2/organizations', body), 400, errorCode, code, description);
    expect((await t.admin.get('/v2/organizations')).body.total_results).toBe(before);
  });

  it('POST /v2/organizations with an empty body is 400 CF-MessageParseError', async () => {
    const res = await t.admin.post('/v2/organizations').set('Content-Type', 'application/json').send('');
    expect(res.status).toBe(400);
    expect(res.body.error_code).toBe('CF-MessageParseError');
  });

  it('POST /v2/organizations with the default quota_definition_guid is 201; an unknown one 400 CF-InvalidRelation', async () => {
    const res = await t.admin.post('/v2/organizations', { name: unique('org'), quota_definition_guid: DEFAULT_QUOTA_GUID });
    expect(res.status).toBe(201);
    expect((await t.admin.get(res.body.entity.quota_definition_url)).status).toBe(200);
    expectV2Error(
      await t.admin.post('/v2/organizations', { name: unique('org'), quota_definition_guid: 'nope' }),
      400,
      'CF-InvalidRelation',
      1002,
      'Could not find QuotaDefinition with guid: nope',
    );
  });

  it('every *_url of an organization entity answers 200; space quotas and domains are empty lists', async () => {
    const org = await p.org();
    const entity = (await t.admin.get(`/v2/organizations/${org.guid}`)).body.entity as Record<string, unknown>;
    const urls = Object.entries(entity)
      .filter(([k]) => k.endsWith('_url'))
      .map(([, v]) => v as string);
    expect(urls).toHaveLength(10);
    for (const url of urls) expect([url, (await t.admin.get(url)).status]).toEqual([url, 200]);
    const res = await t.admin.get(`/v2/organizations/${org.guid}/space_quota_definitions`);
    expect(res.body).toEqual({ total_results: 0, total_pages: 1, prev_url: null, next_url: null, resources: [] });
  });

  it('POST /v2/organizations by a non-admin while user_org_creation is off is 403', async () => {
    const u = await p.user();
    expectNotAuthorized(await u.post('/v2/organizations', { name: unique('org') }));
  });

  it('POST /v2/organizations by a non-admin with user_org_creation on makes them its user and manager', async () => {
    const u = await p.user();
    await t.admin.patch('/v3/feature_flags/user_org_creation', { enabled: true });
    try {
      const res = await u.post('/v2/organizations', { name: unique('org') });
      expect(res.status).toBe(201);
      const guid = res.body.metadata.guid;
      expect(await p.guidsOf(`/v2/organizations/${guid}/users`)).toEqual([u.guid]);
      expect(await p.guidsOf(`/v2/organizations/${guid}/managers`)).toEqual([u.guid]);
    } finally {
      await t.admin.patch('/v3/feature_flags/user_org_creation', { enabled: false });
    }
  });
});

describe('GET /v2/organizations', () => {
  it('GET /v2/organizations?q=name:N&order-by=name (cf CLI) finds the organization', async () => {
    const org = await p.org();
    const res = await t.admin.get(`/v2/organizations?q=name%3A${org.name}&order-by=name`);
    expect(res.status).toBe(200);
    expect(res.body.resources.map((r: { metadata: { guid: string } }) => r.metadata.guid)).toEqual([org.guid]);
    expect(res.body.total_results).toBe(1);
  });

  it("GET /v2/organizations?q=name:N is case-insensitive, as CC's name column is (legacy cf CLI lower-cases names)", async () => {
    const name = unique('Mixed-Case-Org');
    const org = await p.org(name);
    expect(await p.guidsOf(`/v2/organizations?q=name%3A${name.toLowerCase()}&inline-relations-depth=1`)).toEqual([org.guid]);
  });

  it('a user sees only organizations they belong to', async () => {
    const [mine, other] = [await p.org(), await p.org()];
    const u = await p.user();
    await p.orgUser(mine.guid, u);
    expect(await p.guidsOf('/v2/organizations', u)).toEqual([mine.guid]);
    expect(await p.guidsOf(`/v2/organizations?q=name:${other.name}`, u)).toEqual([]);
  });

  it('q=user_guid / manager_guid / space_guid filter by membership', async () => {
    const [a, b] = [await p.org(), await p.org()];
    const u = await p.user();
    await p.orgUser(a.guid, u);
    expect((await t.admin.put(`/v2/organizations/${b.guid}/managers/${u.guid}`)).status).toBe(201);
    const space = await p.space(b.guid);
    expect(await p.guidsOf(`/v2/organizations?q=user_guid:${u.guid}`)).toEqual([a.guid]);
    expect(await p.guidsOf(`/v2/organizations?q=manager_guid:${u.guid}`)).toEqual([b.guid]);
    expect(await p.guidsOf(`/v2/organizations?q=space_guid:${space.guid}`)).toEqual([b.guid]);
    expect(await p.guidsOf(`/v2/organizations?q=auditor_guid:${u.guid}`)).toEqual([]);
  });

  it.each([
    ['q=bogus:1', 400, 'CF-BadQueryParameter', 10005, 'The query parameter is invalid: bogus'],
    ['results-per-page=101', 400, 'CF-BadQueryParameter', 10005, 'The query parameter is invalid: results_per_page must be <= 100'],
    ['order-by=created_at', 400, 'CF-OrderByParameterInvalid', 10012, 'Cannot order by: created_at'],
  ])('GET /v2/organizations?%s is %i %s', async (query, status, errorCode, code, description) => {
    expectV2Error(await t.admin.get(`/v2/organizations?${query}`), status, errorCode, code, description);
  });
});

describe('GET, PUT /v2/organizations/:guid', () => {
  it('GET /v2/organizations/:guid: 200 for a member, 403 for an outsider, 404 CF-OrganizationNotFound when missing', async () => {
    const org = await p.org();
    const [member, outsider] = [await p.user(), await p.user()];
    await p.orgUser(org.guid, member);
    expect((await member.get(`/v2/organizations/${org.guid}`)).body.entity.name).toBe(org.name);
    expectNotAuthorized(await outsider.get(`/v2/organizations/${org.guid}`));
    expectV2Error(await t.admin.get(`/v2/organizations/${MISSING}`), 404, 'CF-OrganizationNotFound', 30003, `The organization could not be found: ${MISSING}`);
  });

  it('PUT /v2/organizations/:guid {"name"} renames and answers 201', async () => {
    const org = await p.org();
    const name = unique('renamed');
    const res = await t.admin.put(`/v2/organizations/${org.guid}`, { name });
    expect(res.status).toBe(201);
    expect(res.body.entity.name).toBe(name);
    expect((await t.admin.get(`/v2/organizations/${org.guid}`)).body.entity.name).toBe(name);
  });

  it('PUT to a taken name is 400 CF-OrganizationNameTaken; by an org user 403; unknown 404', async () => {
    const [a, b] = [await p.org(), await p.org()];
    const member = await p.user();
    await p.orgUser(a.guid, member);
    expectV2Error(await t.admin.put(`/v2/organizations/${a.guid}`, { name: b.name }), 400, 'CF-OrganizationNameTaken', 30002, `The organization name is taken: ${b.name}`);
    expectNotAuthorized(await member.put(`/v2/organizations/${a.guid}`, { name: unique('x') }));
    expectV2Error(await t.admin.put(`/v2/organizations/${MISSING}`, { name: 'x' }), 404, 'CF-OrganizationNotFound', 30003, `The organization could not be found: ${MISSING}`);
    expect((await t.admin.get(`/v2/organizations/${a.guid}`)).body.entity.name).toBe(a.name);
  });

  it('PUT {"manager_guids":[...]} makes exactly those users managers; dropping an org user who holds space roles is 400', async () => {
    const space = await p.space();
    const [a, b] = [await p.user(), await p.user()];
    await p.spaceRole(space.guid, space.orgGuid, 'auditors', a);
    expect((await t.admin.put(`/v2/organizations/${space.orgGuid}/managers/${a.guid}`)).status).toBe(201);
    expect((await t.admin.put(`/v2/organizations/${space.orgGuid}`, { manager_guids: [b.guid] })).status).toBe(201);
    expect(await p.guidsOf(`/v2/organizations/${space.orgGuid}/managers`)).toEqual([b.guid]);
    expectV2Error(
      await t.admin.put(`/v2/organizations/${space.orgGuid}`, { user_guids: [b.guid] }),
      400,
      'CF-AssociationNotEmpty',
      10006,
      'Please delete the user associations for your spaces in the org.',
    );
    expect(await p.guidsOf(`/v2/organizations/${space.orgGuid}/users`)).toEqual([a.guid]);
  });

  it('PUT {"status":"suspended"} by an admin suspends; by an org manager it is 403', async () => {
    const org = await p.org();
    const manager = await p.user();
    expect((await t.admin.put(`/v2/organizations/${org.guid}/managers/${manager.guid}`)).status).toBe(201);
    expectNotAuthorized(await manager.put(`/v2/organizations/${org.guid}`, { status: 'suspended' }));
    const res = await t.admin.put(`/v2/organizations/${org.guid}`, { status: 'suspended' });
    expect(res.status).toBe(201);
    expect(res.body.entity.status).toBe('suspended');
    expect(await p.guidsOf(`/v2/organizations?q=status:suspended`)).toEqual([org.guid]);
  });
});

describe('DELETE /v2/organizations/:guid', () => {
  it('DELETE ?recursive=true&async=true (cf CLI) answers 202 with a job; the organization and its spaces are then gone', async () => {
    const space = await p.space();
    const res = await t.admin.delete(`/v2/organizations/${space.orgGuid}?recursive=true&async=true`);
    expect(res.status).toBe(202);
    const job = res.body.metadata.guid;
    expect(res.headers.location).toBe(`/v2/jobs/${job}`);
    expect(res.body).toEqual({ metadata: { guid: job, created_at: expect.any(String), url: `/v2/jobs/${job}` }, entity: { guid: job, status: 'queued' } });
    await t.settle();
    expect((await t.admin.get(`/v2/organizations/${space.orgGuid}`)).status).toBe(404);
    expect((await t.admin.get(`/v2/spaces/${space.guid}`)).status).toBe(404);
  });

  it('DELETE without recursive, while spaces exist, is 400 CF-AssociationNotEmpty and deletes nothing', async () => {
    const space = await p.space();
    expectV2Error(
      await t.admin.delete(`/v2/organizations/${space.orgGuid}`),
      400,
      'CF-AssociationNotEmpty',
      10006,
      'Please delete the spaces associations for your organizations.',
    );
    expect((await t.admin.get(`/v2/spaces/${space.guid}`)).status).toBe(200);
  });

  it('DELETE of an empty organization without async answers 204 and it is gone at once', async () => {
    const org = await p.org();
    const res = await t.admin.delete(`/v2/organizations/${org.guid}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expectV2Error(await t.admin.get(`/v2/organizations/${org.guid}`), 404, 'CF-OrganizationNotFound', 30003, `The organization could not be found: ${org.guid}`);
  });

  it('DELETE ?recursive=true without async removes the organization, its spaces and their roles at once (204)', async () => {
    const space = await p.space();
    const u = await p.user();
    await p.spaceRole(space.guid, space.orgGuid, 'developers', u);
    expect((await t.admin.delete(`/v2/organizations/${space.orgGuid}?recursive=true`)).status).toBe(204);
    expect((await t.admin.get(`/v2/spaces/${space.guid}`)).status).toBe(404);
    expect((await t.admin.get(`/v3/roles?user_guids=${u.guid}`)).body.pagination.total_results).toBe(0);
  });

  it('DELETE by an org manager is 403; of an unknown organization 404', async () => {
    const org = await p.org();
    const manager = await p.user();
    expect((await t.admin.put(`/v2/organizations/${org.guid}/managers/${manager.guid}`)).status).toBe(201);
    expectNotAuthorized(await manager.delete(`/v2/organizations/${org.guid}?recursive=true`));
    expectV2Error(await t.admin.delete(`/v2/organizations/${MISSING}`), 404, 'CF-OrganizationNotFound', 30003, `The organization could not be found: ${MISSING}`);
    expect((await t.admin.get(`/v2/organizations/${org.guid}`)).status).toBe(200);
  });
});

describe('GET /v2/organizations/:guid/services', () => {
  it("lists the catalog's services, the same as /v2/services, for a member; q=label filters; an outsider gets 403", async () => {
    const org = await p.org();
    const [member, outsider] = [await p.user(), await p.user()];
    await p.orgUser(org.guid, member);
    const all = await t.admin.get('/v2/services');
    const res = await member.get(`/v2/organizations/${org.guid}/services`);
    expect(res.status).toBe(200);
    expect(res.body.resources.map((r: { metadata: { guid: string } }) => r.metadata.guid)).toEqual(all.body.resources.map((r: { metadata: { guid: string } }) => r.metadata.guid));
    expect((await member.get(`/v2/organizations/${org.guid}/services?q=label:postgres`)).body.resources.map((r: { entity: { label: string } }) => r.entity.label)).toEqual([
      'postgres',
    ]);
    expectNotAuthorized(await outsider.get(`/v2/organizations/${org.guid}/services`));
  });
});

describe('GET /v2/organizations/:guid/spaces', () => {
  it("lists the organization's spaces, filtered by q=name and ordered by name on request (legacy cf CLI)", async () => {
    const org = await p.org();
    const b = await p.space(org.guid, unique('b-space'));
    const a = await p.space(org.guid, unique('a-space'));
    await p.space();
    expect(await p.guidsOf(`/v2/organizations/${org.guid}/spaces`)).toEqual([b.guid, a.guid]);
    expect(await p.guidsOf(`/v2/organizations/${org.guid}/spaces?order-by=name&inline-relations-depth=1`)).toEqual([a.guid, b.guid]);
    expect(await p.guidsOf(`/v2/organizations/${org.guid}/spaces?q=name%3A${a.name}&inline-relations-depth=1`)).toEqual([a.guid]);
  });

  it('an org user sees only the spaces they have a role in; an outsider gets 403', async () => {
    const org = await p.org();
    const [s1] = [await p.space(org.guid), await p.space(org.guid)];
    const [u, outsider] = [await p.user(), await p.user()];
    await p.spaceRole(s1.guid, org.guid, 'developers', u);
    expect(await p.guidsOf(`/v2/organizations/${org.guid}/spaces`, u)).toEqual([s1.guid]);
    expectNotAuthorized(await outsider.get(`/v2/organizations/${org.guid}/spaces`));
  });
});
