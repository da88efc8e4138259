// Who may share, unshare and read shares: the role table of contract §4.3, §4.8 and §4.9.
import { SCOPES } from '../../../src/core/actor';
import { factories } from '../../helpers/factories';
import { expectForbidden, expectNotFound, expectUnauthenticated } from '../../helpers/expectations';
import { useGateway, type Client } from '../../helpers/testGateway';

const t = useGateway();
const f = factories(t);
let S: string;
let T: string;
const users: Record<string, Client> = {};

const P = (si: string) => `/v3/service_instances/${si}/relationships/shared_spaces`;

beforeAll(async () => {
  const org = await f.org();
  S = (await f.space(org.guid, 'source')).guid;
  T = (await f.space(org.guid, 'target')).guid;
  users.readOnlyAdmin = await t.as('read-only-admin', { scopes: [SCOPES.read, SCOPES.adminReadOnly] });
  users.globalAuditor = await t.as('global-auditor', { scopes: [SCOPES.read, SCOPES.globalAuditor] });
  for (const [name, roles] of Object.entries({
    orgManager: [['organization_manager', org.guid]],
    devS: [['space_developer', S]],
    managerS: [['space_manager', S]],
    auditorS: [['space_auditor', S]],
    supporterS: [['space_supporter', S]],
    devT: [],
    orgAuditor: [['organization_auditor', org.guid]],
    stranger: [],
  })) {
    users[name] = await t.as(name);
    for (const [type, guid] of roles) await f.role(users[name]!, type!, guid!);
  }
  // everyone but the stranger and the org auditor may write into the target space
  for (const name of ['orgManager', 'devS', 'managerS', 'auditorS', 'supporterS', 'devT']) await f.role(users[name]!, 'space_developer', T);
  users.admin = t.admin;
});

const share = (c: Client, si: string, ...spaces: string[]) => c.post(P(si), { data: spaces.map((guid) => ({ guid })) });

describe('POST /v3/service_instances/:guid/relationships/shared_spaces by role', () => {
  it.each([
    ['admin', 200],
    ['devS', 200],
    ['readOnlyAdmin', 403],
    ['globalAuditor', 403],
    ['orgManager', 403],
    ['managerS', 403],
    ['auditorS', 403],
    ['supporterS', 403],
    ['devT', 404],
    ['orgAuditor', 404],
    ['stranger', 404],
  ])('%s gets %i', async (name, status) => {
    const si = await f.managedInstance(S);
    const res = await share(users[name]!, si.guid, T);
    expect(res.status).toBe(status);
    if (status === 200) expect(res.body.data).toEqual([{ guid: T }]);
    if (status === 403) expectForbidden(res);
    if (status === 404) expectNotFound(res);
    const after = await t.admin.get(P(si.guid));
    expect(after.body.data).toEqual(status === 200 ? [{ guid: T }] : []);
  });

  it('without a token gets 401 CF-NotAuthenticated', async () => {
    const si = await f.managedInstance(S);
    expectUnauthenticated(await t.anonymous.post(P(si.guid), { data: [{ guid: T }] }));
  });

  it('a target-space developer who sees the instance through a share gets 403 sharing it further', async () => {
    const si = await f.managedInstance(S);
    expect((await share(t.admin, si.guid, T)).status).toBe(200);
    const other = await f.space(undefined, 'elsewhere');
    expectForbidden(await share(users.devT!, si.guid, other.guid));
  });

  it('a token with only cloud_controller.read gets 403 even for a developer of both spaces', async () => {
    const si = await f.managedInstance(S);
    const readOnly = await t.as('devS', { scopes: [SCOPES.read] });
    expectForbidden(await share(readOnly, si.guid, T));
  });
});

describe('DELETE /v3/service_instances/:guid/relationships/shared_spaces/:space_guid by role', () => {
  it.each([
    ['admin', 204],
    ['devS', 204],
    ['readOnlyAdmin', 403],
    ['globalAuditor', 403],
    ['orgManager', 403],
    ['managerS', 403],
    ['auditorS', 403],
    ['supporterS', 403],
    ['devT', 403],
    ['orgAuditor', 404],
    ['stranger', 404],
  ])('%s gets %i', async (name, status) => {
    const si = await f.managedInstance(S);
    expect((await share(t.admin, si.guid, T)).status).toBe(200);
    const res = await users[name]!.delete(`${P(si.guid)}/${T}`);
    expect(res.status).toBe(status);
    if (status === 204) expect(res.text).toBe('');
    if (status === 403) expectForbidden(res);
    if (status === 404) expectNotFound(res);
    const after = await t.admin.get(P(si.guid));
    expect(after.body.data).toEqual(status === 204 ? [] : [{ guid: T }]);
  });

  it('without a token gets 401', async () => {
    const si = await f.managedInstance(S);
    expectUnauthenticated(await t.anonymous.delete(`${P(si.guid)}/${T}`));
  });
});

describe('GET /v3/service_instances/:guid/relationships/shared_spaces and usage_summary by role', () => {
  let si: string;
  beforeAll(async () => {
    si = (await f.managedInstance(S)).guid;
    expect((await share(t.admin, si, T)).status).toBe(200);
  });

  it.each([
    ['admin', 200],
    ['readOnlyAdmin', 200],
    ['globalAuditor', 200],
    ['orgManager', 200],
    ['devS', 200],
    ['managerS', 200],
    ['auditorS', 200],
    ['supporterS', 200],
    ['devT', 200],
    ['orgAuditor', 404],
    ['stranger', 404],
  ])('%s gets %i', async (name, status) => {
    const list = await users[name]!.get(P(si));
    const summary = await users[name]!.get(`${P(si)}/usage_summary`);
    expect([list.status, summary.status]).toEqual([status, status]);
    if (status === 200) {
      expect(list.body).toEqual({ data: [{ guid: T }], links: { self: { href: `https://api.example.org/v3/service_instances/${si}/relationships/shared_spaces` } } });
      expect(summary.body.usage_summary).toEqual([{ space: { guid: T }, bound_app_count: 0 }]);
    } else {
      expectNotFound(list);
      expectNotFound(summary);
    }
  });

  it('without a token gets 401', async () => {
    expectUnauthenticated(await t.anonymous.get(P(si)));
    expectUnauthenticated(await t.anonymous.get(`${P(si)}/usage_summary`));
  });
});

describe('POST .../shared_spaces: the caller in the target space', () => {
  it.each([
    ['space_developer', 200, ''],
    ['space_manager', 422, 'write'],
    ['space_auditor', 422, 'write'],
    ['space_supporter', 422, 'write'],
    ['none', 422, 'exist'],
  ])('with %s in the target gets %i', async (role, status, kind) => {
    const org = await f.org();
    const target = await f.space(org.guid);
    const dev = await t.as(`dev-${role}`);
    await f.role(dev, 'space_developer', S);
    if (role !== 'none') await f.role(dev, role, target.guid);
    const si = await f.managedInstance(S);
    const res = await share(dev, si.guid, target.guid);
    expect(res.status).toBe(status);
    const reason =
      kind === 'write' ? 'Write permission is required in order to share a service instance with a space.' : 'Ensure the spaces exist and that you have access to them.';
    if (status === 422) expect(res.body.errors[0].detail).toBe(`Unable to share service instance ${si.name} with spaces ['${target.guid}']. ${reason}`);
  });
});
