// DEPRECATED_DIALECTS, DEPRECATED_AT and SUNSET_AT: every response of a deprecated dialect carries Deprecation
// (RFC 9745), Sunset (RFC 8594) and a Link to the documentation; other dialects carry none of them.
import { loadConfig } from '../../src/config';
import { useGateway } from '../helpers/testGateway';

describe('deprecated dialects (cf-v2 and env-shares, with DEPRECATED_AT and SUNSET_AT)', () => {
  const t = useGateway({ DEPRECATED_DIALECTS: 'cf-v2, env-shares', DEPRECATED_AT: '2026-11-01T00:00:00Z', SUNSET_AT: '2027-06-30T12:00:00Z' });
  const expected = {
    deprecation: `@${Date.parse('2026-11-01T00:00:00Z') / 1000}`,
    sunset: 'Wed, 30 Jun 2027 12:00:00 GMT',
    link: '<https://api.example.org/docs>; rel="deprecation"',
  };
  const noticeOf = (res: { headers: Record<string, string | undefined> }) => ({ deprecation: res.headers.deprecation, sunset: res.headers.sunset, link: res.headers.link });

  it('GET /v2/info carries Deprecation, Sunset and Link', async () => {
    const res = await t.anonymous.get('/v2/info');
    expect(res.status).toBe(200);
    expect(noticeOf(res)).toEqual(expected);
  });

  it('errors of a deprecated dialect carry them too: 401 and 404 of /v1, an unknown /v2 route', async () => {
    expect(noticeOf(await t.anonymous.get('/v1/envs/x/shares'))).toEqual(expected);
    expect(noticeOf(await t.admin.get('/v1/environment-shares/no-such-share'))).toEqual(expected);
    expect(noticeOf(await t.anonymous.get('/v2/nothing-here'))).toEqual(expected);
    const malformed = await t.admin.post('/v1/envs/x/shares', '{"broken":');
    expect(malformed.status).toBe(400);
    expect(noticeOf(malformed)).toEqual(expected);
  });

  it('GET /v3/organizations, GET / and POST /oauth/token carry none of them', async () => {
    for (const res of [await t.admin.get('/v3/organizations'), await t.anonymous.get('/'), await t.http.post('/oauth/token').type('form').send({})]) {
      expect(noticeOf(res)).toEqual({ deprecation: undefined, sunset: undefined, link: undefined });
    }
  });
});

describe('a deprecated dialect without DEPRECATED_AT and SUNSET_AT', () => {
  const before = Math.floor(Date.now() / 1000);
  const t = useGateway({ DEPRECATED_DIALECTS: 'cf-v2', PUBLIC_URL: 'https://cf.example.com/' });

  it('Deprecation is the moment the process started (in unix seconds), with the Link and no Sunset', async () => {
    const res = await t.anonymous.get('/v2/info');
    const at = Number(/^@(\d+)$/.exec(res.headers.deprecation ?? '')?.[1]);
    expect(at).toBeLessThanOrEqual(before);
    expect(at).toBeGreaterThan(before - 3600);
    expect(res.headers.sunset).toBeUndefined();
    expect(res.headers.link).toBe('<https://cf.example.com/docs>; rel="deprecation"');
  });
});

describe('deprecation settings', () => {
  it('an unknown dialect in DEPRECATED_DIALECTS or a malformed SUNSET_AT is refused at start', () => {
    expect(() => loadConfig({ DEPRECATED_DIALECTS: 'cf-v2,cf-v1' })).toThrow(/DEPRECATED_DIALECTS: a comma-separated list of cf-v3, cf-v2, csm, env-shares, uaa, other/);
    expect(() => loadConfig({ SUNSET_AT: 'next year' })).toThrow(/SUNSET_AT/);
    expect(loadConfig({ DEPRECATED_DIALECTS: 'cf-v2,csm', SUNSET_AT: '2027-01-01T00:00:00+01:00' })).toMatchObject({
      deprecatedDialects: ['cf-v2', 'csm'],
      sunsetAt: Date.parse('2026-12-31T23:00:00Z'),
    });
  });
});
