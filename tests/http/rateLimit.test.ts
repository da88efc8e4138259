// RATE_LIMIT_PER_MINUTE: Cloud Controller's X-RateLimit-* headers on every counted answer, and past the limit a 429
// in the envelope of the API called, with Retry-After. Off by default.
import express from 'express';
import request from 'supertest';
import { renderV2Error } from '../../adapters/cf/v2/renderError';
import { rateLimit } from '../../src/http/rateLimit';
import { route } from '../../src/http/route';
import { expectEnvelope, type Dialect } from '../helpers/envelopes';
import { useGateway } from '../helpers/testGateway';

const LIMIT = 3;

describe('RATE_LIMIT_PER_MINUTE=3, GET /v3/spaces', () => {
  const t = useGateway({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });

  it('counts down X-RateLimit-Remaining, then answers 429 CF-RateLimitExceeded with Retry-After', async () => {
    const alice = await t.as('alice');
    const before = Math.floor(Date.now() / 1000);
    for (let i = 1; i <= LIMIT; i++) {
      const res = await alice.get('/v3/spaces');
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBe('3');
      expect(res.headers['x-ratelimit-remaining']).toBe(String(LIMIT - i));
      const reset = Number(res.headers['x-ratelimit-reset']);
      expect(reset).toBeGreaterThan(before);
      // the window started at this request, so it ends at most a minute after the answer (rounded up to the second)
      expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 60);
    }
    const over = await alice.get('/v3/spaces');
    expect(over.status).toBe(429);
    expect(over.body).toEqual({ errors: [{ title: 'CF-RateLimitExceeded', code: 10013, detail: 'Rate Limit Exceeded' }] });
    expect(over.headers['x-ratelimit-remaining']).toBe('0');
    expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('an error answer is counted and carries the headers too', async () => {
    const bob = await t.as('bob');
    const res = await bob.get('/v3/spaces/no-such-space');
    expect(res.status).toBe(404);
    expect(res.headers['x-ratelimit-remaining']).toBe(String(LIMIT - 1));
  });

  it('each caller has its own count: another user is not limited by alice', async () => {
    const carol = await t.as('carol');
    const res = await carol.get('/v3/spaces');
    expect(res.status).toBe(200);
    expect(res.headers['x-ratelimit-remaining']).toBe(String(LIMIT - 1));
  });

  it('POST /v3/organizations past the limit creates nothing', async () => {
    const dave = await t.as('dave', { admin: true });
    for (let i = 0; i < LIMIT; i++) await dave.get('/v3/organizations');
    const res = await dave.post('/v3/organizations', { name: 'over-the-limit' });
    expect(res.status).toBe(429);
    const orgs = await t.admin.get('/v3/organizations?names=over-the-limit');
    expect(orgs.body.resources).toEqual([]);
  });
});

const OTHER_DIALECTS: Array<[Dialect, string, Record<string, unknown>]> = [
  ['csm', '/csm/ServiceOfferingInstance', { errorID: 'CSM-GEN-0429' }],
  ['env-shares', '/v1/envs/6f1c2a56-2f43-4d6c-9a0e-000000000001/shares', { code: 'RATE_LIMIT_EXCEEDED' }],
  ['uaa', '/token_keys', { error: 'too_many_requests' }],
];

describe.each(OTHER_DIALECTS)('RATE_LIMIT_PER_MINUTE=3, %s: GET %s', (dialect, path, shape) => {
  const t = useGateway({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });

  it('the fourth request of a caller is a 429 in the dialect envelope, with the headers', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await t.anonymous.get(path)).headers['x-ratelimit-limit']).toBe('3');
    const res = await t.anonymous.get(path);
    expect(res.status).toBe(429);
    expectEnvelope(res, dialect);
    expect(Array.isArray(res.body) ? res.body[0] : res.body).toMatchObject(shape);
    expect(res.headers['retry-after']).toBeDefined();
  });
});

describe('rate limit off (the default)', () => {
  const t = useGateway();

  it('GET /v3/spaces carries no X-RateLimit headers however often it is called', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await t.admin.get('/v3/spaces');
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });
});

describe('the v2 wording (CF v2 joins the dialect table with its routes)', () => {
  const app = express();
  app.use(rateLimit(1, () => renderV2Error));
  app.get(
    '/v2/info',
    route(renderV2Error, () => ({ status: 200, body: {} })),
  );

  it('GET /v2/info past the limit: 429 CF-RateLimitV2APIExceeded in the v2 envelope', async () => {
    expect((await request(app).get('/v2/info')).status).toBe(200);
    const res = await request(app).get('/v2/info');
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ error_code: 'CF-RateLimitV2APIExceeded', code: 10018, description: 'Rate Limit of V2 API Exceeded. Please consider using the V3 API' });
  });
});
