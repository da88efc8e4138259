// Authentication (401) and scope checks (403) in front of every v3 endpoint (contract §1.1).
import { generateKeyPair, SignJWT } from 'jose';
import { SCOPES } from '../../../src/core/actor';
import { guidForUsername, mintHs256Token } from '../../../src/identity/mintToken';
import { factories } from '../../helpers/factories';
import { expectCfError, expectForbidden, expectUnauthenticated } from '../../helpers/expectations';
import { TEST_SECRET, useGateway } from '../../helpers/testGateway';

const t = useGateway();
let ids: { org: string; space: string; si: string; ups: string };

beforeAll(async () => {
  const f = factories(t);
  const org = await f.org();
  const space = await f.space(org.guid);
  ids = { org: org.guid, space: space.guid, si: (await f.managedInstance(space.guid)).guid, ups: (await f.userProvidedInstance(space.guid)).guid };
});

const expectInvalidToken = (res: Parameters<typeof expectCfError>[0]) => expectCfError(res, 401, 'CF-InvalidAuthToken', 1000, 'Invalid Auth Token');
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const claims = (username: string, extra: Record<string, unknown> = {}) => ({
  user_id: guidForUsername(username),
  user_name: username,
  origin: 'uaa',
  scope: [SCOPES.read, SCOPES.write, SCOPES.admin],
  client_id: 'cf',
  ...extra,
});
const now = () => Math.floor(Date.now() / 1000);
const signHs = (payload: Record<string, unknown>, secret = TEST_SECRET, exp = now() + 600) =>
  new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt().setExpirationTime(exp).sign(Buffer.from(secret, 'utf8'));

const READS = () => [
  '/v3/organizations',
  `/v3/organizations/${ids.org}`,
  '/v3/spaces',
  `/v3/spaces/${ids.space}`,
  '/v3/users',
  '/v3/roles',
  '/v3/feature_flags',
  '/v3/feature_flags/service_instance_sharing',
  '/v3/service_offerings',
  '/v3/service_plans',
  '/v3/service_instances',
  `/v3/service_instances/${ids.si}`,
  `/v3/service_instances/${ids.ups}/credentials`,
  `/v3/service_instances/${ids.si}/parameters`,
  `/v3/service_instances/${ids.si}/permissions`,
  '/v3/jobs/some-job',
  '/v3/audit_events',
];
const WRITES = () =>
  [
    ['post', '/v3/organizations'],
    ['patch', `/v3/organizations/${ids.org}`],
    ['delete', `/v3/organizations/${ids.org}`],
    ['post', '/v3/spaces'],
    ['patch', `/v3/spaces/${ids.space}`],
    ['delete', `/v3/spaces/${ids.space}`],
    ['post', '/v3/users'],
    ['delete', '/v3/users/someone'],
    ['post', '/v3/roles'],
    ['delete', '/v3/roles/some-role'],
    ['patch', '/v3/feature_flags/service_instance_sharing'],
    ['post', '/v3/service_instances'],
    ['patch', `/v3/service_instances/${ids.si}`],
    ['delete', `/v3/service_instances/${ids.si}`],
  ] as const;

async function unchanged<T>(work: () => Promise<T>): Promise<T> {
  const before = await t.admin.get('/v3/audit_events?per_page=1');
  const result = await work();
  const after = await t.admin.get('/v3/audit_events?per_page=1');
  expect(after.body.pagination.total_results).toBe(before.body.pagination.total_results);
  return result;
}

describe('401 CF-NotAuthenticated without an Authorization header', () => {
  it('GET on every v3 resource is 401 CF-NotAuthenticated 10002', async () => {
    for (const path of READS()) expectUnauthenticated(await t.anonymous.get(path));
  });

  it('POST, PATCH and DELETE on every v3 resource are 401 CF-NotAuthenticated and change nothing', async () => {
    await unchanged(async () => {
      for (const [method, path] of WRITES()) expectUnauthenticated(await t.anonymous[method](path, { name: 'x' } as never));
    });
  });

  it('authentication comes before body parsing: a malformed body without a token is 401', async () => {
    const res = await t.http.post('/v3/organizations').set('Content-Type', 'application/json').send('{"name":');
    expectUnauthenticated(res);
  });
});

describe('401 CF-InvalidAuthToken for a token that does not verify', () => {
  const withToken = (header: string) => t.http.get('/v3/organizations').set('Authorization', header);

  it('GET /v3/organizations with a token that is not a JWT is 401 CF-InvalidAuthToken 1000', async () => {
    expectInvalidToken(await withToken('bearer not-a-jwt'));
    expectInvalidToken(await withToken('bearer a.b.c'));
  });

  it('GET /v3/organizations with an expired token is 401 CF-InvalidAuthToken', async () => {
    expectInvalidToken(await withToken(`bearer ${await signHs(claims('expired'), TEST_SECRET, now() - 60)}`));
  });

  it('GET /v3/organizations with a token signed by another key is 401 CF-InvalidAuthToken', async () => {
    expectInvalidToken(await withToken(`bearer ${await signHs(claims('forger'), 'some-other-secret-of-enough-length')}`));
  });

  it('GET /v3/organizations with an unsigned alg:none token is 401 CF-InvalidAuthToken', async () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims('nobody'), exp: now() + 600 })}.`;
    expectInvalidToken(await withToken(`bearer ${token}`));
  });

  it('GET /v3/organizations with an RS256 token when HS256 is configured is 401 CF-InvalidAuthToken', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT(claims('rsa'))
      .setProtectedHeader({ alg: 'RS256' })
      .setExpirationTime(now() + 600)
      .sign(privateKey);
    expectInvalidToken(await withToken(`bearer ${token}`));
  });

  it('GET /v3/organizations with a tampered payload is 401 CF-InvalidAuthToken', async () => {
    const [h, , s] = (await mintHs256Token(TEST_SECRET, { username: 'plain' })).split('.');
    expectInvalidToken(await withToken(`bearer ${h}.${b64({ ...claims('plain'), exp: now() + 600 })}.${s}`));
  });

  it('GET /v3/organizations with a basic or empty Authorization header is 401 CF-InvalidAuthToken', async () => {
    expectInvalidToken(await withToken('basic dXNlcjpwYXNz'));
    expectInvalidToken(await withToken('bearer'));
  });

  it('a bad token on a write is 401 and writes nothing', async () => {
    await unchanged(async () => {
      const res = await t.http.post('/v3/organizations').set('Authorization', 'bearer garbage').send({ name: 'never-created' });
      expectInvalidToken(res);
    });
    const list = await t.admin.get('/v3/organizations?names=never-created');
    expect(list.body.pagination.total_results).toBe(0);
  });

  it('the bearer keyword is case-insensitive', async () => {
    const token = await mintHs256Token(TEST_SECRET, { username: 'casey' });
    const res = await t.http.get('/v3/organizations').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
  });
});

describe('403 CF-NotAuthorized for a token without the needed scope', () => {
  it('GET on every v3 resource without cloud_controller.read is 403 CF-NotAuthorized 10003', async () => {
    const writeOnly = await t.as('write-only', { scopes: [SCOPES.write] });
    for (const path of READS()) expectForbidden(await writeOnly.get(path));
  });

  it('POST, PATCH and DELETE without cloud_controller.write are 403 and change nothing', async () => {
    const readOnly = await t.as('read-only', { scopes: [SCOPES.read] });
    await unchanged(async () => {
      for (const [method, path] of WRITES()) expectForbidden(await readOnly[method](path, { name: 'x' } as never));
    });
  });

  it('the scope check comes before body parsing: a malformed body with a read-only token is 403', async () => {
    const readOnly = await t.as('read-only', { scopes: [SCOPES.read] });
    const res = await t.http.post('/v3/organizations').set('Authorization', `bearer ${readOnly.token}`).set('Content-Type', 'application/json').send('{"name":');
    expectForbidden(res);
  });

  it.each([
    ['admin_read_only', SCOPES.adminReadOnly],
    ['global_auditor', SCOPES.globalAuditor],
  ])('a %s token reads everything but gets 403 on every write', async (name, scope) => {
    const reader = await t.as(`token-${name}`, { scopes: [SCOPES.read, scope] });
    const list = await reader.get('/v3/service_instances');
    expect(list.body.pagination.total_results).toBe(2);
    expect((await reader.get(`/v3/spaces/${ids.space}`)).status).toBe(200);
    await unchanged(async () => {
      for (const [method, path] of WRITES()) expectForbidden(await reader[method](path, { name: 'x' } as never));
    });
  });

  it('cloud_controller.admin alone reads and writes', async () => {
    const admin = await t.as('bare-admin', { scopes: [SCOPES.admin] });
    expect((await admin.get('/v3/organizations')).status).toBe(200);
    expect((await admin.post('/v3/organizations', { name: 'by-bare-admin' })).status).toBe(201);
  });

  it('GET /v3/service_instances/:guid/permissions also accepts a cloud_controller_service_permissions.read token', async () => {
    const permsOnly = await t.as('perms-only', { scopes: [SCOPES.permissionsRead] });
    const res = await permsOnly.get(`/v3/service_instances/${ids.si}/permissions`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ manage: false, read: false });
    expectForbidden(await permsOnly.get(`/v3/service_instances/${ids.si}`));
  });
});

describe('users behind tokens', () => {
  it('a valid token for an unknown user_id creates the user on first sight', async () => {
    const fresh = await t.as('first-sight');
    expect((await t.admin.get(`/v3/users/${fresh.guid}`)).status).toBe(404);
    expect((await fresh.get('/v3/organizations')).status).toBe(200);
    const user = await t.admin.get(`/v3/users/${fresh.guid}`);
    expect(user.status).toBe(200);
    expect(user.body).toMatchObject({ guid: fresh.guid, username: 'first-sight', origin: 'uaa' });
  });

  it('a token naming no user_id and no client is 401 CF-InvalidAuthToken', async () => {
    const token = await signHs({ scope: [SCOPES.read] });
    expectInvalidToken(await t.http.get('/v3/organizations').set('Authorization', `bearer ${token}`));
  });
});
