// CSM test helpers: a gateway with a password administrator, password users placed in tenants (organizations) with
// roles, sessions from POST /csm/login, and clients that send CSM requests with an Authentication-Token.
import type request from 'supertest';
import { mintHs256Token } from '../../src/identity/mintToken';
import { factories } from './factories';
import { startTestGateway, TEST_SECRET, type Client, type TestGateway } from './testGateway';

export const ADMIN_PASSWORD = 'csm-admin-Pa55word';
export const PASSWORD = 'csm-user-Pa55word';
export const SOI_PATH = '/csm/ServiceOfferingInstance';

type Http = ReturnType<typeof request>;

export async function startCsmGateway(env: Record<string, string> = {}): Promise<TestGateway> {
  const t = await startTestGateway({ ADMIN_PASSWORD, ...env });
  await t.gateway.ready;
  return t;
}

export async function csmLogin(http: Http, username: string, password = PASSWORD): Promise<string> {
  const res = await http.post('/csm/login').send({ username, password });
  if (res.status !== 200 || !res.headers['authentication-token']) throw new Error(`CSM login ${username}: ${res.status} ${res.text}`);
  return res.headers['authentication-token'] as string;
}

export interface CsmClient {
  username: string;
  token: string;
  get(path: string): request.Test;
  post(path: string, body?: unknown): request.Test;
}

export function csmClient(http: Http, username: string, token: string): CsmClient {
  return {
    username,
    token,
    get: (path) => http.get(path).set('Authentication-Token', token),
    post: (path, body) => {
      const r = http.post(path).set('Authentication-Token', token).set('Content-Type', 'application/json');
      return body === undefined ? r : r.send(typeof body === 'string' ? body : JSON.stringify(body));
    },
  };
}

/** The standard CSM body, as BMC's examples write it. */
export const standard = (operationParams: unknown[] = [], extra: Record<string, unknown> = {}) => ({
  timeout: -1,
  preCallout: '',
  postCallout: '',
  callbackURL: '',
  operationParams,
  ...extra,
});
export const param = (name: string, value: unknown, type = 'java.lang.String', multiplicity = Array.isArray(value) ? '0..*' : '1') => ({ name, value, type, multiplicity });

/**
 * Two tenants: Calbro (space `dev`, with owner `enduser1`, `enduser2`, `enduser3` as developers, `orguser` a member
 * of the organization only, tenant admin `tadmin`) and Acme (space `ops`, with `acmeuser` as developer); `admin` is the cloud admin. Users have passwords;
 * `v3` clients call the CF API as them.
 */
export async function csmWorld(t: TestGateway) {
  const f = factories(t);
  const users: Record<string, { guid: string; v3: Client }> = {};
  const makeUser = async (name: string) => {
    const res = await t.http
      .post('/Users')
      .set('Authorization', `bearer ${t.admin.token}`)
      .send({ userName: name, password: PASSWORD, emails: [{ value: `${name}@example.org` }] });
    if (res.status !== 201) throw new Error(`create ${name}: ${res.status} ${res.text}`);
    const guid = res.body.id as string;
    const token = await mintHs256Token(TEST_SECRET, {
      username: name,
      userGuid: guid,
      scopes: ['openid', 'cloud_controller.read', 'cloud_controller.write', 'cloud_controller_service_permissions.read'],
    });
    const v3 = { ...(await t.as(name)), guid, token } as Client;
    const auth = { Authorization: `bearer ${token}` };
    v3.get = (p) => t.http.get(p).set(auth);
    v3.post = (p, b) =>
      t.http
        .post(p)
        .set(auth)
        .send(b as object);
    v3.delete = (p) => t.http.delete(p).set(auth);
    await v3.post('/v3/users', { guid }).catch(() => undefined);
    users[name] = { guid, v3 };
    return users[name]!;
  };
  const calbro = await f.org('Calbro');
  const dev = await f.space(calbro.guid, 'dev');
  const acme = await f.org('Acme');
  const ops = await f.space(acme.guid, 'ops');
  for (const name of ['enduser1', 'enduser2', 'enduser3']) {
    const u = await makeUser(name);
    await f.role(u.v3, 'space_developer', dev.guid);
  }
  const orguser = await makeUser('orguser');
  await f.role(orguser.v3, 'organization_user', calbro.guid);
  const tadmin = await makeUser('tadmin');
  await f.role(tadmin.v3, 'organization_manager', calbro.guid);
  const acmeuser = await makeUser('acmeuser');
  await f.role(acmeuser.v3, 'space_developer', ops.guid);
  const session = async (name: string) => csmClient(t.http, name, await csmLogin(t.http, name, name === 'admin' ? ADMIN_PASSWORD : PASSWORD));
  /** A managed instance created through v3 by `owner`. */
  const instance = async (owner = 'enduser1', name?: string) => f.managedInstance(dev.guid, name, undefined, users[owner]!.v3);
  return { f, users, calbro, dev, acme, ops, session, instance };
}

const CLOUD_ERROR = 'com.bmc.cloud.model.beans.CloudError';

/** A `[CloudError]` answer with the given status (and errorID), a JSON array with exactly the documented members. */
export function expectCloudError(res: { status: number; body: unknown; headers: Record<string, string> }, status: number, errorID?: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(Array.isArray(res.body)).toBe(true);
  const [error] = res.body as Record<string, unknown>[];
  expect(Object.keys(error!).sort()).toEqual(['cloudClass', 'errorCause', 'errorID', 'guid']);
  expect(error!.cloudClass).toBe(CLOUD_ERROR);
  expect(typeof error!.errorCause).toBe('string');
  if (errorID) expect(error!.errorID).toBe(errorID);
  expect(res.headers['bmc-transaction-id']).toMatch(/^[0-9a-f-]{36}$/);
}
