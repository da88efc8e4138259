// Credentials (contract §1, cases 19-22): bearer JWTs, the GOLEM_SESSION cookie, and plugged-in credential schemes;
// a missing or unknown token is 401 with the JSON body, before any lookup.
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { SignJWT } from 'jose';
import request from 'supertest';
import { createApp } from '../../../src/app';
import type { Claims } from '../../../src/core/actor';
import { hs256Verification } from '../../../src/identity/verification';
import { createLogger } from '../../../src/logger';
import { SHARE, SHARES, environment, expectShare, expectUnauthorized, share, type Environment } from '../../helpers/envShares';
import { BASE, TEST_SECRET, useGateway } from '../../helpers/testGateway';

const t = useGateway();
let e: Environment;

beforeAll(async () => {
  e = await environment(t);
});

const jwt = (claims: Record<string, unknown>) =>
  new SignJWT({ user_id: e.owner.guid, user_name: e.owner.username, origin: 'uaa', scope: ['cloud_controller.read'], client_id: 'cf', ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(e.owner.guid);

describe('env-shares authentication', () => {
  const calls = () => {
    const id = randomUUID();
    return [
      ['GET /v1/envs/:environment_id/shares', () => t.http.get(SHARES(id))],
      ['POST /v1/envs/:environment_id/shares', () => t.http.post(SHARES(id)).send({ granteeAccountId: id, roles: ['admin'] })],
      ['GET /v1/environment-shares/:id', () => t.http.get(SHARE(id))],
      ['PATCH /v1/environment-shares/:id', () => t.http.patch(SHARE(id)).send({ currentRevision: 0, roles: [] })],
      ['DELETE /v1/environment-shares/:id', () => t.http.delete(`${SHARE(id)}?current_revision=0`)],
    ] as const;
  };

  it('every endpoint without Authorization or GOLEM_SESSION answers 401 AUTH_UNAUTHORIZED, not 404 (case 19)', async () => {
    for (const [, call] of calls()) expectUnauthorized(await call());
  });

  it('every endpoint with a well-formed unknown bearer secret answers 401 (case 20)', async () => {
    for (const [, call] of calls()) expectUnauthorized(await call().set('Authorization', 'Bearer 64cf566c-ed72-48e5-b786-b88aa0298fb4'));
  });

  it('GET /v1/envs/:environment_id/shares with an expired token answers 401 (case 21)', async () => {
    const expired = await jwt({})
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(Buffer.from(TEST_SECRET));
    expectUnauthorized(await t.http.get(SHARES(e.env)).set('Authorization', `Bearer ${expired}`));
  });

  it('GET /v1/envs/:environment_id/shares with a token signed by another key answers 401', async () => {
    const forged = await jwt({}).setExpirationTime('1h').sign(Buffer.from('another-secret-of-enough-length-000'));
    expectUnauthorized(await t.http.get(SHARES(e.env)).set('Authorization', `Bearer ${forged}`));
  });

  it('GET /v1/envs/:environment_id/shares with an unknown GOLEM_SESSION cookie answers 401', async () => {
    expectUnauthorized(await t.http.get(SHARES(e.env)).set('Cookie', 'GOLEM_SESSION=64cf566c-ed72-48e5-b786-b88aa0298fb4'));
  });

  it('GET /v1/envs/:environment_id/shares with the token as the GOLEM_SESSION cookie is authenticated like a bearer (case 22)', async () => {
    const s = await share(e.owner, e.env, e.u2, ['viewer']);
    const res = await t.http.get(SHARES(e.env)).set('Cookie', `theme=dark; GOLEM_SESSION=${e.owner.token}; other=1`);
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { values: [s] } });
    await e.owner.delete(`${SHARE(s.id)}?current_revision=0`);
  });

  it("PATCH /v1/environment-shares/:id with the GOLEM_SESSION cookie writes as the cookie's user", async () => {
    const s = await share(e.owner, e.env, e.u2, ['viewer']);
    const res = await t.http
      .patch(SHARE(s.id))
      .set('Cookie', `GOLEM_SESSION=${e.owner.token}`)
      .send({ currentRevision: 0, roles: ['deployer'] });
    expectShare(res, { ...s, revision: 1, roles: ['deployer'] });
    await e.owner.delete(`${SHARE(s.id)}?current_revision=1`);
  });

  it('an Authorization header wins over the GOLEM_SESSION cookie', async () => {
    const res = await t.http.get(SHARES(e.env)).set('Authorization', 'Bearer not-a-token-at-all-xxxx').set('Cookie', `GOLEM_SESSION=${e.owner.token}`);
    expectUnauthorized(res);
  });
});

describe('env-shares with a plugged-in credential scheme', () => {
  // The router takes CredentialScheme[] (opaque API tokens); a GOLEM_SESSION cookie reaches a scheme as a bearer.
  const scheme = async (req: Request): Promise<Claims | null> => {
    const m = /^bearer golem-token-for-(.+)$/i.exec(req.get('authorization') ?? '');
    if (!m || m[1] !== e.owner.username) return null;
    return { userGuid: e.owner.guid, username: e.owner.username, email: null, origin: 'uaa', clientId: null, scopes: [] };
  };
  let http: ReturnType<typeof request>;
  beforeAll(() => {
    const verification = hs256Verification(TEST_SECRET);
    const app = createApp(t.gateway.core, {
      logger: createLogger('silent'),
      v3: { publicUrl: BASE, loginUrl: BASE, verification },
      envShares: { verification, schemes: [scheme] },
    });
    http = request(app);
  });

  it('GET /v1/envs/:environment_id/shares with a scheme token as bearer or as GOLEM_SESSION answers 200', async () => {
    const token = `golem-token-for-${e.owner.username}`;
    expect((await http.get(SHARES(e.env)).set('Authorization', `Bearer ${token}`)).status).toBe(200);
    expect((await http.get(SHARES(e.env)).set('Cookie', `GOLEM_SESSION=${token}`)).status).toBe(200);
  });

  it('GET /v1/envs/:environment_id/shares still accepts JWTs and refuses unknown tokens with 401', async () => {
    expect((await http.get(SHARES(e.env)).set('Authorization', `bearer ${e.owner.token}`)).status).toBe(200);
    expectUnauthorized(await http.get(SHARES(e.env)).set('Authorization', 'Bearer golem-token-for-somebody-else'));
  });
});
