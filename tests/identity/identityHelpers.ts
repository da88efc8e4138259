// Logging in over HTTP as real clients do: form-encoded POST /oauth/token with HTTP Basic `cf:`.
import type { Response } from 'supertest';
import type request from 'supertest';
import { startTestGateway, useGateway, type TestGateway } from '../helpers/testGateway';

export const ADMIN_PASSWORD = 'bootstrap-admin-Pa55';
export const CF_BASIC = `Basic ${Buffer.from('cf:').toString('base64')}`;

type Http = ReturnType<typeof request>;

/** A test gateway whose first administrator is `admin` / ADMIN_PASSWORD, ready for logins. */
export async function startIdentityGateway(env: Record<string, string> = {}): Promise<TestGateway> {
  const t = await startTestGateway({ ADMIN_PASSWORD, ...env });
  await t.gateway.ready;
  return t;
}

/** useGateway() for such a gateway: started and ready before the tests of the calling file or describe block. */
export const useIdentityGateway = (env: Record<string, string> = {}) => useGateway({ ADMIN_PASSWORD, ...env }, { ready: true });

export const tokenRequest = (http: Http, form: Record<string, string>, authorization: string | null = CF_BASIC) => {
  let r = http.post('/oauth/token').type('form');
  if (authorization !== null) r = r.set('Authorization', authorization);
  return r.send(form);
};

export const passwordLogin = (http: Http, username: string, password: string, extra: Record<string, string> = {}) =>
  tokenRequest(http, { grant_type: 'password', username, password, ...extra });

export interface Tokens {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  jti: string;
}

export async function login(http: Http, username: string, password: string): Promise<Tokens> {
  const res = await passwordLogin(http, username, password);
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Tokens;
}

export const bearer = (token: string) => ({ Authorization: `bearer ${token}` });

/** Creates a password user through SCIM as `adminToken`. */
export async function createScimUser(http: Http, adminToken: string, userName: string, password: string): Promise<{ id: string; userName: string }> {
  const res = await http
    .post('/Users')
    .set(bearer(adminToken))
    .send({ userName, password, emails: [{ value: `${userName}@example.org` }] });
  if (res.status !== 201) throw new Error(`create ${userName}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; userName: string };
}

export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [h, p] = token.split('.');
  return { header: JSON.parse(Buffer.from(h!, 'base64url').toString()), payload: JSON.parse(Buffer.from(p!, 'base64url').toString()) };
}

/** An OAuth error body exactly as UAA writes it. */
export function expectOAuthError(res: Response, status: number, error: string, description?: string) {
  expect({ status: res.status, error: res.body.error }).toEqual({ status, error });
  expect(typeof res.body.error_description).toBe('string');
  if (description !== undefined) expect(res.body.error_description).toBe(description);
  expect(res.type).toBe('application/json');
}

/** A SCIM error body: OAuth's members plus `message`. */
export function expectScimError(res: Response, status: number, error: string, description?: string) {
  expectOAuthError(res, status, error, description);
  expect(res.body.message).toBe(res.body.error_description);
}
