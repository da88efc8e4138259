// `cf create-user`: the CLI makes the account with SCIM `POST /Users`, then registers it with `POST /v3/users`.
import { expectUnprocessable } from '../helpers/expectations';
import { ADMIN_PASSWORD, bearer, createScimUser, login, passwordLogin, useIdentityGateway } from './identityHelpers';

const t = useIdentityGateway();
let admin: string;
beforeAll(async () => {
  admin = (await login(t.http, 'admin', ADMIN_PASSWORD)).access_token;
});

describe('POST /Users then POST /v3/users (cf create-user)', () => {
  it('registers the SCIM account as a v3 user once; a second registration is 422', async () => {
    const account = await createScimUser(t.http, admin, 'frank', 'frank-pw-1');
    const first = await t.http.post('/v3/users').set(bearer(admin)).send({ guid: account.id });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ guid: account.id, username: 'frank', origin: 'uaa' });
    const again = await t.http.post('/v3/users').set(bearer(admin)).send({ guid: account.id });
    expectUnprocessable(again, `User with guid '${account.id}' already exists.`);
  });

  it('POST /v3/users is 422 for an account that has already used the CF API', async () => {
    const account = await createScimUser(t.http, admin, 'gina', 'gina-pw-1');
    const tokens = await login(t.http, 'gina', 'gina-pw-1');
    expect((await t.http.get('/v3/organizations').set(bearer(tokens.access_token))).status).toBe(200);
    expectUnprocessable(await t.http.post('/v3/users').set(bearer(admin)).send({ guid: account.id }), `User with guid '${account.id}' already exists.`);
  });
});

describe('DELETE /v3/users/:guid then DELETE /Users/:guid (cf delete-user)', () => {
  it('the job forgets the Cloud Foundry user and its roles; the login account stays until UAA deletes it', async () => {
    const account = await createScimUser(t.http, admin, 'hank', 'hank-pw-1');
    expect((await t.http.post('/v3/users').set(bearer(admin)).send({ guid: account.id })).status).toBe(201);
    const org = await t.http.post('/v3/organizations').set(bearer(admin)).send({ name: 'delete-user-org' });
    const role = await t.http
      .post('/v3/roles')
      .set(bearer(admin))
      .send({ type: 'organization_user', relationships: { user: { data: { username: 'hank' } }, organization: { data: { guid: org.body.guid } } } });
    expect(role.status).toBe(201);
    const deleted = await t.http.delete(`/v3/users/${account.id}`).set(bearer(admin));
    expect(deleted.status).toBe(202);
    await t.settle();
    expect((await t.http.get(`/v3/users/${account.id}`).set(bearer(admin))).status).toBe(404);
    expect((await t.http.get(`/v3/roles?user_guids=${account.id}`).set(bearer(admin))).body.pagination.total_results).toBe(0);
    expect((await t.http.get(`/Users/${account.id}`).set(bearer(admin))).status).toBe(200);
    expect((await t.http.delete(`/Users/${account.id}`).set(bearer(admin))).status).toBe(200);
    expect((await passwordLogin(t.http, 'hank', 'hank-pw-1')).status).toBe(401);
  });

  it('a role for a login-only account registers it as a Cloud Foundry user', async () => {
    const account = await createScimUser(t.http, admin, 'ivy', 'ivy-pw-1');
    expect((await t.http.get(`/v3/users/${account.id}`).set(bearer(admin))).status).toBe(404);
    const org = await t.http.post('/v3/organizations').set(bearer(admin)).send({ name: 'register-by-role-org' });
    const role = await t.http
      .post('/v3/roles')
      .set(bearer(admin))
      .send({ type: 'organization_manager', relationships: { user: { data: { guid: account.id } }, organization: { data: { guid: org.body.guid } } } });
    expect(role.status).toBe(201);
    expect((await t.http.get(`/v3/users/${account.id}`).set(bearer(admin))).body).toMatchObject({ guid: account.id, username: 'ivy' });
  });
});
