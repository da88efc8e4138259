// POST /oauth/token through the one login module: cases the other identity suites leave out (scope granting on
// every grant, incomplete credentials that are not guesses, client and grant combinations).
import type { TestGateway } from '../helpers/testGateway';
import { ADMIN_PASSWORD, CF_BASIC, createScimUser, decodeJwt, expectOAuthError, login, passwordLogin, startIdentityGateway, tokenRequest } from './identityHelpers';

const ADMIN_CLIENT = `Basic ${Buffer.from('admin:admin-client-secret').toString('base64')}`;

let t: TestGateway;
let adminToken: string;
beforeAll(async () => {
  t = await startIdentityGateway({ ADMIN_CLIENT_SECRET: 'admin-client-secret' });
  adminToken = (await login(t.http, 'admin', ADMIN_PASSWORD)).access_token;
  await createScimUser(t.http, adminToken, 'erin', 'erin-pw-1');
});
afterAll(() => t.close());

describe('POST /oauth/token scope granting', () => {
  it('grant_type=password with comma-separated and repeated scopes grants each once', async () => {
    const res = await passwordLogin(t.http, 'erin', 'erin-pw-1', { scope: 'openid,cloud_controller.read openid' });
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('openid cloud_controller.read');
    expect(decodeJwt(res.body.access_token).payload.scope).toEqual(['openid', 'cloud_controller.read']);
  });

  it('grant_type=client_credentials with a scope beyond the client’s authorities: 400 invalid_scope naming what may be asked', async () => {
    const res = await tokenRequest(t.http, { grant_type: 'client_credentials', scope: 'cloud_controller.read password.write' }, ADMIN_CLIENT);
    expectOAuthError(res, 400, 'invalid_scope', 'Invalid scope: password.write. Did you know that you can get default scopes by simply sending no value?');
    expect(res.body.scope.split(' ')).toEqual(expect.arrayContaining(['cloud_controller.admin', 'cloud_controller.read', 'uaa.admin']));
    expect(res.body.scope.split(' ')).not.toContain('password.write');
  });

  it('grant_type=refresh_token narrows to requested scopes within the refresh token’s, and refuses others', async () => {
    const first = await passwordLogin(t.http, 'erin', 'erin-pw-1', { scope: 'openid cloud_controller.read' });
    expect(first.status).toBe(200);
    const narrower = await tokenRequest(t.http, { grant_type: 'refresh_token', refresh_token: first.body.refresh_token, scope: 'cloud_controller.read' });
    expect(narrower.status).toBe(200);
    expect(narrower.body.scope).toBe('cloud_controller.read');
    expect(narrower.body.refresh_token).toBe(first.body.refresh_token);
    expect(decodeJwt(narrower.body.access_token).payload.grant_type).toBe('refresh_token');
    // cloud_controller.write is one of erin's scopes, but not of this refresh token's
    const wider = await tokenRequest(t.http, { grant_type: 'refresh_token', refresh_token: first.body.refresh_token, scope: 'cloud_controller.write' });
    expectOAuthError(wider, 400, 'invalid_scope');
    expect(wider.body.scope).toBe('openid cloud_controller.read');
  });
});

describe('POST /oauth/token clients and grants', () => {
  it('grant_type=refresh_token for a client without that grant: 401 invalid_client', async () => {
    const { refresh_token } = await login(t.http, 'erin', 'erin-pw-1');
    expectOAuthError(await tokenRequest(t.http, { grant_type: 'refresh_token', refresh_token }, ADMIN_CLIENT), 401, 'invalid_client', 'Unauthorized grant type: refresh_token');
  });

  it('grant_type=password for the admin client (client_credentials only): 401 invalid_client, before any password check', async () => {
    expectOAuthError(
      await tokenRequest(t.http, { grant_type: 'password', username: 'erin', password: 'wrong' }, ADMIN_CLIENT),
      401,
      'invalid_client',
      'Unauthorized grant type: password',
    );
  });

  it('a client_id in the form that repeats the Basic header’s client is accepted', async () => {
    const res = await tokenRequest(t.http, { grant_type: 'password', username: 'erin', password: 'erin-pw-1', client_id: 'cf' }, CF_BASIC);
    expect(res.status).toBe(200);
    expect(decodeJwt(res.body.access_token).payload.client_id).toBe('cf');
  });

  it('a wrong client secret in the form: 401 Bad credentials with UAA’s Basic challenge', async () => {
    const res = await tokenRequest(t.http, { grant_type: 'client_credentials', client_id: 'admin', client_secret: 'nope' }, null);
    expectOAuthError(res, 401, 'unauthorized', 'Bad credentials');
    expect(res.headers['www-authenticate']).toBe('Basic realm="UAA/client", error="unauthorized", error_description="Bad credentials"');
  });
});

describe('POST /oauth/token incomplete credentials', () => {
  it('grant_type=password without a password or user name is refused without counting as a guess', async () => {
    await createScimUser(t.http, adminToken, 'frank', 'frank-pw-1');
    for (let i = 0; i < 6; i++) {
      const res = await tokenRequest(t.http, { grant_type: 'password', username: 'frank', password: '' });
      expectOAuthError(res, 401, 'unauthorized', 'Bad credentials');
      expect(res.headers['www-authenticate']).toMatch(/^Basic realm="UAA\/client"/);
      expectOAuthError(await tokenRequest(t.http, { grant_type: 'password', password: 'frank-pw-1' }), 401, 'unauthorized', 'Bad credentials');
    }
    expect((await passwordLogin(t.http, 'frank', 'frank-pw-1')).status).toBe(200);
  });

  it('grant_type=password with a wrong password and a scope it may not have: 401 Bad credentials (the password is checked first)', async () => {
    expectOAuthError(await passwordLogin(t.http, 'erin', 'not-erins', { scope: 'cloud_controller.admin' }), 401, 'unauthorized', 'Bad credentials');
    expectOAuthError(await passwordLogin(t.http, 'erin', 'erin-pw-1', { scope: 'cloud_controller.admin' }), 400, 'invalid_scope');
  });
});
