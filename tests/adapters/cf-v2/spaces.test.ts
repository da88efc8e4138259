// /v2/spaces: create (with first role holders), list with q, read, rename, delete (recursive, async).
import { factories } from '../../helpers/factories';
import { startTestGateway, type TestGateway } from '../../helpers/testGateway';
import { expectNotAuthorized, expectV2Error, unique, v2People } from './spacesSetup';

let t: TestGateway;
let p: ReturnType<typeof v2People>;
beforeAll(async () => {
  t = await startTestGateway();
  p = v2People(t);
});
afterAll(() => t.close());

const MISSING = '00000000-0000-4000-8000-0000000000ee';

describe('POST /v2/spaces', () => {
  it('POST /v2/spaces {"name","organization_guid"} (cf CLI create-space) answers 201 with Location', async () => {
    const org = await p.org();
    const name = unique('space');
    const res = await t.admin.post('/v2/spaces', { name, organization_guid: org.guid });
    expect(res.status).toBe(201);
    const guid = res.body.metadata.guid;
    expect(res.headers.location).toBe(`/v2/spaces/${guid}`);
    expect(res.body.entity).toMatchObject({ name, organization_guid: org.guid, organization_url: `/v2/organizations/${org.guid}`, allow_ssh: true });
    expect((await t.admin.get(`/v3/spaces/${guid}`)).body.name).toBe(name);
  });

  it('POST /v2/spaces with manager_guids and developer_guids of org users grants those roles', async () => {
    const org = await p.org();
    const [m, d] = [await p.user(), await p.user()];
    for (const u of [m, d]) await p.orgUser(org.guid, u);
    const res = await t.admin.post('/v2/spaces', { name: unique('space'), organization_guid: org.guid, manager_guids: [m.guid], developer_guids: [d.guid, m.guid] });
    expect(res.status).toBe(201);
    const guid = res.body.metadata.guid;
    expect(await p.guidsOf(`/v2/spaces/${guid}/managers`)).toEqual([m.guid]);
    expect(await p.guidsOf(`/v2/spaces/${guid}/developers`)).toEqual([m.guid, d.guid]);
  });

  it('POST /v2/spaces naming a role holder who is not an org user is 400 CF-InvalidRelation and creates no space', async () => {
    const org = await p.org();
    const u = await p.user();
    const name = unique('space');
    expectV2Error(await t.admin.post('/v2/spaces', { name, organization_guid: org.guid, auditor_guids: [u.guid] }), 400, 'CF-InvalidRelation', 1002, u.guid);
    expect(await p.guidsOf(`/v2/spaces?q=name:${name}`)).toEqual([]);
  });

  it('POST /v2/spaces with a taken name is 400 CF-SpaceNameTaken', async () => {
    const space = await p.space();
    expectV2Error(
      await t.admin.post('/v2/spaces', { name: space.name, organization_guid: space.orgGuid }),
      400,
      'CF-SpaceNameTaken',
      40002,
      `The app space name is taken: ${space.name}`,
    );
  });

  it('POST /v2/spaces with an unknown organization is 400 CF-InvalidRelation', async () => {
    expectV2Error(
      await t.admin.post('/v2/spaces', { name: 'x', organization_guid: MISSING }),
      400,
      'CF-InvalidRelation',
      1002,
      `Could not find Organization with guid: ${MISSING}`,
    );
  });

  it('POST /v2/spaces without fields is 400 CF-MessageParseError naming both', async () => {
    expectV2Error(
      await t.admin.post('/v2/spaces', {}),
      400,
      'CF-MessageParseError',
      1001,
      'Request invalid due to parse error: Field: name, Error: Missing field name, Field: organization_guid, Error: Missing field organization_guid',
    );
    expectV2Error(
      await t.admin.post('/v2/spaces', { name: 'x', organization_guid: 'o', developer_guids: 'u' }),
      400,
      'CF-MessageParseError',
      1001,
      'Request invalid due to parse error: Field: developer_guids, Error: Expected instance of Array, given instance of String',
    );
  });

  it('POST /v2/spaces by an org user (not manager) is 403; an org manager may create', async () => {
    const org = await p.org();
    const [member, manager] = [await p.user(), await p.user()];
    await p.orgUser(org.guid, member);
    expect((await t.admin.put(`/v2/organizations/${org.guid}/managers/${manager.guid}`)).status).toBe(201);
    expectNotAuthorized(await member.post('/v2/spaces', { name: unique('s'), organization_guid: org.guid }));
    expect((await manager.post('/v2/spaces', { name: unique('s'), organization_guid: org.guid })).status).toBe(201);
  });
});

describe('GET /v2/spaces', () => {
  it('GET /v2/spaces?q=name:N&q=organization_guid:O (cf CLI target) finds the space, names case-insensitively', async () => {
    const org = await p.org();
    const space = await p.space(org.guid, unique('Target-Space'));
    await p.space();
    expect(await p.guidsOf(`/v2/spaces?q=name%3A${space.name}&q=organization_guid%3A${org.guid}`)).toEqual([space.guid]);
    expect(await p.guidsOf(`/v2/spaces?q=name:${space.name.toLowerCase()};organization_guid:${org.guid}`)).toEqual([space.guid]);
    expect(await p.guidsOf(`/v2/spaces?q=name%20IN%20${space.name},nothing&q=organization_guid:${org.guid}`)).toEqual([space.guid]);
  });

  it('a space developer sees only their spaces; q=developer_guid filters; q=app_guid matches nothing', async () => {
    const org = await p.org();
    const [s1] = [await p.space(org.guid), await p.space(org.guid)];
    const u = await p.user();
    await p.spaceRole(s1.guid, org.guid, 'developers', u);
    expect(await p.guidsOf('/v2/spaces', u)).toEqual([s1.guid]);
    expect(await p.guidsOf(`/v2/spaces?q=developer_guid:${u.guid}`)).toEqual([s1.guid]);
    expect(await p.guidsOf(`/v2/spaces?q=app_guid:anything`)).toEqual([]);
  });

  it('GET /v2/spaces?q=bogus:1 is 400 and ?order-by=name orders by name', async () => {
    expectV2Error(await t.admin.get('/v2/spaces?q=bogus:1'), 400, 'CF-BadQueryParameter', 10005, 'The query parameter is invalid: bogus');
    const org = await p.org();
    const [z, a] = [await p.space(org.guid, unique('zz')), await p.space(org.guid, unique('aa'))];
    expect(await p.guidsOf(`/v2/spaces?q=organization_guid:${org.guid}&order-by=name`)).toEqual([a.guid, z.guid]);
    expect(await p.guidsOf(`/v2/spaces?q=organization_guid:${org.guid}&order-direction=desc`)).toEqual([a.guid, z.guid]);
  });
});

describe('GET, PUT /v2/spaces/:guid', () => {
  it('GET: 200 for a space member, 403 for an org user without a space role, 404 CF-SpaceNotFound when missing', async () => {
    const space = await p.space();
    const [member, orgUser] = [await p.user(), await p.user()];
    await p.spaceRole(space.guid, space.orgGuid, 'auditors', member);
    await p.orgUser(space.orgGuid, orgUser);
    expect((await member.get(`/v2/spaces/${space.guid}`)).body.metadata.guid).toBe(space.guid);
    expectNotAuthorized(await orgUser.get(`/v2/spaces/${space.guid}`));
    expectV2Error(await t.admin.get(`/v2/spaces/${MISSING}`), 404, 'CF-SpaceNotFound', 40004, `The app space could not be found: ${MISSING}`);
  });

  it('PUT {"name"} by a space manager renames (201); by a developer 403; to a taken name 400', async () => {
    const org = await p.org();
    const [space, other] = [await p.space(org.guid), await p.space(org.guid)];
    const [manager, dev] = [await p.user(), await p.user()];
    await p.spaceRole(space.guid, org.guid, 'managers', manager);
    await p.spaceRole(space.guid, org.guid, 'developers', dev);
    const name = unique('renamed');
    const res = await manager.put(`/v2/spaces/${space.guid}`, { name });
    expect(res.status).toBe(201);
    expect(res.body.entity.name).toBe(name);
    expectNotAuthorized(await dev.put(`/v2/spaces/${space.guid}`, { name: unique('x') }));
    expectV2Error(await t.admin.put(`/v2/spaces/${space.guid}`, { name: other.name }), 400, 'CF-SpaceNameTaken', 40002, `The app space name is taken: ${other.name}`);
    expect((await t.admin.get(`/v2/spaces/${space.guid}`)).body.entity.name).toBe(name);
  });
});

describe('PUT /v2/spaces/:guid with role lists', () => {
  it('PUT {"developer_guids":[...]} makes exactly those users developers: adds the missing, removes the others', async () => {
    const space = await p.space();
    const [a, b, c] = [await p.user(), await p.user(), await p.user()];
    for (const u of [a, b, c]) await p.orgUser(space.orgGuid, u);
    await p.spaceRole(space.guid, space.orgGuid, 'developers', a);
    await p.spaceRole(space.guid, space.orgGuid, 'managers', a);
    const res = await t.admin.put(`/v2/spaces/${space.guid}`, { developer_guids: [b.guid, c.guid] });
    expect(res.status).toBe(201);
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/developers`)).toEqual([b.guid, c.guid]);
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/managers`)).toEqual([a.guid]);
    const events = await t.admin.get(`/v3/audit_events?target_guids=${a.guid}&space_guids=${space.guid}&types=audit.user.space_developer_remove`);
    expect(events.body.pagination.total_results).toBe(1);
  });

  it('PUT naming a developer outside the organization is 400 CF-InvalidRelation and changes nothing, the name included', async () => {
    const space = await p.space();
    const [member, outsider] = [await p.user(), await p.user()];
    await p.spaceRole(space.guid, space.orgGuid, 'developers', member);
    expectV2Error(await t.admin.put(`/v2/spaces/${space.guid}`, { name: unique('new'), developer_guids: [outsider.guid] }), 400, 'CF-InvalidRelation', 1002, outsider.guid);
    expect(await p.guidsOf(`/v2/spaces/${space.guid}/developers`)).toEqual([member.guid]);
    expect((await t.admin.get(`/v2/spaces/${space.guid}`)).body.entity.name).toBe(space.name);
  });
});

describe('the links of a space', () => {
  it('every *_url of a space entity answers 200; apps, routes and domains are empty lists', async () => {
    const space = await p.space();
    const entity = (await t.admin.get(`/v2/spaces/${space.guid}`)).body.entity as Record<string, unknown>;
    const urls = Object.entries(entity)
      .filter(([k]) => k.endsWith('_url'))
      .map(([, v]) => v as string);
    expect(urls).toHaveLength(12);
    for (const url of urls) expect([url, (await t.admin.get(url)).status]).toEqual([url, 200]);
    for (const rel of ['apps', 'routes', 'domains'])
      expect((await t.admin.get(`/v2/spaces/${space.guid}/${rel}`)).body).toEqual({ total_results: 0, total_pages: 1, prev_url: null, next_url: null, resources: [] });
    const outsider = await p.user();
    expectNotAuthorized(await outsider.get(`/v2/spaces/${space.guid}/apps`));
  });
});

describe('DELETE /v2/spaces/:guid', () => {
  it('DELETE ?recursive=true&async=true (cf CLI) answers 202 with a job, and the space and its instances go', async () => {
    const space = await p.space();
    const si = await factories(t).userProvidedInstance(space.guid);
    const res = await t.admin.delete(`/v2/spaces/${space.guid}?recursive=true&async=true`);
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/v2/jobs/${res.body.metadata.guid}`);
    await t.settle();
    expect((await t.admin.get(`/v2/spaces/${space.guid}`)).status).toBe(404);
    expect((await t.admin.get(`/v3/service_instances/${si.guid}`)).status).toBe(404);
  });

  it('DELETE without recursive of a space holding an instance is 400 CF-NonrecursiveSpaceDeletionFailed; an empty one is 204', async () => {
    const space = await p.space();
    await factories(t).userProvidedInstance(space.guid);
    expectV2Error(
      await t.admin.delete(`/v2/spaces/${space.guid}`),
      400,
      'CF-NonrecursiveSpaceDeletionFailed',
      290011,
      `Resource inside space ${space.name} must first be deleted, or specify recursive delete.`,
    );
    expect((await t.admin.get(`/v2/spaces/${space.guid}`)).status).toBe(200);
    const empty = await p.space();
    expect((await t.admin.delete(`/v2/spaces/${empty.guid}`)).status).toBe(204);
    expect((await t.admin.get(`/v2/spaces/${empty.guid}`)).status).toBe(404);
  });

  it('DELETE by a space manager is 403 (org managers and admins delete spaces); unknown 404', async () => {
    const space = await p.space();
    const manager = await p.user();
    await p.spaceRole(space.guid, space.orgGuid, 'managers', manager);
    expectNotAuthorized(await manager.delete(`/v2/spaces/${space.guid}?recursive=true`));
    expectV2Error(await t.admin.delete(`/v2/spaces/${MISSING}`), 404, 'CF-SpaceNotFound', 40004, `The app space could not be found: ${MISSING}`);
    expect((await t.admin.get(`/v2/spaces/${space.guid}`)).status).toBe(200);
  });
});
