// The Store contract (src/core/store.ts) as one suite that any implementation runs unchanged: what each record
// kind reads back, how the lists filter, order and page, the share compare-and-set and its one-live-share rule,
// all-or-nothing transactions, and concurrent read-check-write transactions that lose nothing.
import { isDomainError } from '../../src/core/errors';
import type { Store, WriteStore } from '../../src/core/store';
import { at, event, firstPage, flag, instance, operation, org, share, shareRole, space, user } from './records';

export type OpenStore = () => Store | Promise<Store>;

const guids = (page: { items: { guid: string }[] }) => page.items.map((i) => i.guid);
const isConflict = (e: unknown) => isDomainError(e) && e.kind === 'conflict';

export function describeStore(name: string, open: OpenStore) {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    /** one write in its own transaction */
    const write = <T>(work: (tx: WriteStore) => Promise<T>) => store.transaction(work);
    beforeEach(async () => {
      store = await open();
    });
    afterEach(() => store.close());

    describe('records read back as written', () => {
      it('organizations: insert, get by guid and name, update, delete', async () => {
        const o = org('o1', { metadata: { labels: { env: 'prod' }, annotations: { note: 'x' } } });
        await write((tx) => tx.insertOrganization(o));
        expect(await store.getOrganization('o1')).toEqual(o);
        expect(await store.getOrganizationByName('org-o1')).toEqual(o);
        await write((tx) => tx.updateOrganization({ ...o, name: 'renamed', suspended: true, updatedAt: at(5) }));
        expect(await store.getOrganization('o1')).toEqual({ ...o, name: 'renamed', suspended: true, updatedAt: at(5) });
        expect(await store.getOrganizationByName('org-o1')).toBeUndefined();
        await write((tx) => tx.deleteOrganization('o1'));
        expect(await store.getOrganization('o1')).toBeUndefined();
      });

      it('spaces: insert, get one and several, by name in an organization, update, delete', async () => {
        await write(async (tx) => {
          await tx.insertOrganization(org('o1'));
          await tx.insertSpace(space('s1', 'o1'));
          await tx.insertSpace(space('s2', 'o1'));
        });
        expect(await store.getSpace('s1')).toEqual(space('s1', 'o1'));
        expect((await store.getSpaces(['s2', 's1', 'nope'])).map((s) => s.guid).sort()).toEqual(['s1', 's2']);
        expect(await store.getSpaces([])).toEqual([]);
        expect(await store.getSpaceByName('o1', 'space-s2')).toEqual(space('s2', 'o1'));
        expect(await store.spaceGuidsOfOrganizations(['o1'])).toEqual(expect.arrayContaining(['s1', 's2']));
        await write((tx) => tx.updateSpace(space('s1', 'o1', { name: 'renamed', status: 'deleting' })));
        expect(await store.getSpace('s1')).toMatchObject({ name: 'renamed', status: 'deleting' });
        await write((tx) => tx.deleteSpace('s2'));
        expect(await store.getSpace('s2')).toBeUndefined();
      });

      it('users: insert, get, find by username (and origin), update, delete', async () => {
        const u = user('u1', { email: 'a@example.org', passwordHash: 'hash', scopes: ['openid'], cfUser: false });
        await write(async (tx) => {
          await tx.insertUser(u);
          await tx.insertUser(user('u2', { username: 'user-u1', origin: 'ldap' }));
        });
        expect(await store.getUser('u1')).toEqual(u);
        expect((await store.findUsersByUsername('user-u1')).map((x) => x.guid).sort()).toEqual(['u1', 'u2']);
        expect((await store.findUsersByUsername('user-u1', 'ldap')).map((x) => x.guid)).toEqual(['u2']);
        await write((tx) => tx.updateUser({ ...u, cfUser: true, scopes: [] }));
        expect(await store.getUser('u1')).toMatchObject({ cfUser: true, scopes: [] });
        await write((tx) => tx.deleteUser('u1'));
        expect(await store.getUser('u1')).toBeUndefined();
      });

      it('feature flags: upsert, get, list', async () => {
        expect(await store.getFeatureFlag('f1')).toBeUndefined();
        await write((tx) => tx.upsertFeatureFlag(flag('f1', true)));
        await write((tx) => tx.upsertFeatureFlag({ ...flag('f1', false, at(3)), customErrorMessage: 'off' }));
        await write((tx) => tx.upsertFeatureFlag(flag('f2', true)));
        expect(await store.getFeatureFlag('f1')).toEqual({ name: 'f1', enabled: false, customErrorMessage: 'off', updatedAt: at(3) });
        expect((await store.listFeatureFlags()).map((f) => f.name).sort()).toEqual(['f1', 'f2']);
      });

      it('service instances: insert, get by guid and name, update, delete', async () => {
        const si = instance('i1', 's1', { credentials: { password: 'p' }, maintenanceInfo: { version: '1.0' }, ownerGuid: 'u1' });
        await write(async (tx) => {
          await tx.insertOrganization(org('o1'));
          await tx.insertSpace(space('s1', 'o1'));
          await tx.insertInstance(si);
        });
        expect(await store.getInstance('i1')).toEqual(si);
        expect(await store.getInstanceByName('s1', 'si-i1')).toEqual(si);
        expect(await store.getInstanceByName('s1', 'SI-I1')).toEqual(si); // names compare case-insensitively
        expect(await store.getInstanceByName('s2', 'si-i1')).toBeUndefined();
        const updated = { ...si, lastOperation: { ...si.lastOperation, type: 'update' as const, state: 'in progress' as const }, tags: [] };
        await write((tx) => tx.updateInstance(updated));
        expect(await store.getInstance('i1')).toEqual(updated);
        await write((tx) => tx.deleteInstance('i1'));
        expect(await store.getInstance('i1')).toBeUndefined();
      });

      it('operations: insert, get, update, and the due ones in order', async () => {
        await write(async (tx) => {
          await tx.insertOperation(operation('op1', { runAfter: at(1) }));
          await tx.insertOperation(operation('op2', { runAfter: at(9) }));
          await tx.insertOperation(operation('op3', { runAfter: at(2) }));
          await tx.insertOperation(operation('op4', { runAfter: at(0), state: 'succeeded' }));
        });
        expect(await store.getOperation('op1')).toEqual(operation('op1', { runAfter: at(1) }));
        expect((await store.listDueOperations(at(5), 10)).map((o) => o.guid)).toEqual(['op1', 'op3']);
        expect((await store.listDueOperations(at(5), 1)).map((o) => o.guid)).toEqual(['op1']);
        const failed = operation('op1', { runAfter: at(1), state: 'failed', errors: [{ code: 'x.y', params: { a: 1 } }], warnings: ['w'] });
        await write((tx) => tx.updateOperation(failed));
        expect(await store.getOperation('op1')).toEqual(failed);
        expect((await store.listDueOperations(at(5), 10)).map((o) => o.guid)).toEqual(['op3']);
      });

      it('operations: result, hooks, hook results and times read back; finished ones with a notification due are listed', async () => {
        const hooks = { before: { name: 'audit', url: 'https://hooks.example.org/pre' }, notify: 'https://hooks.example.org/done' };
        const done = operation('n1', {
          state: 'succeeded',
          result: { instanceGuids: ['si-1'] },
          hooks,
          hookResults: [{ hook: 'before', outcome: 'delivered', detail: 'HTTP 200', attempts: 1, at: at(1) }],
          notifyDue: at(3),
          startedAt: at(1),
          finishedAt: at(2),
        });
        await write(async (tx) => {
          await tx.insertOperation(done);
          await tx.insertOperation(operation('n2', { state: 'failed', notifyDue: at(9) }));
          await tx.insertOperation(operation('n3', { state: 'succeeded' }));
        });
        expect(await store.getOperation('n1')).toEqual(done);
        expect((await store.listDueNotifications(at(5), 10)).map((o) => o.guid)).toEqual(['n1']);
        await write((tx) => tx.updateOperation({ ...done, notifyDue: null }));
        expect(await store.listDueNotifications(at(5), 10)).toEqual([]);
        expect((await store.listDueNotifications(at(10), 10)).map((o) => o.guid)).toEqual(['n2']);
      });

      it('sessions: insert, get by digest, touch, delete, and the expired ones removed', async () => {
        const session = { guid: 's1', digest: 'd-s1', userGuid: 'u1', createdAt: at(0), lastUsedAt: at(0), expiresAt: at(10) };
        await write(async (tx) => {
          await tx.insertUser(user('u1'));
          await tx.insertSession(session);
          await tx.insertSession({ ...session, guid: 's2', digest: 'd-s2', expiresAt: at(3) });
        });
        expect(await store.getSessionByDigest('d-s1')).toEqual(session);
        await write((tx) => tx.touchSession('s1', at(4), at(14)));
        expect(await store.getSessionByDigest('d-s1')).toEqual({ ...session, lastUsedAt: at(4), expiresAt: at(14) });
        expect(await write((tx) => tx.deleteExpiredSessions(at(5)))).toBe(1);
        expect(await store.getSessionByDigest('d-s2')).toBeUndefined();
        await write((tx) => tx.deleteSession('s1'));
        expect(await store.getSessionByDigest('d-s1')).toBeUndefined();
      });

      it('events: insert and get', async () => {
        const e = event('e1', { spaceGuid: 's1', organizationGuid: 'o1', targetName: 'n' });
        await write((tx) => tx.insertEvent(e));
        expect(await store.getEvent('e1')).toEqual(e);
        expect(await store.getEvent('e2')).toBeUndefined();
      });

      it('secrets: put, get, overwrite', async () => {
        expect(await store.getSecret('k')).toBeUndefined();
        await write((tx) => tx.putSecret('k', 'v1', at(0)));
        await write((tx) => tx.putSecret('k', 'v2', at(1)));
        expect(await store.getSecret('k')).toBe('v2');
      });

      it('refresh and API tokens: insert, get by guid and digest, list, delete (one, and all of a user)', async () => {
        const refresh = { guid: 'r1', digest: 'd-r1', userGuid: 'u1', clientId: 'cf', scopes: ['openid'], createdAt: at(0), expiresAt: at(100) };
        const api = { guid: 'a1', digest: 'd-a1', userGuid: 'u1', createdAt: at(0), expiresAt: at(100) };
        await write(async (tx) => {
          await tx.insertUser(user('u1'));
          await tx.insertRefreshToken(refresh);
          await tx.insertRefreshToken({ ...refresh, guid: 'r2', digest: 'd-r2' });
          await tx.insertApiToken(api);
          await tx.insertApiToken({ ...api, guid: 'a2', digest: 'd-a2' });
        });
        expect(await store.getRefreshToken('r1')).toEqual(refresh);
        expect(await store.getRefreshTokenByDigest('d-r2')).toEqual({ ...refresh, guid: 'r2', digest: 'd-r2' });
        expect(await store.getApiToken('a1')).toEqual(api);
        expect(await store.getApiTokenByDigest('d-a2')).toEqual({ ...api, guid: 'a2', digest: 'd-a2' });
        expect((await store.listApiTokens('u1')).map((t) => t.guid)).toEqual(['a1', 'a2']);
        await write((tx) => tx.deleteRefreshToken('r1'));
        expect(await store.getRefreshToken('r1')).toBeUndefined();
        expect(await write((tx) => tx.deleteRefreshTokensOfUser('u1'))).toBe(1);
        expect(await store.getRefreshTokenByDigest('d-r2')).toBeUndefined();
        await write((tx) => tx.deleteApiToken('a1'));
        expect((await store.listApiTokens('u1')).map((t) => t.guid)).toEqual(['a2']);
      });
    });

    describe('lists: filters, order and pages', () => {
      beforeEach(async () => {
        await write(async (tx) => {
          await tx.insertOrganization(org('o1', { name: 'charlie', createdAt: at(1), updatedAt: at(7), metadata: { labels: { env: 'prod' }, annotations: {} } }));
          await tx.insertOrganization(org('o2', { name: 'alpha', createdAt: at(2), updatedAt: at(2), metadata: { labels: { env: 'dev' }, annotations: {} } }));
          await tx.insertOrganization(org('o3', { name: 'bravo', createdAt: at(3), updatedAt: at(3) }));
          await tx.insertSpace(space('s1', 'o1', { name: 'one' }));
          await tx.insertSpace(space('s2', 'o1', { name: 'two' }));
          await tx.insertSpace(space('s3', 'o2', { name: 'one' }));
          await tx.insertUser(user('u1', { username: 'alice', origin: 'uaa' }));
          await tx.insertUser(user('u2', { username: 'bob', origin: 'ldap' }));
          await tx.insertUser(user('u3', { username: 'alicia', origin: 'uaa' }));
        });
      });

      it('pages carry the total and follow the order asked for (creation order by default)', async () => {
        const p1 = await store.listOrganizations({}, firstPage(2));
        expect({ total: p1.total, guids: guids(p1) }).toEqual({ total: 3, guids: ['o1', 'o2'] });
        expect(guids(await store.listOrganizations({}, { page: 2, perPage: 2 }))).toEqual(['o3']);
        expect(guids(await store.listOrganizations({}, { page: 3, perPage: 2 }))).toEqual([]);
        expect(guids(await store.listOrganizations({}, firstPage(50, { orderBy: { field: 'name', direction: 'asc' } })))).toEqual(['o2', 'o3', 'o1']);
        expect(guids(await store.listOrganizations({}, firstPage(50, { orderBy: { field: 'name', direction: 'desc' } })))).toEqual(['o1', 'o3', 'o2']);
        expect(guids(await store.listOrganizations({}, firstPage(50, { orderBy: { field: 'updated_at', direction: 'desc' } })))).toEqual(['o1', 'o3', 'o2']);
        expect(guids(await store.listOrganizations({}, firstPage(50, { orderBy: { field: 'created_at', direction: 'desc' } })))).toEqual(['o3', 'o2', 'o1']);
      });

      it('organizations filter by guid, name, visibility, time and label', async () => {
        const list = async (filter: Parameters<Store['listOrganizations']>[0]) => guids(await store.listOrganizations(filter, firstPage()));
        expect(await list({ guids: ['o3', 'o1'] })).toEqual(['o1', 'o3']);
        expect(await list({ names: ['alpha', 'nope'] })).toEqual(['o2']);
        expect(await list({ visibleGuids: ['o2', 'o3'], names: ['alpha', 'charlie'] })).toEqual(['o2']);
        expect(await list({ visibleGuids: [] })).toEqual([]);
        expect(await list({ createdAts: [{ op: 'gt', values: [at(1)] }] })).toEqual(['o2', 'o3']);
        expect(await list({ createdAts: [{ op: 'lte', values: [at(2)] }] })).toEqual(['o1', 'o2']);
        expect(await list({ createdAts: [{ op: 'eq', values: [at(1), at(3)] }] })).toEqual(['o1', 'o3']);
        expect(
          await list({
            updatedAts: [
              { op: 'gte', values: [at(3)] },
              { op: 'lt', values: [at(7)] },
            ],
          }),
        ).toEqual(['o3']);
        expect(await list({ labelSelector: [{ op: 'in', key: 'env', values: ['prod', 'qa'] }] })).toEqual(['o1']);
        expect(await list({ labelSelector: [{ op: 'not_in', key: 'env', values: ['prod'] }] })).toEqual(['o2', 'o3']);
        expect(await list({ labelSelector: [{ op: 'exists', key: 'env' }] })).toEqual(['o1', 'o2']);
        expect(await list({ labelSelector: [{ op: 'not_exists', key: 'env' }] })).toEqual(['o3']);
        expect((await store.listOrganizations({ names: ['alpha', 'bravo'] }, firstPage(1))).total).toBe(2);
      });

      it('spaces filter by name, organization and visibility', async () => {
        const list = async (filter: Parameters<Store['listSpaces']>[0]) => guids(await store.listSpaces(filter, firstPage()));
        expect(await list({ names: ['one'] })).toEqual(['s1', 's3']);
        expect(await list({ organizationGuids: ['o1'] })).toEqual(['s1', 's2']);
        expect(await list({ visible: { spaceGuids: ['s3'], organizationGuids: [] } })).toEqual(['s3']);
        expect(await list({ visible: { spaceGuids: ['s3'], organizationGuids: ['o1'] }, names: ['one'] })).toEqual(['s1', 's3']);
        expect(await list({ visible: { spaceGuids: [], organizationGuids: [] } })).toEqual([]);
      });

      it('users filter by username, part of it, origin and visibility', async () => {
        const list = async (filter: Parameters<Store['listUsers']>[0]) => guids(await store.listUsers(filter, firstPage()));
        expect(await list({ usernames: ['alice', 'bob'] })).toEqual(['u1', 'u2']);
        expect(await list({ partialUsernames: ['lic'] })).toEqual(['u1', 'u3']);
        expect(await list({ origins: ['ldap'] })).toEqual(['u2']);
        expect(await list({ visibleGuids: ['u3'], partialUsernames: ['ali'] })).toEqual(['u3']);
      });

      it('organization and space names match case-insensitively under nameConditions; users narrow to those the CF APIs know', async () => {
        const orgs = async (filter: Parameters<Store['listOrganizations']>[0]) => guids(await store.listOrganizations(filter, firstPage()));
        expect(await orgs({ nameConditions: [{ op: 'eq', values: ['ALPHA', 'Charlie'] }] })).toEqual(['o1', 'o2']);
        expect(await orgs({ nameConditions: [{ op: 'gt', values: ['B'] }] })).toEqual(['o1', 'o3']);
        expect(await orgs({ nameConditions: [{ op: 'eq', values: [] }] })).toEqual([]);
        expect(guids(await store.listSpaces({ nameConditions: [{ op: 'eq', values: ['ONE'] }] }, firstPage()))).toEqual(['s1', 's3']);
        await write(async (tx) => {
          await tx.insertUser(user('u4', { username: 'scim-only', origin: 'uaa', cfUser: false }));
        });
        expect(guids(await store.listUsers({ partialUsernames: ['i'] }, firstPage()))).toEqual(['u1', 'u3', 'u4']);
        expect(guids(await store.listUsers({ partialUsernames: ['i'], cfUsersOnly: true }, firstPage()))).toEqual(['u1', 'u3']);
      });

      it('service instances filter by name, type, plan, space (own or shared into), organization and visibility', async () => {
        await write(async (tx) => {
          await tx.insertInstance(instance('i1', 's1', { name: 'db' }));
          await tx.insertInstance(instance('i2', 's2', { name: 'cache', type: 'user-provided', servicePlanGuid: null }));
          await tx.insertInstance(instance('i3', 's3', { name: 'db', servicePlanGuid: 'plan-2' }));
          await tx.insertShare(share('sh1', { resourceType: 'service_instance', resourceGuid: 'i1', granteeType: 'space', granteeGuid: 's3' }));
          await tx.insertShare(share('sh2', { resourceType: 'service_instance', resourceGuid: 'i2', granteeType: 'user', granteeGuid: 'u2' }));
        });
        const list = async (filter: Parameters<Store['listInstances']>[0], page = firstPage()) => guids(await store.listInstances(filter, page));
        expect(await list({})).toEqual(['i1', 'i2', 'i3']);
        expect(await list({ names: ['db'] })).toEqual(['i1', 'i3']);
        expect(await list({ type: 'user-provided' })).toEqual(['i2']);
        expect(await list({ servicePlanGuids: ['plan-2'] })).toEqual(['i3']);
        expect(await list({ spaceGuids: ['s3'] })).toEqual(['i1', 'i3']);
        expect(await list({ organizationGuids: ['o2'] })).toEqual(['i1', 'i3']);
        expect(await list({ visible: { spaceGuids: [], organizationGuids: [], userGuid: 'u2' } })).toEqual(['i2']);
        expect(await list({ visible: { spaceGuids: ['s2'], organizationGuids: [], userGuid: 'u1' } })).toEqual(['i2']);
        expect(await list({ names: ['db'] }, firstPage(1, { orderBy: { field: 'created_at', direction: 'desc' } }))).toEqual(['i3']);
        expect((await store.listInstances({ names: ['db'] }, firstPage(1))).total).toBe(2);
        expect((await store.instanceSharedIntoSpaceByName('s3', 'db'))?.guid).toBe('i1');
        expect((await store.instanceSharedIntoSpaceByName('s3', 'DB'))?.guid).toBe('i1');
        expect(await store.instanceSharedIntoSpaceByName('s2', 'db')).toBeUndefined();
      });

      it('a non-admin visible set (own spaces, organizations managed, spaces shared into, shared with the user, owned) pages with its total', async () => {
        await write(async (tx) => {
          await tx.insertInstance(instance('i1', 's1', { name: 'a' }));
          await tx.insertInstance(instance('i2', 's2', { name: 'b' }));
          await tx.insertInstance(instance('i3', 's3', { name: 'c' }));
          await tx.insertInstance(instance('i4', 's3', { name: 'd', ownerGuid: 'u1' }));
          await tx.insertInstance(instance('i5', 's3', { name: 'e' }));
          await tx.insertInstance(instance('i6', 's3', { name: 'f' }));
          await tx.insertShare(share('sh1', { resourceType: 'service_instance', resourceGuid: 'i3', granteeType: 'space', granteeGuid: 's1' }));
          await tx.insertShare(share('sh2', { resourceType: 'service_instance', resourceGuid: 'i5', granteeType: 'user', granteeGuid: 'u1' }));
          // a deleted share grants nothing
          await tx.insertShare(share('sh3', { resourceType: 'service_instance', resourceGuid: 'i6', granteeType: 'user', granteeGuid: 'u1', deletedAt: at(1) }));
        });
        const visible = { spaceGuids: ['s1'], organizationGuids: [], userGuid: 'u1' };
        const page = (n: number, perPage = 2, orderBy?: { field: 'name'; direction: 'asc' | 'desc' }) => store.listInstances({ visible }, { page: n, perPage, orderBy });
        expect(await page(1, 50)).toMatchObject({ total: 4 });
        expect(guids(await page(1, 50))).toEqual(['i1', 'i3', 'i4', 'i5']);
        expect({ total: (await page(2)).total, guids: guids(await page(2)) }).toEqual({ total: 4, guids: ['i4', 'i5'] });
        expect({ total: (await page(3)).total, guids: guids(await page(3)) }).toEqual({ total: 4, guids: [] });
        expect(guids(await page(1, 3, { field: 'name', direction: 'desc' }))).toEqual(['i5', 'i4', 'i3']);
        // an organization managed shows the instances of all its spaces and those shared into them
        expect(guids(await store.listInstances({ visible: { spaceGuids: [], organizationGuids: ['o1'], userGuid: 'u3' } }, firstPage()))).toEqual(['i1', 'i2', 'i3']);
        expect(await store.listInstances({ visible: { spaceGuids: [], organizationGuids: [], userGuid: 'u3' } }, firstPage())).toEqual({ total: 0, items: [] });
        expect((await store.listInstances({ visible, names: ['a', 'd'] }, firstPage())).total).toBe(2);
      });

      it('service instance names and guids compare exactly under names, excludedNames and excludedGuids; ties in creation time keep insertion order', async () => {
        await write(async (tx) => {
          await tx.insertInstance(instance('i1', 's1', { name: 'web', createdAt: at(5) }));
          await tx.insertInstance(instance('i2', 's3', { name: 'Web', createdAt: at(5) }));
          await tx.insertInstance(instance('i3', 's1', { name: 'db', createdAt: at(4) }));
        });
        const list = async (filter: Parameters<Store['listInstances']>[0], page = firstPage()) => guids(await store.listInstances(filter, page));
        expect(await list({ names: ['web'] })).toEqual(['i1']);
        expect(await list({ names: ['WEB'] })).toEqual([]);
        expect(await list({ excludedNames: ['web'] })).toEqual(['i2', 'i3']);
        expect(await list({ excludedNames: ['web', 'Web'], names: ['web', 'db'] })).toEqual(['i3']);
        expect(await list({ excludedNames: [] })).toEqual(['i1', 'i2', 'i3']);
        expect(await list({ excludedGuids: ['i1', 'i3'] })).toEqual(['i2']);
        expect(await list({ excludedGuids: ['I2'] })).toEqual(['i1', 'i2', 'i3']);
        const oldestFirst = { orderBy: { field: 'created_at', direction: 'asc' } } as const;
        expect(await list({}, firstPage(50, oldestFirst))).toEqual(['i3', 'i1', 'i2']);
        expect(await list({}, { page: 2, perPage: 1, ...oldestFirst })).toEqual(['i1']);
        const page = await store.listInstances({ excludedGuids: ['i3'] }, { page: 2, perPage: 1, ...oldestFirst });
        expect({ total: page.total, guids: guids(page) }).toEqual({ total: 2, guids: ['i2'] });
      });

      it('service instance names match case-insensitively under nameConditions; own space and organization exclude instances shared in', async () => {
        await write(async (tx) => {
          await tx.insertInstance(instance('i1', 's1', { name: 'Alpha' }));
          await tx.insertInstance(instance('i2', 's1', { name: 'bravo' }));
          await tx.insertInstance(instance('i3', 's3', { name: 'charlie' }));
          await tx.insertShare(share('sh1', { resourceType: 'service_instance', resourceGuid: 'i1', granteeType: 'space', granteeGuid: 's3' }));
        });
        const list = async (filter: Parameters<Store['listInstances']>[0]) => guids(await store.listInstances(filter, firstPage()));
        expect(await list({ nameConditions: [{ op: 'eq', values: ['ALPHA', 'Charlie'] }] })).toEqual(['i1', 'i3']);
        expect(await list({ nameConditions: [{ op: 'gt', values: ['B'] }] })).toEqual(['i2', 'i3']);
        expect(
          await list({
            nameConditions: [
              { op: 'gte', values: ['bravo'] },
              { op: 'lt', values: ['C'] },
            ],
          }),
        ).toEqual(['i2']);
        expect(await list({ nameConditions: [{ op: 'eq', values: [] }] })).toEqual([]);
        expect(await list({ ownSpaceGuids: ['s3'] })).toEqual(['i3']);
        expect(await list({ spaceGuids: ['s3'] })).toEqual(['i1', 'i3']);
        expect(await list({ ownOrganizationGuids: ['o2'] })).toEqual(['i3']);
        expect(await list({ ownOrganizationGuids: ['o1'] })).toEqual(['i1', 'i2']);
      });

      it('events filter by type, target, space, organization and visibility', async () => {
        await write(async (tx) => {
          await tx.insertEvent(event('e1', { type: 'audit.space.create', targetGuid: 's1', spaceGuid: 's1', organizationGuid: 'o1' }));
          await tx.insertEvent(event('e2', { type: 'audit.organization.update', targetGuid: 'o2', organizationGuid: 'o2' }));
          await tx.insertEvent(event('e3', { type: 'audit.space.create', targetGuid: 's3', spaceGuid: 's3', organizationGuid: 'o2' }));
        });
        const list = async (filter: Parameters<Store['listEvents']>[0]) => guids(await store.listEvents(filter, firstPage()));
        expect(await list({ types: ['audit.space.create'] })).toEqual(['e1', 'e3']);
        expect(await list({ targetGuids: ['o2'] })).toEqual(['e2']);
        expect(await list({ spaceGuids: ['s3'] })).toEqual(['e3']);
        expect(await list({ organizationGuids: ['o2'] })).toEqual(['e2', 'e3']);
        expect(await list({ visible: { spaceGuids: ['s1'], organizationGuids: [], orgGuids: ['o2'] } })).toEqual(['e1', 'e2']);
      });
    });

    describe('shares', () => {
      const spaceShare = share('sh1', { resourceType: 'space', resourceGuid: 's1', granteeType: 'user', granteeGuid: 'u1' });
      beforeEach(async () => {
        await write(async (tx) => {
          await tx.insertOrganization(org('o1'));
          await tx.insertSpace(space('s1', 'o1'));
          await tx.insertSpace(space('s2', 'o1'));
          await tx.insertUser(user('u1'));
          await tx.insertUser(user('u2'));
        });
      });

      it('a share, its roles and the grants and roles read from them', async () => {
        await write(async (tx) => {
          await tx.insertShare(spaceShare);
          await tx.insertShareRole(shareRole('r1', 'sh1', 'developer'));
          await tx.insertShareRole(shareRole('r2', 'sh1', 'manager', { createdAt: at(1) }));
          await tx.insertShare(share('sh2', { resourceType: 'organization', resourceGuid: 'o1', granteeType: 'user', granteeGuid: 'u1' }));
          await tx.insertShareRole(shareRole('r3', 'sh2', 'user'));
        });
        expect(await store.getShare('sh1')).toEqual(spaceShare);
        expect(await store.getLiveShare('space', 's1', 'user', 'u1')).toEqual(spaceShare);
        expect(await store.getLiveShare('space', 's1', 'user', 'u2')).toBeUndefined();
        expect((await store.listLiveSharesOfResource('space', 's1', 'user')).map((s) => s.guid)).toEqual(['sh1']);
        expect((await store.listLiveSharesOfGrantee('user', 'u1')).map((s) => s.guid)).toEqual(['sh1', 'sh2']);
        expect((await store.listShareRoles('sh1')).map((r) => r.role)).toEqual(['developer', 'manager']);
        expect(await store.countLiveShares('space', 's1', 'user')).toBe(1);
        expect(await store.countUserSpaceRolesInOrganization('u1', 'o1')).toBeGreaterThan(0);
        expect(await store.countUserSpaceRolesInOrganization('u2', 'o1')).toBe(0);
        const grants = await store.listUserGrants('u1');
        expect(grants.map((g) => ({ ...g, roles: [...g.roles].sort() })).sort((a, b) => b.resourceType.localeCompare(a.resourceType))).toEqual([
          { resourceType: 'space', resourceGuid: 's1', roles: ['developer', 'manager'], organizationGuid: 'o1' },
          { resourceType: 'organization', resourceGuid: 'o1', roles: ['user'], organizationGuid: null },
        ]);
        expect(await store.getRole('r2')).toEqual({
          guid: 'r2',
          type: 'space_manager',
          userGuid: 'u1',
          resourceType: 'space',
          resourceGuid: 's1',
          organizationGuid: 'o1',
          createdAt: at(1),
          updatedAt: at(0),
        });
        const roles = async (filter: Parameters<Store['listRoles']>[0]) => guids(await store.listRoles(filter, firstPage()));
        expect(await roles({})).toEqual(['r1', 'r2', 'r3']);
        expect(await roles({ types: ['space_developer', 'organization_user'] })).toEqual(['r1', 'r3']);
        expect(await roles({ spaceGuids: ['s1'] })).toEqual(['r1', 'r2']);
        expect(await roles({ organizationGuids: ['o1'] })).toEqual(['r3']);
        expect(await roles({ userGuids: ['u2'] })).toEqual([]);
        expect(await roles({ visible: { spaceGuids: [], organizationGuids: [], userGuid: 'u2', orgGuids: ['o1'] } })).toEqual(['r3']);
        await write((tx) => tx.deleteShareRole('r1'));
        expect((await store.listShareRoles('sh1')).map((r) => r.guid)).toEqual(['r2']);
        expect(await store.getRole('r1')).toBeUndefined();
      });

      it('shares with their roles in one read, and the shares of several resources at once', async () => {
        await write(async (tx) => {
          await tx.insertShare(spaceShare);
          await tx.insertShareRole(shareRole('r1', 'sh1', 'manager'));
          await tx.insertShareRole(shareRole('r2', 'sh1', 'auditor'));
          await tx.insertShare(share('sh2', { resourceType: 'space', resourceGuid: 's1', granteeType: 'user', granteeGuid: 'u2' }));
          await tx.insertShare(share('sh3', { resourceType: 'space', resourceGuid: 's2', granteeType: 'user', granteeGuid: 'u2' }));
          await tx.insertShareRole(shareRole('r3', 'sh3', 'developer'));
          await tx.insertShare(share('sh4', { resourceType: 'space', resourceGuid: 's2', granteeType: 'user', granteeGuid: 'u1', deletedAt: at(2) }));
        });
        const withRoles = await store.listLiveSharesWithRoles('space', 's1', 'user');
        expect(withRoles.map(({ share: s, roles }) => ({ guid: s.guid, roles }))).toEqual([
          { guid: 'sh1', roles: ['manager', 'auditor'] },
          { guid: 'sh2', roles: [] },
        ]);
        expect(withRoles[0]!.share).toEqual(spaceShare);
        expect(await store.listLiveSharesWithRoles('space', 's9', 'user')).toEqual([]);
        expect((await store.listLiveSharesOfResources('space', ['s2', 's1'], 'user')).map((s) => s.guid)).toEqual(['sh1', 'sh2', 'sh3']);
        expect(await store.listLiveSharesOfResources('space', [], 'user')).toEqual([]);
      });

      it('a non-admin role list counts its own roles and the others in the spaces and organizations it reads, each once', async () => {
        await write(async (tx) => {
          await tx.insertShare(spaceShare);
          await tx.insertShareRole(shareRole('r1', 'sh1', 'developer'));
          await tx.insertShareRole(shareRole('r2', 'sh1', 'manager'));
          await tx.insertShare(share('sh2', { resourceType: 'space', resourceGuid: 's1', granteeType: 'user', granteeGuid: 'u2' }));
          await tx.insertShareRole(shareRole('r3', 'sh2', 'auditor'));
          await tx.insertShare(share('sh3', { resourceType: 'space', resourceGuid: 's2', granteeType: 'user', granteeGuid: 'u2' }));
          await tx.insertShareRole(shareRole('r4', 'sh3', 'auditor'));
          await tx.insertShare(share('sh4', { resourceType: 'organization', resourceGuid: 'o1', granteeType: 'user', granteeGuid: 'u2' }));
          await tx.insertShareRole(shareRole('r5', 'sh4', 'manager'));
        });
        const list = (visible: { spaceGuids: string[]; organizationGuids: string[]; orgGuids: string[] }, types?: string[]) =>
          store.listRoles({ types, visible: { ...visible, userGuid: 'u1' } }, firstPage(2));
        const one = await list({ spaceGuids: ['s1'], organizationGuids: [], orgGuids: ['o1'] });
        expect({ total: one.total, guids: guids(one) }).toEqual({ total: 4, guids: ['r1', 'r2'] });
        expect((await list({ spaceGuids: ['s1'], organizationGuids: ['o1'], orgGuids: ['o1'] })).total).toBe(5);
        expect((await list({ spaceGuids: [], organizationGuids: [], orgGuids: [] })).total).toBe(2);
        const typed = await list({ spaceGuids: ['s1'], organizationGuids: ['o1'], orgGuids: ['o1'] }, ['space_auditor', 'organization_manager']);
        expect({ total: typed.total, guids: guids(typed) }).toEqual({ total: 3, guids: ['r3', 'r4'] });
        expect((await list({ spaceGuids: ['s1'], organizationGuids: [], orgGuids: [] }, ['no_such_type'])).total).toBe(0);
      });

      it('a non-admin role count is the same whichever way it is counted: with many roles held by others too', async () => {
        await write(async (tx) => {
          await tx.insertShare(spaceShare);
          await tx.insertShareRole(shareRole('r1', 'sh1', 'developer'));
          // more than a few roles held by others: half of them in the space the caller reads
          for (let i = 0; i < 1_100; i++) {
            await tx.insertUser(user(`other-${i}`));
            await tx.insertShare(share(`other-sh-${i}`, { resourceType: 'space', resourceGuid: i % 2 ? 's1' : 's2', granteeType: 'user', granteeGuid: `other-${i}` }));
            await tx.insertShareRole(shareRole(`other-r-${i}`, `other-sh-${i}`, 'auditor'));
          }
        });
        const page = await store.listRoles({ visible: { spaceGuids: ['s1'], organizationGuids: [], userGuid: 'u1', orgGuids: [] } }, firstPage(3));
        expect({ total: page.total, guids: guids(page) }).toEqual({ total: 551, guids: ['r1', 'other-r-1', 'other-r-3'] });
        expect(
          (await store.listRoles({ types: ['space_developer'], visible: { spaceGuids: ['s1'], organizationGuids: [], userGuid: 'u1', orgGuids: [] } }, firstPage())).total,
        ).toBe(1);
      });

      it('updateShare is a compare-and-set on the revision: a stale revision changes nothing and answers false', async () => {
        await write((tx) => tx.insertShare(spaceShare));
        expect(await write((tx) => tx.updateShare({ ...spaceShare, revision: 1, updatedAt: at(1) }, 0))).toBe(true);
        expect(await write((tx) => tx.updateShare({ ...spaceShare, revision: 1, updatedAt: at(2) }, 0))).toBe(false);
        expect(await store.getShare('sh1')).toEqual({ ...spaceShare, revision: 1, updatedAt: at(1) });
        expect(await write((tx) => tx.updateShare({ ...spaceShare, revision: 2, updatedAt: at(3), deletedAt: at(3) }, 1))).toBe(true);
        expect(await store.getLiveShare('space', 's1', 'user', 'u1')).toBeUndefined();
        expect(await store.getShare('sh1')).toMatchObject({ revision: 2, deletedAt: at(3) });
      });

      it('one live share per (resource, grantee): a second is refused, and allowed once the first is deleted', async () => {
        await write((tx) => tx.insertShare(spaceShare));
        const second = share('sh2', { resourceType: 'space', resourceGuid: 's1', granteeType: 'user', granteeGuid: 'u1' });
        const refused = await write((tx) => tx.insertShare(second)).catch((e: unknown) => e);
        expect(isConflict(refused)).toBe(true);
        expect(await store.getShare('sh2')).toBeUndefined();
        await write((tx) => tx.insertShare({ ...second, guid: 'sh3', granteeGuid: 'u2' })); // another grantee is fine
        await write((tx) => tx.updateShare({ ...spaceShare, revision: 1, deletedAt: at(1) }, 0));
        await write((tx) => tx.insertShare(second));
        expect((await store.getLiveShare('space', 's1', 'user', 'u1'))?.guid).toBe('sh2');
        expect(await store.countLiveShares('space', 's1', 'user')).toBe(2);
      });
    });

    describe('transactions', () => {
      it('all or nothing: a throw inside the transaction leaves nothing of it written', async () => {
        await write((tx) => tx.insertOrganization(org('o1')));
        const failure = new Error('stop here');
        await expect(
          store.transaction(async (tx) => {
            await tx.insertOrganization(org('o2'));
            await tx.updateOrganization(org('o1', { name: 'changed' }));
            await tx.insertSpace(space('s1', 'o1'));
            await tx.upsertFeatureFlag(flag('f1', false));
            await tx.insertEvent(event('e1'));
            expect((await tx.getOrganization('o2'))?.guid).toBe('o2'); // its own writes are visible inside
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(await store.getOrganization('o2')).toBeUndefined();
        expect((await store.getOrganization('o1'))?.name).toBe('org-o1');
        expect(await store.getSpace('s1')).toBeUndefined();
        expect(await store.getFeatureFlag('f1')).toBeUndefined();
        expect(await store.getEvent('e1')).toBeUndefined();
        const value = await write(async (tx) => {
          await tx.insertOrganization(org('o3'));
          return 'value';
        });
        expect(value).toBe('value'); // the store is usable after, and hands back what the work returns
        expect((await store.getOrganization('o3'))?.guid).toBe('o3');
      });

      it('a constraint violation rejects the transaction as a conflict and undoes its earlier writes', async () => {
        await write((tx) => tx.insertOrganization(org('o1')));
        const error = await store
          .transaction(async (tx) => {
            await tx.insertOrganization(org('o2'));
            await tx.insertOrganization(org('o3', { name: 'org-o1' })); // organization names are unique
          })
          .catch((e: unknown) => e);
        expect(isConflict(error)).toBe(true);
        expect(await store.getOrganization('o2')).toBeUndefined();
        const orphan = await write((tx) => tx.insertSpace(space('s1', 'no-such-org'))).catch((e: unknown) => e);
        expect(isConflict(orphan)).toBe(true);
        expect(await store.getSpace('s1')).toBeUndefined();
      });

      it('concurrent read-check-write transactions are serialised: none is lost', async () => {
        await write(async (tx) => {
          await tx.insertOrganization(org('o1'));
          await tx.insertSpace(space('s1', 'o1'));
          await tx.insertUser(user('u1'));
          await tx.insertShare(share('sh1', { resourceType: 'space', resourceGuid: 's1', granteeType: 'user', granteeGuid: 'u1' }));
        });
        const N = 25;
        const results = await Promise.all(
          Array.from({ length: N }, (_, i) =>
            store.transaction(async (tx) => {
              const current = (await tx.getShare('sh1'))!;
              await new Promise((r) => setImmediate(r)); // let every other transaction try to run in between
              const ok = await tx.updateShare({ ...current, revision: current.revision + 1, updatedAt: at(i + 1) }, current.revision);
              await tx.insertShareRole(shareRole(`r${i}`, 'sh1', `role-${i}`));
              return ok;
            }),
          ),
        );
        expect(results).toEqual(Array(N).fill(true));
        expect((await store.getShare('sh1'))!.revision).toBe(N);
        expect(await store.listShareRoles('sh1')).toHaveLength(N);
      });

      it('concurrent transactions that each check for a live share before inserting one create exactly one', async () => {
        await write(async (tx) => {
          await tx.insertOrganization(org('o1'));
          await tx.insertSpace(space('s1', 'o1'));
          await tx.insertUser(user('u1'));
        });
        const outcomes = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            store.transaction(async (tx) => {
              if (await tx.getLiveShare('space', 's1', 'user', 'u1')) return 'exists';
              await new Promise((r) => setImmediate(r));
              await tx.insertShare(share(`sh${i}`, { resourceType: 'space', resourceGuid: 's1', granteeType: 'user', granteeGuid: 'u1' }));
              return 'created';
            }),
          ),
        );
        expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
        expect(outcomes.filter((o) => o === 'exists')).toHaveLength(9);
        expect(await store.countLiveShares('space', 's1', 'user')).toBe(1);
      });

      it('a failing transaction among concurrent ones takes only its own writes with it', async () => {
        await write((tx) => tx.insertOrganization(org('o1')));
        const settled = await Promise.allSettled(
          Array.from({ length: 6 }, (_, i) =>
            store.transaction(async (tx) => {
              await tx.insertSpace(space(`s${i}`, 'o1'));
              await new Promise((r) => setImmediate(r));
              if (i % 2 === 1) throw new Error(`fail ${i}`);
            }),
          ),
        );
        expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled', 'rejected']);
        // (concurrent transactions on PostgreSQL commit in any order, so the rows are compared as a set)
        expect((await store.listSpaces({ organizationGuids: ['o1'] }, firstPage())).items.map((s) => s.guid).sort()).toEqual(['s0', 's2', 's4']);
      });
    });
  });
}
