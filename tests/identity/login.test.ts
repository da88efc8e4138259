// Logging in with a password, using the token on v3, refreshing it, revoking the refresh token; the tokens'
// claims and keys; discovery (GET /, /v2/info, /login, /token_keys, /userinfo).
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { buildGateway } from '../../src/gateway';
import { guidForUsername } from '../../src/identity/mintToken';
import { createLogger } from '../../src/logger';
import { BASE } from '../helpers/testGateway';
import {
  ADMIN_PASSWORD,
  bearer,
  createScimUser,
  decodeJwt,
  expectOAuthError,
  login,
  passwordLogin,
  startIdentityGateway,
  tokenRequest,
  useIdentityGateway,
} from './identityHelpers';

const t = useIdentityGateway({ ADMIN_CLIENT_SECRET: 'admin-client-secret' });

describe('password login, refresh and revocation', () => {
  it('logs in, uses the token on v3, refreshes, revokes the refresh token, and then refresh fails', async () => {
    const tokens = await login(t.http, 'admin', ADMIN_PASSWORD);
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 1200 });
    expect(tokens.refresh_token).toMatch(/^[A-Za-z0-9_-]{40,}-r$/);

    const orgs = await t.http.get('/v3/organizations').set(bearer(tokens.access_token));
    expect(orgs.status).toBe(200);
    const created = await t.http.post('/v3/organizations').set(bearer(tokens.access_token)).send({ name: 'made-with-a-password-token' });
    expect(created.status).toBe(201);

    const refreshed = await tokenRequest(t.http, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBe(tokens.refresh_token);
    expect(refreshed.body.access_token).not.toBe(tokens.access_token);
    expect(decodeJwt(refreshed.body.access_token).payload.jti).not.toBe(decodeJwt(tokens.access_token).payload.jti);
    expect(decodeJwt(refreshed.body.access_token).payload.grant_type).toBe('refresh_token');
    expect((await t.http.get('/v3/organizations').set(bearer(refreshed.body.access_token))).status).toBe(200);

    const revoked = await t.http.delete(`/oauth/token/revoke/${tokens.refresh_token}`).set(bearer(refreshed.body.access_token));
    expect(revoked.status).toBe(200);
    const again = await tokenRequest(t.http, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expectOAuthError(again, 401, 'invalid_token');
    // the access token lives on until it expires
    expect((await t.http.get('/v3/organizations').set(bearer(refreshed.body.access_token))).status).toBe(200);
  });

  it('revokes all of a user’s refresh tokens at once, and only the owner or an admin may', async () => {
    const admin = await login(t.http, 'admin', ADMIN_PASSWORD);
    await createScimUser(t.http, admin.access_token, 'revoker', 'revoker-pw-1');
    const one = await login(t.http, 'revoker', 'revoker-pw-1');
    const two = await login(t.http, 'revoker', 'revoker-pw-1');
    const userId = decodeJwt(one.access_token).payload.user_id as string;

    const other = await createScimUser(t.http, admin.access_token, 'bystander', 'bystander-pw-1');
    const bystander = await login(t.http, 'bystander', 'bystander-pw-1');
    expectOAuthError(await t.http.get(`/oauth/token/revoke/user/${userId}`).set(bearer(bystander.access_token)), 403, 'insufficient_scope');
    expectOAuthError(await t.http.delete(`/oauth/token/revoke/${one.refresh_token}`).set(bearer(bystander.access_token)), 404, 'scim_resource_not_found');
    expect(other.id).not.toBe(userId);

    expect((await t.http.get(`/oauth/token/revoke/user/${userId}`).set(bearer(one.access_token))).status).toBe(200);
    for (const r of [one, two]) expectOAuthError(await tokenRequest(t.http, { grant_type: 'refresh_token', refresh_token: r.refresh_token }), 401, 'invalid_token');
    expectOAuthError(await t.http.delete(`/oauth/token/revoke/${one.refresh_token}`).set(bearer(admin.access_token)), 404, 'scim_resource_not_found');
  });

  it('keeps accepting HS256 tokens minted with the shared secret beside its own RS256 tokens', async () => {
    expect((await t.admin.get('/v3/organizations')).status).toBe(200);
    const alice = await t.as('alice-hs256');
    expect((await alice.get('/v3/organizations')).status).toBe(200);
  });

  it('grants client_credentials to the admin client', async () => {
    const basic = `Basic ${Buffer.from('admin:admin-client-secret').toString('base64')}`;
    const res = await tokenRequest(t.http, { grant_type: 'client_credentials' }, basic);
    expect(res.status).toBe(200);
    expect(res.body.refresh_token).toBeUndefined();
    const { payload } = decodeJwt(res.body.access_token);
    expect(payload).toMatchObject({ sub: 'admin', client_id: 'admin', cid: 'admin', grant_type: 'client_credentials' });
    expect(payload.user_id).toBeUndefined();
    expect(payload.scope).toContain('cloud_controller.admin');
    expect((await t.http.post('/v3/organizations').set(bearer(res.body.access_token)).send({ name: 'by-a-client' })).status).toBe(201);
    // form client authentication works too
    const form = await tokenRequest(t.http, { grant_type: 'client_credentials', client_id: 'admin', client_secret: 'admin-client-secret', scope: 'cloud_controller.read' }, null);
    expect(form.status).toBe(200);
    expect(form.body.scope).toBe('cloud_controller.read');
  });
});

describe('issued tokens', () => {
  it('carries the UAA claims, a kid found in /token_keys, a jti and exp = iat + ACCESS_TOKEN_TTL_SECONDS', async () => {
    const tokens = await login(t.http, 'admin', ADMIN_PASSWORD);
    const { header, payload } = decodeJwt(tokens.access_token);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT', jku: `${BASE}/token_keys` });
    const keys = await t.http.get('/token_keys');
    expect(keys.status).toBe(200);
    expect(keys.body.keys).toHaveLength(1);
    const key = keys.body.keys[0];
    expect(key).toMatchObject({ kty: 'RSA', e: 'AQAB', use: 'sig', alg: 'RS256', kid: header.kid });
    expect(key.value).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(typeof key.n).toBe('string');
    expect((await t.http.get('/token_key')).body.kid).toBe(header.kid);

    expect(payload).toMatchObject({
      user_id: guidForUsername('admin'),
      sub: guidForUsername('admin'),
      user_name: 'admin',
      origin: 'uaa',
      client_id: 'cf',
      cid: 'cf',
      grant_type: 'password',
      zid: 'uaa',
      iss: `${BASE}/oauth/token`,
    });
    expect(payload.jti).toEqual(tokens.jti);
    expect((payload.exp as number) - (payload.iat as number)).toBe(1200);
    expect(payload.scope).toEqual(expect.arrayContaining(['openid', 'cloud_controller.read', 'cloud_controller.write', 'cloud_controller.admin', 'scim.write']));
    expect(tokens.scope.split(' ').sort()).toEqual([...(payload.scope as string[])].sort());
  });

  it('narrows the scopes to those requested', async () => {
    const res = await passwordLogin(t.http, 'admin', ADMIN_PASSWORD, { scope: 'openid cloud_controller.read' });
    expect(res.status).toBe(200);
    expect(decodeJwt(res.body.access_token).payload.scope).toEqual(['openid', 'cloud_controller.read']);
    expect((await t.http.post('/v3/organizations').set(bearer(res.body.access_token)).send({ name: 'read-only-cannot' })).status).toBe(403);
  });

  it('follows ACCESS_TOKEN_TTL_SECONDS', async () => {
    const short = await startIdentityGateway({ ACCESS_TOKEN_TTL_SECONDS: '60' });
    try {
      const tokens = await login(short.http, 'admin', ADMIN_PASSWORD);
      const { payload } = decodeJwt(tokens.access_token);
      expect(tokens.expires_in).toBe(60);
      expect((payload.exp as number) - (payload.iat as number)).toBe(60);
    } finally {
      await short.close();
    }
  });

  it('refuses an RS256 token with its kid but another key, and an expired one', async () => {
    const tokens = await login(t.http, 'admin', ADMIN_PASSWORD);
    const { header, payload } = decodeJwt(tokens.access_token);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: header.kid as string }).sign(privateKey);
    expect((await t.http.get('/v3/organizations').set(bearer(forged))).status).toBe(401);
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ ...payload, iat: now - 100, exp: now - 10 }).setProtectedHeader({ alg: 'RS256', kid: header.kid as string }).sign(privateKey);
    expect((await t.http.get('/v3/organizations').set(bearer(expired))).status).toBe(401);
  });

  it('keeps the signing key and the first administrator across restarts of a file database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sharegate-identity-'));
    const start = () => {
      const config = loadConfig({ DATABASE_URL: path.join(dir, 'db.sqlite'), ADMIN_PASSWORD, LOG_LEVEL: 'silent', PUBLIC_URL: BASE });
      return buildGateway(config, createLogger('silent'));
    };
    try {
      const first = start();
      await first.ready;
      const tokens = await login(request(first.app), 'admin', ADMIN_PASSWORD);
      await first.close();
      const second = start();
      await second.ready;
      const http = request(second.app);
      expect((await http.get('/v3/organizations').set(bearer(tokens.access_token))).status).toBe(200);
      expect((await tokenRequest(http, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).status).toBe(200);
      expect((await http.get('/token_keys')).body.keys[0].kid).toBe(decodeJwt(tokens.access_token).header.kid);
      await second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('discovery and user info', () => {
  it('GET / and GET /v2/info point login and uaa at PUBLIC_URL', async () => {
    const root = await t.anonymous.get('/');
    expect(root.body.links.login).toEqual({ href: BASE });
    expect(root.body.links.uaa).toEqual({ href: BASE });
    const info = await t.anonymous.get('/v2/info');
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ authorization_endpoint: BASE, token_endpoint: BASE, version: 2 });
    expect(typeof info.body.api_version).toBe('string');
    expect(info.body.user).toBeUndefined();
    const withToken = await t.admin.get('/v2/info');
    expect(withToken.body.user).toBe(t.admin.guid);
    expect((await t.http.get('/v2/info').set(bearer('not-a-token'))).status).toBe(200);
  });

  it('GET /login gives the cf CLI its prompts and links', async () => {
    const res = await t.http.get('/login').set('Accept', 'application/json');
    expect(res.status).toBe(200);
    expect(res.body.prompts).toEqual({ username: ['text', 'Email'], password: ['password', 'Password'] });
    expect(res.body.links).toMatchObject({ uaa: BASE, login: BASE });
    expect(typeof res.body.app.version).toBe('string');
  });

  it('GET /userinfo describes the token’s user', async () => {
    const admin = await login(t.http, 'admin', ADMIN_PASSWORD);
    await createScimUser(t.http, admin.access_token, 'infouser', 'info-pw-1');
    const tokens = await login(t.http, 'infouser', 'info-pw-1');
    const res = await t.http.get('/userinfo').set(bearer(tokens.access_token));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user_name: 'infouser', email: 'infouser@example.org', user_id: decodeJwt(tokens.access_token).payload.user_id });
    expectOAuthError(await t.http.get('/userinfo'), 401, 'unauthorized');
    const noOpenid = await passwordLogin(t.http, 'infouser', 'info-pw-1', { scope: 'cloud_controller.read' });
    expectOAuthError(await t.http.get('/userinfo').set(bearer(noOpenid.body.access_token)), 403, 'insufficient_scope');
  });

  it('a user created here is the same User record v3 shows (same guid as the token user_id)', async () => {
    const admin = await login(t.http, 'admin', ADMIN_PASSWORD);
    const created = await createScimUser(t.http, admin.access_token, 'samerecord', 'same-pw-1');
    // like Cloud Controller, v3 knows a login account once it is registered or has called the API
    expect((await t.admin.get(`/v3/users/${created.id}`)).status).toBe(404);
    const tokens = await login(t.http, 'samerecord', 'same-pw-1');
    expect(decodeJwt(tokens.access_token).payload.user_id).toBe(created.id);
    expect((await t.http.get('/v3/organizations').set('Authorization', `bearer ${tokens.access_token}`)).status).toBe(200);
    const v3 = await t.admin.get(`/v3/users/${created.id}`);
    expect(v3.status).toBe(200);
    expect(v3.body).toMatchObject({ guid: created.id, username: 'samerecord', origin: 'uaa' });
    const listed = await t.admin.get('/v3/users?usernames=samerecord');
    expect(listed.body.resources.map((u: { guid: string }) => u.guid)).toEqual([created.id]);
  });
});
