// /v3/users: create, list, get, delete.
import { factories } from '../../helpers/factories';
import { expectForbidden, expectNotFound, expectUnprocessable } from '../../helpers/expectations';
import { BASE, useGateway } from '../../helpers/testGateway';

const t = useGateway();
const f = factories(t);

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const guids = (res: { body: { resources: { guid: string }[] } }) => res.body.resources.map((u) => u.guid);

describe('POST /v3/users', () => {
  it('POST /v3/users {guid} as admin is 201 with the user object in CC key order', async () => {
    const res = await t.admin.post('/v3/users', { guid: 'made-by-guid', metadata: { labels: { team: 'a' } } });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(['guid', 'created_at', 'updated_at', 'username', 'presentation_name', 'origin', 'metadata', 'links']);
    expect(res.body).toEqual({
      guid: 'made-by-guid',
      created_at: expect.stringMatching(TIME),
      updated_at: expect.stringMatching(TIME),
      username: null,
      presentation_name: 'made-by-guid',
      origin: null,
      metadata: { labels: { team: 'a' }, annotations: {} },
      links: { self: { href: `${BASE}/v3/users/made-by-guid` } },
    });
    expect((await t.admin.get('/v3/users/made-by-guid')).body).toEqual(res.body);
  });

  it('POST /v3/users {username, origin} as admin is 201 with the username as presentation name', async () => {
    const res = await t.admin.post('/v3/users', { username: 'ldap-person', origin: 'ldap' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'ldap-person', presentation_name: 'ldap-person', origin: 'ldap' });
    expect(res.body.guid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("POST /v3/users records audit.user.create naming the user by username, or '' when it has none", async () => {
    await t.admin.post('/v3/users', { guid: 'event-by-guid' });
    await t.admin.post('/v3/users', { username: 'event-person', origin: 'ldap' });
    const events = (await t.admin.get('/v3/audit_events?types=audit.user.create')).body.resources as { target: { guid: string; type: string; name: string } }[];
    expect(events.find((e) => e.target.guid === 'event-by-guid')!.target).toEqual({ guid: 'event-by-guid', type: 'user', name: '' });
    expect(events.find((e) => e.target.name === 'event-person')!.target.type).toBe('user');
  });

  it('POST /v3/users with a guid that exists is 422', async () => {
    await t.admin.post('/v3/users', { guid: 'twice' });
    expectUnprocessable(await t.admin.post('/v3/users', { guid: 'twice' }), "User with guid 'twice' already exists.");
  });

  it('POST /v3/users with a username and origin that exist is 422', async () => {
    await t.admin.post('/v3/users', { username: 'twin', origin: 'ldap' });
    expectUnprocessable(await t.admin.post('/v3/users', { username: 'twin', origin: 'ldap' }), "User with username 'twin' and origin 'ldap' already exists.");
  });

  it.each([
    [{}, "Guid or 'username' and 'origin' must be provided"],
    [{ guid: 'g', username: 'u' }, "Username cannot be provided with 'guid'"],
    [{ guid: 'g', origin: 'ldap' }, "Origin cannot be provided with 'guid'"],
    [{ username: 'u' }, "Username can only be provided together with 'origin'"],
    [{ origin: 'ldap' }, "Origin can only be provided together with 'username'"],
    [{ username: 'u', origin: 'uaa' }, "Origin cannot be 'uaa' when creating a user by username"],
    [{ guid: 'x'.repeat(201) }, 'Guid must be between 1 and 200 characters'],
    [{ guid: 12 }, 'Guid must be a string, Guid must be between 1 and 200 characters'],
    [{ guid: 'g', nickname: 'n' }, "Unknown field(s): 'nickname'"],
  ])('POST /v3/users with %j is 422 "%s"', async (body, detail) => {
    expectUnprocessable(await t.admin.post('/v3/users', body), detail);
  });

  it('POST /v3/users by a non-admin is 403, even with an invalid body, and creates nothing', async () => {
    const user = await t.as('not-an-admin');
    expectForbidden(await user.post('/v3/users', { guid: 'sneaky' }));
    expectForbidden(await user.post('/v3/users', { nickname: 'n' }));
    expectNotFound(await t.admin.get('/v3/users/sneaky'), 'User not found');
  });
});

describe('GET /v3/users', () => {
  it('GET /v3/users?usernames=&origins= filters; origins alone is 422', async () => {
    await t.admin.post('/v3/users', { username: 'filter-me', origin: 'ldap' });
    await t.admin.post('/v3/users', { username: 'filter-me', origin: 'saml' });
    const res = await t.admin.get('/v3/users?usernames=filter-me&origins=saml');
    expect(res.body.resources.map((u: { origin: string }) => u.origin)).toEqual(['saml']);
    expect((await t.admin.get('/v3/users?usernames=filter-me')).body.pagination.total_results).toBe(2);
    expect((await t.admin.get('/v3/users?partial_usernames=ilter-m')).body.pagination.total_results).toBe(2);
    expectUnprocessable(await t.admin.get('/v3/users?origins=ldap'), 'Origins filter cannot be provided without usernames or partial_usernames filter.');
    expectUnprocessable(await t.admin.get('/v3/users?usernames=a&partial_usernames=b'), 'Usernames filter cannot be provided with both usernames and partial_usernames filter.');
  });

  it('GET /v3/users with an invalid parameter is 422 (not 400), as Cloud Controller answers for users', async () => {
    const res = await t.admin.get('/v3/users?per_page=0');
    expectUnprocessable(res, 'Per page must be a positive integer');
  });

  it('GET /v3/users shows a user itself and the users of the organizations it belongs to', async () => {
    const org = await f.org();
    const alice = await t.as('users-alice');
    const bob = await t.as('users-bob');
    const carol = await t.as('users-carol');
    await carol.get('/v3/organizations');
    await f.role(alice, 'organization_user', org.guid);
    await f.role(bob, 'organization_auditor', org.guid);
    expect(guids(await alice.get('/v3/users')).sort()).toEqual([alice.guid, bob.guid].sort());
    expect(guids(await carol.get('/v3/users'))).toEqual([carol.guid]);
    expect((await alice.get(`/v3/users/${bob.guid}`)).status).toBe(200);
    expectNotFound(await carol.get(`/v3/users/${bob.guid}`), 'User not found');
  });

  it('GET /v3/users/:guid of an unknown user is 404 User not found', async () => {
    expectNotFound(await t.admin.get('/v3/users/nobody'), 'User not found');
  });
});

describe('PATCH /v3/users/:guid', () => {
  it('PATCH /v3/users/:guid {metadata} as admin merges labels and annotations', async () => {
    await t.admin.post('/v3/users', { guid: 'labelled', metadata: { labels: { a: '1', b: '2' } } });
    const res = await t.admin.patch('/v3/users/labelled', { metadata: { labels: { a: null, c: '3' }, annotations: { note: 'x' } } });
    expect(res.status).toBe(200);
    expect(res.body.metadata).toEqual({ labels: { b: '2', c: '3' }, annotations: { note: 'x' } });
  });

  it('PATCH /v3/users/:guid by a non-admin is 403 for itself (even with a bad body) and 404 for an invisible user', async () => {
    const self = await t.as('patch-self');
    await self.get('/v3/organizations');
    expectForbidden(await self.patch(`/v3/users/${self.guid}`, { metadata: { labels: { a: 'b' } } }));
    expectForbidden(await self.patch(`/v3/users/${self.guid}`, { username: 'renamed' }));
    expectNotFound(await self.patch('/v3/users/labelled', { metadata: {} }), 'User not found');
    expectNotFound(await t.admin.patch('/v3/users/nobody', { metadata: {} }), 'User not found');
  });
});

describe('DELETE /v3/users/:guid', () => {
  it('DELETE /v3/users/:guid is 202 with a job user.delete that removes the user and its roles', async () => {
    const org = await f.org();
    const space = await f.space(org.guid);
    const doomed = await t.as('doomed');
    await f.role(doomed, 'space_developer', space.guid);
    const res = await t.admin.delete(`/v3/users/${doomed.guid}`);
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    await t.settle();
    const job = await t.admin.get(res.headers.location!.slice(BASE.length));
    expect(job.body).toMatchObject({ operation: 'user.delete', state: 'COMPLETE', errors: [] });
    expectNotFound(await t.admin.get(`/v3/users/${doomed.guid}`), 'User not found');
    expect((await t.admin.get(`/v3/roles?user_guids=${doomed.guid}`)).body.pagination.total_results).toBe(0);
  });

  it('DELETE /v3/users/:guid by a non-admin is 403 for a visible user, 404 for an invisible one', async () => {
    const org = await f.org();
    const manager = await t.as('users-org-manager');
    const member = await t.as('users-member');
    const outsider = await t.as('users-outsider');
    await outsider.get('/v3/organizations');
    await f.role(manager, 'organization_manager', org.guid);
    await f.role(member, 'organization_user', org.guid);
    expectForbidden(await manager.delete(`/v3/users/${member.guid}`));
    expectNotFound(await manager.delete(`/v3/users/${outsider.guid}`), 'User not found');
    await t.settle();
    expect((await t.admin.get(`/v3/users/${member.guid}`)).status).toBe(200);
  });

  it('DELETE /v3/users/:guid of an unknown user is 404', async () => {
    expectNotFound(await t.admin.delete('/v3/users/nobody'), 'User not found');
  });
});
