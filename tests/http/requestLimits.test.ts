// Request limits (MAX_BODY_BYTES, MAX_JSON_DEPTH, MAX_JSON_ARRAY_MEMBERS, MAX_URL_LENGTH, MAX_QUERY_PARAMS), each
// refusal in the envelope of the API called, and nothing written.
import { expectEnvelope, type Dialect } from '../helpers/envelopes';
import { useGateway } from '../helpers/testGateway';

const t = useGateway({ MAX_BODY_BYTES: '2048', MAX_JSON_DEPTH: '8', MAX_JSON_ARRAY_MEMBERS: '50', MAX_URL_LENGTH: '512', MAX_QUERY_PARAMS: '10' });

/** A route of each dialect that reads a JSON body, and one that takes a GET. */
const BODY_ROUTES: Array<[Dialect, string]> = [
  ['v3', '/v3/organizations'],
  ['csm', '/csm/login'],
  ['env-shares', '/v1/envs/6f1c2a56-2f43-4d6c-9a0e-000000000001/shares'],
  ['uaa', '/Users'],
];
const GET_ROUTES: Array<[Dialect, string]> = [
  ['v3', '/v3/spaces'],
  ['csm', '/csm/ServiceOfferingInstance'],
  ['env-shares', '/v1/envs/6f1c2a56-2f43-4d6c-9a0e-000000000001/shares'],
  ['uaa', '/Users'],
];

const nested = (depth: number) => `{"name":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
const orgCount = async () => (await t.admin.get('/v3/organizations')).body.pagination.total_results as number;

describe.each(BODY_ROUTES)('%s body limits: POST %s', (dialect, path) => {
  const post = (body: string) => t.admin.post(path, body);

  it('a body over MAX_BODY_BYTES is refused in the dialect envelope, never read', async () => {
    const before = await orgCount();
    const res = await post(JSON.stringify({ name: 'x'.repeat(4096) }));
    expect([400, 413]).toContain(res.status);
    expectEnvelope(res, dialect);
    expect(await orgCount()).toBe(before);
  });

  it('a body nested deeper than MAX_JSON_DEPTH is refused with 400', async () => {
    const res = await post(nested(9));
    expect(res.status).toBe(400);
    expectEnvelope(res, dialect);
  });

  it('an array with more than MAX_JSON_ARRAY_MEMBERS members is refused with 400', async () => {
    const res = await post(JSON.stringify({ name: Array.from({ length: 51 }, () => 0) }));
    expect(res.status).toBe(400);
    expectEnvelope(res, dialect);
  });
});

describe('the wording of each limit', () => {
  it('POST /v3/organizations over MAX_BODY_BYTES: 400 CF-MessageParseError, as Cloud Controller has no 413 of its own', async () => {
    const res = await t.admin.post('/v3/organizations', JSON.stringify({ name: 'x'.repeat(4096) }));
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toEqual({ title: 'CF-MessageParseError', code: 1001, detail: 'Request invalid due to parse error: request body too large' });
  });

  it('POST /v3/organizations nested too deeply: CF-MessageParseError naming the limit', async () => {
    const res = await t.admin.post('/v3/organizations', nested(9));
    expect(res.body.errors[0]).toEqual({ title: 'CF-MessageParseError', code: 1001, detail: 'Request invalid due to parse error: request body nested deeper than 8 levels' });
  });

  it('POST /v3/organizations nested exactly MAX_JSON_DEPTH deep is read (and judged by its schema)', async () => {
    const res = await t.admin.post('/v3/organizations', nested(8));
    expect(res.status).toBe(422);
    expect(res.body.errors[0].title).toBe('CF-UnprocessableEntity');
  });

  it('POST /v1/envs/:env/shares over MAX_BODY_BYTES: 413 REQUEST_PAYLOAD_TOO_LARGE', async () => {
    const res = await t.admin.post(BODY_ROUTES[2]![1], JSON.stringify({ name: 'x'.repeat(4096) }));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('REQUEST_PAYLOAD_TOO_LARGE');
  });

  it('POST /Users over MAX_BODY_BYTES: 413 invalid_request', async () => {
    const res = await t.admin.post('/Users', JSON.stringify({ userName: 'x'.repeat(4096) }));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: 'invalid_request' });
  });
});

describe.each(GET_ROUTES)('%s URL limits: GET %s', (dialect, path) => {
  it('a URL longer than MAX_URL_LENGTH is refused in the dialect envelope', async () => {
    const res = await t.admin.get(`${path}?q=${'a'.repeat(600)}`);
    expect([400, 414]).toContain(res.status);
    expectEnvelope(res, dialect);
  });

  it('more than MAX_QUERY_PARAMS query parameters are refused with 400 in the dialect envelope', async () => {
    const query = Array.from({ length: 11 }, (_, i) => `p${i}=1`).join('&');
    const res = await t.admin.get(`${path}?${query}`);
    expect(res.status).toBe(400);
    expectEnvelope(res, dialect);
  });

  it('a path that does not exist under the prefix is a 404 in the dialect envelope', async () => {
    const res = await t.admin.get(`${path.split('/').slice(0, 2).join('/')}/no/such/route/here`);
    expect(res.status).toBe(404);
    expectEnvelope(res, dialect);
  });
});

describe('limits named in Cloud Controller terms', () => {
  it('GET /v3/spaces with 11 query parameters: 400 CF-BadQueryParameter', async () => {
    const query = Array.from({ length: 11 }, (_, i) => `p${i}=1`).join('&');
    const res = await t.admin.get(`/v3/spaces?${query}`);
    expect(res.body.errors[0]).toEqual({ title: 'CF-BadQueryParameter', code: 10005, detail: 'The query parameter is invalid: more than 10 query parameters' });
  });

  it('GET /nowhere (no dialect): 404 CF-NotFound "Unknown request"', async () => {
    const res = await t.anonymous.get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.body.errors[0]).toEqual({ title: 'CF-NotFound', code: 10000, detail: 'Unknown request' });
  });
});

describe('default limits', () => {
  const d = useGateway();

  it('POST /v3/organizations nested 100,000 deep (under 1 MiB) is a 400, not a crash', async () => {
    const body = `{"name":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const res = await d.admin.post('/v3/organizations', body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].title).toBe('CF-MessageParseError');
  });

  it('POST /v3/organizations with 10,001 array members is a 400; 10,000 are read', async () => {
    const over = await d.admin.post('/v3/organizations', JSON.stringify({ name: Array.from({ length: 10_001 }, () => 0) }));
    expect(over.body.errors[0].detail).toBe('Request invalid due to parse error: an array in the request body has more than 10000 members');
    const at = await d.admin.post('/v3/organizations', JSON.stringify({ name: Array.from({ length: 10_000 }, () => 0) }));
    expect(at.status).toBe(422);
  });
});
