// Who may do what (design.md §1), through the core's commands and queries over a real store. Every refusal says
// which it is: the record does not exist (not_found), exists but is not visible (hidden), or is visible but the
// action is not allowed (forbidden); each names the record ({resource, guid}).
import type { Organization, Space } from '../../src/core/records';
import { described, startCore, type CoreHarness } from './coreHarness';

let h: CoreHarness;
let org: Organization;
let space: Space;
let other: Space;
let instance: string;
const audit = { request: {} };

beforeAll(async () => {
  h = startCore();
  org = await h.org();
  space = await h.space(org);
  other = await h.space(org);
  instance = await h.managedInstance(space);
  await h.core.shareInstance(h.actor('admin', 'admin'), instance, () => [other.guid]);
  await h.role('developer', 'space_developer', space.guid);
  await h.role('auditor', 'space_auditor', space.guid);
  await h.role('spaceManager', 'space_manager', space.guid);
  await h.role('supporter', 'space_supporter', space.guid);
  await h.role('orgManager', 'organization_manager', org.guid);
  await h.role('orgUser', 'organization_user', org.guid);
  await h.role('orgAuditor', 'organization_auditor', org.guid);
  await h.role('targetDeveloper', 'space_developer', other.guid);
  await h.role('targetAuditor', 'space_auditor', other.guid);
  await h.user('stranger');
  await h.shareWithUser(instance, 'sharedWith');
});
afterAll(() => h.close());

const hiddenInstance = { kind: 'hidden', code: 'service_instance.hidden', params: { resource: 'service_instance', guid: '' } };
const deniedInstance = { kind: 'forbidden', code: 'not_authorized', params: { resource: 'service_instance', guid: '' } };
const withGuid = <T extends { params: { guid: string } }>(e: T, guid: string) => ({ ...e, params: { ...e.params, guid } });

describe('read an instance: roles in its space or a space it is shared into, org manager of its org, a user it is shared with', () => {
  it.each(['developer', 'auditor', 'spaceManager', 'supporter', 'orgManager', 'targetDeveloper', 'targetAuditor', 'sharedWith'])(
    'getInstance as %s answers the instance',
    async (who) => {
      expect((await h.core.getInstance(h.actor(who), instance)).guid).toBe(instance);
    },
  );

  it.each([
    ['admin', 'admin'],
    ['global auditor', 'globalAuditor'],
  ] as const)('getInstance as %s answers the instance', async (name, kind) => {
    expect((await h.core.getInstance(h.actor(name, kind), instance)).guid).toBe(instance);
  });

  it.each(['orgUser', 'orgAuditor', 'stranger'])('getInstance as %s: hidden (it exists, they may not see it)', async (who) => {
    expect(await described(h.core.getInstance(h.actor(who), instance))).toEqual(withGuid(hiddenInstance, instance));
  });

  it('getInstance of an unknown guid: not_found, for admins and strangers alike', async () => {
    const missing = { kind: 'not_found', code: 'service_instance.not_found', params: { resource: 'service_instance', guid: 'no-such' } };
    expect(await described(h.core.getInstance(h.actor('admin', 'admin'), 'no-such'))).toEqual(missing);
    expect(await described(h.core.getInstance(h.actor('stranger'), 'no-such'))).toEqual(missing);
  });
});

describe('manage an instance: space developer of its space, a user it is shared with', () => {
  const relabel = (who: string, kind: 'user' | 'admin' | 'globalAuditor' = 'user') =>
    h.core.updateInstance(h.actor(who, kind), instance, () => ({ metadata: { labels: { by: who } }, audit }));

  it.each(['developer', 'sharedWith'])('updateInstance as %s applies', async (who) => {
    expect((await relabel(who)).instance.metadata.labels).toMatchObject({ by: who });
  });

  it.each(['auditor', 'spaceManager', 'supporter', 'orgManager', 'targetDeveloper', 'targetAuditor'])('updateInstance as %s: forbidden (they see it)', async (who) => {
    expect(await described(relabel(who))).toEqual(withGuid(deniedInstance, instance));
  });

  it('updateInstance as a global auditor: forbidden; as a stranger: hidden, never forbidden', async () => {
    expect(await described(relabel('globalAuditor', 'globalAuditor'))).toEqual(withGuid(deniedInstance, instance));
    expect(await described(relabel('stranger'))).toEqual(withGuid(hiddenInstance, instance));
  });

  it('the input is not read before the rights are checked (a refused caller never reaches body validation)', async () => {
    let read = false;
    const input = () => {
      read = true;
      throw new Error('body read');
    };
    expect(await described(h.core.updateInstance(h.actor('auditor'), instance, input))).toMatchObject({ kind: 'forbidden' });
    expect(await described(h.core.updateInstance(h.actor('stranger'), instance, input))).toMatchObject({ kind: 'hidden' });
    expect(read).toBe(false);
    await expect(h.core.updateInstance(h.actor('developer'), instance, input)).rejects.toThrow('body read');
  });
});

describe('share an instance into space T: manage it and be space developer in T', () => {
  let third: Space;
  beforeAll(async () => {
    third = await h.space(org);
    await h.role('developer', 'space_developer', third.guid);
    await h.role('sharedWith', 'space_developer', third.guid);
    await h.role('auditor', 'space_developer', third.guid);
  });

  it('shareInstance as developer of its space and of T shares it', async () => {
    expect((await h.core.shareInstance(h.actor('developer'), instance, () => [third.guid])).sort()).toEqual([other.guid, third.guid].sort());
    await h.core.unshareInstance(h.actor('developer'), instance, third.guid);
  });

  it('shareInstance into a space the caller can read but not write, or cannot read: invalid targets, named', async () => {
    await h.role('developer', 'space_auditor', other.guid);
    const unreadable = await h.space(org);
    expect(await described(h.core.shareInstance(h.actor('developer'), instance, () => [other.guid, unreadable.guid]))).toMatchObject({
      kind: 'invalid',
      code: 'share.invalid_targets',
      params: { unreadable: [unreadable.guid], unwritable: [other.guid] },
    });
  });

  it('shareInstance as a user it is shared with: forbidden (they manage it but may not re-share it)', async () => {
    expect(await described(h.core.shareInstance(h.actor('sharedWith'), instance, () => [third.guid]))).toEqual(withGuid(deniedInstance, instance));
  });

  it('shareInstance as an auditor of its space: forbidden; as a stranger: hidden', async () => {
    expect(await described(h.core.shareInstance(h.actor('auditor'), instance, () => [third.guid]))).toEqual(withGuid(deniedInstance, instance));
    expect(await described(h.core.shareInstance(h.actor('stranger'), instance, () => [third.guid]))).toEqual(withGuid(hiddenInstance, instance));
  });
});

describe("manage a space's user shares: admin, org manager of its organization, space manager of the space", () => {
  let grantee: string;
  let shareGuid: string;
  beforeAll(async () => {
    grantee = await h.user('grantee');
    shareGuid = (await h.core.createSpaceUserShare(h.actor('admin', 'admin'), space.guid, () => ({ userGuid: grantee, roles: ['auditor'], joinOrganization: true, audit }))).guid;
  });
  const current = async () => (await h.core.getSpaceUserShare(h.actor('admin', 'admin'), shareGuid)).revision;
  const who = (name: string) => (name === 'admin' ? h.actor('admin', 'admin') : name === 'globalAuditor' ? h.actor('globalAuditor', 'globalAuditor') : h.actor(name));

  it.each(['admin', 'orgManager', 'spaceManager'])('as %s: list, get, update and create succeed', async (name) => {
    expect((await h.core.listSpaceUserShares(who(name), space.guid)).map((s) => s.guid)).toContain(shareGuid);
    expect((await h.core.getSpaceUserShare(who(name), shareGuid)).guid).toBe(shareGuid);
    const revision = await current();
    expect((await h.core.updateSpaceUserShare(who(name), shareGuid, () => ({ expectedRevision: revision, roles: ['auditor'], audit }))).revision).toBe(revision + 1);
  });

  it('as a global auditor: list and get succeed; create and update are forbidden', async () => {
    expect((await h.core.getSpaceUserShare(who('globalAuditor'), shareGuid)).guid).toBe(shareGuid);
    expect(await h.core.listSpaceUserShares(who('globalAuditor'), space.guid)).not.toHaveLength(0);
    expect(await described(h.core.createSpaceUserShare(who('globalAuditor'), space.guid, () => ({ userGuid: grantee, roles: [], audit })))).toEqual({
      kind: 'forbidden',
      code: 'not_authorized',
      params: { resource: 'space', guid: space.guid },
    });
    expect(await described(h.core.updateSpaceUserShare(who('globalAuditor'), shareGuid, () => ({ expectedRevision: 0, roles: [], audit })))).toEqual({
      kind: 'forbidden',
      code: 'not_authorized',
      params: { resource: 'share', guid: shareGuid },
    });
  });

  it.each(['developer', 'auditor', 'supporter'])('as %s (a reader of the space): listing is forbidden, a share by id is hidden', async (name) => {
    expect(await described(h.core.listSpaceUserShares(who(name), space.guid))).toEqual({
      kind: 'forbidden',
      code: 'not_authorized',
      params: { resource: 'space', guid: space.guid },
    });
    expect(await described(h.core.getSpaceUserShare(who(name), shareGuid))).toEqual({ kind: 'hidden', code: 'share.hidden', params: { resource: 'share', guid: shareGuid } });
    expect(await described(h.core.deleteSpaceUserShare(who(name), shareGuid, () => ({ expectedRevision: 0, audit })))).toMatchObject({ kind: 'hidden', code: 'share.hidden' });
  });

  it.each(['stranger', 'orgUser', 'orgAuditor', 'targetDeveloper'])('as %s (no reader of the space): the space and its shares are hidden', async (name) => {
    expect(await described(h.core.listSpaceUserShares(who(name), space.guid))).toEqual({ kind: 'hidden', code: 'space.hidden', params: { resource: 'space', guid: space.guid } });
    expect(await described(h.core.getSpaceUserShare(who(name), shareGuid))).toMatchObject({ kind: 'hidden', code: 'share.hidden' });
  });

  it('an unknown space or share is not_found, whoever asks', async () => {
    for (const name of ['admin', 'stranger']) {
      expect(await described(h.core.listSpaceUserShares(who(name), 'no-space'))).toEqual({
        kind: 'not_found',
        code: 'space.not_found',
        params: { resource: 'space', guid: 'no-space' },
      });
      expect(await described(h.core.getSpaceUserShare(who(name), 'no-share'))).toEqual({
        kind: 'not_found',
        code: 'share.not_found',
        params: { resource: 'share', guid: 'no-share' },
      });
    }
  });
});

describe('spaces, organizations, roles and users tell missing from hidden', () => {
  it('getSpace, getOrganization, getUser and requireRole: hidden for a stranger, not_found for an unknown guid', async () => {
    const stranger = () => h.actor('stranger');
    const roleGuid = (await h.store.listRoles({ spaceGuids: [space.guid] }, { page: 1, perPage: 1 })).items[0]!.guid;
    const developer = h.actor('developer').userGuid;
    expect(await described(h.core.getSpace(stranger(), space.guid))).toEqual({ kind: 'hidden', code: 'space.hidden', params: { resource: 'space', guid: space.guid } });
    expect(await described(h.core.getOrganization(stranger(), org.guid))).toEqual({
      kind: 'hidden',
      code: 'organization.hidden',
      params: { resource: 'organization', guid: org.guid },
    });
    expect(await described(h.core.getUser(stranger(), developer))).toEqual({ kind: 'hidden', code: 'user.hidden', params: { resource: 'user', guid: developer } });
    expect(await described(h.core.requireRole(stranger(), roleGuid))).toEqual({ kind: 'hidden', code: 'role.hidden', params: { resource: 'role', guid: roleGuid } });
    for (const [call, resource] of [
      [h.core.getSpace(stranger(), 'nope'), 'space'],
      [h.core.getOrganization(stranger(), 'nope'), 'organization'],
      [h.core.getUser(stranger(), 'nope'), 'user'],
      [h.core.requireRole(stranger(), 'nope'), 'role'],
    ] as const) {
      expect(await described(call)).toEqual({ kind: 'not_found', code: `${resource}.not_found`, params: { resource, guid: 'nope' } });
    }
  });

  it('updateSpace as a space auditor: forbidden, naming the space; as an org manager: applies', async () => {
    expect(await described(h.core.updateSpace(h.actor('auditor'), space.guid, () => ({ metadata: { labels: { a: 'b' } }, audit: {} })))).toEqual({
      kind: 'forbidden',
      code: 'not_authorized',
      params: { resource: 'space', guid: space.guid },
    });
    expect((await h.core.updateSpace(h.actor('orgManager'), space.guid, () => ({ metadata: { labels: { a: 'b' } }, audit: {} }))).metadata.labels).toEqual({ a: 'b' });
  });
});
