// No input, however malformed, yields a 500 or a non-JSON body; and a rejected write changes nothing.
import { factories } from '../../helpers/factories';
import { useGateway } from '../../helpers/testGateway';

const t = useGateway();
let ids: Record<string, string>;

beforeAll(async () => {
  const f = factories(t);
  const org = await f.org();
  const space = await f.space(org.guid);
  const si = await f.managedInstance(space.guid);
  const ups = await f.userProvidedInstance(space.guid);
  const role = await f.role(await t.as('someone'), 'organization_user', org.guid);
  ids = { org: org.guid, space: space.guid, si: si.guid, ups: ups.guid, role: role.guid };
});

const paths = () =>
  [
    ['post', '/v3/organizations'],
    ['patch', `/v3/organizations/${ids.org}`],
    ['post', '/v3/spaces'],
    ['patch', `/v3/spaces/${ids.space}`],
    ['post', '/v3/users'],
    ['patch', '/v3/users/whoever'],
    ['post', '/v3/roles'],
    ['patch', '/v3/feature_flags/service_instance_sharing'],
    ['post', '/v3/service_instances'],
    ['patch', `/v3/service_instances/${ids.si}`],
    ['patch', `/v3/service_instances/${ids.ups}`],
    ['post', `/v3/service_instances/${ids.si}/relationships/shared_spaces`],
  ] as const;

const bodies: unknown[] = [
  '[]',
  '"text"',
  '42',
  'null',
  'true',
  '{"name":',
  '{"name": {"$gt": ""}}',
  '{"name": ["a"], "relationships": "x"}',
  '{"relationships": {"space": {"data": {"guid": 1}}, "organization": []}}',
  '{"type": "managed", "name": "x", "relationships": {"space": {"data": null}, "service_plan": {"data": {"guid": null}}}}',
  '{"type": "user-provided", "name": "\\u0000", "relationships": {"space": {"data": {"guid": "\\u0000"}}}, "credentials": [1]}',
  '{"metadata": {"labels": {"a": 1}, "annotations": "x"}}',
  '{"data": [null, 1, "x", {"guid": {}}]}',
  '{"enabled": "yes", "custom_error_message": 5}',
  '{"type": "space_developer", "relationships": {"user": {"data": {}}, "space": {"data": {"guid": "nope"}}}}',
  `{"name": "${'x'.repeat(300)}"}`,
  '{"__proto__": {"admin": true}, "constructor": {"prototype": {}}}',
];

describe('malformed bodies on every v3 write', () => {
  it('never answer 5xx, always answer the v3 error envelope, and change nothing', async () => {
    const before = await t.admin.get('/v3/audit_events?per_page=1');
    for (const [method, path] of paths()) {
      for (const body of bodies) {
        const res = await t.admin[method](path, body as string);
        expect({ method, path, body, status: res.status < 500 }).toEqual({ method, path, body, status: true });
        if (res.status >= 400) {
          expect({ path, body, ok: Array.isArray(res.body.errors) && typeof res.body.errors[0].detail === 'string' }).toEqual({ path, body, ok: true });
        }
      }
    }
    const after = await t.admin.get('/v3/audit_events?per_page=1');
    // only the feature-flag PATCH with "{}"-like bodies could succeed; nothing else may have been written
    expect(after.body.pagination.total_results).toBe(before.body.pagination.total_results);
  });
});

describe('odd paths and query strings', () => {
  it.each([
    '/v3/service_instances/%E0%A4%A',
    '/v3/service_instances/' + 'a'.repeat(5000),
    '/v3/service_instances?page=-1&per_page=abc',
    '/v3/service_instances?order_by=secret&names[]=x',
    '/v3/service_instances?label_selector=%28%28%28',
    '/v3/service_instances?created_ats[gt]=yesterday',
    '/v3/service_instances?page=99999999999999999999',
    '/v3/roles?include=everything',
    '/v3/organizations?names=a&names=b',
    '/v3/spaces?organization_guids=%00',
    '/v3/audit_events?types[lt]=x',
    '/v3/users?per_page=5001',
    '/v3/spaces?include[organization]=x',
    '/v3/spaces?include=&include=org',
    '/v3/service_offerings?fields[service_broker][guid]=x',
    '/v3/service_offerings?fields[]=guid',
    '/v3/service_plans?fields[service_offering.service_broker]=&include=,',
    '/v3/service_plans/%E0%A4%A/visibility',
    '/v3/organizations/x/users?usernames[]=a',
    '/v3/spaces/x/features/%00',
    '/v3/organization_quotas?organization_guids[x]=1',
    '/v3/service_credential_bindings?type[]=app',
  ])('GET %s is a 4xx or 200 with a JSON body', async (path) => {
    const res = await t.admin.get(path);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.headers['x-vcap-request-id']).toBeTruthy();
  });
});
