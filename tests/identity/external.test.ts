// External mode: UAA_URL points at a UAA (here a second in-process server on 127.0.0.1 serving /token_keys);
// its RS256 tokens are accepted, clients are sent there to log in, and nothing is issued here.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { startTestGateway, tokenFor, useGateway } from '../helpers/testGateway';
import { bearer } from './identityHelpers';

interface Key {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}
const makeKey = (kid: string): Key => ({ kid, ...generateKeyPairSync('rsa', { modulusLength: 2048 }) });
const uaaKey = (k: Key) => ({
  ...k.publicKey.export({ format: 'jwk' }),
  kid: k.kid,
  alg: 'RS256',
  use: 'sig',
  value: k.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
});

const published: Key[] = [makeKey('uaa-key-1')];
let fetches = 0;
let uaa: Server;
let uaaUrl: string;

function uaaToken(key: Key, claims: Record<string, unknown> = {}) {
  const userId = '7a1c3f0e-2b4d-4e6f-8a9b-0c1d2e3f4a5b';
  return new SignJWT({
    user_id: userId,
    sub: userId,
    user_name: 'uaa-user',
    origin: 'uaa',
    email: 'uaa-user@example.org',
    scope: ['openid', 'cloud_controller.read', 'cloud_controller.write'],
    client_id: 'cf',
    cid: 'cf',
    grant_type: 'password',
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(key.privateKey);
}

beforeAll(async () => {
  uaa = createServer((req, res) => {
    if (req.url === '/token_keys') {
      fetches++;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ keys: published.map(uaaKey) }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => uaa.listen(0, '127.0.0.1', resolve));
  uaaUrl = `http://127.0.0.1:${(uaa.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => uaa.close(() => resolve())));

describe('external mode (UAA_URL)', () => {
  const t = useGateway(() => ({ UAA_URL: uaaUrl, JWT_SECRET: '' }));

  it("accepts the UAA's RS256 tokens and creates the user on first sight", async () => {
    const token = await uaaToken(published[0]!);
    expect((await t.http.get('/v3/organizations').set(bearer(token))).status).toBe(200);
    const user = await t.http.get('/v3/users/7a1c3f0e-2b4d-4e6f-8a9b-0c1d2e3f4a5b').set(bearer(token));
    expect(user.body).toMatchObject({ username: 'uaa-user', origin: 'uaa' });
    expect(fetches).toBeGreaterThanOrEqual(1);
  });

  it('refuses tokens signed by another key, HS256 tokens (no JWT_SECRET here) and garbage', async () => {
    const stranger = makeKey('uaa-key-1');
    expect((await t.http.get('/v3/organizations').set(bearer(await uaaToken(stranger)))).status).toBe(401);
    expect((await t.http.get('/v3/organizations').set(bearer(await tokenFor('someone')))).status).toBe(401);
    expect((await t.http.get('/v3/organizations').set(bearer('a.b.c'))).status).toBe(401);
  });

  it('sends clients to UAA_URL from GET / and GET /v2/info', async () => {
    const root = await t.anonymous.get('/');
    expect(root.body.links.login).toEqual({ href: uaaUrl });
    expect(root.body.links.uaa).toEqual({ href: uaaUrl });
    const info = await t.anonymous.get('/v2/info');
    expect(info.body).toMatchObject({ authorization_endpoint: uaaUrl, token_endpoint: uaaUrl });
  });

  it('issues nothing itself: no token endpoint, keys or SCIM here', async () => {
    for (const path of ['/token_keys', '/login', '/Users']) expect((await t.anonymous.get(path)).status).toBe(404);
    const token = await t.http.post('/oauth/token').type('form').set('Authorization', 'Basic Y2Y6').send({ grant_type: 'password', username: 'a', password: 'b' });
    expect(token.status).toBe(404);
  });

  it('refetches the key set for an unknown kid (after the cooldown), so a rotated key works', async () => {
    const rotated = makeKey('uaa-key-2');
    published.push(rotated);
    await new Promise((r) => setTimeout(r, 5_100)); // jose refetches at most once per 5 s
    const before = fetches;
    expect((await t.http.get('/v3/organizations').set(bearer(await uaaToken(rotated)))).status).toBe(200);
    expect(fetches).toBe(before + 1);
    expect((await t.http.get('/v3/organizations').set(bearer(await uaaToken(published[0]!)))).status).toBe(200);
    expect(fetches).toBe(before + 1);
  });
});

describe('external mode with JWT_SECRET as well', () => {
  it('accepts both the UAA tokens and HS256 tokens', async () => {
    const t = await startTestGateway({ UAA_URL: uaaUrl });
    try {
      expect((await t.admin.get('/v3/organizations')).status).toBe(200);
      expect((await t.http.get('/v3/organizations').set(bearer(await uaaToken(published[0]!)))).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
