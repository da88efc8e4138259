// GET /v3/jobs/:guid (contract §1.7): the jobs behind 202 answers, before and after they run.
import { factories } from '../../helpers/factories';
import { expectNotFound } from '../../helpers/expectations';
import { BASE, useGateway } from '../../helpers/testGateway';

const t = useGateway();
const f = factories(t);

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const jobPath = (res: { headers: Record<string, string> }) => res.headers.location!.slice(BASE.length);

describe('GET /v3/jobs/:guid', () => {
  it('GET /v3/jobs/:guid of a completed job has CC keys in order, no errors and no warnings', async () => {
    const space = await f.space();
    const res = await t.admin.delete(`/v3/spaces/${space.guid}`);
    await t.settle();
    const job = await t.admin.get(jobPath(res));
    expect(job.status).toBe(200);
    expect(Object.keys(job.body)).toEqual(['guid', 'created_at', 'updated_at', 'operation', 'state', 'errors', 'warnings', 'links']);
    expect(job.body).toEqual({
      guid: jobPath(res).split('/').pop(),
      created_at: expect.stringMatching(TIME),
      updated_at: expect.stringMatching(TIME),
      operation: 'space.delete',
      state: 'COMPLETE',
      errors: [],
      warnings: [],
      links: { self: { href: `${BASE}${jobPath(res)}` } },
    });
  });

  it('GET /v3/jobs/:guid of an unknown job is 404 Job not found', async () => {
    expectNotFound(await t.admin.get('/v3/jobs/no-such-job'), 'Job not found');
  });

  it('GET /v3/jobs/:guid is readable by any user, not only the one who started it', async () => {
    const space = await f.space();
    const res = await t.admin.delete(`/v3/spaces/${space.guid}`);
    await t.settle();
    const other = await t.as('job-reader');
    const job = await other.get(jobPath(res));
    expect(job.status).toBe(200);
    expect(job.body.operation).toBe('space.delete');
  });

  describe('before the job runs', () => {
    const paused = useGateway();
    beforeAll(async () => {
      paused.gateway.runner.stop();
    });

    it.each([
      ['space', 'spaces', 'space.delete'],
      ['organization', 'organizations', 'organization.delete'],
    ])('DELETE of a %s: the job is PROCESSING and links the %s until it completes', async (type, collection, operation) => {
      const pf = factories(paused);
      const org = await pf.org();
      const guid = type === 'space' ? (await pf.space(org.guid)).guid : org.guid;
      const res = await paused.admin.delete(`/v3/${collection}/${guid}`);
      expect(res.status).toBe(202);
      const before = await paused.admin.get(jobPath(res));
      expect(before.body).toMatchObject({ operation, state: 'PROCESSING', errors: [], warnings: [] });
      expect(before.body.links).toEqual({ self: { href: `${BASE}${jobPath(res)}` }, [type]: { href: `${BASE}/v3/${collection}/${guid}` } });
      await paused.gateway.core.runDueOperations();
      const after = await paused.admin.get(jobPath(res));
      expect(after.body.state).toBe('COMPLETE');
      expect(after.body.links).toEqual({ self: { href: `${BASE}${jobPath(res)}` } });
      expect((await paused.admin.get(`/v3/${collection}/${guid}`)).status).toBe(404);
    });

    it('DELETE /v3/roles/:guid: the role.delete job links the role while PROCESSING and the role is still there', async () => {
      const pf = factories(paused);
      const org = await pf.org();
      const user = await paused.as('paused-role-user');
      const role = await pf.role(user, 'organization_auditor', org.guid);
      const res = await paused.admin.delete(`/v3/roles/${role.guid}`);
      const before = await paused.admin.get(jobPath(res));
      expect(before.body).toMatchObject({ operation: 'role.delete', state: 'PROCESSING', links: { role: { href: `${BASE}/v3/roles/${role.guid}` } } });
      expect((await paused.admin.get(`/v3/roles/${role.guid}`)).status).toBe(200);
      await paused.gateway.core.runDueOperations();
      expect((await paused.admin.get(jobPath(res))).body.state).toBe('COMPLETE');
      expect((await paused.admin.get(`/v3/roles/${role.guid}`)).status).toBe(404);
    });

    it('DELETE of a managed instance: service_instance.delete links service_instance while PROCESSING', async () => {
      const pf = factories(paused);
      const space = await pf.space();
      const create = await paused.admin.post('/v3/service_instances', {
        type: 'managed',
        name: 'paused-db',
        relationships: { space: { data: { guid: space.guid } }, service_plan: { data: { guid: '2a8b4c6d-7e9f-4a1b-9c3d-5e7f9a1b3c5d' } } },
      });
      await paused.gateway.core.runDueOperations();
      const guid = (await paused.admin.get(jobPath(create))).body.links.service_instances.href.split('/').pop();
      const res = await paused.admin.delete(`/v3/service_instances/${guid}`);
      const before = await paused.admin.get(jobPath(res));
      expect(before.body).toMatchObject({ operation: 'service_instance.delete', state: 'PROCESSING' });
      expect(before.body.links.service_instance).toEqual({ href: `${BASE}/v3/service_instances/${guid}` });
      expect((await paused.admin.get(`/v3/service_instances/${guid}`)).body.last_operation).toMatchObject({ type: 'delete', state: 'in progress' });
      await paused.gateway.core.runDueOperations();
      expect((await paused.admin.get(jobPath(res))).body).toMatchObject({ state: 'COMPLETE', links: { self: { href: `${BASE}${jobPath(res)}` } } });
    });
  });
});
