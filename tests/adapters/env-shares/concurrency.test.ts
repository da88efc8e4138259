// Optimistic concurrency (contract §3): of N concurrent writers at one revision exactly one wins, the others get 409,
// and the revision moves by exactly one. Requests go through one listening server so that they really overlap.
import type { Server } from 'node:http';
import request from 'supertest';
import { SHARE, SHARES, environment, expectAlreadyShared, expectConcurrentUpdate, expectShare, expectShareNotFound, share, type Environment } from '../../helpers/envShares';
import { useGateway, type Client } from '../../helpers/testGateway';

const N = 20;
const t = useGateway({ MAX_SHARES_PER_ENVIRONMENT: '3' });
let server: Server;
let http: ReturnType<typeof request.agent>;
let e: Environment;

beforeAll(async () => {
  server = t.gateway.app.listen(0);
  http = request.agent(server);
});
afterAll(() => new Promise((r) => server.close(r)));
beforeEach(async () => {
  e = await environment(t);
});

const as = (c: Client) => ({ Authorization: `bearer ${c.token}` });
const statuses = (rs: { status: number }[]) => rs.map((r) => r.status).sort();
const eventTypes = async (user: string) => {
  const res = await t.admin.get(`/v3/audit_events?space_guids=${e.env}&target_guids=${user}&per_page=100`);
  return (res.body.resources as { type: string }[]).map((r) => r.type).sort();
};

describe('PATCH /v1/environment-shares/:id concurrently', () => {
  it(`${N} PATCHes with the same currentRevision: exactly one 200, the rest 409, revision +1`, async () => {
    const s = await share(e.owner, e.env, e.u2, ['viewer']);
    const roles = ['admin', 'deployer'];
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        http
          .patch(SHARE(s.id))
          .set(as(e.owner))
          .send({ currentRevision: 0, roles: [roles[i % 2]] }),
      ),
    );
    expect(statuses(results)).toEqual([200, ...Array(N - 1).fill(409)]);
    const winner = results.find((r) => r.status === 200)!;
    for (const r of results) if (r.status === 409) expectConcurrentUpdate(r);
    expectShare(await e.owner.get(SHARE(s.id)), { ...s, revision: 1, roles: winner.body.roles });
    // the winner's change only: one role removed, one added
    expect(await eventTypes(e.u2.guid)).toEqual(
      ['audit.user.space_auditor_add', 'audit.user.space_auditor_remove', `audit.user.space_${winner.body.roles[0] === 'admin' ? 'manager' : 'developer'}_add`].sort(),
    );
  });

  it(`${N} PATCHes each at the revision it read in turn: all succeed, revision +${N}`, async () => {
    const s = await share(e.owner, e.env, e.u2, ['viewer']);
    for (let i = 0; i < N; i++)
      expect(
        (
          await http
            .patch(SHARE(s.id))
            .set(as(e.owner))
            .send({ currentRevision: i, roles: ['viewer'] })
        ).status,
      ).toBe(200);
    expect((await e.owner.get(SHARE(s.id))).body.revision).toBe(N);
  });
});

describe('DELETE /v1/environment-shares/:id concurrently', () => {
  it(`${N} DELETEs with the same current_revision: exactly one 200, the rest 409, revision +1`, async () => {
    const s = await share(e.owner, e.env, e.u2, ['admin', 'viewer']);
    const results = await Promise.all(Array.from({ length: N }, () => http.delete(`${SHARE(s.id)}?current_revision=0`).set(as(e.owner))));
    expect(statuses(results)).toEqual([200, ...Array(N - 1).fill(409)]);
    for (const r of results) if (r.status === 409) expectConcurrentUpdate(r);
    expectShare(
      results.find((r) => r.status === 200)!,
      { ...s, revision: 1 },
    );
    expectShareNotFound(await e.owner.get(SHARE(s.id)), s.id);
    expect(await eventTypes(e.u2.guid)).toEqual([
      'audit.user.space_auditor_add',
      'audit.user.space_auditor_remove',
      'audit.user.space_manager_add',
      'audit.user.space_manager_remove',
    ]);
  });

  it(`${N} PATCHes and DELETEs mixed at the same revision: exactly one wins`, async () => {
    const s = await share(e.owner, e.env, e.u2, ['viewer']);
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        i % 2
          ? http.delete(`${SHARE(s.id)}?current_revision=0`).set(as(e.owner))
          : http
              .patch(SHARE(s.id))
              .set(as(e.owner))
              .send({ currentRevision: 0, roles: ['admin'] }),
      ),
    );
    expect(statuses(results)).toEqual([200, ...Array(N - 1).fill(409)]);
  });
});

describe('POST /v1/envs/:environment_id/shares concurrently', () => {
  it(`${N} POSTs for the same account: exactly one 200, the rest 409 ENVIRONMENT_SHARE_ALREADY_EXISTS`, async () => {
    const results = await Promise.all(
      Array.from({ length: N }, () =>
        http
          .post(SHARES(e.env))
          .set(as(e.owner))
          .send({ granteeAccountId: e.u2.guid, roles: ['viewer'] }),
      ),
    );
    expect(statuses(results)).toEqual([200, ...Array(N - 1).fill(409)]);
    for (const r of results) if (r.status === 409) expectAlreadyShared(r);
    expect((await e.owner.get(SHARES(e.env))).body.values).toHaveLength(1);
    // one org membership, one role
    const roles = await t.admin.get(`/v3/roles?user_guids=${e.u2.guid}`);
    expect((roles.body.resources as { type: string }[]).map((r) => r.type).sort()).toEqual(['organization_user', 'space_auditor']);
  });

  it(`${N} POSTs for different accounts under a limit of 3: exactly 3 succeed, the rest 422`, async () => {
    const accounts = await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const c = await t.as(`limit-${e.env}-${i}`);
        await c.get('/v3/organizations');
        return c;
      }),
    );
    const results = await Promise.all(
      accounts.map((c) =>
        http
          .post(SHARES(e.env))
          .set(as(e.owner))
          .send({ granteeAccountId: c.guid, roles: ['viewer'] }),
      ),
    );
    expect(statuses(results)).toEqual([200, 200, 200, ...Array(N - 3).fill(422)]);
    expect((await e.owner.get(SHARES(e.env))).body.values).toHaveLength(3);
  });
});
