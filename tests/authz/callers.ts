// The kinds of caller the authorization matrix asks about, the world they live in (one organization and space, an
// instance in it shared with one user), and what the policy (src/core/policy.ts) says each may do there: expected
// outcomes are computed by the policy's own predicates over a model of each caller's grants, never recorded from
// the server's answers.
import { SignJWT } from 'jose';
import { makeActor, SCOPES, type Actor } from '../../src/core/actor';
import type { Deps } from '../../src/core/context';
import { DEFAULT_USER_SCOPES } from '../../src/core/credentials';
import {
  canManageOrganization,
  canManageSpaceRoles,
  canReadOrganization,
  canReadSpace,
  canShareWithUsers,
  canTransferInstance,
  canViewSpaceUserShares,
  canWriteSpace,
  instanceAccess,
  isOrganizationManager,
  loadAccess,
  type Access,
  type InstanceAccess,
} from '../../src/core/policy';
import type { ServiceInstance, Space } from '../../src/core/records';
import { csmLogin, PASSWORD, ADMIN_PASSWORD } from '../helpers/csm';
import { factories } from '../helpers/factories';
import { mintHs256Token } from '../../src/identity/mintToken';
import { TEST_SECRET, type TestGateway } from '../helpers/testGateway';
import { queryRows } from '../helpers/testDatabase';

export const CALLER_KINDS = [
  'no token',
  'bad token',
  'expired token',
  'admin',
  'read-only admin',
  'global auditor',
  'org manager',
  'org user',
  'space manager',
  'space developer',
  'space auditor',
  'space supporter',
  'shared with',
  'stranger',
] as const;
export type CallerKind = (typeof CALLER_KINDS)[number];

interface Grant {
  resourceType: 'organization' | 'space' | 'service_instance';
  role: string;
}

/** What each kind holds: extra scopes (besides a UAA user's default ones) and roles in the world's org O, space S and instance I. */
const DECLARED: Record<Exclude<CallerKind, 'no token' | 'bad token' | 'expired token'>, { scopes?: string[]; grants: Grant[] }> = {
  admin: { scopes: [SCOPES.admin], grants: [] },
  'read-only admin': { scopes: [SCOPES.adminReadOnly], grants: [] },
  'global auditor': { scopes: [SCOPES.globalAuditor], grants: [] },
  'org manager': { grants: [{ resourceType: 'organization', role: 'manager' }] },
  'org user': { grants: [{ resourceType: 'organization', role: 'user' }] },
  'space manager': {
    grants: [
      { resourceType: 'organization', role: 'user' },
      { resourceType: 'space', role: 'manager' },
    ],
  },
  'space developer': {
    grants: [
      { resourceType: 'organization', role: 'user' },
      { resourceType: 'space', role: 'developer' },
    ],
  },
  'space auditor': {
    grants: [
      { resourceType: 'organization', role: 'user' },
      { resourceType: 'space', role: 'auditor' },
    ],
  },
  'space supporter': {
    grants: [
      { resourceType: 'organization', role: 'user' },
      { resourceType: 'space', role: 'supporter' },
    ],
  },
  // a CSM share is with users of the instance's tenant
  'shared with': {
    grants: [
      { resourceType: 'organization', role: 'user' },
      { resourceType: 'service_instance', role: 'manage' },
    ],
  },
  stranger: { grants: [] },
};

export interface Caller {
  kind: CallerKind;
  /** the Authorization header to send (none for `no token`) */
  authorization?: string;
  /** CSM's Authentication-Token */
  csmToken?: string;
  username: string;
  guid: string;
  /** the policy's view of the caller (for authenticated kinds) */
  actor?: Actor;
  access?: Access;
  instance?: InstanceAccess;
}

export interface World {
  org: string;
  orgName: string;
  space: string;
  /** a second space in the organization, where nobody but admins and the org manager has a role */
  otherSpace: string;
  instance: string;
  instanceName: string;
  /** the instance's owner (its creator) */
  ownerGuid: string;
  /** a user with a space auditor role in S, the subject of role and user routes */
  victim: { guid: string; username: string; role: string };
  callers: Caller[];
  adminCsm: string;
  csmLogin(username: string): Promise<string>;
}

const uniq = (() => {
  let n = 0;
  return (p: string) => `${p}-${++n}`;
})();

const usernameOf = (kind: CallerKind) => `authz-${kind.replace(/[^a-z]+/g, '-')}`;

/** Builds the world through the APIs (SCIM accounts, v3 orgs, spaces, roles and an instance, a CSM share). */
export async function buildWorld(t: TestGateway): Promise<World> {
  const f = factories(t);
  const org = await f.org(uniq('authz-org'));
  const space = await f.space(org.guid, 'authz-space');
  const otherSpace = await f.space(org.guid, 'authz-other-space');
  const instance = await f.managedInstance(space.guid, 'authz-si');
  const adminCsm = await csmLogin(t.http, 'admin', ADMIN_PASSWORD);
  const login = (username: string) => csmLogin(t.http, username, username === 'admin' ? ADMIN_PASSWORD : PASSWORD);

  const account = async (username: string, scopes: string[] = []) => {
    const res = await t.admin.post('/Users', { userName: username, password: PASSWORD, emails: [{ value: `${username}@example.org` }] });
    if (res.status !== 201) throw new Error(`account ${username}: ${res.status} ${res.text}`);
    const guid = res.body.id as string;
    if ((await t.admin.post('/v3/users', { guid })).status !== 201) throw new Error(`v3 user ${username}`);
    // sharegate's own UAA keeps no groups for SCIM accounts; a read-only admin or global auditor of an external UAA
    // is such an account with the extra scope
    if (scopes.length) await queryRows(t.gateway.store, 'UPDATE users SET scopes = ? WHERE guid = ?', JSON.stringify(scopes), guid);
    return guid;
  };
  const role = async (type: string, userGuid: string, resource: string) => {
    const rel = type.startsWith('space_') ? 'space' : 'organization';
    const res = await t.admin.post('/v3/roles', { type, relationships: { user: { data: { guid: userGuid } }, [rel]: { data: { guid: resource } } } });
    if (res.status !== 201) throw new Error(`role ${type}: ${res.status} ${res.text}`);
    return res.body.guid as string;
  };

  const victimName = 'authz-victim';
  const victimGuid = await account(victimName);
  await role('organization_user', victimGuid, org.guid);
  const victimRole = await role('space_auditor', victimGuid, space.guid);

  const callers: Caller[] = [];
  for (const kind of CALLER_KINDS) {
    if (kind === 'no token' || kind === 'bad token' || kind === 'expired token') continue;
    const declared = DECLARED[kind];
    const username = kind === 'admin' ? 'admin' : usernameOf(kind);
    let guid: string;
    let csmToken: string;
    if (kind === 'admin') {
      guid = t.admin.guid;
      csmToken = adminCsm;
    } else {
      guid = await account(username, declared.scopes);
      for (const g of declared.grants) {
        if (g.resourceType === 'organization') await role(`organization_${g.role}`, guid, org.guid);
        if (g.resourceType === 'space') await role(`space_${g.role}`, guid, space.guid);
      }
      csmToken = await login(username);
    }
    const scopes = [...DEFAULT_USER_SCOPES, ...(declared.scopes ?? [])];
    const token = await mintHs256Token(TEST_SECRET, { username, userGuid: guid, scopes });
    callers.push({
      kind,
      authorization: `bearer ${token}`,
      csmToken,
      username,
      guid,
      actor: makeActor({ userGuid: guid, username, email: null, origin: 'uaa', clientId: 'cf', scopes }),
    });
  }
  // the instance shared with that user, through CSM
  const sharedWith = callers.find((c) => c.kind === 'shared with')!;
  const shared = await t.http
    .post(`/csm/ServiceOfferingInstance/${instance.guid}/share`)
    .set('Authentication-Token', adminCsm)
    .send({ timeout: -1, operationParams: [{ name: 'userNameList', value: [sharedWith.username], type: 'java.lang.String', multiplicity: '0..*' }] });
  if (shared.status !== 200 || shared.body[0].taskState !== 'COMPLETED') throw new Error(`CSM share: ${shared.status} ${shared.text}`);

  // callers without a valid credential
  const expired = await new SignJWT({ user_id: callers[0]!.guid, user_name: 'admin', scope: [SCOPES.admin, SCOPES.read, SCOPES.write], client_id: 'cf', origin: 'uaa' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(callers[0]!.guid)
    .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
    .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
    .sign(Buffer.from(TEST_SECRET, 'utf8'));
  // a CSM session past its idle deadline (CSM_SESSION_IDLE_SECONDS without use), as the clock would leave it
  const ended = await csmLogin(t.http, 'admin', ADMIN_PASSWORD);
  const past = Date.now() - 3_600_000;
  await queryRows(t.gateway.store, 'UPDATE sessions SET last_used_at = ?, expires_at = ? WHERE id = (SELECT max(id) FROM sessions)', past - 1, past);
  callers.unshift(
    { kind: 'no token', username: '', guid: '' },
    { kind: 'bad token', authorization: 'bearer not-a-jwt', csmToken: 'not-a-session', username: '', guid: '' },
    { kind: 'expired token', authorization: `bearer ${expired}`, csmToken: ended, username: '', guid: '' },
  );

  // the policy's view of each caller: the declared grants, as the store reports grants
  const record: ServiceInstance = { guid: instance.guid, ownerGuid: t.admin.guid } as ServiceInstance;
  const owning = { guid: space.guid, organizationGuid: org.guid, status: 'active' } as Space;
  for (const c of callers) {
    if (!c.actor) continue;
    const grants = c.kind === 'admin' ? [] : DECLARED[c.kind as keyof typeof DECLARED].grants;
    const deps = {
      store: {
        listUserGrants: async () =>
          grants.map((g) => ({
            resourceType: g.resourceType,
            resourceGuid: g.resourceType === 'organization' ? org.guid : g.resourceType === 'space' ? space.guid : instance.guid,
            organizationGuid: g.resourceType === 'space' ? org.guid : null,
            roles: [g.role],
          })),
        listLiveSharesOfResource: async () => [],
        getSpaces: async () => [],
      },
    } as unknown as Deps;
    c.access = await loadAccess(deps, c.actor);
    c.instance = await instanceAccess(deps, c.actor, record, owning);
  }
  return {
    org: org.guid,
    orgName: org.name,
    space: space.guid,
    otherSpace: otherSpace.guid,
    instance: instance.guid,
    instanceName: instance.name,
    ownerGuid: t.admin.guid,
    victim: { guid: victimGuid, username: victimName, role: victimRole },
    callers,
    adminCsm,
    csmLogin: login,
  };
}

export type Outcome = 'ok' | 'hidden' | 'forbidden' | 'invalid';

/** The policy's predicates over the world, for one authenticated caller. */
export function policyOf(w: World, c: Caller) {
  const actor = c.actor!;
  const access = c.access!;
  const space = { guid: w.space, organizationGuid: w.org, status: 'active' as const };
  const readOrg = canReadOrganization(actor, access, w.org);
  const readSpace = canReadSpace(actor, access, space);
  const gate = (visible: boolean, allowed: boolean): Outcome => (!visible ? 'hidden' : allowed ? 'ok' : 'forbidden');
  const instance = c.instance!;
  return {
    actor,
    readOrg,
    readSpace,
    orgRead: (): Outcome => gate(readOrg, true),
    orgManage: (): Outcome => gate(readOrg, canManageOrganization(actor, access, w.org)),
    orgAdmin: (): Outcome => gate(readOrg, actor.isAdmin),
    spaceRead: (): Outcome => gate(readSpace, true),
    spaceManageRoles: (): Outcome => gate(readSpace, canManageSpaceRoles(actor, access, space)),
    spaceManageByOrg: (): Outcome => gate(readSpace, canManageOrganization(actor, access, w.org)),
    spaceWrite: (): Outcome => gate(readSpace, canWriteSpace(actor, access, space)),
    viewSpaceShares: (): Outcome => (!readSpace ? 'hidden' : canViewSpaceUserShares(actor, access, space) ? 'ok' : 'hidden'),
    instanceRead: (): Outcome => gate(instance.read, true),
    instanceParameters: (): Outcome => gate(instance.read, instance.readOwning),
    instanceManage: (): Outcome => gate(instance.read, instance.manage),
    instanceShare: (): Outcome => gate(instance.read, instance.share),
    instanceShareWithUsers: (): Outcome => gate(instance.read, canShareWithUsers(actor, access, { ownerGuid: w.ownerGuid }, space)),
    instanceTransfer: (): Outcome => gate(instance.read, canTransferInstance(actor, access, w.org, w.org)),
    instanceDecommission: (): Outcome => gate(instance.read, instance.manage || isOrganizationManager(access, w.org)),
    admin: (): Outcome => (actor.isAdmin ? 'ok' : 'forbidden'),
    readsAll: (): Outcome => (actor.readsAll ? 'ok' : 'forbidden'),
  };
}
export type Policy = ReturnType<typeof policyOf>;
