// /v3/spaces: create, list (filters, pagination, order_by, label_selector), get, update name, delete.
import { factories } from '../../helpers/factories';
import { expectCfError, expectForbidden, expectNotFound, expectUnprocessable } from '../../helpers/expectations';
import { BASE, useGateway, type Client } from '../../helpers/testGateway';

const t = useGateway();
const f = factories(t);
let org: { guid: string; name: string };

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const rel = (guid: string) => ({ organization: { data: { guid } } });
const names = (res: { body: { resources: { name: string }[] } }) => res.body.resources.map((s) => s.name);

beforeAll(async () => {
  org = await f.org('space-org');
});

describe('POST /v3/spaces', () => {
  it('POST /v3/spaces as admin is 201 with the space object in CC key order', async () => {
    const res = await t.admin.post('/v3/spaces', { name: 'dev', relationships: rel(org.guid), metadata: { labels: { tier: 'gold' } } });
    expect(res.status).toBe(201);
    const s = res.body;
    expect(Object.keys(s)).toEqual(['guid', 'created_at', 'updated_at', 'name', 'relationships', 'metadata', 'links']);
    expect(s.created_at).toMatch(TIME);
    expect(s).toMatchObject({
      name: 'dev',
      relationships: { organization: { data: { guid: org.guid } }, quota: { data: null } },
      metadata: { labels: { tier: 'gold' }, annotations: {} },
    });
    expect(Object.keys(s.relationships)).toEqual(['organization', 'quota']);
    expect(s.links).toEqual({
      self: { href: `${BASE}/v3/spaces/${s.guid}` },
      organization: { href: `${BASE}/v3/organizations/${org.guid}` },
      features: { href: `${BASE}/v3/spaces/${s.guid}/features` },
    });
    // no apply_manifest link: sharegate runs no apps, so it cannot apply a manifest
    expect((await t.admin.get(`/v3/spaces/${s.guid}`)).body).toEqual(s);
  });

  it('POST /v3/spaces records audit.space.create with the request as sent', async () => {
    const body = { name: 'audited-space', relationships: rel(org.guid) };
    const res = await t.admin.post('/v3/spaces', body);
    const events = await t.admin.get(`/v3/audit_events?target_guids=${res.body.guid}`);
    expect(events.body.resources.map((e: { type: string }) => e.type)).toEqual(['audit.space.create']);
    expect(events.body.resources[0]).toMatchObject({ data: { request: body }, space: { guid: res.body.guid }, organization: { guid: org.guid } });
  });

  it('POST /v3/spaces with a name taken in the organization is 422 "Name must be unique per organization"', async () => {
    await f.space(org.guid, 'dup-space');
    expectUnprocessable(await t.admin.post('/v3/spaces', { name: 'dup-space', relationships: rel(org.guid) }), 'Name must be unique per organization');
    // the same name in another organization is fine
    expect((await t.admin.post('/v3/spaces', { name: 'dup-space', relationships: rel((await f.org()).guid) })).status).toBe(201);
  });

  it.each([
    [{ name: 'x' }, "Relationships 'relationships' is not an object"],
    [{ name: 'x', relationships: {} }, "Relationships 'relationships' must include one or more valid relationships"],
    [{ name: 'x', relationships: { organization: { guid: 'g' } } }, 'Relationships Organization must be structured like this: "organization: {"data": {"guid": "valid-guid"}}"'],
    [{ name: 'x', relationships: { organization: { data: { guid: 7 } } } }, 'Relationships Organization guid must be a string'],
    [{ relationships: { organization: { data: { guid: 'g' } } } }, "Name must be a string, Name can't be blank"],
    [{ name: 'x', relationships: { organization: { data: { guid: 'g' } } }, color: 'red' }, "Unknown field(s): 'color'"],
  ])('POST /v3/spaces with %j is 422 "%s"', async (body, detail) => {
    expectUnprocessable(await t.admin.post('/v3/spaces', body), detail);
  });

  it('POST /v3/spaces into an unknown organization is 422 Invalid organization', async () => {
    expectUnprocessable(
      await t.admin.post('/v3/spaces', { name: 'x', relationships: rel('no-such-org') }),
      'Invalid organization. Ensure the organization exists and you have access to it.',
    );
  });

  it('POST /v3/spaces by an org manager is 201; by an org user 403; by a stranger 422', async () => {
    const manager = await t.as('space-org-manager');
    const member = await t.as('space-org-user');
    const stranger = await t.as('space-stranger');
    await f.role(manager, 'organization_manager', org.guid);
    await f.role(member, 'organization_user', org.guid);
    expect((await manager.post('/v3/spaces', { name: 'by-manager', relationships: rel(org.guid) })).status).toBe(201);
    expectForbidden(await member.post('/v3/spaces', { name: 'by-member', relationships: rel(org.guid) }));
    expectUnprocessable(
      await stranger.post('/v3/spaces', { name: 'by-stranger', relationships: rel(org.guid) }),
      'Invalid organization. Ensure the organization exists and you have access to it.',
    );
    expect(names(await t.admin.get(`/v3/spaces?names=by-manager,by-member,by-stranger`))).toEqual(['by-manager']);
  });
});

describe('GET /v3/spaces', () => {
  let listOrg: string;
  let other: string;
  const created: Record<string, string> = {};
  beforeAll(async () => {
    listOrg = (await f.org('list-org')).guid;
    other = (await f.org('other-list-org')).guid;
    for (const [name, o, tier] of [
      ['charlie', listOrg, 'gold'],
      ['alpha', listOrg, 'silver'],
      ['bravo', other, 'gold'],
    ] as const) {
      created[name] = (await t.admin.post('/v3/spaces', { name, relationships: rel(o), metadata: { labels: { tier, listed: 'true' } } })).body.guid;
    }
  });

  it('GET /v3/spaces?organization_guids= filters by organization, in creation order', async () => {
    expect(names(await t.admin.get(`/v3/spaces?organization_guids=${listOrg}`))).toEqual(['charlie', 'alpha']);
    expect(names(await t.admin.get(`/v3/spaces?organization_guids=${listOrg},${other}`))).toEqual(['charlie', 'alpha', 'bravo']);
  });

  it('GET /v3/spaces?names=&guids= filters by name and guid', async () => {
    expect(names(await t.admin.get('/v3/spaces?names=alpha,bravo'))).toEqual(['alpha', 'bravo']);
    expect(names(await t.admin.get(`/v3/spaces?guids=${created.bravo}&names=alpha,bravo`))).toEqual(['bravo']);
  });

  it('GET /v3/spaces?label_selector= filters by label', async () => {
    expect(names(await t.admin.get('/v3/spaces?label_selector=listed,tier=gold'))).toEqual(['charlie', 'bravo']);
    expect(names(await t.admin.get('/v3/spaces?label_selector=listed,tier notin (gold)'))).toEqual(['alpha']);
    expect(names(await t.admin.get('/v3/spaces?label_selector=!tier&names=alpha,bravo,charlie'))).toEqual([]);
  });

  it('GET /v3/spaces?order_by=name&per_page=1&page=2 pages by name and echoes +name in the links', async () => {
    const res = await t.admin.get('/v3/spaces?label_selector=listed&order_by=name&per_page=1&page=2');
    expect(names(res)).toEqual(['bravo']);
    const q = (page: number) => `${BASE}/v3/spaces?label_selector=listed&order_by=%2Bname&page=${page}&per_page=1`;
    expect(res.body.pagination).toEqual({ total_results: 3, total_pages: 3, first: { href: q(1) }, last: { href: q(3) }, next: { href: q(3) }, previous: { href: q(1) } });
    expect(names(await t.admin.get('/v3/spaces?label_selector=listed&order_by=-name'))).toEqual(['charlie', 'bravo', 'alpha']);
  });

  it('GET /v3/spaces past the last page is 200 with no resources and a previous link', async () => {
    const res = await t.admin.get('/v3/spaces?label_selector=listed&per_page=2&page=5');
    expect(res.body.resources).toEqual([]);
    expect(res.body.pagination.previous).toEqual({ href: `${BASE}/v3/spaces?label_selector=listed&page=4&per_page=2` });
    expect(res.body.pagination.next).toBeNull();
  });

  it('GET /v3/spaces with nothing matching has total_pages 1 and first = last = page 1', async () => {
    const res = await t.admin.get('/v3/spaces?names=nothing-like-this');
    expect(res.body.pagination).toEqual({
      total_results: 0,
      total_pages: 1,
      first: { href: `${BASE}/v3/spaces?names=nothing-like-this&page=1&per_page=50` },
      last: { href: `${BASE}/v3/spaces?names=nothing-like-this&page=1&per_page=50` },
      next: null,
      previous: null,
    });
  });

  it.each([
    ['per_page=0', 'Per page must be a positive integer'],
    ['per_page=5001', 'Per page must be between 1 and 5000'],
    ['per_page=abc', 'Per page must be a positive integer'],
    ['page=-3', 'Page must be a positive integer'],
    ['order_by=guid', "Order by can only be: 'created_at', 'updated_at', 'name'"],
    ['created_ats=yesterday', "Created ats has an invalid timestamp format. Timestamps should be formatted as 'YYYY-MM-DDThh:mm:ssZ'"],
    [
      'space_guids=x',
      "Unknown query parameter(s): 'space_guids'. Valid parameters are: 'page', 'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids', 'names', 'organization_guids', 'include', 'label_selector'",
    ],
  ])('GET /v3/spaces?%s is 400 CF-BadQueryParameter', async (query, message) => {
    expectCfError(await t.admin.get(`/v3/spaces?${query}`), 400, 'CF-BadQueryParameter', 10005, `The query parameter is invalid: ${message}`);
  });

  it('GET /v3/spaces shows space members their spaces, org managers all spaces of their org, org users none', async () => {
    const dev = await t.as('list-dev');
    const manager = await t.as('list-manager');
    const member = await t.as('list-member');
    await f.role(dev, 'space_developer', created.alpha!);
    await f.role(manager, 'organization_manager', listOrg);
    await f.role(member, 'organization_user', listOrg);
    expect(names(await dev.get('/v3/spaces'))).toEqual(['alpha']);
    expect(names(await manager.get('/v3/spaces'))).toEqual(['charlie', 'alpha']);
    expect(names(await member.get('/v3/spaces'))).toEqual([]);
  });
});

describe('GET /v3/spaces/:guid', () => {
  it('GET /v3/spaces/:guid is 404 Space not found for an unknown guid, an org user and a stranger', async () => {
    const space = await f.space(org.guid);
    const member = await t.as('get-space-org-user');
    await f.role(member, 'organization_user', org.guid);
    expectNotFound(await t.admin.get('/v3/spaces/unknown'), 'Space not found');
    expectNotFound(await member.get(`/v3/spaces/${space.guid}`), 'Space not found');
    expectNotFound(await (await t.as('get-space-stranger')).get(`/v3/spaces/${space.guid}`), 'Space not found');
  });

  it('GET /v3/spaces/:guid is 200 for a space auditor', async () => {
    const space = await f.space(org.guid);
    const auditor = await t.as('get-space-auditor');
    await f.role(auditor, 'space_auditor', space.guid);
    expect((await auditor.get(`/v3/spaces/${space.guid}`)).body.guid).toBe(space.guid);
  });
});

describe('PATCH /v3/spaces/:guid', () => {
  let space: { guid: string; name: string };
  let manager: Client;
  let dev: Client;
  beforeAll(async () => {
    space = await f.space(org.guid, 'patch-me');
    manager = await t.as('patch-space-manager');
    dev = await t.as('patch-space-dev');
    await f.role(manager, 'space_manager', space.guid);
    await f.role(dev, 'space_developer', space.guid);
  });

  it('PATCH /v3/spaces/:guid {name} by a space manager renames and records audit.space.update', async () => {
    const before = await t.admin.get(`/v3/spaces/${space.guid}`);
    const res = await manager.patch(`/v3/spaces/${space.guid}`, { name: 'patched' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...before.body, name: 'patched', updated_at: res.body.updated_at });
    const events = await t.admin.get(`/v3/audit_events?target_guids=${space.guid}&types=audit.space.update`);
    expect(events.body.resources).toHaveLength(1);
    expect(events.body.resources[0].data).toEqual({ request: { name: 'patched' } });
  });

  it('PATCH /v3/spaces/:guid by a space developer is 403 and changes nothing', async () => {
    expectForbidden(await dev.patch(`/v3/spaces/${space.guid}`, { name: 'dev-rename' }));
    expect((await t.admin.get(`/v3/spaces/${space.guid}`)).body.name).not.toBe('dev-rename');
  });

  it('PATCH /v3/spaces/:guid by a space developer with an invalid body is still 403 (permission before body)', async () => {
    expectForbidden(await dev.patch(`/v3/spaces/${space.guid}`, { name: 42 }));
  });

  it('PATCH /v3/spaces/:guid to a name taken in the organization is 422', async () => {
    await f.space(org.guid, 'occupied');
    expectUnprocessable(await t.admin.patch(`/v3/spaces/${space.guid}`, { name: 'occupied' }), 'Name must be unique per organization');
  });

  it('PATCH /v3/spaces/:guid with a wrong type or unknown field is 422', async () => {
    expectUnprocessable(await t.admin.patch(`/v3/spaces/${space.guid}`, { name: 42 }), 'Name must be a string');
    expectUnprocessable(await t.admin.patch(`/v3/spaces/${space.guid}`, { relationships: {} }), "Unknown field(s): 'relationships'");
  });

  it('PATCH /v3/spaces/:guid of an unknown guid is 404', async () => {
    expectNotFound(await t.admin.patch('/v3/spaces/unknown', { name: 'x' }), 'Space not found');
  });
});

describe('DELETE /v3/spaces/:guid', () => {
  it('DELETE /v3/spaces/:guid is 202 with a job space.delete that removes the space and its instances', async () => {
    const space = await f.space(org.guid);
    const si = await f.managedInstance(space.guid);
    const res = await t.admin.delete(`/v3/spaces/${space.guid}`);
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    await t.settle();
    const job = await t.admin.get(res.headers.location!.slice(BASE.length));
    expect(job.body).toMatchObject({ operation: 'space.delete', state: 'COMPLETE', errors: [] });
    expectNotFound(await t.admin.get(`/v3/spaces/${space.guid}`), 'Space not found');
    expectNotFound(await t.admin.get(`/v3/service_instances/${si.guid}`));
    const events = await t.admin.get(`/v3/audit_events?target_guids=${space.guid}`);
    expect(events.body.resources.map((e: { type: string }) => e.type)).toContain('audit.space.delete-request');
  });

  it('DELETE /v3/spaces/:guid by a space manager is 403; by an org manager 202', async () => {
    const space = await f.space(org.guid);
    const spaceManager = await t.as('delete-space-manager');
    const orgManager = await t.as('delete-org-manager');
    await f.role(spaceManager, 'space_manager', space.guid);
    await f.role(orgManager, 'organization_manager', org.guid);
    expectForbidden(await spaceManager.delete(`/v3/spaces/${space.guid}`));
    expect((await t.admin.get(`/v3/spaces/${space.guid}`)).status).toBe(200);
    expect((await orgManager.delete(`/v3/spaces/${space.guid}`)).status).toBe(202);
  });

  it('DELETE /v3/spaces/:guid of an unknown or invisible space is 404', async () => {
    const space = await f.space(org.guid);
    expectNotFound(await t.admin.delete('/v3/spaces/unknown'), 'Space not found');
    expectNotFound(await (await t.as('delete-space-stranger')).delete(`/v3/spaces/${space.guid}`), 'Space not found');
  });
});
