// Odd input on every identity route: never a 5xx, always the route's own error format.
import { ADMIN_PASSWORD, bearer, login, useIdentityGateway } from './identityHelpers';

const t = useIdentityGateway();
let admin: string;
beforeAll(async () => {
  admin = (await login(t.http, 'admin', ADMIN_PASSWORD)).access_token;
});

type Method = 'get' | 'post' | 'put' | 'delete';
const BAD = '%E0%A4%A';
const cases: [Method, string, unknown][] = [
  ['get', `/Users/${BAD}`, undefined],
  ['delete', `/Users/${BAD}`, undefined],
  ['put', `/Users/${BAD}/password`, { password: 'x' }],
  ['get', `/Users?filter=${BAD}`, undefined],
  ['get', '/Users?startIndex=99999999999999999999&count=99999999999', undefined],
  ['get', '/Users?startIndex=-4&count=-1', undefined],
  ['get', `/Users?filter=${encodeURIComponent('userName eq "a" and (origin eq "b" or')}`, undefined],
  ['get', `/Users?filter=${encodeURIComponent('('.repeat(5000))}`, undefined],
  ['post', '/Users', { userName: { $ne: 1 } }],
  ['post', '/Users', { userName: 'x'.repeat(2_000_000) }],
  ['put', '/Users/whoever/password', [1, 2]],
  ['delete', `/oauth/token/revoke/${BAD}`, undefined],
  ['get', `/oauth/token/revoke/user/${BAD}`, undefined],
  ['get', `/v1/accounts/${BAD}/tokens`, undefined],
  ['get', `/v1/accounts/x/tokens/${BAD}`, undefined],
  ['post', '/v1/accounts/x/tokens', { expiresAt: '9999999-01-01T00:00:00Z' }],
  ['post', '/v1/accounts/x/tokens', 'not json'],
  ['post', '/v1/accounts/x/tokens', { expiresAt: '2099-02-31T00:00:00Z' }],
  ['get', '/v2/info?x=%', undefined],
];

const rows = cases.map(([method, path, body]) => ({ name: `${method} ${path.length > 80 ? `${path.slice(0, 80)}…` : path}`, method, path, body }));

describe('identity routes on odd input', () => {
  it.each(rows)('$name answers below 500 with a body in the route’s format', async ({ method, path, body }) => {
    let req = t.http[method](path).set(bearer(admin));
    if (body !== undefined) req = typeof body === 'string' ? req.set('Content-Type', 'application/json').send(body) : req.send(body as object);
    const res = await req;
    expect(res.status).toBeLessThan(500);
    expect(res.type).toBe('application/json');
  });

  it('odd Authorization headers on /oauth/token and /Users', async () => {
    const headers = ['Basic', 'Basic ', 'Basic =', `Basic ${Buffer.from([0xff, 0xfe, 0x3a]).toString('base64')}`, 'Bearer', 'bearer a.b.c', 'x'.repeat(8000)];
    for (const authorization of headers) {
      const token = await t.http.post('/oauth/token').set('Authorization', authorization).type('form').send({ grant_type: 'password', username: 'admin', password: 'x' });
      expect({ authorization, status: token.status < 500, json: token.type }).toEqual({ authorization, status: true, json: 'application/json' });
      const users = await t.http.get('/Users').set('Authorization', authorization);
      expect({ authorization, status: users.status }).toEqual({ authorization, status: 401 });
    }
  });
});
