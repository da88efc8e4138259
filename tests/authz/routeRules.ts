// For every route the routers register: a request that exercises it against the world of ./callers.ts, the policy
// rule that decides who may make it, and the status of an allowed call. Routes that destroy or move the world's
// records (deletes, transfers) get fresh records of the same kind, placed the same way, for the callers the policy
// allows; a caller the policy refuses is always sent to the world's own records (which must then not change).
import { randomUUID } from 'node:crypto';
import type { Caller, Outcome, Policy, World } from './callers';
import { PASSWORD } from '../helpers/csm';
import { DEFAULT_PLANS } from '../helpers/factories';
import type { TestGateway } from '../helpers/testGateway';

export interface Cell {
  path: string;
  body?: unknown;
  /** CSM: the session token to send instead of the caller's own (a fresh one for logout) */
  csmToken?: string;
}

export interface Ctx {
  t: TestGateway;
  w: World;
  c: Caller;
  /** whether the policy allows this caller (fresh records are made only then) */
  allowed: boolean;
  fresh: Fresh;
}

export interface RouteRule {
  /** `METHOD path` exactly as the router registers it (`_ALL` for router.all) */
  route: string;
  /** CSM's generic routes are asked about once per class and operation */
  variant?: string;
  /** the policy's outcome for an authenticated caller; `open` routes answer everyone (any credential) alike */
  rule: ((p: Policy, w: World) => Outcome) | 'open';
  /** the status of an allowed call (of every call, for open routes) */
  ok: number;
  /** where the real server shows a refusal otherwise than its dialect usually does (said where it is used) */
  hiddenAs?: number;
  forbiddenAs?: number;
  request(x: Ctx): Cell | Promise<Cell>;
}

let n = 0;
const uniq = (p: string) => `${p}-${++n}`;

/** Fresh records made by the admin for one allowed call. */
export function freshMaker(t: TestGateway, w: World) {
  const expect2xx = <R extends { status: number; text: string }>(res: R, what: string): R => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text}`);
    return res;
  };
  const maker = {
    async org() {
      return (expect2xx(await t.admin.post('/v3/organizations', { name: uniq('authz-fresh-org') }), 'org').body as { guid: string }).guid;
    },
    async space() {
      return (
        expect2xx(await t.admin.post('/v3/spaces', { name: uniq('authz-fresh-space'), relationships: { organization: { data: { guid: w.org } } } }), 'space').body as {
          guid: string;
        }
      ).guid;
    },
    /** an instance in the world's space, owned by the admin; shared (through CSM) with `sharedWith` when given */
    async instance(sharedWith?: Caller, type: 'managed' | 'user-provided' = 'managed') {
      const name = uniq('authz-fresh-si');
      const res = await t.admin.post('/v3/service_instances', {
        type,
        name,
        relationships: { space: { data: { guid: w.space } }, ...(type === 'managed' ? { service_plan: { data: { guid: DEFAULT_PLANS.shareable } } } : {}) },
      });
      expect2xx(res, 'instance');
      await t.settle();
      const guid = (await t.admin.get(`/v3/service_instances?names=${name}`)).body.resources[0].guid as string;
      if (sharedWith?.kind === 'shared with') {
        expect2xx(
          await t.http
            .post(`/csm/ServiceOfferingInstance/${guid}/share`)
            .set('Authentication-Token', w.adminCsm)
            .send({ timeout: -1, operationParams: [{ name: 'userNameList', value: [sharedWith.username], type: 'java.lang.String', multiplicity: '0..*' }] }),
          'share',
        );
      }
      return guid;
    },
    /** a new account, a CF user and organization user of the world's organization */
    async user() {
      const username = uniq('authz-fresh-user');
      const res = expect2xx(await t.admin.post('/Users', { userName: username, password: 'authz-Pa55word', emails: [{ value: `${username}@example.org` }] }), 'account');
      const guid = res.body.id as string;
      expect2xx(await t.admin.post('/v3/users', { guid }), 'user');
      expect2xx(await t.admin.post('/v3/roles', { type: 'organization_user', relationships: { user: { data: { guid } }, organization: { data: { guid: w.org } } } }), 'org user');
      return { guid, username };
    },
    /** a space auditor role in the world's space, of a fresh user */
    async role() {
      const user = await maker.user();
      const res = expect2xx(
        await t.admin.post('/v3/roles', { type: 'space_auditor', relationships: { user: { data: { guid: user.guid } }, space: { data: { guid: w.space } } } }),
        'role',
      );
      return res.body.guid as string;
    },
    /** a refresh token of the victim, from a password login as the cf CLI makes it */
    async refreshToken() {
      const res = await t.http
        .post('/oauth/token')
        .type('form')
        .set('Authorization', `Basic ${Buffer.from('cf:').toString('base64')}`)
        .send({ grant_type: 'password', username: w.victim.username, password: PASSWORD });
      return (expect2xx(res, 'login').body as { refresh_token: string }).refresh_token;
    },
    /** an environment share of the world's space with a fresh user */
    async envShare() {
      const user = await maker.user();
      return (expect2xx(await t.admin.post(`/v1/envs/${w.space}/shares`, { granteeAccountId: user.guid, roles: ['viewer'] }), 'env share').body as { id: string }).id;
    },
  };
  return maker;
}
export type Fresh = ReturnType<typeof freshMaker>;

/** Targets the matrix needs besides the world: found or made once, as the admin. */
export interface Extras {
  job: string;
  spaceEvent: string;
  quota: string;
  offering: string;
  plan: string;
  broker: string;
  ups: string;
  adminTask: string;
  envShare: string;
  /** a refresh token of the victim's */
  refreshToken: string;
  /** an API token of the space developer's account */
  apiToken: string;
  developerGuid: string;
  /** a user whose v2 user relations are changed by the admin only */
  relationsUser: string;
  /** subjects of the v2 organization and space role routes */
  orgRoleUser: { guid: string; username: string };
  spaceRoleUser: { guid: string; username: string };
}

const SPACE_ROLE_LISTS = ['managers', 'developers', 'auditors'];
const USER_RELATIONS = ['spaces', 'managed_spaces', 'audited_spaces', 'organizations', 'managed_organizations', 'billing_managed_organizations', 'audited_organizations'];

/** Outcome helpers for rules that are not one predicate. */
const own = (ok: boolean): Outcome => (ok ? 'ok' : 'hidden');
/** creating in the world's space: the space must be readable (else the body names an invalid space) and writable */
const createIn = (p: Policy): Outcome => (!p.readSpace ? 'invalid' : p.spaceWrite());
/** a user is visible to those who read everything, and to callers who can read an organization the user has a role in */
const userVisible = (p: Policy) => p.actor.readsAll || p.readOrg;

export function routeRules(x: Extras): RouteRule[] {
  const rules: RouteRule[] = [
    // root and discovery
    { route: 'GET /', rule: 'open', ok: 200, request: () => ({ path: '/' }) },
    { route: 'GET /v3', rule: 'open', ok: 200, request: () => ({ path: '/v3' }) },
    { route: 'GET /v3/info', rule: 'open', ok: 200, request: () => ({ path: '/v3/info' }) },
    { route: 'GET /healthz', rule: 'open', ok: 200, request: () => ({ path: '/healthz' }) },
    { route: 'GET /readyz', rule: 'open', ok: 200, request: () => ({ path: '/readyz' }) },
    { route: 'GET /metrics', rule: 'open', ok: 200, request: () => ({ path: '/metrics' }) },
    { route: 'GET /admin/usage', rule: (p) => p.admin(), ok: 200, request: () => ({ path: '/admin/usage' }) },
    { route: 'GET /admin/usage.html', rule: (p) => p.admin(), ok: 200, request: () => ({ path: '/admin/usage.html' }) },

    // v3 organizations
    { route: 'GET /v3/organizations', rule: () => 'ok', ok: 200, request: () => ({ path: '/v3/organizations' }) },
    { route: 'POST /v3/organizations', rule: (p) => p.admin(), ok: 201, request: () => ({ path: '/v3/organizations', body: { name: uniq('authz-new-org') } }) },
    { route: 'GET /v3/organizations/:guid', rule: (p) => p.orgRead(), ok: 200, request: ({ w }) => ({ path: `/v3/organizations/${w.org}` }) },
    {
      route: 'PATCH /v3/organizations/:guid',
      rule: (p) => p.orgManage(),
      ok: 200,
      request: ({ w }) => ({ path: `/v3/organizations/${w.org}`, body: { metadata: { labels: { touched: 'yes' } } } }),
    },
    {
      route: 'DELETE /v3/organizations/:guid',
      rule: (p) => p.orgAdmin(),
      ok: 202,
      request: async ({ w, allowed, fresh }) => ({ path: `/v3/organizations/${allowed ? await fresh.org() : w.org}` }),
    },
    { route: 'GET /v3/organizations/:guid/domains', rule: (p) => p.orgRead(), ok: 200, request: ({ w }) => ({ path: `/v3/organizations/${w.org}/domains` }) },
    { route: 'GET /v3/organizations/:guid/domains/default', rule: (p) => p.orgRead(), ok: 404, request: ({ w }) => ({ path: `/v3/organizations/${w.org}/domains/default` }) },
    { route: 'GET /v3/organizations/:guid/users', rule: (p) => p.orgRead(), ok: 200, request: ({ w }) => ({ path: `/v3/organizations/${w.org}/users` }) },
    { route: 'GET /v3/organizations/:guid/usage_summary', rule: (p) => p.orgRead(), ok: 200, request: ({ w }) => ({ path: `/v3/organizations/${w.org}/usage_summary` }) },
    {
      route: 'GET /v3/organizations/:guid/relationships/default_isolation_segment',
      rule: (p) => p.orgRead(),
      ok: 200,
      request: ({ w }) => ({ path: `/v3/organizations/${w.org}/relationships/default_isolation_segment` }),
    },
    { route: 'GET /v3/organization_quotas', rule: () => 'ok', ok: 200, request: () => ({ path: '/v3/organization_quotas' }) },
    { route: 'GET /v3/organization_quotas/:guid', rule: () => 'ok', ok: 200, request: () => ({ path: `/v3/organization_quotas/${x.quota}` }) },
    // Cloud Controller answers its generic not-found to those who cannot read globally
    { route: 'GET /v3/info/usage_summary', rule: (p) => own(p.actor.readsAll), ok: 200, request: () => ({ path: '/v3/info/usage_summary' }) },
    { route: 'GET /v3/isolation_segments', rule: () => 'ok', ok: 200, request: () => ({ path: '/v3/isolation_segments' }) },

    // v3 spaces
    { route: 'GET /v3/spaces', rule: () => 'ok', ok: 200, request: () => ({ path: '/v3/spaces' }) },
    {
      route: 'POST /v3/spaces',
      rule: (p) => (!p.readOrg ? 'invalid' : p.orgManage()),
      ok: 201,
      request: ({ w }) => ({ path: '/v3/spaces', body: { name: uniq('authz-new-space'), relationships: { organization: { data: { guid: w.org } } } } }),
    },
    { route: 'GET /v3/spaces/:guid', rule: (p) => p.spaceRead(), ok: 200, request: ({ w }) => ({ path: `/v3/spaces/${w.space}` }) },
    {
      route: 'PATCH /v3/spaces/:guid',
      rule: (p) => p.spaceManageRoles(),
      ok: 200,
      request: ({ w }) => ({ path: `/v3/spaces/${w.space}`, body: { metadata: { labels: { touched: 'yes' } } } }),
    },
    {
      route: 'DELETE /v3/spaces/:guid',
      rule: (p) => p.spaceManageByOrg(),
      ok: 202,
      request: async ({ w, allowed, fresh }) => ({ path: `/v3/spaces/${allowed ? await fresh.space() : w.space}` }),
    },
    { route: 'GET /v3/spaces/:guid/users', rule: (p) => p.spaceRead(), ok: 200, request: ({ w }) => ({ path: `/v3/spaces/${w.space}/users` }) },
    { route: 'GET /v3/spaces/:guid/features', rule: (p) => p.spaceRead(), ok: 200, request: ({ w }) => ({ path: `/v3/spaces/${w.space}/features` }) },
    { route: 'GET /v3/spaces/:guid/features/:name', rule: (p) => p.spaceRead(), ok: 200, request: ({ w }) => ({ path: `/v3/spaces/${w.space}/features/ssh` }) },

    // v3 users and roles
    { route: 'GET /v3/users', rule: () => 'ok', ok: 200, request: () => ({ path: '/v3/users' }) },
    { route: 'POST /v3/users', rule: (p) => p.admin(), ok: 201, request: () => ({ path: '/v3/users', body: { guid: randomUUID() } }) },
    { route: 'GET /v3/users/:guid', rule: (p) => own(userVisible(p)), ok: 200, request: ({ w }) => ({ path: `/v3/users/${w.victim.guid}` }) },
    {
      route: 'PATCH /v3/users/:guid',
      rule: (p) => (!userVisible(p) ? 'hidden' : p.admin()),
      ok: 200,
      request: ({ w }) => ({ path: `/v3/users/${w.victim.guid}`, body: { metadata: { labels: { touched: 'yes' } } } }),
    },
    {
      route: 'DELETE /v3/users/:guid',
      rule: (p) => (!userVisible(p) ? 'hidden' : p.admin()),
      ok: 202,
      request: async ({ w, allowed, fresh }) => ({ path: `/v3/users/${allowed ? (await fresh.user()).guid : w.victim.guid}` }),
    },
    { route: 'GET /v3/roles', rule: () => 'ok', ok: 200, request: () => ({ path: '/v3/roles' }) },
    {
      // as in Cloud Controller, only a missing space is 422; one the caller may not manage roles in is 403
      route: 'POST /v3/roles',
      rule: (p) => (p.spaceManageRoles() === 'ok' ? 'ok' : 'forbidden'),
      ok: 201,
      request: async ({ w, allowed, fresh }) => ({
        path: '/v3/roles',
        body: { type: 'space_auditor', relationships: { user: { data: { guid: allowed ? (await fresh.user()).guid : w.victim.guid } }, space: { data: { guid: w.space } } } },
      }),
    },
    { route: 'GET /v3/roles/:guid', rule: (p) => p.spaceRead(), ok: 200, request: ({ w }) => ({ path: `/v3/roles/${w.victim.role}` }) },
    {
      route: 'DELETE /v3/roles/:guid',
      rule: (p) => p.spaceManageRoles(),
      ok: 202,
      request: async ({ w, allowed, fresh }) => ({ path: `/v3/roles/${allowed ? await fresh.role() : w.victim.role}` }),
    },

    // v3 feature flags, jobs, events
    { route: 'GET /v3/feature_flags', rule: () => 'ok', ok: 200, request: () => ({ path: '/v3/feature_flags' }) },
    { route: 'GET /v3/feature_flags/:name', rule: () => 'ok', ok: 200, request: () => ({ path: '/v3/feature_flags/service_instance_sharing' }) },
    {
      route: 'PATCH /v3/feature_flags/:name',
      rule: (p) => p.admin(),
      ok: 200,
      request: () => ({ path: '/v3/feature_flags/service_instance_sharing', body: { enabled: true } }),
    },
    // Cloud Controller shows a job to anyone signed in who has its guid
    { route: 'GET /v3/jobs/:guid', rule: () => 'ok', ok: 200, request: () => ({ path: `/v3/jobs/${x.job}` }) },
    { route: 'GET /v3/audit_events', rule: () => 'ok', ok: 200, request: () => ({ path: '/v3/audit_events' }) },
    { route: 'GET /v3/audit_events/:guid', rule: (p) => p.spaceRead(), ok: 200, request: () => ({ path: `/v3/audit_events/${x.spaceEvent}` }) },

    // v3 catalog
    { route: 'GET /v3/service_offerings', rule: () => 'ok', ok: 200, request: () => ({ path: '/v3/service_offerings' }) },
    { route: 'GET /v3/service_offerings/:guid', rule: () => 'ok', ok: 200, request: () => ({ path: `/v3/service_offerings/${x.offering}` }) },
    { route: 'GET /v3/service_plans', rule: () => 'ok', ok: 200, request: () => ({ path: '/v3/service_plans' }) },
    { route: 'GET /v3/service_plans/:guid', rule: () => 'ok', ok: 200, request: () => ({ path: `/v3/service_plans/${x.plan}` }) },
    { route: 'GET /v3/service_plans/:guid/visibility', rule: () => 'ok', ok: 200, request: () => ({ path: `/v3/service_plans/${x.plan}/visibility` }) },
    { route: 'GET /v3/service_brokers', rule: () => 'ok', ok: 200, request: () => ({ path: '/v3/service_brokers' }) },
    { route: 'GET /v3/service_brokers/:guid', rule: (p) => own(p.actor.readsAll), ok: 200, request: () => ({ path: `/v3/service_brokers/${x.broker}` }) },
    { route: 'GET /v3/service_credential_bindings', rule: () => 'ok', ok: 200, request: () => ({ path: '/v3/service_credential_bindings' }) },
    { route: 'GET /v3/service_route_bindings', rule: () => 'ok', ok: 200, request: () => ({ path: '/v3/service_route_bindings' }) },

    // v3 service instances
    { route: 'GET /v3/service_instances', rule: () => 'ok', ok: 200, request: () => ({ path: '/v3/service_instances' }) },
    {
      route: 'POST /v3/service_instances',
      rule: createIn,
      ok: 202,
      request: ({ w }) => ({
        path: '/v3/service_instances',
        body: { type: 'managed', name: uniq('authz-new-si'), relationships: { space: { data: { guid: w.space } }, service_plan: { data: { guid: DEFAULT_PLANS.shareable } } } },
      }),
    },
    { route: 'GET /v3/service_instances/:guid', rule: (p) => p.instanceRead(), ok: 200, request: ({ w }) => ({ path: `/v3/service_instances/${w.instance}` }) },
    {
      route: 'PATCH /v3/service_instances/:guid',
      rule: (p) => p.instanceManage(),
      ok: 200,
      request: ({ w }) => ({ path: `/v3/service_instances/${w.instance}`, body: { metadata: { labels: { touched: 'yes' } } } }),
    },
    {
      route: 'DELETE /v3/service_instances/:guid',
      rule: (p) => p.instanceManage(),
      ok: 202,
      request: async ({ w, c, allowed, fresh }) => ({ path: `/v3/service_instances/${allowed ? await fresh.instance(c) : w.instance}` }),
    },
    {
      route: 'GET /v3/service_instances/:guid/credentials',
      // a user-provided instance of the space (not shared with anyone): read through the space
      rule: (p) => (!p.readSpace ? 'hidden' : p.actor.isAdmin || p.actor.scopes.has('cloud_controller.admin_read_only') || p.spaceWrite() === 'ok' ? 'ok' : 'forbidden'),
      ok: 200,
      request: () => ({ path: `/v3/service_instances/${x.ups}/credentials` }),
    },
    // parameters are for readers through the instance's own space, as Cloud Controller keeps them from shared spaces
    {
      route: 'GET /v3/service_instances/:guid/parameters',
      rule: (p) => p.instanceParameters(),
      ok: 200,
      request: ({ w }) => ({ path: `/v3/service_instances/${w.instance}/parameters` }),
    },
    // Cloud Controller answers read and manage (both false for a stranger) to anyone signed in
    { route: 'GET /v3/service_instances/:guid/permissions', rule: () => 'ok', ok: 200, request: ({ w }) => ({ path: `/v3/service_instances/${w.instance}/permissions` }) },
    {
      route: 'GET /v3/service_instances/:guid/relationships/shared_spaces',
      rule: (p) => p.instanceRead(),
      ok: 200,
      request: ({ w }) => ({ path: `/v3/service_instances/${w.instance}/relationships/shared_spaces` }),
    },
    {
      // the target is the other space, where only admins may write: a caller who may share gets 422 for it otherwise
      route: 'POST /v3/service_instances/:guid/relationships/shared_spaces',
      rule: (p) => {
        const share = p.instanceShare();
        return share === 'ok' && !p.actor.isAdmin ? 'invalid' : share;
      },
      ok: 200,
      request: ({ w }) => ({ path: `/v3/service_instances/${w.instance}/relationships/shared_spaces`, body: { data: [{ guid: w.otherSpace }] } }),
    },
    {
      route: 'DELETE /v3/service_instances/:guid/relationships/shared_spaces/:space_guid',
      rule: (p) => p.instanceShare(),
      ok: 204,
      request: ({ w }) => ({ path: `/v3/service_instances/${w.instance}/relationships/shared_spaces/${w.otherSpace}` }),
    },
    {
      route: 'GET /v3/service_instances/:guid/relationships/shared_spaces/usage_summary',
      rule: (p) => p.instanceRead(),
      ok: 200,
      request: ({ w }) => ({ path: `/v3/service_instances/${w.instance}/relationships/shared_spaces/usage_summary` }),
    },

    // UAA
    { route: 'POST /oauth/token', rule: 'open', ok: 401, request: () => ({ path: '/oauth/token', body: { grant_type: 'password', username: 'nobody', password: 'wrong' } }) },
    { route: '_ALL /oauth/token', rule: 'open', ok: 405, request: () => ({ path: '/oauth/token' }) },
    {
      // a refresh token of the victim: its owner or an account administrator may revoke it; to anyone else it does not exist
      route: 'DELETE /oauth/token/revoke/:tokenId',
      rule: (p) => (p.actor.isAdmin ? 'ok' : 'hidden'),
      ok: 200,
      request: async ({ allowed, fresh }) => ({ path: `/oauth/token/revoke/${allowed ? await fresh.refreshToken() : x.refreshToken}` }),
    },
    {
      route: 'GET /oauth/token/revoke/user/:userId',
      rule: (p) => p.admin(),
      ok: 200,
      request: ({ w }) => ({ path: `/oauth/token/revoke/user/${w.victim.guid}` }),
    },
    { route: 'GET /token_keys', rule: 'open', ok: 200, request: () => ({ path: '/token_keys' }) },
    { route: 'GET /token_key', rule: 'open', ok: 200, request: () => ({ path: '/token_key' }) },
    { route: 'GET /login', rule: 'open', ok: 200, request: () => ({ path: '/login' }) },
    { route: 'GET /userinfo', rule: () => 'ok', ok: 200, request: () => ({ path: '/userinfo' }) },
    { route: 'POST /userinfo', rule: () => 'ok', ok: 200, request: () => ({ path: '/userinfo' }) },
    {
      route: 'POST /Users',
      rule: (p) => p.admin(),
      ok: 201,
      request: () => {
        const userName = uniq('authz-scim');
        return { path: '/Users', body: { userName, password: 'authz-Pa55word', emails: [{ value: `${userName}@example.org` }] } };
      },
    },
    { route: 'GET /Users', rule: (p) => p.admin(), ok: 200, request: () => ({ path: '/Users' }) },
    { route: 'GET /Users/:id', rule: (p) => p.admin(), ok: 200, request: ({ w }) => ({ path: `/Users/${w.victim.guid}` }) },
    {
      route: 'DELETE /Users/:id',
      rule: (p) => p.admin(),
      ok: 200,
      request: async ({ w, allowed, fresh }) => ({ path: `/Users/${allowed ? (await fresh.user()).guid : w.victim.guid}` }),
    },
    {
      route: 'PUT /Users/:id/password',
      rule: (p) => p.admin(),
      ok: 200,
      // UAA refuses another user's password with 400 invalid_password
      forbiddenAs: 400,
      request: async ({ w, allowed, fresh }) => ({ path: `/Users/${allowed ? (await fresh.user()).guid : w.victim.guid}/password`, body: { password: 'authz-New-Pa55word' } }),
    },

    // environment shares
    {
      route: 'GET /v1/envs/:environment_id/shares',
      rule: (p) => (!p.readSpace ? 'hidden' : p.viewSpaceShares() === 'ok' ? 'ok' : 'forbidden'),
      ok: 200,
      request: ({ w }) => ({ path: `/v1/envs/${w.space}/shares` }),
    },
    {
      route: 'POST /v1/envs/:environment_id/shares',
      rule: (p) => p.spaceManageRoles(),
      ok: 200,
      request: async ({ w, allowed, fresh }) => ({
        path: `/v1/envs/${w.space}/shares`,
        body: { granteeAccountId: allowed ? (await fresh.user()).guid : w.victim.guid, roles: ['viewer'] },
      }),
    },
    { route: 'GET /v1/environment-shares/:environment_share_id', rule: (p) => p.viewSpaceShares(), ok: 200, request: () => ({ path: `/v1/environment-shares/${x.envShare}` }) },
    {
      route: 'PATCH /v1/environment-shares/:environment_share_id',
      rule: (p) => (p.viewSpaceShares() !== 'ok' ? 'hidden' : p.spaceManageRoles()),
      ok: 200,
      request: async ({ t }) => {
        const current = await t.admin.get(`/v1/environment-shares/${x.envShare}`);
        return { path: `/v1/environment-shares/${x.envShare}`, body: { currentRevision: current.body.revision, roles: ['viewer'] } };
      },
    },
    {
      route: 'DELETE /v1/environment-shares/:environment_share_id',
      rule: (p) => (p.viewSpaceShares() !== 'ok' ? 'hidden' : p.spaceManageRoles()),
      ok: 200,
      request: async ({ t, allowed, fresh }) => {
        const id = allowed ? await fresh.envShare() : x.envShare;
        const current = await t.admin.get(`/v1/environment-shares/${id}`);
        return { path: `/v1/environment-shares/${id}?current_revision=${current.body.revision}` };
      },
    },
    {
      route: 'GET /v1/accounts/:account_id/tokens',
      rule: (p) => (p.actor.userGuid === x.developerGuid ? 'ok' : p.admin()),
      ok: 200,
      request: () => ({ path: `/v1/accounts/${x.developerGuid}/tokens` }),
    },
    {
      route: 'POST /v1/accounts/:account_id/tokens',
      rule: (p) => (p.actor.userGuid === x.developerGuid ? 'ok' : p.admin()),
      ok: 200,
      request: () => ({ path: `/v1/accounts/${x.developerGuid}/tokens`, body: { expiresAt: new Date(Date.now() + 3_600_000).toISOString() } }),
    },
    {
      route: 'GET /v1/accounts/:account_id/tokens/:token_id',
      rule: (p) => (p.actor.userGuid === x.developerGuid ? 'ok' : p.admin()),
      ok: 200,
      request: () => ({ path: `/v1/accounts/${x.developerGuid}/tokens/${x.apiToken}` }),
    },
    {
      route: 'DELETE /v1/accounts/:account_id/tokens/:token_id',
      rule: (p) => (p.actor.userGuid === x.developerGuid ? 'ok' : p.admin()),
      ok: 200,
      request: async ({ t, allowed }) => {
        if (!allowed) return { path: `/v1/accounts/${x.developerGuid}/tokens/${x.apiToken}` };
        const made = await t.admin.post(`/v1/accounts/${x.developerGuid}/tokens`, { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
        return { path: `/v1/accounts/${x.developerGuid}/tokens/${made.body.data.id}` };
      },
    },

    // CSM
    { route: 'POST /csm/login', rule: 'open', ok: 401, request: () => ({ path: '/csm/login', body: { username: 'nobody', password: 'wrong' } }) },
    {
      route: 'POST /csm/logout',
      rule: () => 'ok',
      ok: 200,
      request: async ({ w, c, allowed }) => ({ path: '/csm/logout', body: {}, csmToken: allowed ? await w.csmLogin(c.username) : undefined }),
    },
    {
      route: 'GET /csm/:cls/:guid',
      variant: 'ServiceOfferingInstance',
      rule: (p) => p.instanceRead(),
      ok: 200,
      request: ({ w }) => ({ path: `/csm/ServiceOfferingInstance/${w.instance}` }),
    },
    { route: 'GET /csm/:cls/:guid', variant: 'ServiceOffering', rule: () => 'ok', ok: 200, request: () => ({ path: `/csm/ServiceOffering/${x.offering}` }) },
    { route: 'GET /csm/:cls/:guid', variant: 'Task', rule: (p) => own(p.actor.readsAll), ok: 200, request: () => ({ path: `/csm/task/${x.adminTask}` }) },
    { route: 'GET /csm/:cls/:guid/:rel', variant: 'Task result', rule: (p) => own(p.actor.readsAll), ok: 200, request: () => ({ path: `/csm/task/${x.adminTask}/result` }) },
    {
      route: 'POST /csm/:cls/:seg',
      variant: 'ServiceOfferingInstance search',
      rule: () => 'ok',
      ok: 200,
      request: () => ({ path: '/csm/ServiceOfferingInstance/search', body: {} }),
    },
    { route: 'POST /csm/:cls/:seg', variant: 'ServiceOffering search', rule: () => 'ok', ok: 200, request: () => ({ path: '/csm/ServiceOffering/search', body: {} }) },
    {
      route: 'POST /csm/:cls/:seg',
      variant: 'ServiceOfferingInstance refresh',
      rule: (p) => p.instanceRead(),
      ok: 200,
      request: ({ w }) => ({ path: `/csm/ServiceOfferingInstance/${w.instance}`, body: {} }),
    },
    {
      // provisioning needs a space the caller may write in, in the tenant named
      route: 'POST /csm/:cls/:seg',
      variant: 'ServiceOfferingInstance bulkCreate',
      rule: (p) => (p.spaceWrite() === 'ok' ? 'ok' : 'invalid'),
      ok: 200,
      request: ({ w }) => ({
        path: '/csm/ServiceOfferingInstance/bulkCreate',
        body: {
          timeout: 0,
          operationParams: [
            { name: 'serviceOfferingID', value: { guid: x.offering }, type: 'com.bmc.cloud.model.beans.ServiceOffering', multiplicity: '1' },
            { name: 'name', value: uniq('authz-bulk'), type: 'java.lang.String', multiplicity: '0..1' },
            { name: 'tenant', value: w.orgName, type: 'java.lang.String', multiplicity: '0..1' },
          ],
        },
      }),
    },
    {
      route: 'POST /csm/:cls/:guid/:op',
      variant: 'ServiceOfferingInstance share',
      rule: (p) => p.instanceShareWithUsers(),
      ok: 200,
      request: ({ w }) => ({
        path: `/csm/ServiceOfferingInstance/${w.instance}/share`,
        body: {
          timeout: -1,
          operationParams: [{ name: 'userNameList', value: [w.callers.find((c) => c.kind === 'shared with')!.username], type: 'java.lang.String', multiplicity: '0..*' }],
        },
      }),
    },
    {
      route: 'POST /csm/:cls/:guid/:op',
      variant: 'ServiceOfferingInstance transferOwnership',
      rule: (p) => p.instanceTransfer(),
      ok: 200,
      request: async ({ w, c, allowed, fresh }) => ({
        path: `/csm/ServiceOfferingInstance/${allowed ? await fresh.instance(c) : w.instance}/transferOwnership`,
        body: {
          timeout: 0,
          operationParams: [
            { name: 'newOwnerName', value: w.victim.username, type: 'java.lang.String', multiplicity: '1' },
            { name: 'newTenantName', value: w.orgName, type: 'java.lang.String', multiplicity: '1' },
          ],
        },
      }),
    },
    {
      route: 'POST /csm/:cls/:guid/:op',
      variant: 'ServiceOfferingInstance decommission',
      rule: (p) => p.instanceDecommission(),
      ok: 200,
      request: async ({ w, c, allowed, fresh }) => ({ path: `/csm/ServiceOfferingInstance/${allowed ? await fresh.instance(c) : w.instance}/decommission`, body: { timeout: 0 } }),
    },
    // a path CSM does not have is 404 to anyone, before any credential is looked at
    { route: '_ALL /csm{/*rest}', rule: 'open', ok: 404, request: () => ({ path: '/csm/NoSuchClass/x/y/z' }) },
  ];
  return [...rules, ...v2Rules(x)];
}

function v2Rules(x: Extras): RouteRule[] {
  const rules: RouteRule[] = [
    { route: 'GET /v2/info', rule: 'open', ok: 200, request: () => ({ path: '/v2/info' }) },
    // organizations
    { route: 'GET /v2/organizations', rule: () => 'ok', ok: 200, request: () => ({ path: '/v2/organizations' }) },
    { route: 'POST /v2/organizations', rule: (p) => p.admin(), ok: 201, request: () => ({ path: '/v2/organizations', body: { name: uniq('authz-v2-org') } }) },
    { route: 'GET /v2/organizations/:guid', rule: (p) => p.orgRead(), ok: 200, request: ({ w }) => ({ path: `/v2/organizations/${w.org}` }) },
    { route: 'PUT /v2/organizations/:guid', rule: (p) => p.orgManage(), ok: 201, request: ({ w }) => ({ path: `/v2/organizations/${w.org}`, body: { name: w.orgName } }) },
    {
      route: 'DELETE /v2/organizations/:guid',
      rule: (p) => p.orgAdmin(),
      ok: 204,
      request: async ({ w, allowed, fresh }) => ({ path: `/v2/organizations/${allowed ? await fresh.org() : w.org}` }),
    },
    ...['spaces', 'users', 'managers', 'auditors', 'billing_managers', 'user_roles', 'services', 'space_quota_definitions', 'domains', 'private_domains', 'app_events'].map(
      (list): RouteRule => ({
        route: `GET /v2/organizations/:guid/${list}`,
        rule: (p) => p.orgRead(),
        ok: 200,
        request: ({ w }) => ({ path: `/v2/organizations/${w.org}/${list}` }),
      }),
    ),
    // spaces
    { route: 'GET /v2/spaces', rule: () => 'ok', ok: 200, request: () => ({ path: '/v2/spaces' }) },
    {
      // v2 does not tell an invisible organization from a forbidden one: both are 403
      route: 'POST /v2/spaces',
      rule: (p) => p.orgManage(),
      ok: 201,
      request: ({ w }) => ({ path: '/v2/spaces', body: { name: uniq('authz-v2-space'), organization_guid: w.org } }),
    },
    { route: 'GET /v2/spaces/:guid', rule: (p) => p.spaceRead(), ok: 200, request: ({ w }) => ({ path: `/v2/spaces/${w.space}` }) },
    { route: 'PUT /v2/spaces/:guid', rule: (p) => p.spaceManageRoles(), ok: 201, request: ({ w }) => ({ path: `/v2/spaces/${w.space}`, body: { name: 'authz-space' } }) },
    {
      route: 'DELETE /v2/spaces/:guid',
      rule: (p) => p.spaceManageByOrg(),
      ok: 204,
      request: async ({ w, allowed, fresh }) => ({ path: `/v2/spaces/${allowed ? await fresh.space() : w.space}` }),
    },
    ...[
      'managers',
      'developers',
      'auditors',
      'user_roles',
      'apps',
      'routes',
      'domains',
      'security_groups',
      'staging_security_groups',
      'app_events',
      'events',
      'service_instances',
      'services',
      'summary',
    ].map((list): RouteRule => ({ route: `GET /v2/spaces/:guid/${list}`, rule: (p) => p.spaceRead(), ok: 200, request: ({ w }) => ({ path: `/v2/spaces/${w.space}/${list}` }) })),
    // service instances
    { route: 'GET /v2/service_instances', rule: () => 'ok', ok: 200, request: () => ({ path: '/v2/service_instances' }) },
    { route: 'GET /v2/managed_service_instances', rule: () => 'ok', ok: 200, request: () => ({ path: '/v2/managed_service_instances' }) },
    { route: 'GET /v2/managed_service_instances/:guid', rule: (p) => p.instanceRead(), ok: 200, request: ({ w }) => ({ path: `/v2/managed_service_instances/${w.instance}` }) },
    {
      route: 'POST /v2/service_instances',
      rule: createIn,
      ok: 201,
      request: ({ w }) => ({ path: '/v2/service_instances', body: { name: uniq('authz-v2-si'), space_guid: w.space, service_plan_guid: DEFAULT_PLANS.shareable } }),
    },
    { route: 'GET /v2/service_instances/:guid', rule: (p) => p.instanceRead(), ok: 200, request: ({ w }) => ({ path: `/v2/service_instances/${w.instance}` }) },
    {
      route: 'PUT /v2/service_instances/:guid',
      rule: (p) => p.instanceManage(),
      ok: 201,
      request: ({ w }) => ({ path: `/v2/service_instances/${w.instance}`, body: { tags: ['authz'] } }),
    },
    {
      route: 'DELETE /v2/service_instances/:guid',
      rule: (p) => p.instanceManage(),
      ok: 204,
      request: async ({ w, c, allowed, fresh }) => ({ path: `/v2/service_instances/${allowed ? await fresh.instance(c) : w.instance}` }),
    },
    { route: 'GET /v2/service_instances/:guid/permissions', rule: () => 'ok', ok: 200, request: ({ w }) => ({ path: `/v2/service_instances/${w.instance}/permissions` }) },
    {
      route: 'GET /v2/service_instances/:guid/parameters',
      rule: (p) => p.instanceParameters(),
      ok: 200,
      request: ({ w }) => ({ path: `/v2/service_instances/${w.instance}/parameters` }),
    },
    // Cloud Controller: 204 for an instance shared nowhere, and a bare 404 to a caller who may not read it
    {
      route: 'GET /v2/service_instances/:guid/shared_from',
      rule: (p) => p.instanceRead(),
      ok: 204,
      hiddenAs: 404,
      request: ({ w }) => ({ path: `/v2/service_instances/${w.instance}/shared_from` }),
    },
    // Cloud Controller: ServiceInstanceNotFound (404) to a caller who may not read it
    {
      route: 'GET /v2/service_instances/:guid/shared_to',
      rule: (p) => p.instanceRead(),
      ok: 200,
      hiddenAs: 404,
      request: ({ w }) => ({ path: `/v2/service_instances/${w.instance}/shared_to` }),
    },
    ...['service_bindings', 'service_keys', 'routes'].map((sub): RouteRule => ({
      route: `GET /v2/service_instances/:guid/${sub}`,
      rule: (p) => p.instanceRead(),
      ok: 200,
      request: ({ w }) => ({ path: `/v2/service_instances/${w.instance}/${sub}` }),
    })),
    { route: 'GET /v2/user_provided_service_instances', rule: () => 'ok', ok: 200, request: () => ({ path: '/v2/user_provided_service_instances' }) },
    {
      route: 'POST /v2/user_provided_service_instances',
      rule: createIn,
      ok: 201,
      request: ({ w }) => ({ path: '/v2/user_provided_service_instances', body: { name: uniq('authz-v2-ups'), space_guid: w.space } }),
    },
    { route: 'GET /v2/user_provided_service_instances/:guid', rule: (p) => p.spaceRead(), ok: 200, request: () => ({ path: `/v2/user_provided_service_instances/${x.ups}` }) },
    {
      route: 'PUT /v2/user_provided_service_instances/:guid',
      rule: (p) => p.spaceWrite(),
      ok: 201,
      request: () => ({ path: `/v2/user_provided_service_instances/${x.ups}`, body: { tags: ['authz'] } }),
    },
    {
      route: 'DELETE /v2/user_provided_service_instances/:guid',
      rule: (p) => p.spaceWrite(),
      ok: 204,
      request: async ({ allowed, fresh }) => ({ path: `/v2/user_provided_service_instances/${allowed ? await fresh.instance(undefined, 'user-provided') : x.ups}` }),
    },
    ...['service_bindings', 'routes'].map((sub): RouteRule => ({
      route: `GET /v2/user_provided_service_instances/:guid/${sub}`,
      rule: (p) => p.spaceRead(),
      ok: 200,
      request: () => ({ path: `/v2/user_provided_service_instances/${x.ups}/${sub}` }),
    })),
    // catalog, flags, jobs, events, quotas
    { route: 'GET /v2/services', rule: () => 'ok', ok: 200, request: () => ({ path: '/v2/services' }) },
    { route: 'GET /v2/services/:guid', rule: () => 'ok', ok: 200, request: () => ({ path: `/v2/services/${x.offering}` }) },
    { route: 'GET /v2/services/:guid/service_plans', rule: () => 'ok', ok: 200, request: () => ({ path: `/v2/services/${x.offering}/service_plans` }) },
    { route: 'GET /v2/service_plans', rule: () => 'ok', ok: 200, request: () => ({ path: '/v2/service_plans' }) },
    { route: 'GET /v2/service_plans/:guid', rule: () => 'ok', ok: 200, request: () => ({ path: `/v2/service_plans/${x.plan}` }) },
    { route: 'GET /v2/service_plan_visibilities', rule: () => 'ok', ok: 200, request: () => ({ path: '/v2/service_plan_visibilities' }) },
    { route: 'GET /v2/config/feature_flags', rule: () => 'ok', ok: 200, request: () => ({ path: '/v2/config/feature_flags' }) },
    { route: 'GET /v2/config/feature_flags/:name', rule: () => 'ok', ok: 200, request: () => ({ path: '/v2/config/feature_flags/service_instance_sharing' }) },
    {
      route: 'PUT /v2/config/feature_flags/:name',
      rule: (p) => p.admin(),
      ok: 200,
      request: () => ({ path: '/v2/config/feature_flags/service_instance_sharing', body: { enabled: true } }),
    },
    { route: 'GET /v2/jobs/:guid', rule: () => 'ok', ok: 200, request: () => ({ path: `/v2/jobs/${x.job}` }) },
    { route: 'GET /v2/events', rule: () => 'ok', ok: 200, request: () => ({ path: '/v2/events' }) },
    { route: 'GET /v2/events/:guid', rule: (p) => p.spaceRead(), ok: 200, request: () => ({ path: `/v2/events/${x.spaceEvent}` }) },
    { route: 'GET /v2/quota_definitions', rule: () => 'ok', ok: 200, request: () => ({ path: '/v2/quota_definitions' }) },
    { route: 'GET /v2/quota_definitions/:guid', rule: () => 'ok', ok: 200, request: () => ({ path: `/v2/quota_definitions/${x.quota}` }) },
    { route: 'GET /v2/space_quota_definitions', rule: () => 'ok', ok: 200, request: () => ({ path: '/v2/space_quota_definitions' }) },
    // there are no space quotas: a missing one for everyone signed in
    { route: 'GET /v2/space_quota_definitions/:guid', rule: () => 'ok', ok: 404, request: () => ({ path: `/v2/space_quota_definitions/${randomUUID()}` }) },
    // users
    { route: 'GET /v2/users', rule: (p) => p.readsAll(), ok: 200, request: () => ({ path: '/v2/users' }) },
    { route: 'POST /v2/users', rule: (p) => p.admin(), ok: 201, request: () => ({ path: '/v2/users', body: { guid: randomUUID() } }) },
    { route: 'GET /v2/users/:guid', rule: (p) => own(p.actor.readsAll), ok: 200, request: () => ({ path: `/v2/users/${x.relationsUser}` }) },
    {
      route: 'DELETE /v2/users/:guid',
      rule: (p) => (p.actor.isAdmin ? 'ok' : 'hidden'),
      ok: 204,
      request: async ({ allowed, fresh }) => ({ path: `/v2/users/${allowed ? (await fresh.user()).guid : x.relationsUser}` }),
    },
  ];
  for (const relation of USER_RELATIONS) {
    const target = (w: World) => (relation.endsWith('spaces') ? w.space : w.org);
    rules.push(
      { route: `GET /v2/users/:guid/${relation}`, rule: (p) => own(p.actor.readsAll), ok: 200, request: () => ({ path: `/v2/users/${x.relationsUser}/${relation}` }) },
      { route: `PUT /v2/users/:guid/${relation}/:other`, rule: (p) => p.admin(), ok: 201, request: ({ w }) => ({ path: `/v2/users/${x.relationsUser}/${relation}/${target(w)}` }) },
      // removing a role from the user's side is allowed to whoever may remove it from the record's side
      {
        route: `DELETE /v2/users/:guid/${relation}/:other`,
        rule: (p) => (relation.endsWith('spaces') ? p.spaceManageRoles() : p.orgManage()),
        ok: 204,
        request: ({ w }) => ({ path: `/v2/users/${x.relationsUser}/${relation}/${target(w)}` }),
      },
    );
  }
  const roleRoutes = (kind: 'organizations' | 'spaces', list: string, rule: (p: Policy) => Outcome, user: { guid: string; username: string }): RouteRule[] => {
    const base = (w: World) => `/v2/${kind}/${kind === 'organizations' ? w.org : w.space}/${list}`;
    return [
      { route: `PUT /v2/${kind}/:guid/${list}/:user_guid`, rule, ok: 201, request: ({ w }) => ({ path: `${base(w)}/${user.guid}` }) },
      { route: `PUT /v2/${kind}/:guid/${list}`, rule, ok: 201, request: ({ w }) => ({ path: base(w), body: { username: user.username } }) },
      { route: `DELETE /v2/${kind}/:guid/${list}/:user_guid`, rule, ok: 204, request: ({ w }) => ({ path: `${base(w)}/${user.guid}` }) },
      // Cloud Controller answers a removal by user name from a space with the space (200), from an organization with 204
      {
        route: `POST /v2/${kind}/:guid/${list}/remove`,
        rule,
        ok: kind === 'spaces' ? 200 : 204,
        request: ({ w }) => ({ path: `${base(w)}/remove`, body: { username: user.username } }),
      },
      { route: `DELETE /v2/${kind}/:guid/${list}`, rule, ok: kind === 'spaces' ? 200 : 204, request: ({ w }) => ({ path: base(w), body: { username: user.username } }) },
    ];
  };
  // the organization user role last, so that removing it does not stand in the way of the others
  for (const list of ['managers', 'auditors', 'billing_managers', 'users']) rules.push(...roleRoutes('organizations', list, (p) => p.orgManage(), x.orgRoleUser));
  for (const list of SPACE_ROLE_LISTS) rules.push(...roleRoutes('spaces', list, (p) => p.spaceManageRoles(), x.spaceRoleUser));
  return rules;
}
