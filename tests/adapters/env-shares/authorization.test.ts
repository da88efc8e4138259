// Who may do what (contract §6 and cases 23-30): admins, org managers of the environment's organization and `admin`
// grantees manage shares; viewer/deployer grantees get 403 on list/create and 404 on by-id calls; strangers 404.
import { SCOPES } from '../../../src/core/actor';
import {
  SHARE,
  SHARES,
  environment,
  expectEnvNotFound,
  expectNotAllowed,
  expectShare,
  expectShareNotFound,
  share,
  type Environment,
  type ShareBody,
} from '../../helpers/envShares';
import { factories } from '../../helpers/factories';
import { useGateway, type Client } from '../../helpers/testGateway';

const t = useGateway();
const f = factories(t);
let e: Environment;
let n = 0;

beforeEach(async () => {
  e = await environment(t);
});

const fresh = async (name: string) => {
  const c = await t.as(`${name}-${++n}`);
  await c.get('/v3/organizations');
  return c;
};

/** The caller, given its grant on the environment (u2 holds any share role). */
const CALLERS: Record<string, () => Promise<Client>> = {
  admin: async () => t.admin,
  'org manager (owner)': async () => e.owner,
  'admin grantee': async () => (await share(e.owner, e.env, e.u2, ['admin']), e.u2),
  'global auditor': () => t.as('global-auditor', { scopes: [SCOPES.read, SCOPES.globalAuditor] }),
  'read-only admin': () => t.as('read-only-admin', { scopes: [SCOPES.read, SCOPES.adminReadOnly] }),
  'deployer grantee': async () => (await share(e.owner, e.env, e.u2, ['deployer']), e.u2),
  'viewer grantee': async () => (await share(e.owner, e.env, e.u2, ['viewer']), e.u2),
  'viewer+deployer grantee': async () => (await share(e.owner, e.env, e.u2, ['viewer', 'deployer']), e.u2),
  'v3 space supporter': async () => (await f.role(e.u2, 'space_supporter', e.env), e.u2),
  'grantee with roles []': async () => (await share(e.owner, e.env, e.u2, []), e.u2),
  'org auditor': async () => (await f.role(e.u2, 'organization_auditor', e.org), e.u2),
  'org user': async () => (await f.role(e.u2, 'organization_user', e.org), e.u2),
  'manager of another space in the org': async () => (await f.role(e.u2, 'space_manager', (await f.space(e.org)).guid), e.u2),
  stranger: async () => e.u2,
};

type Outcome = 200 | 403 | 404;
// caller, list, create, get, patch, delete
const MATRIX: [string, Outcome, Outcome, Outcome, Outcome, Outcome][] = [
  ['admin', 200, 200, 200, 200, 200],
  ['org manager (owner)', 200, 200, 200, 200, 200],
  ['admin grantee', 200, 200, 200, 200, 200],
  ['global auditor', 200, 403, 200, 403, 403],
  ['read-only admin', 200, 403, 200, 403, 403],
  ['deployer grantee', 403, 403, 404, 404, 404],
  ['viewer grantee', 403, 403, 404, 404, 404],
  ['viewer+deployer grantee', 403, 403, 404, 404, 404],
  ['v3 space supporter', 403, 403, 404, 404, 404],
  ['grantee with roles []', 404, 404, 404, 404, 404],
  ['org auditor', 404, 404, 404, 404, 404],
  ['org user', 404, 404, 404, 404, 404],
  ['manager of another space in the org', 404, 404, 404, 404, 404],
  ['stranger', 404, 404, 404, 404, 404],
];
/** One call's column of the matrix: [caller, outcome]. */
const column = (k: 1 | 2 | 3 | 4 | 5) => MATRIX.map((row) => [row[0], row[k]] as [string, Outcome]);

describe('env-shares authorization matrix', () => {
  let target: ShareBody;
  let caller: Client;
  let before: unknown;

  const setUp = async (who: string) => {
    target = await share(e.owner, e.env, e.u3, ['viewer']);
    caller = await CALLERS[who]!();
    before = (await t.admin.get(SHARES(e.env))).body;
  };
  const unchanged = async () => expect((await t.admin.get(SHARES(e.env))).body).toEqual(before);

  it.each(column(1))('GET /v1/envs/:environment_id/shares as %s answers %i (cases 23, 25, 30)', async (who, status) => {
    await setUp(who);
    const res = await caller.get(SHARES(e.env));
    if (status === 200) expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: before });
    if (status === 403) expectNotAllowed(res, 'ViewShares');
    if (status === 404) expectEnvNotFound(res, e.env);
  });

  it.each(column(2))('POST /v1/envs/:environment_id/shares as %s answers %i (cases 23, 26, 28, 30)', async (who, status) => {
    await setUp(who);
    const u4 = await fresh('u4');
    const res = await caller.post(SHARES(e.env), { granteeAccountId: u4.guid, roles: ['deployer'] });
    if (status === 200) expectShare(res, { revision: 0, environmentId: e.env, granteeAccountId: u4.guid, roles: ['deployer'] });
    else await unchanged();
    if (status === 403) expectNotAllowed(res, 'CreateShare');
    if (status === 404) expectEnvNotFound(res, e.env);
  });

  it.each(column(3))('GET /v1/environment-shares/:id as %s answers %i (cases 24, 27)', async (who, status) => {
    await setUp(who);
    const res = await caller.get(SHARE(target.id));
    if (status === 200) expectShare(res, target);
    if (status === 404) expectShareNotFound(res, target.id);
  });

  it.each(column(4))('PATCH /v1/environment-shares/:id as %s answers %i (case 24)', async (who, status) => {
    await setUp(who);
    const res = await caller.patch(SHARE(target.id), { currentRevision: 0, roles: ['admin'] });
    if (status === 200) expectShare(res, { ...target, revision: 1, roles: ['admin'] });
    else await unchanged();
    if (status === 403) expectNotAllowed(res, 'UpdateShare');
    if (status === 404) expectShareNotFound(res, target.id);
  });

  it.each(column(5))('DELETE /v1/environment-shares/:id as %s answers %i (case 24)', async (who, status) => {
    await setUp(who);
    const res = await caller.delete(`${SHARE(target.id)}?current_revision=0`);
    if (status === 200) expectShare(res, { ...target, revision: 1 });
    else await unchanged();
    if (status === 403) expectNotAllowed(res, 'DeleteShare');
    if (status === 404) expectShareNotFound(res, target.id);
  });
});

describe('env-shares grantees acting on their own shares', () => {
  it('GET /v1/environment-shares/:id of its own share as a viewer grantee answers 404 (case 27)', async () => {
    const own = await share(e.owner, e.env, e.u2, ['viewer']);
    expectShareNotFound(await e.u2.get(SHARE(own.id)), own.id);
  });

  it('DELETE /v1/environment-shares/:id of its own share as an admin grantee answers 200; then listing answers 404 (case 29)', async () => {
    const own = await share(e.owner, e.env, e.u2, ['admin']);
    expectShare(await e.u2.delete(`${SHARE(own.id)}?current_revision=0`), { ...own, revision: 1 });
    expectEnvNotFound(await e.u2.get(SHARES(e.env)), e.env);
  });

  it('PATCH /v1/environment-shares/:id of its own share to viewer as an admin grantee answers 200; then listing answers 403', async () => {
    const own = await share(e.owner, e.env, e.u2, ['admin']);
    expectShare(await e.u2.patch(SHARE(own.id), { currentRevision: 0, roles: ['viewer'] }), { ...own, revision: 1, roles: ['viewer'] });
    expectNotAllowed(await e.u2.get(SHARES(e.env)), 'ViewShares');
  });

  it('POST /v1/envs/:environment_id/shares as an admin grantee of another environment answers 404 here', async () => {
    const other = await environment(t);
    await share(other.owner, other.env, e.u2, ['admin']);
    expectEnvNotFound(await e.u2.post(SHARES(e.env), { granteeAccountId: e.u3.guid, roles: ['viewer'] }), e.env);
  });
});
