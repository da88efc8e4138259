// Opaque API tokens in the Golem token API's shape: created with a login token, used as a bearer token or a
// GOLEM_SESSION cookie (also on the env-shares routes), only a digest stored, revocable; errors in the env-shares
// format.
import { factories } from '../helpers/factories';
import { ADMIN_PASSWORD, bearer, createScimUser, login, useIdentityGateway } from './identityHelpers';
import { queryRows } from '../helpers/testDatabase';

const t = useIdentityGateway();
let admin: string;
let quinn: { id: string };
let quinnJwt: string;
beforeAll(async () => {
  admin = (await login(t.http, 'admin', ADMIN_PASSWORD)).access_token;
  quinn = await createScimUser(t.http, admin, 'quinn', 'quinn-pw-1');
  quinnJwt = (await login(t.http, 'quinn', 'quinn-pw-1')).access_token;
});

const tokensOf = (account: string) => `/v1/accounts/${account}/tokens`;
const create = (account: string, credential: string, expiresAt = '2100-01-01T00:00:00Z') => t.http.post(tokensOf(account)).set(bearer(credential)).send({ expiresAt });

describe('API tokens', () => {
  it('creates a token (secret shown once), lists it, and the secret works as bearer and as GOLEM_SESSION', async () => {
    const res = await create(quinn.id, quinnJwt);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ id: expect.any(String), accountId: quinn.id, createdAt: expect.any(String), expiresAt: '2100-01-01T00:00:00.000Z' });
    const secret = res.body.secret.value as string;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{16,}$/);

    const listed = await t.http.get(tokensOf(quinn.id)).set(bearer(secret));
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([res.body.data]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const viaCookie = await t.http.get(`${tokensOf(quinn.id)}/${res.body.data.id}`).set('Cookie', `theme=dark; GOLEM_SESSION=${secret}`);
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.body).toEqual(res.body.data);

    // the secret is not stored, only its digest
    const rows = await queryRows(t.gateway.store, 'SELECT * FROM api_tokens');
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('authenticates on the env-shares routes as the same user', async () => {
    const f = factories(t);
    const space = await f.space();
    const secret = (await create(t.admin.guid, admin)).body.secret.value as string;
    const viaBearer = await t.http.get(`/v1/envs/${space.guid}/shares`).set(bearer(secret));
    expect(viaBearer.status).toBe(200);
    const viaCookie = await t.http.get(`/v1/envs/${space.guid}/shares`).set('Cookie', `GOLEM_SESSION=${secret}`);
    expect(viaCookie.status).toBe(200);
    const unknown = await t.http.get(`/v1/envs/${space.guid}/shares`).set(bearer('ThisIsNotAKnownToken123'));
    expect(unknown.status).toBe(401);
  });

  it('revokes a token; it no longer authenticates', async () => {
    const res = await create(quinn.id, quinnJwt);
    const secret = res.body.secret.value as string;
    const del = await t.http.delete(`${tokensOf(quinn.id)}/${res.body.data.id}`).set(bearer(quinnJwt));
    expect(del.status).toBe(200);
    expect(del.body).toEqual({});
    const after = await t.http.get(tokensOf(quinn.id)).set(bearer(secret));
    expect({ status: after.status, body: after.body }).toEqual({ status: 401, body: { code: 'AUTH_UNAUTHORIZED', error: 'Could not authenticate user using token' } });
    expect((await t.http.delete(`${tokensOf(quinn.id)}/${res.body.data.id}`).set(bearer(quinnJwt))).body).toEqual({ code: 'RESOURCE_NOT_FOUND', error: 'Token not found' });
  });

  it('an expired token does not authenticate', async () => {
    const res = await create(quinn.id, quinnJwt);
    await queryRows(t.gateway.store, 'UPDATE api_tokens SET expires_at = ? WHERE guid = ?', Date.now() - 1000, res.body.data.id);
    expect((await t.http.get(tokensOf(quinn.id)).set(bearer(res.body.secret.value))).status).toBe(401);
  });

  it("others' tokens: 403 for a user, allowed to an admin; unknown account 404", async () => {
    const ruth = await createScimUser(t.http, admin, 'ruth', 'ruth-pw-1');
    const ruthJwt = (await login(t.http, 'ruth', 'ruth-pw-1')).access_token;
    const forbidden = await t.http.get(tokensOf(quinn.id)).set(bearer(ruthJwt));
    expect(forbidden.status).toBe(403);
    expect(typeof forbidden.body.error).toBe('string');
    expect((await create(quinn.id, ruthJwt)).status).toBe(403);
    expect((await t.http.get(tokensOf(quinn.id)).set(bearer(admin))).status).toBe(200);
    expect((await create(ruth.id, admin)).status).toBe(200);
    const missing = await create('00000000-0000-4000-8000-000000000000', admin);
    expect({ status: missing.status, body: missing.body }).toEqual({
      status: 404,
      body: { code: 'ACCOUNT_NOT_FOUND', error: 'Account 00000000-0000-4000-8000-000000000000 not found' },
    });
    expect((await t.http.get(`${tokensOf(quinn.id)}/no-such-token`).set(bearer(quinnJwt))).status).toBe(404);
  });

  it('bad bodies: 400 {"code","errors":[...]}; no credentials: 401 AUTH_UNAUTHORIZED', async () => {
    for (const body of [{}, { expiresAt: 'tomorrow' }, { expiresAt: 5 }, { expiresAt: '2000-01-01T00:00:00Z' }]) {
      const res = await t.http.post(tokensOf(quinn.id)).set(bearer(quinnJwt)).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.errors).toEqual([expect.any(String)]);
    }
    const malformed = await t.http.post(tokensOf(quinn.id)).set(bearer(quinnJwt)).set('Content-Type', 'application/json').send('{');
    expect(malformed.status).toBe(400);
    const none = await t.http.get(tokensOf(quinn.id));
    expect({ status: none.status, body: none.body }).toEqual({ status: 401, body: { code: 'AUTH_UNAUTHORIZED', error: 'Could not authenticate user using token' } });
  });

  it('deleting the user removes their tokens', async () => {
    const sam = await createScimUser(t.http, admin, 'sam', 'sam-pw-1');
    const samJwt = (await login(t.http, 'sam', 'sam-pw-1')).access_token;
    const secret = (await create(sam.id, samJwt)).body.secret.value as string;
    expect((await t.http.delete(`/Users/${sam.id}`).set(bearer(admin))).status).toBe(200);
    expect((await t.http.get(tokensOf(sam.id)).set(bearer(secret))).status).toBe(401);
    expect(await queryRows(t.gateway.store, 'SELECT count(*) AS n FROM api_tokens WHERE user_guid = ?', sam.id)).toEqual([{ n: 0 }]);
  });
});
