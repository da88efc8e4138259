// The share record's life cycle (design.md §1), through the core's commands over a real store: a grant creates a
// share at revision 0, every change bumps the revision, a stale revision fails compare-and-set, removing the last
// role soft-deletes it, and a later grant is a new share at revision 0. One live share per (resource, grantee).
import type { Organization, Space } from '../../src/core/records';
import { described, startCore, type CoreHarness } from './coreHarness';

let h: CoreHarness;
let org: Organization;
let space: Space;
const admin = () => h.actor('admin', 'admin');
const audit = { request: {} };

beforeEach(async () => {
  h = startCore();
  org = await h.org();
  space = await h.space(org);
});
afterEach(() => h.close());

const liveShareOf = (userGuid: string) => h.store.getLiveShare('space', space.guid, 'user', userGuid);

describe('space user share life cycle', () => {
  it('createSpaceUserShare starts a share at revision 0 with the given roles; each update bumps the revision by one', async () => {
    const alice = await h.user('alice');
    const created = await h.core.createSpaceUserShare(admin(), space.guid, () => ({ userGuid: alice, roles: ['developer'], joinOrganization: true, audit }));
    expect(created).toEqual({ guid: expect.any(String), revision: 0, spaceGuid: space.guid, userGuid: alice, roles: ['developer'], deleted: false });

    const first = await h.core.updateSpaceUserShare(admin(), created.guid, () => ({ expectedRevision: 0, roles: ['manager', 'developer'], audit }));
    expect(first).toMatchObject({ guid: created.guid, revision: 1, roles: ['manager', 'developer'] });
    // an update that changes no role still bumps the revision
    const same = await h.core.updateSpaceUserShare(admin(), created.guid, () => ({ expectedRevision: 1, roles: ['developer', 'manager'], audit }));
    expect(same).toMatchObject({ revision: 2, roles: ['manager', 'developer'] });
    expect(await h.core.getSpaceUserShare(admin(), created.guid)).toEqual({ ...same, deleted: false });
  });

  it('roles granted one by one (v3 roles) land on the same share and bump its revision; the share API sees them', async () => {
    const bob = await h.user('bob');
    await h.role('bob', 'space_auditor', space.guid);
    const share = await liveShareOf(bob);
    expect(share?.revision).toBe(0);
    await h.role('bob', 'space_developer', space.guid);
    expect(await liveShareOf(bob)).toMatchObject({ guid: share!.guid, revision: 1 });
    expect(await h.core.getSpaceUserShare(admin(), share!.guid)).toMatchObject({ revision: 1, roles: ['developer', 'auditor'] });
  });

  it('a stale expected revision is a share.revision_mismatch conflict and changes nothing', async () => {
    const carol = await h.user('carol');
    const s = await h.core.createSpaceUserShare(admin(), space.guid, () => ({ userGuid: carol, roles: ['auditor'], joinOrganization: true, audit }));
    // another writer (a v3 role grant) moves the share on
    await h.role('carol', 'space_developer', space.guid);
    expect(await described(h.core.updateSpaceUserShare(admin(), s.guid, () => ({ expectedRevision: 0, roles: ['manager'], audit })))).toEqual({
      kind: 'conflict',
      code: 'share.revision_mismatch',
      params: { resource: 'share', guid: s.guid, expected: 0, actual: 1 },
    });
    expect(await described(h.core.deleteSpaceUserShare(admin(), s.guid, () => ({ expectedRevision: 0, audit })))).toMatchObject({
      kind: 'conflict',
      code: 'share.revision_mismatch',
    });
    expect(await h.core.getSpaceUserShare(admin(), s.guid)).toMatchObject({ revision: 1, roles: ['developer', 'auditor'] });
  });

  it('removing the last role soft-deletes the share; a later grant is a new share id at revision 0', async () => {
    const dave = await h.user('dave');
    const roleGuid = await h.role('dave', 'space_developer', space.guid);
    const first = await liveShareOf(dave);
    await h.core.deleteRole(admin(), roleGuid);
    await h.runOperations();
    expect(await liveShareOf(dave)).toBeUndefined();
    const stored = await h.store.getShare(first!.guid);
    expect(stored).toMatchObject({ revision: 1, deletedAt: expect.any(Number) });
    expect(await described(h.core.getSpaceUserShare(admin(), first!.guid))).toEqual({
      kind: 'not_found',
      code: 'share.not_found',
      params: { resource: 'share', guid: first!.guid },
    });

    await h.role('dave', 'space_auditor', space.guid);
    const second = await liveShareOf(dave);
    expect(second).toMatchObject({ revision: 0, deletedAt: null });
    expect(second!.guid).not.toBe(first!.guid);
  });

  it('deleteSpaceUserShare answers the share at revision + 1 with its last roles; it is then gone for reads and writes', async () => {
    const erin = await h.user('erin');
    const s = await h.core.createSpaceUserShare(admin(), space.guid, () => ({ userGuid: erin, roles: ['manager', 'auditor'], joinOrganization: true, audit }));
    const deleted = await h.core.deleteSpaceUserShare(admin(), s.guid, () => ({ expectedRevision: 0, audit }));
    expect(deleted).toEqual({ ...s, revision: 1, roles: ['manager', 'auditor'], deleted: true });
    expect(await h.core.listSpaceUserShares(admin(), space.guid)).toEqual([]);
    // at the current revision a deleted share is missing; at an older one the writer learns it lost the race
    expect(await described(h.core.updateSpaceUserShare(admin(), s.guid, () => ({ expectedRevision: 1, roles: [], audit })))).toMatchObject({
      kind: 'not_found',
      code: 'share.not_found',
    });
    expect(await described(h.core.deleteSpaceUserShare(admin(), s.guid, () => ({ expectedRevision: 0, audit })))).toMatchObject({
      kind: 'conflict',
      code: 'share.revision_mismatch',
    });
    // the user keeps the organization membership the share brought
    expect(await h.store.getLiveShare('organization', org.guid, 'user', erin)).toBeDefined();
  });

  it('a share created with no roles grants nothing but is live: one live share per (space, user)', async () => {
    const frank = await h.user('frank');
    const s = await h.core.createSpaceUserShare(admin(), space.guid, () => ({ userGuid: frank, roles: [], audit }));
    expect(s).toMatchObject({ revision: 0, roles: [] });
    expect(await described(h.core.createSpaceUserShare(admin(), space.guid, () => ({ userGuid: frank, roles: ['developer'], audit })))).toEqual({
      kind: 'conflict',
      code: 'share.already_exists',
      params: { resource: 'space', guid: space.guid, userGuid: frank },
    });
    // nor can the store hold a second live share for the pair
    const now = Date.now();
    const second = {
      guid: 'second',
      resourceType: 'space' as const,
      resourceGuid: space.guid,
      granteeType: 'user' as const,
      granteeGuid: frank,
      revision: 0,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    expect(await described(h.store.transaction((tx) => tx.insertShare(second)))).toMatchObject({ kind: 'conflict', code: 'store.constraint' });
    // no role, no access
    expect(await described(h.core.getSpace(h.actor('frank'), space.guid))).toMatchObject({ kind: 'hidden', code: 'space.hidden' });
  });

  it('unknown grantees, unknown roles and the per-space limit are refused before anything is written', async () => {
    const limited = startCore({ maxSharesPerSpace: 1 });
    try {
      const o = await limited.org();
      const s = await limited.space(o);
      const a = limited.actor('admin', 'admin');
      const u1 = await limited.user('u1');
      const u2 = await limited.user('u2');
      expect(await described(limited.core.createSpaceUserShare(a, s.guid, () => ({ userGuid: 'nobody', roles: [], audit })))).toEqual({
        kind: 'not_found',
        code: 'user.not_found',
        params: { resource: 'user', guid: 'nobody' },
      });
      expect(await described(limited.core.createSpaceUserShare(a, s.guid, () => ({ userGuid: u1, roles: ['owner' as never], audit })))).toMatchObject({
        kind: 'invalid',
        code: 'share.invalid_role',
      });
      await limited.core.createSpaceUserShare(a, s.guid, () => ({ userGuid: u1, roles: ['auditor'], audit }));
      expect(await described(limited.core.createSpaceUserShare(a, s.guid, () => ({ userGuid: u2, roles: ['auditor'], audit })))).toEqual({
        kind: 'invalid',
        code: 'share.limit_exceeded',
        params: { limit: 1 },
      });
      expect((await limited.core.listSpaceUserShares(a, s.guid)).map((x) => x.userGuid)).toEqual([u1]);
    } finally {
      await limited.close();
    }
  });

  it('every change writes its events in the same transaction: one per role added or removed, else the dialect\'s "unchanged" event', async () => {
    const gina = await h.user('gina');
    const types = async () => (await h.store.listEvents({ targetGuids: [gina] }, { page: 1, perPage: 100 })).items.map((e) => e.type).sort();
    const s = await h.core.createSpaceUserShare(admin(), space.guid, () => ({
      userGuid: gina,
      roles: ['auditor'],
      joinOrganization: true,
      audit: { request: { r: 1 }, details: (x) => ({ at: x.revision }) },
    }));
    expect(await types()).toEqual(['audit.user.organization_user_add', 'audit.user.space_auditor_add']);
    await h.core.updateSpaceUserShare(admin(), s.guid, () => ({ expectedRevision: 0, roles: ['auditor'], audit: { request: {}, unchangedEventType: 'audit.x.update' } }));
    await h.core.updateSpaceUserShare(admin(), s.guid, () => ({ expectedRevision: 1, roles: ['auditor'], audit }));
    expect(await types()).toEqual(['audit.space_user_share.update', 'audit.user.organization_user_add', 'audit.user.space_auditor_add', 'audit.x.update']);
    const added = (await h.store.listEvents({ targetGuids: [gina], types: ['audit.user.space_auditor_add'] }, { page: 1, perPage: 1 })).items[0];
    expect(added?.data).toEqual({ request: { r: 1 }, at: 0 });
  });
});
