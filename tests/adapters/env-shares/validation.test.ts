// Requests the dialect cannot read (cases 16, 17, 31-34): 400 {"code","errors"} in JSON, never a 500, and nothing
// changes. Path and query are checked before the body; authentication before all of them.
import { randomUUID } from 'node:crypto';
import { SHARE, SHARES, environment, expectBadRequest, expectEnvError, share, type Environment, type ShareBody } from '../../helpers/envShares';
import { useGateway } from '../../helpers/testGateway';

const t = useGateway();
let e: Environment;
let s: ShareBody;

const P = 'parse request payload error: ';
const BODY = 'REQUEST_JSON_BODY_PARSING_FAILED';
const ROLES = '"admin", "viewer", "deployer"';

beforeAll(async () => {
  e = await environment(t);
  s = await share(e.owner, e.env, e.u2, ['viewer']);
});

/** Every test ends by checking that nothing changed: the share, the list and the audit events. */
let eventsBefore: number;
const eventCount = async () => (await t.admin.get(`/v3/audit_events?space_guids=${e.env}&per_page=1`)).body.pagination.total_results as number;
beforeEach(async () => {
  eventsBefore = await eventCount();
});
afterEach(async () => {
  expect((await t.admin.get(SHARES(e.env))).body).toEqual({ values: [s] });
  expect(await eventCount()).toBe(eventsBefore);
});

describe('env-shares path parameters', () => {
  it('GET /v1/envs/:environment_id/shares with a non-UUID id answers 400 (case 31)', async () => {
    expectBadRequest(await e.owner.get(SHARES('not-a-uuid')), 'REQUEST_VALUE_PARSING_FAILED', ['failed to parse path `environment_id`: invalid UUID']);
  });

  it('POST /v1/envs/:environment_id/shares with a non-UUID id answers 400 before looking at the body', async () => {
    expectBadRequest(await e.owner.post(SHARES('123'), { roles: 'x' }), 'REQUEST_VALUE_PARSING_FAILED', ['failed to parse path `environment_id`: invalid UUID']);
  });

  it.each(['get', 'patch', 'delete'] as const)('%s /v1/environment-shares/:id with a non-UUID id answers 400', async (method) => {
    const res = await e.owner[method](`${SHARE(`${s.id}x`)}?current_revision=0`, { currentRevision: 0, roles: [] });
    expectBadRequest(res, 'REQUEST_VALUE_PARSING_FAILED', ['failed to parse path `environment_share_id`: invalid UUID']);
  });

  it('GET /v1/envs/:environment_id/shares with a malformed percent-encoding answers 400, not 500', async () => {
    expectBadRequest(await e.owner.get('/v1/envs/%E0%A4%A/shares'), 'REQUEST_MALFORMED_PATH', ['the request could not be read']);
  });
});

describe('DELETE /v1/environment-shares/:id current_revision', () => {
  it('answers 400 REQUEST_MISSING_VALUE without current_revision (case 16)', async () => {
    expectBadRequest(await e.owner.delete(SHARE(s.id)), 'REQUEST_MISSING_VALUE', ['failed to parse parameter `current_revision`: value is required']);
  });

  it.each(['-1', 'abc', '1.5', '', '0x1', '1e3', ' 1', '123456789012345678901'])('answers 400 for current_revision=%p (case 17)', async (value) => {
    const res = await e.owner.delete(`${SHARE(s.id)}?current_revision=${encodeURIComponent(value)}`);
    expectBadRequest(res, 'REQUEST_VALUE_PARSING_FAILED', ['failed to parse parameter `current_revision`: expected a non-negative integer']);
  });

  it('answers 400 for a repeated current_revision', async () => {
    const res = await e.owner.delete(`${SHARE(s.id)}?current_revision=0&current_revision=0`);
    expectBadRequest(res, 'REQUEST_VALUE_PARSING_FAILED', ['failed to parse parameter `current_revision`: expected a non-negative integer']);
  });

  it('answers 409 for a huge but well-formed current_revision', async () => {
    expectEnvError(await e.owner.delete(`${SHARE(s.id)}?current_revision=18446744073709551615`), 409, 'CONCURRENT_UPDATE', 'Concurrent update attempt');
  });
});

describe('POST /v1/envs/:environment_id/shares body', () => {
  const post = (body: unknown) => e.owner.post(SHARES(e.env), body);

  it('answers 400 without roles or without granteeAccountId (case 32)', async () => {
    expectBadRequest(await post({ granteeAccountId: e.u3.guid }), BODY, [`${P}missing required member \`roles\``]);
    expectBadRequest(await post({ roles: ['admin'] }), BODY, [`${P}missing required member \`granteeAccountId\``]);
    expectBadRequest(await post({}), BODY, [`${P}missing required member \`granteeAccountId\``, `${P}missing required member \`roles\``]);
  });

  it('answers 400 for an unknown role (case 33)', async () => {
    expectBadRequest(await post({ granteeAccountId: e.u3.guid, roles: ['owner'] }), BODY, [`${P}\`roles[0]\` must be one of ${ROLES}`]);
    expectBadRequest(await post({ granteeAccountId: e.u3.guid, roles: ['admin', 'Admin', null] }), BODY, [
      `${P}\`roles[1]\` must be one of ${ROLES}`,
      `${P}\`roles[2]\` must be one of ${ROLES}`,
    ]);
  });

  it('answers 400 for members of the wrong type', async () => {
    expectBadRequest(await post({ granteeAccountId: e.u3.guid, roles: 'admin' }), BODY, [`${P}\`roles\` must be an array`]);
    expectBadRequest(await post({ granteeAccountId: 42, roles: [] }), BODY, [`${P}\`granteeAccountId\` must be a string`]);
    expectBadRequest(await post({ granteeAccountId: 'u3', roles: [] }), BODY, [`${P}\`granteeAccountId\` must be a UUID`]);
    expectBadRequest(await post({ granteeAccountId: null, roles: null }), BODY, [`${P}\`granteeAccountId\` must be a string`, `${P}\`roles\` must be an array`]);
  });

  it('answers 400 for a body that is not a JSON object', async () => {
    for (const body of ['[]', 'null', '"x"', '42', 'true']) {
      expectBadRequest(await post(body), BODY, [`${P}expected a JSON object`]);
    }
  });

  it('answers 400 naming the required members for an empty body', async () => {
    const res = await t.http.post(SHARES(e.env)).set('Authorization', `bearer ${e.owner.token}`);
    expectBadRequest(res, BODY, [`${P}missing required member \`granteeAccountId\``, `${P}missing required member \`roles\``]);
  });

  it('answers 400 REQUEST_BODY_INVALID_JSON for malformed JSON', async () => {
    for (const body of ['{', '{"roles":', "{'a':1}", '{"a":1}}']) {
      expectBadRequest(await post(body), 'REQUEST_BODY_INVALID_JSON', [`${P}the body is not valid JSON`]);
    }
  });

  it('answers 413 REQUEST_PAYLOAD_TOO_LARGE for a body over 1 MB', async () => {
    const res = await post({ granteeAccountId: e.u3.guid, roles: [], pad: 'x'.repeat(1_100_000) });
    expect({ status: res.status, body: res.body }).toEqual({ status: 413, body: { code: 'REQUEST_PAYLOAD_TOO_LARGE', errors: ['the request payload is too large'] } });
  });
});

describe('PATCH /v1/environment-shares/:id body', () => {
  const patch = (body: unknown) => e.owner.patch(SHARE(s.id), body);

  it('answers 400 without currentRevision or without roles (case 34)', async () => {
    expectBadRequest(await patch({ roles: ['viewer'] }), BODY, [`${P}missing required member \`currentRevision\``]);
    expectBadRequest(await patch({ currentRevision: 0 }), BODY, [`${P}missing required member \`roles\``]);
  });

  it.each([['0'], [-1], [1.5], [null], [{}]])('answers 400 for currentRevision %p', async (currentRevision) => {
    expectBadRequest(await patch({ currentRevision, roles: ['viewer'] }), BODY, [`${P}\`currentRevision\` must be a non-negative integer`]);
  });

  it('answers 400 for a currentRevision beyond 2^53 - 1', async () => {
    expectBadRequest(await patch({ currentRevision: 1e300, roles: ['viewer'] }), BODY, [`${P}\`currentRevision\` is too large`]);
  });

  it('answers 400 for an unknown role', async () => {
    expectBadRequest(await patch({ currentRevision: 0, roles: ['supporter'] }), BODY, [`${P}\`roles[0]\` must be one of ${ROLES}`]);
  });

  it('answers 400 for malformed JSON', async () => {
    expectBadRequest(await patch('{"currentRevision":0,'), 'REQUEST_BODY_INVALID_JSON', [`${P}the body is not valid JSON`]);
  });
});

describe('env-shares odd input never answers 500', () => {
  const junk: unknown[] = [
    { granteeAccountId: ['a'], roles: [{}] },
    { granteeAccountId: { $ne: 1 }, roles: [[]] },
    { granteeAccountId: randomUUID(), roles: ['admin'], currentRevision: { a: 1 } },
    { __proto__: { roles: ['admin'] } },
    { constructor: { prototype: {} }, roles: ['admin'] },
    '{"granteeAccountId":"\u0000","roles":["\u0000"]}',
    { granteeAccountId: '00000000-0000-0000-0000-000000000000', roles: ['viewer'] },
  ];

  it.each(junk.map((j) => [JSON.stringify(j)]))('POST and PATCH with %s answer 4xx', async (text) => {
    const post = await e.owner.post(SHARES(e.env), text);
    const patch = await e.owner.patch(SHARE(s.id), text);
    for (const res of [post, patch]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    }
  });

  it.each(['/v1/envs/%00/shares', `/v1/envs/${'a'.repeat(5000)}/shares`, '/v1/environment-shares/..%2F..%2Fetc', `/v1/environment-shares/${randomUUID()}%20`])(
    'GET %s answers 400',
    async (path) => {
      const res = await e.owner.get(path);
      expect(res.status).toBe(400);
    },
  );
});
