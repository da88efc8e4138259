// GET /v3/audit_events: the event types each change writes, the event object, filters and visibility.
import { factories, DEFAULT_PLANS } from '../../helpers/factories';
import { expectCfError, expectNotFound } from '../../helpers/expectations';
import { BASE, useGateway, type Client } from '../../helpers/testGateway';

const t = useGateway();
const f = factories(t);
let org: { guid: string; name: string };
let space: { guid: string; name: string };
let dev: Client;

type Event = { guid: string; type: string; target: { guid: string }; space: { guid: string } | null; organization: { guid: string } | null };
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const events = async (query: string, c: Client = t.admin) => (await c.get(`/v3/audit_events?${query}`)).body.resources as Event[];
const types = async (query: string, c: Client = t.admin) => (await events(query, c)).map((e) => e.type);

beforeAll(async () => {
  org = await f.org('events-org');
  space = await f.space(org.guid, 'events-space');
  dev = await t.as('events-dev');
  await f.role(dev, 'space_developer', space.guid);
});

describe('GET /v3/audit_events: the event object', () => {
  it('an event has CC keys in order, actor and target objects, data.request and space / organization refs', async () => {
    const si = await f.userProvidedInstance(space.guid, 'shape-ups');
    const [e] = await events(`target_guids=${si.guid}`);
    const full = (await t.admin.get(`/v3/audit_events/${e!.guid}`)).body;
    expect(Object.keys(full)).toEqual(['guid', 'created_at', 'updated_at', 'type', 'actor', 'target', 'data', 'space', 'organization', 'links']);
    expect(full).toEqual({
      guid: e!.guid,
      created_at: expect.stringMatching(TIME),
      updated_at: expect.stringMatching(TIME),
      type: 'audit.user_provided_service_instance.create',
      actor: { guid: t.admin.guid, type: 'user', name: 'admin' },
      target: { guid: si.guid, type: 'user_provided_service_instance', name: 'shape-ups' },
      data: { request: { type: 'user-provided', name: 'shape-ups', relationships: { space: { data: { guid: space.guid } } } } },
      space: { guid: space.guid },
      organization: { guid: org.guid },
      links: { self: { href: `${BASE}/v3/audit_events/${e!.guid}` } },
    });
  });

  it('GET /v3/audit_events/:guid of an unknown event is 404 Event not found', async () => {
    expectNotFound(await t.admin.get('/v3/audit_events/nope'), 'Event not found');
  });
});

describe('event types written by changes', () => {
  it('organization create, update and delete write audit.organization.create / update / delete-request', async () => {
    const o = await f.org();
    await t.admin.patch(`/v3/organizations/${o.guid}`, { name: `${o.name}-2` });
    await t.admin.delete(`/v3/organizations/${o.guid}`);
    await t.settle();
    expect(await types(`target_guids=${o.guid}`)).toEqual(['audit.organization.create', 'audit.organization.update', 'audit.organization.delete-request']);
    const [created] = await events(`target_guids=${o.guid}&types=audit.organization.create`);
    expect(created).toMatchObject({ space: null, organization: { guid: o.guid } });
  });

  it('space create, update and delete write audit.space.create / update / delete-request', async () => {
    const s = await f.space(org.guid);
    await t.admin.patch(`/v3/spaces/${s.guid}`, { name: `${s.name}-2` });
    await t.admin.delete(`/v3/spaces/${s.guid}`);
    await t.settle();
    expect(await types(`target_guids=${s.guid}`)).toEqual(['audit.space.create', 'audit.space.update', 'audit.space.delete-request']);
  });

  it('role create and delete write audit.user.<role>_add and _remove, targeting the user', async () => {
    const u = await t.as('events-role-user');
    const orgRole = await f.role(u, 'organization_billing_manager', org.guid);
    await f.role(u, 'space_auditor', space.guid);
    await t.admin.delete(`/v3/roles/${orgRole.guid}`);
    await t.settle();
    expect(await types(`target_guids=${u.guid}`)).toEqual([
      'audit.user.organization_billing_manager_add',
      'audit.user.organization_user_add',
      'audit.user.space_auditor_add',
      'audit.user.organization_billing_manager_remove',
    ]);
    const [spaceAdd] = await events(`target_guids=${u.guid}&types=audit.user.space_auditor_add`);
    expect(spaceAdd).toMatchObject({ target: { guid: u.guid, type: 'user', name: 'events-role-user' }, space: { guid: space.guid }, organization: { guid: org.guid } });
  });

  it('managed instance create, update and delete write start_/finished pairs; a sync update writes .update', async () => {
    const si = await f.managedInstance(space.guid, 'events-db', DEFAULT_PLANS.shareable, dev);
    await dev.patch(`/v3/service_instances/${si.guid}`, { tags: ['x'] });
    await dev.patch(`/v3/service_instances/${si.guid}`, { parameters: { a: 1 } });
    await t.settle();
    await dev.delete(`/v3/service_instances/${si.guid}`);
    await t.settle();
    expect(await types(`target_guids=${si.guid}`)).toEqual([
      'audit.service_instance.start_create',
      'audit.service_instance.create',
      'audit.service_instance.update',
      'audit.service_instance.start_update',
      'audit.service_instance.update',
      'audit.service_instance.start_delete',
      'audit.service_instance.delete',
    ]);
    for (const e of await events(`target_guids=${si.guid}`)) expect(e).toMatchObject({ actor: { guid: dev.guid }, space: { guid: space.guid } });
  });

  it('user-provided instance create, update, credentials read and delete write their audit.user_provided_service_instance events', async () => {
    const res = await dev.post('/v3/service_instances', {
      type: 'user-provided',
      name: 'events-ups',
      credentials: { pw: 'hunter2' },
      relationships: { space: { data: { guid: space.guid } } },
    });
    const guid = res.body.guid as string;
    await dev.patch(`/v3/service_instances/${guid}`, { credentials: { pw: 'hunter3' } });
    await dev.get(`/v3/service_instances/${guid}/credentials`);
    await dev.delete(`/v3/service_instances/${guid}`);
    expect(await types(`target_guids=${guid}`)).toEqual([
      'audit.user_provided_service_instance.create',
      'audit.user_provided_service_instance.update',
      'audit.user_provided_service_instance.show',
      'audit.user_provided_service_instance.delete',
    ]);
    const text = JSON.stringify(await events(`target_guids=${guid}`));
    expect(text).not.toContain('hunter');
  });

  it('a rejected request writes no event', async () => {
    const before = (await t.admin.get('/v3/audit_events?per_page=1')).body.pagination.total_results;
    await dev.post('/v3/service_instances', { type: 'user-provided', name: 'x', relationships: { space: { data: { guid: 'nowhere' } } } });
    await dev.post('/v3/spaces', { name: 'x', relationships: { organization: { data: { guid: org.guid } } } });
    await dev.patch(`/v3/spaces/${space.guid}`, { name: 'hijack' });
    expect((await t.admin.get('/v3/audit_events?per_page=1')).body.pagination.total_results).toBe(before);
  });
});

describe('GET /v3/audit_events filters and pagination', () => {
  it('GET /v3/audit_events?types=&space_guids=&organization_guids= filter', async () => {
    const s = await f.space(org.guid, 'filter-space');
    await f.userProvidedInstance(s.guid, 'filter-ups');
    expect(await types(`space_guids=${s.guid}`)).toEqual(['audit.space.create', 'audit.user_provided_service_instance.create']);
    expect(await types(`space_guids=${s.guid}&types=audit.space.create,audit.space.update`)).toEqual(['audit.space.create']);
    const inOrg = await events(`organization_guids=${org.guid}&types=audit.space.create`);
    expect(inOrg.map((e) => e.target.guid)).toContain(s.guid);
  });

  it('GET /v3/audit_events?per_page=1&order_by=-created_at pages newest first', async () => {
    const res = await t.admin.get('/v3/audit_events?per_page=1&order_by=-created_at');
    expect(res.body.resources).toHaveLength(1);
    expect(res.body.pagination.next).toEqual({ href: `${BASE}/v3/audit_events?order_by=-created_at&page=2&per_page=1` });
  });

  it('GET /v3/audit_events with an unknown parameter or bad timestamp is 400', async () => {
    expect((await t.admin.get('/v3/audit_events?actor_guids=x')).status).toBe(400);
    expectCfError(
      await t.admin.get('/v3/audit_events?created_ats[gt]=soon'),
      400,
      'CF-BadQueryParameter',
      10005,
      "The query parameter is invalid: Created ats has an invalid timestamp format. Timestamps should be formatted as 'YYYY-MM-DDThh:mm:ssZ'",
    );
  });
});

describe('GET /v3/audit_events visibility', () => {
  it('a space auditor sees the events of its space, not those of other spaces', async () => {
    const other = await f.space(org.guid, 'other-events');
    const mine = await f.userProvidedInstance(space.guid, 'visible-to-auditor');
    const theirs = await f.userProvidedInstance(other.guid, 'hidden-from-auditor');
    const auditor = await t.as('events-space-auditor');
    await f.role(auditor, 'space_auditor', space.guid);
    expect(await types(`target_guids=${mine.guid}`, auditor)).toEqual(['audit.user_provided_service_instance.create']);
    expect(await types(`target_guids=${theirs.guid}`, auditor)).toEqual([]);
    const event = (await events(`target_guids=${theirs.guid}`))[0]!;
    expectNotFound(await auditor.get(`/v3/audit_events/${event.guid}`), 'Event not found');
  });

  it('an org auditor sees organization-level events but not space events', async () => {
    const auditor = await t.as('events-org-auditor');
    await f.role(auditor, 'organization_auditor', org.guid);
    const seen = await events(`organization_guids=${org.guid}`, auditor);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => e.space === null)).toBe(true);
  });

  it('a user without roles sees no events', async () => {
    expect(await events('', await t.as('events-nobody'))).toEqual([]);
  });
});
