// SCIM user management as UAA serves it: create, filter, read, delete, password changes; every bad input gets
// UAA's SCIM error body and status.
import { factories } from '../helpers/factories';
import { ADMIN_PASSWORD, bearer, createScimUser, decodeJwt, expectOAuthError, expectScimError, login, passwordLogin, tokenRequest } from './identityHelpers';
import { useIdentityGateway } from './identityHelpers';

const t = useIdentityGateway();
let admin: string;
beforeAll(async () => {
  admin = (await login(t.http, 'admin', ADMIN_PASSWORD)).access_token;
});

const asAdmin = () => ({ post: (p: string) => t.http.post(p).set(bearer(admin)), get: (p: string) => t.http.get(p).set(bearer(admin)) });

describe('POST /Users', () => {
  it('creates a user who can log in: 201, ETag, UAA’s representation', async () => {
    const res = await asAdmin()
      .post('/Users')
      .send({ userName: 'erin', password: 'erin-pw-1', name: { givenName: 'Erin', familyName: 'E' }, emails: [{ value: 'erin@example.org', primary: true }], origin: 'uaa' });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"0"');
    expect(res.body).toMatchObject({
      userName: 'erin',
      origin: 'uaa',
      active: true,
      verified: true,
      zoneId: 'uaa',
      emails: [{ value: 'erin@example.org', primary: true }],
      meta: { version: 0 },
      schemas: ['urn:scim:schemas:core:1.0'],
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.password).toBeUndefined();
    expect(res.body.groups.map((g: { display: string }) => g.display)).toContain('openid');
    const tokens = await login(t.http, 'erin', 'erin-pw-1');
    expect(decodeJwt(tokens.access_token).payload).toMatchObject({ user_id: res.body.id, user_name: 'erin', email: 'erin@example.org' });
  });

  it('duplicate user name: 409 scim_resource_already_exists with the existing user_id', async () => {
    const first = await createScimUser(t.http, admin, 'frank', 'frank-pw-1');
    const res = await asAdmin().post('/Users').send({ userName: 'frank', password: 'other' });
    expectScimError(res, 409, 'scim_resource_already_exists', 'Username already in use: frank');
    expect(res.body.user_id).toBe(first.id);
  });

  it('missing or invalid user name, bad password, wrong types, malformed JSON: 400', async () => {
    expectScimError(await asAdmin().post('/Users').send({ password: 'x' }), 400, 'invalid_scim_resource', 'A username must be provided.');
    expectScimError(await asAdmin().post('/Users').send({ userName: '', password: 'x' }), 400, 'invalid_scim_resource', 'A username must be provided.');
    expectScimError(await asAdmin().post('/Users').send({ userName: 'has space', password: 'x' }), 400, 'invalid_scim_resource');
    expectScimError(
      await asAdmin()
        .post('/Users')
        .send({ userName: 'u'.repeat(256), password: 'x' }),
      400,
      'invalid_scim_resource',
    );
    expectScimError(await asAdmin().post('/Users').send({ userName: 'gina', password: '' }), 400, 'invalid_password');
    expectScimError(
      await asAdmin()
        .post('/Users')
        .send({ userName: 'gina', password: 'p'.repeat(256) }),
      400,
      'invalid_password',
    );
    expectScimError(await asAdmin().post('/Users').send({ userName: 5, password: 'x' }), 400, 'invalid_scim_resource');
    expectScimError(await asAdmin().post('/Users').send({ userName: 'gina', emails: 'gina@example.org' }), 400, 'invalid_scim_resource');
    expectScimError(
      await asAdmin()
        .post('/Users')
        .send([{ userName: 'gina' }]),
      400,
      'invalid_scim_resource',
    );
    expectScimError(await asAdmin().post('/Users').set('Content-Type', 'application/json').send('{"userName": '), 400, 'scim');
    expectScimError(await asAdmin().post('/Users').set('Content-Type', 'application/json').send('"just a string"'), 400, 'invalid_scim_resource');
    // nothing was created by any of these
    expect((await asAdmin().get('/Users?filter=userName eq "gina"')).body.totalResults).toBe(0);
  });

  it('no token: 401; bad token: 401 invalid_token; a user without scim.write: 403 insufficient_scope', async () => {
    expectScimError(await t.http.post('/Users').send({ userName: 'h', password: 'x' }), 401, 'unauthorized', 'Full authentication is required to access this resource');
    expectScimError(await t.http.post('/Users').set(bearer('nope')).send({ userName: 'h', password: 'x' }), 401, 'invalid_token');
    await createScimUser(t.http, admin, 'plainuser', 'plain-pw-1');
    const plain = (await login(t.http, 'plainuser', 'plain-pw-1')).access_token;
    const res = await t.http.post('/Users').set(bearer(plain)).send({ userName: 'h', password: 'x' });
    expectScimError(res, 403, 'insufficient_scope', 'Insufficient scope for this resource');
    expect(res.body.scope).toContain('scim.write');
  });
});

describe('GET /Users', () => {
  it('filters on userName (double or single quotes, any case) and origin, pages with startIndex/count', async () => {
    const ivan = await createScimUser(t.http, admin, 'ivan', 'ivan-pw-1');
    for (const filter of [
      'userName eq "ivan"',
      "userName eq 'ivan'",
      'username EQ "IVAN"',
      'userName eq "ivan" and origin eq "uaa"',
      '(userName eq "ivan" or userName eq "nobody")',
    ]) {
      const res = await asAdmin().get(`/Users?filter=${encodeURIComponent(filter)}`);
      expect({ filter, status: res.status, ids: res.body.resources?.map((u: { id: string }) => u.id) }).toEqual({ filter, status: 200, ids: [ivan.id] });
      expect(res.body).toMatchObject({ startIndex: 1, totalResults: 1, schemas: ['urn:scim:schemas:core:1.0'] });
    }
    expect((await asAdmin().get('/Users?filter=userName eq "nobody"')).body).toMatchObject({ resources: [], totalResults: 0 });
    expect((await asAdmin().get(`/Users?filter=id eq "${ivan.id}"`)).body.resources[0].userName).toBe('ivan');
    expect((await asAdmin().get('/Users?filter=userName sw "iv"')).body.totalResults).toBe(1);

    const all = await asAdmin().get('/Users');
    expect(all.body.totalResults).toBeGreaterThanOrEqual(2);
    expect(all.body.resources.map((u: { userName: string }) => u.userName)).toEqual(expect.arrayContaining(['admin', 'ivan']));
    const page = await asAdmin().get('/Users?startIndex=2&count=1');
    expect(page.body).toMatchObject({ startIndex: 2, itemsPerPage: 1, totalResults: all.body.totalResults });
    expect(page.body.resources).toEqual([all.body.resources[1]]);

    const picked = await asAdmin().get('/Users?filter=userName eq "ivan"&attributes=id,userName');
    expect(picked.body.resources).toEqual([{ id: ivan.id, userName: 'ivan' }]);
  });

  it('a bad filter: 400 in UAA’s words', async () => {
    for (const filter of ['userName equals "x"', 'userName eq x', 'password eq "x"', 'userName eq "x', '(userName eq "x"', 'userName eq "x" junk']) {
      const res = await asAdmin().get(`/Users?filter=${encodeURIComponent(filter)}`);
      expectScimError(res, 400, 'scim', `Invalid filter expression: [${filter}] [created]`);
    }
    expectScimError(await asAdmin().get('/Users?count=abc'), 400, 'invalid_scim_resource');
    expectScimError(await asAdmin().get('/Users?filter=a&filter=b'), 400, 'invalid_scim_resource');
  });

  it('needs scim.read; users may read themselves', async () => {
    const jack = await createScimUser(t.http, admin, 'jack', 'jack-pw-1');
    const token = (await login(t.http, 'jack', 'jack-pw-1')).access_token;
    expectScimError(await t.http.get('/Users').set(bearer(token)), 403, 'insufficient_scope');
    expect((await t.http.get(`/Users/${jack.id}`).set(bearer(token))).body.userName).toBe('jack');
    const adminId = decodeJwt(admin).payload.user_id as string;
    expectScimError(await t.http.get(`/Users/${adminId}`).set(bearer(token)), 403, 'insufficient_scope');
  });

  it('an unknown id: 404 scim_resource_not_found', async () => {
    expectScimError(await asAdmin().get('/Users/no-such-user'), 404, 'scim_resource_not_found', 'User no-such-user does not exist');
  });
});

describe('DELETE /Users/:id', () => {
  it('deletes the user with their shares and tokens, at once; they can no longer log in', async () => {
    const kim = await createScimUser(t.http, admin, 'kim', 'kim-pw-1');
    const tokens = await login(t.http, 'kim', 'kim-pw-1');
    const f = factories(t);
    const space = await f.space();
    const kimClient = { ...t.admin, guid: kim.id, get: (p: string) => t.http.get(p).set(bearer(tokens.access_token)) };
    await f.role(kimClient as never, 'space_developer', space.guid);
    expect((await t.admin.get(`/v3/roles?user_guids=${kim.id}`)).body.pagination.total_results).toBe(2);

    const res = await t.http.delete(`/Users/${kim.id}`).set(bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: kim.id, userName: 'kim' });
    expect((await t.admin.get(`/v3/roles?user_guids=${kim.id}`)).body.pagination.total_results).toBe(0);
    expectOAuthError(await passwordLogin(t.http, 'kim', 'kim-pw-1'), 401, 'unauthorized', 'Bad credentials');
    expectOAuthError(await tokenRequest(t.http, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }), 401, 'invalid_token');
    expectScimError(await asAdmin().get(`/Users/${kim.id}`), 404, 'scim_resource_not_found');
    expectScimError(await t.http.delete(`/Users/${kim.id}`).set(bearer(admin)), 404, 'scim_resource_not_found');
  });

  it('needs scim.write', async () => {
    const lee = await createScimUser(t.http, admin, 'lee', 'lee-pw-1');
    const token = (await login(t.http, 'lee', 'lee-pw-1')).access_token;
    expectScimError(await t.http.delete(`/Users/${lee.id}`).set(bearer(token)), 403, 'insufficient_scope');
    expectScimError(await t.http.delete(`/Users/${lee.id}`), 401, 'unauthorized');
  });
});

describe('PUT /Users/:id/password', () => {
  it('a user changes their own password with the old one; refresh tokens are revoked', async () => {
    const mia = await createScimUser(t.http, admin, 'mia', 'mia-pw-1');
    const tokens = await login(t.http, 'mia', 'mia-pw-1');
    const put = (body: unknown, token = tokens.access_token) =>
      t.http
        .put(`/Users/${mia.id}/password`)
        .set(bearer(token))
        .send(body as object);

    expectScimError(await put({ password: 'mia-pw-2' }), 400, 'invalid_password', 'Previous password is required');
    expectScimError(await put({ oldPassword: 'wrong', password: 'mia-pw-2' }), 401, 'unauthorized', 'Old password is incorrect');
    expectScimError(await put({ oldPassword: 'mia-pw-1', password: 'mia-pw-1' }), 422, 'invalid_password');
    expectScimError(await put({ oldPassword: 'mia-pw-1', password: '' }), 400, 'invalid_password');
    expectScimError(await put({ oldPassword: 'mia-pw-1' }), 400, 'invalid_password');
    expectScimError(await put({ oldPassword: 5, password: 'x' }), 400, 'invalid_scim_resource');
    expectScimError(await t.http.put(`/Users/${mia.id}/password`).set(bearer(tokens.access_token)).set('Content-Type', 'application/json').send('{'), 400, 'scim');

    const ok = await put({ oldPassword: 'mia-pw-1', password: 'mia-pw-2' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ status: 'ok', message: 'password updated' });
    expectOAuthError(await passwordLogin(t.http, 'mia', 'mia-pw-1'), 401, 'unauthorized');
    expect((await passwordLogin(t.http, 'mia', 'mia-pw-2')).status).toBe(200);
    expectOAuthError(await tokenRequest(t.http, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }), 401, 'invalid_token');
  });

  it("only an admin may set someone else's password, without the old one", async () => {
    const ned = await createScimUser(t.http, admin, 'ned', 'ned-pw-1');
    const oz = await createScimUser(t.http, admin, 'oz', 'oz-pw-1');
    const nedToken = (await login(t.http, 'ned', 'ned-pw-1')).access_token;
    expectScimError(
      await t.http.put(`/Users/${oz.id}/password`).set(bearer(nedToken)).send({ oldPassword: 'oz-pw-1', password: 'hacked' }),
      400,
      'invalid_password',
      "Not permitted to change another user's password",
    );
    expect((await passwordLogin(t.http, 'oz', 'oz-pw-1')).status).toBe(200);

    expect((await t.http.put(`/Users/${ned.id}/password`).set(bearer(admin)).send({ password: 'set-by-admin' })).status).toBe(200);
    expect((await passwordLogin(t.http, 'ned', 'set-by-admin')).status).toBe(200);
    expectScimError(await t.http.put('/Users/nobody/password').set(bearer(admin)).send({ password: 'x' }), 404, 'scim_resource_not_found');
    expectScimError(await t.http.put(`/Users/${ned.id}/password`).send({ password: 'x' }), 401, 'unauthorized');
  });
});
