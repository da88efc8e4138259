// `cf create-user`: the CLI makes the account with SCIM `POST /Users`, then registers it with `POST /v3/users`.
import { expectUnprocessable } from '../helpers/expectations';
import { ADMIN_PASSWORD, bearer, createScimUser, login, useIdentityGateway } from './identityHelpers';

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
