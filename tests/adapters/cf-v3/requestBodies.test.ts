// Every v3 write: malformed JSON is 400 CF-MessageParseError, unknown fields and wrong types are 422, and a rejected
// request changes nothing (contract §1.2).
import { factories } from '../../helpers/factories';
import { expectCfError, expectUnprocessable } from '../../helpers/expectations';
import { useGateway } from '../../helpers/testGateway';

const t = useGateway();
const ids: Record<string, string> = {};

beforeAll(async () => {
  const f = factories(t);
  const org = await f.org('bodies-org');
  const space = await f.space(org.guid, 'bodies-space');
  const user = await t.as('bodies-user');
  await user.get('/v3/organizations');
  Object.assign(ids, {
    org: org.guid,
    space: space.guid,
    user: user.guid,
    si: (await f.managedInstance(space.guid, 'bodies-db')).guid,
    ups: (await f.userProvidedInstance(space.guid, 'bodies-ups')).guid,
  });
});

type Body = object | (() => object);
type Write = { method: 'post' | 'patch'; path: () => string; read: () => string; unknown: Body; wrongType: Body; wrongTypeMessage: string };
const body = (b: Body) => (typeof b === 'function' ? b() : b);
const WRITES: Record<string, Write> = {
  'POST /v3/organizations': {
    method: 'post',
    path: () => '/v3/organizations',
    read: () => '/v3/organizations',
    unknown: { name: 'n', bogus: 1 },
    wrongType: { name: ['n'] },
    wrongTypeMessage: 'Name must be a string',
  },
  'PATCH /v3/organizations/:guid': {
    method: 'patch',
    path: () => `/v3/organizations/${ids.org}`,
    read: () => `/v3/organizations/${ids.org}`,
    unknown: { bogus: 1 },
    wrongType: { suspended: 'no' },
    wrongTypeMessage: 'Suspended must be a boolean',
  },
  'POST /v3/spaces': {
    method: 'post',
    path: () => '/v3/spaces',
    read: () => '/v3/spaces',
    unknown: () => ({ name: 'n', relationships: { organization: { data: { guid: ids.org } } }, bogus: 1 }),
    wrongType: { name: 'n', relationships: 'org' },
    wrongTypeMessage: "Relationships 'relationships' is not an object",
  },
  'PATCH /v3/spaces/:guid': {
    method: 'patch',
    path: () => `/v3/spaces/${ids.space}`,
    read: () => `/v3/spaces/${ids.space}`,
    unknown: { bogus: 1 },
    wrongType: { name: 1 },
    wrongTypeMessage: 'Name must be a string',
  },
  'POST /v3/users': {
    method: 'post',
    path: () => '/v3/users',
    read: () => '/v3/users',
    unknown: { guid: 'g', bogus: 1 },
    wrongType: { guid: 5 },
    wrongTypeMessage: 'Guid must be a string, Guid must be between 1 and 200 characters',
  },
  'PATCH /v3/users/:guid': {
    method: 'patch',
    path: () => `/v3/users/${ids.user}`,
    read: () => `/v3/users/${ids.user}`,
    unknown: { bogus: 1 },
    wrongType: { metadata: { labels: [] } },
    wrongTypeMessage: 'Labels must be an object',
  },
  'POST /v3/roles': {
    method: 'post',
    path: () => '/v3/roles',
    read: () => '/v3/roles',
    unknown: () => ({ type: 'organization_user', relationships: { user: { data: { guid: ids.user } }, organization: { data: { guid: ids.org } } }, bogus: 1 }),
    wrongType: () => ({ type: 'organization_user', relationships: { user: { data: { guid: 9 } }, organization: { data: { guid: ids.org } } } }),
    wrongTypeMessage: 'Relationships User guid must be a string',
  },
  'PATCH /v3/feature_flags/:name': {
    method: 'patch',
    path: () => '/v3/feature_flags/diego_docker',
    read: () => '/v3/feature_flags/diego_docker',
    unknown: { bogus: 1 },
    wrongType: { enabled: 1 },
    wrongTypeMessage: 'Enabled must be a boolean',
  },
  'POST /v3/service_instances': {
    method: 'post',
    path: () => '/v3/service_instances',
    read: () => '/v3/service_instances',
    unknown: () => ({ type: 'user-provided', name: 'n', relationships: { space: { data: { guid: ids.space } } }, bogus: 1 }),
    wrongType: () => ({ type: 'user-provided', name: 'n', relationships: { space: { data: { guid: ids.space } } }, tags: 'a,b' }),
    wrongTypeMessage: 'Tags must be a list of strings',
  },
  'PATCH /v3/service_instances/:guid (managed)': {
    method: 'patch',
    path: () => `/v3/service_instances/${ids.si}`,
    read: () => `/v3/service_instances/${ids.si}`,
    unknown: { bogus: 1 },
    wrongType: { parameters: [1] },
    wrongTypeMessage: 'Parameters must be an object',
  },
  'PATCH /v3/service_instances/:guid (user-provided)': {
    method: 'patch',
    path: () => `/v3/service_instances/${ids.ups}`,
    read: () => `/v3/service_instances/${ids.ups}`,
    unknown: { bogus: 1 },
    wrongType: { credentials: 'secret' },
    wrongTypeMessage: 'Credentials must be an object',
  },
};

async function snapshot(read: string) {
  const [resource, events] = await Promise.all([t.admin.get(read), t.admin.get('/v3/audit_events?per_page=1')]);
  return { resource: resource.body, events: events.body.pagination.total_results };
}

describe.each(Object.entries(WRITES))('%s', (_name, w) => {
  it('with malformed JSON is 400 CF-MessageParseError and changes nothing', async () => {
    const before = await snapshot(w.read());
    for (const text of ['{"name":', '{bad json}', '{"a":1}}']) {
      const res = await t.http[w.method](w.path()).set('Authorization', `bearer ${t.admin.token}`).set('Content-Type', 'application/json').send(text);
      expectCfError(res, 400, 'CF-MessageParseError', 1001, 'Request invalid due to parse error: invalid request body');
    }
    expect(await snapshot(w.read())).toEqual(before);
  });

  it("with an unknown field is 422 Unknown field(s): 'bogus' and changes nothing", async () => {
    const before = await snapshot(w.read());
    expectUnprocessable(await t.admin[w.method](w.path(), body(w.unknown)), "Unknown field(s): 'bogus'");
    expect(await snapshot(w.read())).toEqual(before);
  });

  it('with a wrong type is 422 and changes nothing', async () => {
    const before = await snapshot(w.read());
    expectUnprocessable(await t.admin[w.method](w.path(), body(w.wrongType)), w.wrongTypeMessage);
    expect(await snapshot(w.read())).toEqual(before);
  });
});

describe('unknown fields are listed together', () => {
  it("POST /v3/organizations with two unknown fields is 422 Unknown field(s): 'a', 'b'", async () => {
    expectUnprocessable(await t.admin.post('/v3/organizations', { name: 'x', a: 1, b: 2 }), "Unknown field(s): 'a', 'b'");
  });
});

describe('bodies sent with another content type', () => {
  it('a JSON body sent as text/plain is still read as JSON (legacy clients)', async () => {
    const res = await t.http.post('/v3/organizations').set('Authorization', `bearer ${t.admin.token}`).set('Content-Type', 'text/plain').send('{"name":"plain-text-org"}');
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('plain-text-org');
  });
});
