// The env-shares dialect in tests: paths, exact-body error assertions, and an environment (space) with its owner
// (an org manager) and two accounts that have called the gateway once.
import type { Response } from 'supertest';
import { factories } from './factories';
import type { Client, TestGateway } from './testGateway';

export const SHARES = (env: string) => `/v1/envs/${env}/shares`;
export const SHARE = (id: string) => `/v1/environment-shares/${id}`;
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function expectEnvError(res: Response, status: number, code: string, error: string) {
  expect({ status: res.status, body: res.body }).toEqual({ status, body: { code, error } });
  expect(Object.keys(res.body)).toEqual(['code', 'error']);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
}

export function expectBadRequest(res: Response, code: string, errors: string[]) {
  expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: { code, errors } });
  expect(Object.keys(res.body)).toEqual(['code', 'errors']);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
}

export const expectUnauthorized = (res: Response) => expectEnvError(res, 401, 'AUTH_UNAUTHORIZED', 'Could not authenticate user using token');
export const expectEnvNotFound = (res: Response, env: string) => expectEnvError(res, 404, 'ENVIRONMENT_NOT_FOUND', `Environment ${env} not found`);
export const expectShareNotFound = (res: Response, id: string) => expectEnvError(res, 404, 'RESOURCE_NOT_FOUND', `Environment share ${id} not found`);
export const expectNotAllowed = (res: Response, action: string) => expectEnvError(res, 403, 'AUTH_FORBIDDEN', `The environment action ${action} is not allowed`);
export const expectConcurrentUpdate = (res: Response) => expectEnvError(res, 409, 'CONCURRENT_UPDATE', 'Concurrent update attempt');
export const expectAlreadyShared = (res: Response) => expectEnvError(res, 409, 'ENVIRONMENT_SHARE_ALREADY_EXISTS', 'There is already a share for the account');

export interface ShareBody {
  id: string;
  revision: number;
  environmentId: string;
  granteeAccountId: string;
  roles: string[];
}

/** A 200 share body with exactly Golem's members, in its order. */
export function expectShare(res: Response, expected: Omit<ShareBody, 'id'> & { id?: string }): ShareBody {
  expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { id: expected.id ?? expect.stringMatching(UUID_RE), ...expected } });
  expect(Object.keys(res.body)).toEqual(['id', 'revision', 'environmentId', 'granteeAccountId', 'roles']);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return res.body as ShareBody;
}

let counter = 0;

export interface Environment {
  /** the environment (space) id */
  env: string;
  org: string;
  /** org manager of the environment's organization: manages its shares */
  owner: Client;
  u2: Client;
  u3: Client;
}

/** A fresh org and space, an org manager, and two accounts known to the gateway (they have called it once). */
export async function environment(t: Pick<TestGateway, 'admin' | 'settle' | 'as'>): Promise<Environment> {
  const f = factories(t);
  const n = ++counter;
  const org = await f.org(`env-org-${n}`);
  const space = await f.space(org.guid, `env-${n}`);
  const owner = await t.as(`owner-${n}`);
  await f.role(owner, 'organization_manager', org.guid);
  const u2 = await t.as(`u2-${n}`);
  const u3 = await t.as(`u3-${n}`);
  for (const c of [u2, u3]) await c.get('/v3/organizations');
  return { env: space.guid, org: org.guid, owner, u2, u3 };
}

/** Creates a share as `by` and returns its body (fails the test unless 200). */
export async function share(by: Client, env: string, grantee: Client | string, roles: string[]): Promise<ShareBody> {
  const granteeAccountId = typeof grantee === 'string' ? grantee : grantee.guid;
  const res = await by.post(SHARES(env), { granteeAccountId, roles });
  if (res.status !== 200) throw new Error(`share: expected 200, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ShareBody;
}
