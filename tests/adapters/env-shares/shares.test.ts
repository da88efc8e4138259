// The share life cycle of contract §3-§4 and behaviour cases 1-18 and 35-41, with exact bodies.
import { randomUUID } from 'node:crypto';
import {
  SHARE,
  SHARES,
  environment,
  expectAlreadyShared,
  expectConcurrentUpdate,
  expectEnvError,
  expectEnvNotFound,
  expectShare,
  expectShareNotFound,
  share,
  type Environment,
} from '../../helpers/envShares';
import { useGateway } from '../../helpers/testGateway';

const t = useGateway();
let e: Environment;

beforeEach(async () => {
  e = await environment(t);
});

describe('POST /v1/envs/:environment_id/shares', () => {
  it('answers 200 with a fresh share at revision 0 (case 1)', async () => {
    const res = await e.owner.post(SHARES(e.env), { granteeAccountId: e.u2.guid, roles: ['admin'] });
    expectShare(res, { revision: 0, environmentId: e.env, granteeAccountId: e.u2.guid, roles: ['admin'] });
  });

  it('answers 409 ENVIRONMENT_SHARE_ALREADY_EXISTS for a second live share of the account, whatever its roles (case 5)', async () => {
    await share(e.owner, e.env, e.u2, ['admin']);
    expectAlreadyShared(await e.owner.post(SHARES(e.env), { granteeAccountId: e.u2.guid, roles: ['viewer'] }));
    expectAlreadyShared(await e.owner.post(SHARES(e.env), { granteeAccountId: e.u2.guid, roles: [] }));
  });

  it('deduplicates roles and orders them admin, viewer, deployer (cases 10, 11)', async () => {
    const a = await e.owner.post(SHARES(e.env), { granteeAccountId: e.u2.guid, roles: ['deployer', 'admin', 'deployer'] });
    expectShare(a, { revision: 0, environmentId: e.env, granteeAccountId: e.u2.guid, roles: ['admin', 'deployer'] });
    const b = await e.owner.post(SHARES(e.env), { granteeAccountId: e.u3.guid, roles: ['viewer', 'deployer', 'admin'] });
    expectShare(b, { revision: 0, environmentId: e.env, granteeAccountId: e.u3.guid, roles: ['admin', 'viewer', 'deployer'] });
  });

  it("gives a later share of a deleted share's account a new id at revision 0 (case 18)", async () => {
    const first = await share(e.owner, e.env, e.u2, ['admin']);
    expect((await e.owner.delete(`${SHARE(first.id)}?current_revision=0`)).status).toBe(200);
    const res = await e.owner.post(SHARES(e.env), { granteeAccountId: e.u2.guid, roles: ['viewer'] });
    const second = expectShare(res, { revision: 0, environmentId: e.env, granteeAccountId: e.u2.guid, roles: ['viewer'] });
    expect(second.id).not.toBe(first.id);
  });

  it('accepts roles: [] and the account gains no access to the environment (case 35)', async () => {
    const res = await e.owner.post(SHARES(e.env), { granteeAccountId: e.u2.guid, roles: [] });
    expectShare(res, { revision: 0, environmentId: e.env, granteeAccountId: e.u2.guid, roles: [] });
    expectEnvNotFound(await e.u2.get(SHARES(e.env)), e.env);
    expect((await e.u2.get(`/v3/spaces/${e.env}`)).status).toBe(404);
  });

  it('answers 404 ENVIRONMENT_NOT_FOUND for an unknown environment (case 36)', async () => {
    const unknown = randomUUID();
    expectEnvNotFound(await e.owner.post(SHARES(unknown), { granteeAccountId: e.u2.guid, roles: ['admin'] }), unknown);
    expectEnvNotFound(await t.admin.post(SHARES(unknown), { granteeAccountId: e.u2.guid, roles: ['admin'] }), unknown);
  });

  it('answers 404 ACCOUNT_NOT_FOUND for an account the gateway does not know, not 500 (case 38)', async () => {
    const nobody = randomUUID();
    expectEnvError(await e.owner.post(SHARES(e.env), { granteeAccountId: nobody, roles: ['admin'] }), 404, 'ACCOUNT_NOT_FOUND', `Account ${nobody} not found`);
    expect((await e.owner.get(SHARES(e.env))).body).toEqual({ values: [] });
  });

  it('accepts upper-case UUIDs and answers with the lower-case ids', async () => {
    const res = await e.owner.post(SHARES(e.env.toUpperCase()), { granteeAccountId: e.u2.guid.toUpperCase(), roles: ['viewer'] });
    expectShare(res, { revision: 0, environmentId: e.env, granteeAccountId: e.u2.guid, roles: ['viewer'] });
  });

  it('ignores unknown members of the body', async () => {
    const res = await e.owner.post(SHARES(e.env), { granteeAccountId: e.u2.guid, roles: ['viewer'], note: 'x', revision: 7 });
    expectShare(res, { revision: 0, environmentId: e.env, granteeAccountId: e.u2.guid, roles: ['viewer'] });
  });
});

describe('GET /v1/envs/:environment_id/shares', () => {
  it('answers {"values":[]} with no shares (case 4)', async () => {
    const res = await e.owner.get(SHARES(e.env));
    expect({ status: res.status, body: res.body, type: res.headers['content-type'] }).toEqual({ status: 200, body: { values: [] }, type: 'application/json; charset=utf-8' });
  });

  it('lists exactly the created share object (case 3)', async () => {
    const created = await share(e.owner, e.env, e.u2, ['admin']);
    expect((await e.owner.get(SHARES(e.env))).body).toEqual({ values: [created] });
  });

  it('lists two shares with no other top-level members (case 39)', async () => {
    const a = await share(e.owner, e.env, e.u2, ['admin']);
    const b = await share(e.owner, e.env, e.u3, ['deployer']);
    const res = await e.owner.get(SHARES(e.env));
    expect(Object.keys(res.body)).toEqual(['values']);
    expect(res.body.values).toHaveLength(2);
    expect(res.body.values).toEqual(expect.arrayContaining([a, b]));
  });

  it('answers 404 ENVIRONMENT_NOT_FOUND for an unknown environment (case 36)', async () => {
    const unknown = randomUUID();
    expectEnvNotFound(await e.owner.get(SHARES(unknown)), unknown);
    expectEnvNotFound(await t.admin.get(SHARES(unknown)), unknown);
  });
});

describe('GET /v1/environment-shares/:environment_share_id', () => {
  it('answers the share exactly as created (case 2)', async () => {
    const res = await e.owner.post(SHARES(e.env), { granteeAccountId: e.u2.guid, roles: ['admin'] });
    const got = await e.owner.get(SHARE(res.body.id));
    expectShare(got, res.body);
  });

  it('answers 404 RESOURCE_NOT_FOUND for an unknown id', async () => {
    const unknown = randomUUID();
    expectShareNotFound(await t.admin.get(SHARE(unknown)), unknown);
  });

  it('answers 404 for a share whose environment was deleted (case 37)', async () => {
    const s = await share(e.owner, e.env, e.u2, ['admin']);
    expect((await t.admin.delete(`/v3/spaces/${e.env}`)).status).toBe(202);
    expectShareNotFound(await t.admin.get(SHARE(s.id)), s.id);
    await t.settle();
    expectShareNotFound(await t.admin.get(SHARE(s.id)), s.id);
    expectEnvNotFound(await t.admin.get(SHARES(e.env)), e.env);
  });
});

describe('PATCH /v1/environment-shares/:environment_share_id', () => {
  it('replaces the roles and bumps the revision; a GET answers the same (case 6)', async () => {
    const s = await share(e.owner, e.env, e.u2, ['admin']);
    const res = await e.owner.patch(SHARE(s.id), { currentRevision: 0, roles: ['viewer'] });
    const body = expectShare(res, { id: s.id, revision: 1, environmentId: e.env, granteeAccountId: e.u2.guid, roles: ['viewer'] });
    expectShare(await e.owner.get(SHARE(s.id)), body);
  });

  it('answers 409 CONCURRENT_UPDATE for a stale revision and changes nothing (case 7)', async () => {
    const s = await share(e.owner, e.env, e.u2, ['admin']);
    await e.owner.patch(SHARE(s.id), { currentRevision: 0, roles: ['viewer'] });
    expectConcurrentUpdate(await e.owner.patch(SHARE(s.id), { currentRevision: 0, roles: ['deployer'] }));
    expectShare(await e.owner.get(SHARE(s.id)), { id: s.id, revision: 1, environmentId: e.env, granteeAccountId: e.u2.guid, roles: ['viewer'] });
  });

  it('answers 409 for a revision ahead of the stored one: it must be equal (case 8)', async () => {
    const s = await share(e.owner, e.env, e.u2, ['admin']);
    await e.owner.patch(SHARE(s.id), { currentRevision: 0, roles: ['viewer'] });
    expectConcurrentUpdate(await e.owner.patch(SHARE(s.id), { currentRevision: 5, roles: ['viewer'] }));
  });

  it('bumps the revision even when the roles do not change (case 9)', async () => {
    const s = await share(e.owner, e.env, e.u2, ['admin']);
    await e.owner.patch(SHARE(s.id), { currentRevision: 0, roles: ['viewer'] });
    const res = await e.owner.patch(SHARE(s.id), { currentRevision: 1, roles: ['viewer'] });
    expectShare(res, { id: s.id, revision: 2, environmentId: e.env, granteeAccountId: e.u2.guid, roles: ['viewer'] });
  });

  it('keeps a share whose roles become [] (it stays live, with no access)', async () => {
    const s = await share(e.owner, e.env, e.u2, ['viewer']);
    expectShare(await e.owner.patch(SHARE(s.id), { currentRevision: 0, roles: [] }), { id: s.id, revision: 1, environmentId: e.env, granteeAccountId: e.u2.guid, roles: [] });
    expect((await e.owner.get(SHARES(e.env))).body.values).toHaveLength(1);
    expectEnvNotFound(await e.u2.get(SHARES(e.env)), e.env);
  });

  it('answers 404 for a deleted share at its current revision (case 14)', async () => {
    const s = await share(e.owner, e.env, e.u2, ['admin']);
    const deleted = await e.owner.delete(`${SHARE(s.id)}?current_revision=0`);
    expectShareNotFound(await e.owner.patch(SHARE(s.id), { currentRevision: deleted.body.revision, roles: ['viewer'] }), s.id);
  });

  it('answers 409 for a deleted share at a stale revision: that writer lost a race', async () => {
    const s = await share(e.owner, e.env, e.u2, ['admin']);
    await e.owner.delete(`${SHARE(s.id)}?current_revision=0`);
    expectConcurrentUpdate(await e.owner.patch(SHARE(s.id), { currentRevision: 0, roles: ['viewer'] }));
  });
});

describe('DELETE /v1/environment-shares/:environment_share_id', () => {
  it('soft-deletes and answers the share at revision + 1 with its last roles (case 12)', async () => {
    const s = await share(e.owner, e.env, e.u2, ['viewer', 'admin']);
    const res = await e.owner.delete(`${SHARE(s.id)}?current_revision=0`);
    expectShare(res, { id: s.id, revision: 1, environmentId: e.env, granteeAccountId: e.u2.guid, roles: ['admin', 'viewer'] });
  });

  it('leaves a GET 404 and the share out of the list (case 13)', async () => {
    const s = await share(e.owner, e.env, e.u2, ['admin']);
    const other = await share(e.owner, e.env, e.u3, ['viewer']);
    await e.owner.delete(`${SHARE(s.id)}?current_revision=0`);
    expectShareNotFound(await e.owner.get(SHARE(s.id)), s.id);
    expect((await e.owner.get(SHARES(e.env))).body).toEqual({ values: [other] });
  });

  it('answers 404 when deleting again at the deleted revision (case 14)', async () => {
    const s = await share(e.owner, e.env, e.u2, ['admin']);
    const deleted = await e.owner.delete(`${SHARE(s.id)}?current_revision=0`);
    expectShareNotFound(await e.owner.delete(`${SHARE(s.id)}?current_revision=${deleted.body.revision}`), s.id);
  });

  it('answers 409 CONCURRENT_UPDATE for a stale revision and the share still exists (case 15)', async () => {
    const s = await share(e.owner, e.env, e.u2, ['admin']);
    await e.owner.patch(SHARE(s.id), { currentRevision: 0, roles: ['viewer'] });
    await e.owner.patch(SHARE(s.id), { currentRevision: 1, roles: ['deployer'] });
    expectConcurrentUpdate(await e.owner.delete(`${SHARE(s.id)}?current_revision=1`));
    expectShare(await e.owner.get(SHARE(s.id)), { id: s.id, revision: 2, environmentId: e.env, granteeAccountId: e.u2.guid, roles: ['deployer'] });
  });
});
