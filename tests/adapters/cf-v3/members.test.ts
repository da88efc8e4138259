// The member lists v3 clients use for role management (GET /v3/organizations/:guid/users, /v3/spaces/:guid/users)
// and the usage summaries (GET /v3/organizations/:guid/usage_summary, /v3/info/usage_summary).
import { factories, DEFAULT_PLANS } from '../../helpers/factories';
import { expectCfError, expectNotFound } from '../../helpers/expectations';
import { BASE, startTestGateway, type Client, type TestGateway } from '../../helpers/testGateway';

let t: TestGateway;
let f: ReturnType<typeof factories>;

const badQuery = (detail: string) => [400, 'CF-BadQueryParameter', 10005, `The query parameter is invalid: ${detail}`] as const;
const usernames = (res: { body: { resources: { username: string }[] } }) => res.body.resources.map((u) => u.username);

let org: { guid: string };
let space: { guid: string };
let other: { guid: string };
let alice: Client;
let bob: Client;
let carol: Client;

beforeAll(async () => {
  t = await startTestGateway();
  f = factories(t);
  org = await f.org();
  space = await f.space(org.guid);
  other = await f.space(org.guid);
  alice = await t.as('member-alice');
  bob = await t.as('member-bob');
  carol = await t.as('member-carol');
  await f.role(alice, 'organization_manager', org.guid);
  await f.role(bob, 'space_developer', space.guid); // also makes bob an organization_user
  await f.role(carol, 'space_auditor', other.guid);
  await t.as('member-dave').then((d) => d.get('/v3/organizations')); // a user with no role here
});
afterAll(() => t.close());

describe('GET /v3/organizations/:guid/users', () => {
  it('GET /v3/organizations/:guid/users lists the users with a role in the organization, as /v3/users presents them', async () => {
    const res = await t.admin.get(`/v3/organizations/${org.guid}/users`);
    expect(res.status).toBe(200);
    expect(usernames(res)).toEqual(['member-alice', 'member-bob', 'member-carol']);
    expect(res.body.resources[0]).toEqual((await t.admin.get(`/v3/users/${alice.guid}`)).body);
    const first = `${BASE}/v3/organizations/${org.guid}/users?page=1&per_page=50`;
    expect(res.body.pagination).toEqual({ total_results: 3, total_pages: 1, first: { href: first }, last: { href: first }, next: null, previous: null });
  });

  it('GET /v3/organizations/:guid/users filters by usernames, partial_usernames and origins, and pages', async () => {
    expect(usernames(await t.admin.get(`/v3/organizations/${org.guid}/users?usernames=member-bob,member-dave`))).toEqual(['member-bob']);
    expect(usernames(await t.admin.get(`/v3/organizations/${org.guid}/users?partial_usernames=ca,li`))).toEqual(['member-alice', 'member-carol']);
    expect(usernames(await t.admin.get(`/v3/organizations/${org.guid}/users?usernames=member-bob&origins=uaa`))).toEqual(['member-bob']);
    expect(usernames(await t.admin.get(`/v3/organizations/${org.guid}/users?usernames=member-bob&origins=ldap`))).toEqual([]);
    const page = await t.admin.get(`/v3/organizations/${org.guid}/users?per_page=1&page=2&order_by=-created_at`);
    expect(usernames(page)).toEqual(['member-bob']);
    expect(page.body.pagination.next.href).toBe(`${BASE}/v3/organizations/${org.guid}/users?order_by=-created_at&page=3&per_page=1`);
  });

  it('GET /v3/organizations/:guid/users is readable by a member, 404 for a stranger and for an unknown organization', async () => {
    expect(usernames(await carol.get(`/v3/organizations/${org.guid}/users?usernames=member-alice`))).toEqual(['member-alice']);
    const stranger = await t.as('member-stranger');
    expectNotFound(await stranger.get(`/v3/organizations/${org.guid}/users`), 'Organization not found');
    expectNotFound(await t.admin.get('/v3/organizations/missing/users'), 'Organization not found');
  });

  it("GET /v3/organizations/:guid/users with a bad query is 400 (before the lookup), with CC's messages", async () => {
    expectCfError(
      await t.admin.get('/v3/organizations/missing/users?origins=uaa'),
      ...badQuery('Origins filter cannot be provided without usernames or partial_usernames filter.'),
    );
    expectCfError(
      await t.admin.get(`/v3/organizations/${org.guid}/users?usernames=a&partial_usernames=b`),
      ...badQuery('Usernames filter cannot be provided with both usernames and partial_usernames filter.'),
    );
    expectCfError(
      await t.admin.get(`/v3/organizations/${org.guid}/users?names=a`),
      ...badQuery(
        "Unknown query parameter(s): 'names'. Valid parameters are: 'page', 'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids', 'usernames', 'partial_usernames', 'origins', 'label_selector'",
      ),
    );
  });
});

describe('GET /v3/spaces/:guid/users', () => {
  it('GET /v3/spaces/:guid/users lists the users with a role in the space', async () => {
    const res = await t.admin.get(`/v3/spaces/${space.guid}/users`);
    expect(res.status).toBe(200);
    expect(usernames(res)).toEqual(['member-bob']);
    expect(res.body.pagination.first.href).toBe(`${BASE}/v3/spaces/${space.guid}/users?page=1&per_page=50`);
    expect(usernames(await t.admin.get(`/v3/spaces/${other.guid}/users?partial_usernames=car`))).toEqual(['member-carol']);
    expect(usernames(await t.admin.get(`/v3/spaces/${other.guid}/users?partial_usernames=bob`))).toEqual([]);
  });

  it('GET /v3/spaces/:guid/users is readable by the org manager, 404 for an org user without a role in the space', async () => {
    expect(usernames(await alice.get(`/v3/spaces/${space.guid}/users`))).toEqual(['member-bob']);
    expectNotFound(await bob.get(`/v3/spaces/${other.guid}/users`), 'Space not found');
    expectCfError(await t.admin.get(`/v3/spaces/missing/users?origins=uaa`), ...badQuery('Origins filter cannot be provided without usernames or partial_usernames filter.'));
  });
});

describe('usage summaries', () => {
  it('GET /v3/organizations/:guid/usage_summary counts the managed instances its spaces own', async () => {
    const o = await f.org();
    const s = await f.space(o.guid);
    const elsewhere = await f.space();
    await f.managedInstance(s.guid, 'usage-a');
    await f.managedInstance(s.guid, 'usage-b', DEFAULT_PLANS.notShareable);
    await f.userProvidedInstance(s.guid);
    const shared = await f.managedInstance(elsewhere.guid, 'usage-shared');
    await t.admin.post(`/v3/service_instances/${shared.guid}/relationships/shared_spaces`, { data: [{ guid: s.guid }] });
    const res = await t.admin.get(`/v3/organizations/${o.guid}/usage_summary`);
    expect({ status: res.status, body: res.body }).toEqual({
      status: 200,
      body: {
        usage_summary: { started_instances: 0, memory_in_mb: 0, routes: 0, service_instances: 2, reserved_ports: 0, domains: 0, per_app_tasks: 0, service_keys: 0 },
        links: { self: { href: `${BASE}/v3/organizations/${o.guid}/usage_summary` }, organization: { href: `${BASE}/v3/organizations/${o.guid}` } },
      },
    });
  });

  it('GET /v3/organizations/:guid/usage_summary is 404 for a stranger and an unknown organization', async () => {
    const stranger = await t.as('usage-stranger');
    expectNotFound(await stranger.get(`/v3/organizations/${org.guid}/usage_summary`), 'Organization not found');
    expectNotFound(await t.admin.get('/v3/organizations/missing/usage_summary'), 'Organization not found');
    expect((await carol.get(`/v3/organizations/${org.guid}/usage_summary`)).status).toBe(200);
  });

  it('GET /v3/info/usage_summary counts every managed instance, for those who read everything', async () => {
    const before = (await t.admin.get('/v3/info/usage_summary')).body.usage_summary.service_instances as number;
    await f.managedInstance(space.guid, 'usage-global');
    await f.userProvidedInstance(space.guid);
    const res = await t.admin.get('/v3/info/usage_summary');
    expect(res.body).toEqual({
      usage_summary: { started_instances: 0, memory_in_mb: 0, routes: 0, service_instances: before + 1, reserved_ports: 0, domains: 0, per_app_tasks: 0, service_keys: 0 },
      links: { self: { href: `${BASE}/v3/info/usage_summary` } },
    });
    const auditor = await t.as('usage-auditor', { scopes: ['cloud_controller.global_auditor'] });
    expect((await auditor.get('/v3/info/usage_summary')).status).toBe(200);
  });

  it('GET /v3/info/usage_summary is 404 Unknown request for anyone else, 401 without a token', async () => {
    expectCfError(await alice.get('/v3/info/usage_summary'), 404, 'CF-NotFound', 10000, 'Unknown request');
    expectCfError(await t.anonymous.get('/v3/info/usage_summary'), 401, 'CF-NotAuthenticated', 10002, 'Authentication error');
  });
});
