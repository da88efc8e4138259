// Malformed input on every v2 organization, space, user and role write: never a 500, always a v2 error body (or a
// success that changes nothing), and afterwards the same organizations, spaces and role holders as before.
import { startTestGateway, type TestGateway } from '../../helpers/testGateway';
import { v2People } from './spacesSetup';

let t: TestGateway;
let p: ReturnType<typeof v2People>;
let org: { guid: string };
let space: { guid: string; orgGuid: string };
let member: { guid: string };
beforeAll(async () => {
  t = await startTestGateway();
  p = v2People(t);
  space = await p.space();
  org = { guid: space.orgGuid };
  const u = await p.user();
  await p.spaceRole(space.guid, org.guid, 'developers', u);
  member = u;
});
afterAll(() => t.close());

const BODIES = [
  '',
  'null',
  '[]',
  '[{"name":"x"}]',
  '"text"',
  '42',
  'true',
  '{',
  '{"name":',
  '{"name":[]}',
  '{"name":{"a":1}}',
  '{"name":42}',
  '{"username":null}',
  '{"username":[1,2]}',
  '{"username":{"a":1},"origin":7}',
  '{"guid":5}',
  '{"organization_guid":["x"]}',
  '{"manager_guids":"x"}',
  '{"developer_guids":[1,2]}',
  '{"status":5}',
  `{"name":"${'x'.repeat(300)}"}`,
  '{"__proto__":{"admin":true}}',
];

const WRITES = (): [string, string][] => [
  ['post', '/v2/organizations'],
  ['put', `/v2/organizations/${org.guid}`],
  ['post', '/v2/spaces'],
  ['put', `/v2/spaces/${space.guid}`],
  ['post', '/v2/users'],
  ['put', `/v2/spaces/${space.guid}/managers`],
  ['post', `/v2/spaces/${space.guid}/developers/remove`],
  ['delete', `/v2/spaces/${space.guid}/developers`],
  ['put', `/v2/organizations/${org.guid}/users`],
  ['post', `/v2/organizations/${org.guid}/users/remove`],
  ['delete', `/v2/organizations/${org.guid}/managers`],
];

async function state() {
  return {
    orgs: await p.guidsOf('/v2/organizations?results-per-page=100'),
    spaces: await p.guidsOf('/v2/spaces?results-per-page=100'),
    orgUsers: await p.guidsOf(`/v2/organizations/${org.guid}/users`),
    developers: await p.guidsOf(`/v2/spaces/${space.guid}/developers`),
    spaceName: (await t.admin.get(`/v2/spaces/${space.guid}`)).body.entity.name,
    orgName: (await t.admin.get(`/v2/organizations/${org.guid}`)).body.entity.name,
  };
}

describe('malformed bodies on v2 organization, space, user and role writes', () => {
  it('answer 4xx with a v2 error body (or a 2xx that changes nothing), never 5xx, and change nothing', async () => {
    const before = await state();
    expect(before.developers).toEqual([member.guid]);
    for (const [method, path] of WRITES()) {
      for (const raw of BODIES) {
        const res = await t.admin[method as 'post' | 'put' | 'delete'](path).set('Content-Type', 'application/x-www-form-urlencoded').send(raw);
        const where = `${method.toUpperCase()} ${path} ${raw.slice(0, 40)}`;
        expect([where, res.status < 500]).toEqual([where, true]);
        expect([where, res.headers['content-type']]).toEqual([where, res.status === 204 ? undefined : 'application/json;charset=utf-8']);
        if (res.status >= 400) expect([where, Object.keys(res.body)]).toEqual([where, ['description', 'error_code', 'code']]);
      }
    }
    expect(await state()).toEqual(before);
  });

  it.each([
    ['a malformed percent escape', '/v2/spaces/%ZZ/managers'],
    ['a 5000-character guid', `/v2/spaces/${'g'.repeat(5000)}/managers/x`],
    ['quotes and SQL in a guid', "/v2/organizations/'%20OR%201=1/users/x"],
    ['a NUL byte in a guid', '/v2/users/%00/spaces/x'],
  ])('PUT with %s in the path answers a 4xx v2 error', async (_what, path) => {
    const res = await t.admin.put(path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(Object.keys(res.body)).toEqual(['description', 'error_code', 'code']);
  });
});
