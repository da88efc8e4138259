// Every bad input on POST /oauth/token gets UAA's error body and status (never a 500), and password guessing is
// throttled per user name and per address with 429 and Retry-After.
import { ADMIN_PASSWORD, CF_BASIC, createScimUser, expectOAuthError, login, passwordLogin, startIdentityGateway, tokenRequest, useIdentityGateway } from './identityHelpers';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('POST /oauth/token errors', () => {
  const t = useIdentityGateway();
  beforeAll(async () => {
    const admin = await login(t.http, 'admin', ADMIN_PASSWORD);
    await createScimUser(t.http, admin.access_token, 'carol', 'carol-pw-1');
  });

  it('wrong password and unknown user: 401 unauthorized "Bad credentials", alike', async () => {
    expectOAuthError(await passwordLogin(t.http, 'carol', 'not-her-password'), 401, 'unauthorized', 'Bad credentials');
    expectOAuthError(await passwordLogin(t.http, 'nobody-here', 'whatever'), 401, 'unauthorized', 'Bad credentials');
    expectOAuthError(await passwordLogin(t.http, 'carol', 'carol-pw-1', { login_hint: '{"origin":"ldap"}' }), 401, 'unauthorized', 'Bad credentials');
    expect((await passwordLogin(t.http, 'carol', 'carol-pw-1', { login_hint: '{"origin":"uaa"}' })).status).toBe(200);
    expect((await passwordLogin(t.http, 'carol', 'carol-pw-1', { login_hint: 'not json' })).status).toBe(200);
  });

  it('a user seen only through a token has no password to log in with', async () => {
    await (await t.as('token-only')).get('/v3/organizations');
    expectOAuthError(await passwordLogin(t.http, 'token-only', ''), 401, 'unauthorized', 'Bad credentials');
    expectOAuthError(await passwordLogin(t.http, 'token-only', 'anything'), 401, 'unauthorized', 'Bad credentials');
  });

  it('missing or incomplete credentials', async () => {
    expectOAuthError(await tokenRequest(t.http, { grant_type: 'password', username: 'carol' }), 401, 'unauthorized', 'Bad credentials');
    expectOAuthError(await tokenRequest(t.http, { grant_type: 'password', password: 'carol-pw-1' }), 401, 'unauthorized', 'Bad credentials');
  });

  it('grant type: missing, unsupported, or not allowed for the client', async () => {
    expectOAuthError(await tokenRequest(t.http, { username: 'carol', password: 'carol-pw-1' }), 400, 'invalid_request', 'Missing grant type');
    expectOAuthError(await tokenRequest(t.http, { grant_type: 'magic' }), 400, 'unsupported_grant_type', 'Unsupported grant type: magic');
    expectOAuthError(await tokenRequest(t.http, { grant_type: 'client_credentials' }), 401, 'invalid_client', 'Unauthorized grant type: client_credentials');
    expectOAuthError(await tokenRequest(t.http, { grant_type: 'authorization_code', code: 'x' }), 401, 'invalid_client');
  });

  it('client authentication: wrong secret, unknown client, none, malformed, mismatched', async () => {
    const wrong = await tokenRequest(t.http, { grant_type: 'password', username: 'carol', password: 'carol-pw-1' }, basic('cf', 'secret'));
    expectOAuthError(wrong, 401, 'unauthorized', 'Bad credentials');
    expect(wrong.headers['www-authenticate']).toMatch(/^Basic realm="UAA\/client"/);
    expectOAuthError(
      await tokenRequest(t.http, { grant_type: 'password', username: 'carol', password: 'carol-pw-1' }, basic('someone', '')),
      401,
      'unauthorized',
      'Bad credentials',
    );
    expectOAuthError(
      await tokenRequest(t.http, { grant_type: 'password', username: 'carol', password: 'carol-pw-1' }, null),
      401,
      'unauthorized',
      'Full authentication is required to access this resource',
    );
    expectOAuthError(
      await tokenRequest(t.http, { grant_type: 'password', username: 'carol', password: 'carol-pw-1' }, 'Basic !!!not-base64'),
      401,
      'unauthorized',
      'Bad credentials',
    );
    expectOAuthError(
      await tokenRequest(t.http, { grant_type: 'password', username: 'carol', password: 'carol-pw-1' }, `Basic ${Buffer.from('%E0%A4%A:x').toString('base64')}`),
      401,
      'unauthorized',
    );
    expectOAuthError(await tokenRequest(t.http, { grant_type: 'password', username: 'carol', password: 'carol-pw-1', client_id: 'other' }), 401, 'invalid_client');
    expectOAuthError(await tokenRequest(t.http, { grant_type: 'password', username: 'carol', password: 'carol-pw-1' }, 'Bearer abc'), 401, 'unauthorized');
    // the cf client in the form, with no Basic header, is fine
    expect((await tokenRequest(t.http, { grant_type: 'password', username: 'carol', password: 'carol-pw-1', client_id: 'cf', client_secret: '' }, null)).status).toBe(200);
  });

  it('malformed bodies: JSON, duplicated parameters, credentials in the query, oversized', async () => {
    const json = await t.http.post('/oauth/token').set('Authorization', CF_BASIC).send({ grant_type: 'password', username: 'carol', password: 'carol-pw-1' });
    expectOAuthError(json, 400, 'invalid_request', 'Missing grant type');
    const dup = await t.http.post('/oauth/token').set('Authorization', CF_BASIC).type('form').send('grant_type=password&grant_type=password&username=carol&password=carol-pw-1');
    expectOAuthError(dup, 400, 'invalid_request');
    const query = await t.http.post('/oauth/token?password=carol-pw-1').set('Authorization', CF_BASIC).type('form').send({ grant_type: 'password', username: 'carol' });
    expectOAuthError(query, 400, 'invalid_request', 'Parameters must be passed in the body of the request');
    const garbage = await t.http.post('/oauth/token').set('Authorization', CF_BASIC).type('form').send('%%%&&&===');
    expectOAuthError(garbage, 400, 'invalid_request', 'Missing grant type');
    const big = await t.http
      .post('/oauth/token')
      .set('Authorization', CF_BASIC)
      .type('form')
      .send(`grant_type=password&username=${'a'.repeat(100_000)}`);
    expectOAuthError(big, 413, 'invalid_request');
    const charset = await t.http
      .post('/oauth/token')
      .set('Authorization', CF_BASIC)
      .set('Content-Type', 'application/x-www-form-urlencoded; charset=klingon')
      .send('grant_type=password');
    expectOAuthError(charset, 400, 'invalid_request');
    const longPassword = await passwordLogin(t.http, 'carol', 'x'.repeat(10_000));
    expectOAuthError(longPassword, 401, 'unauthorized', 'Bad credentials');
  });

  it('scopes outside what the user may have', async () => {
    const res = await passwordLogin(t.http, 'carol', 'carol-pw-1', { scope: 'openid cloud_controller.admin' });
    expectOAuthError(res, 400, 'invalid_scope');
    expect(res.body.error_description).toMatch(/^Invalid scope: cloud_controller.admin\./);
  });

  it('refresh tokens: missing, unknown, oversized', async () => {
    expectOAuthError(await tokenRequest(t.http, { grant_type: 'refresh_token' }), 401, 'invalid_token', 'Invalid refresh token (empty token)');
    expectOAuthError(await tokenRequest(t.http, { grant_type: 'refresh_token', refresh_token: 'no-such-token-r' }), 401, 'invalid_token');
    expectOAuthError(await tokenRequest(t.http, { grant_type: 'refresh_token', refresh_token: 'x'.repeat(5000) }), 401, 'invalid_token');
  });

  it('other methods: 405 in UAA’s shape', async () => {
    expectOAuthError(await t.http.get('/oauth/token'), 405, 'method_not_allowed', "Request method 'GET' not supported");
    expectOAuthError(await t.http.put('/oauth/token'), 405, 'method_not_allowed');
  });

  it('revocation needs a token and names an existing refresh token', async () => {
    expectOAuthError(await t.http.delete('/oauth/token/revoke/whatever'), 401, 'unauthorized');
    expectOAuthError(await t.http.delete('/oauth/token/revoke/whatever').set('Authorization', 'bearer garbage'), 401, 'invalid_token');
  });
});

describe('brute-force protection', () => {
  it('locks a user name after 5 failures: 429 with Retry-After, even for the right password, other names unaffected', async () => {
    const t = await startIdentityGateway();
    try {
      const admin = await login(t.http, 'admin', ADMIN_PASSWORD);
      await createScimUser(t.http, admin.access_token, 'dave', 'dave-pw-1');
      for (let i = 0; i < 5; i++) expectOAuthError(await passwordLogin(t.http, 'dave', `guess-${i}`), 401, 'unauthorized');
      const locked = await passwordLogin(t.http, 'dave', 'dave-pw-1');
      expectOAuthError(locked, 429, 'too_many_requests');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(300);
      // the lock covers the password change endpoint as well
      const daveId = (await t.http.get('/Users?filter=userName eq "dave"').set('Authorization', `bearer ${admin.access_token}`)).body.resources[0].id;
      const asAdmin = await t.http.put(`/Users/${daveId}/password`).set('Authorization', `bearer ${admin.access_token}`).send({ oldPassword: 'dave-pw-1', password: 'new-pw-1' });
      expect(asAdmin.status).toBe(429);
      expect(asAdmin.headers['retry-after']).toBeDefined();
      expect((await passwordLogin(t.http, 'admin', ADMIN_PASSWORD)).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('locks an address after 20 failures across user names', async () => {
    const t = await startIdentityGateway();
    try {
      for (let i = 0; i < 20; i++) expect((await passwordLogin(t.http, `spray-${i % 5}-${Math.floor(i / 5)}`, 'guess')).status).toBe(401);
      const locked = await passwordLogin(t.http, 'admin', ADMIN_PASSWORD);
      expectOAuthError(locked, 429, 'too_many_requests');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });

  it('counts parallel guesses before checking them, so a burst cannot slip past the limit', async () => {
    const t = await startIdentityGateway();
    try {
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => passwordLogin(t.http, 'admin', `burst-${i}`)));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(7);
      // a burst across user names from one address stops at the address limit
      const spread = await Promise.all(Array.from({ length: 30 }, (_, i) => passwordLogin(t.http, `spread-${i}`, 'guess')));
      const spreadStatuses = spread.map((r) => r.status);
      expect(spreadStatuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15);
      expect(spreadStatuses.filter((s) => s === 401).length).toBeLessThanOrEqual(15);
    } finally {
      await t.close();
    }
  });

  it('parallel logins of one user all succeed', async () => {
    const t = await startIdentityGateway();
    try {
      const results = await Promise.all(Array.from({ length: 12 }, () => passwordLogin(t.http, 'admin', ADMIN_PASSWORD)));
      expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
    } finally {
      await t.close();
    }
  });

  it('successful logins do not use up the address limit', async () => {
    const t = await startIdentityGateway();
    try {
      for (let i = 0; i < 25; i++) expect((await passwordLogin(t.http, 'admin', ADMIN_PASSWORD)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
