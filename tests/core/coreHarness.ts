// The real core over a real in-memory SQLite store, built as src/gateway.ts builds it (no HTTP), with actors made
// afresh for every call (an actor lives for one request, and its grants are cached for that long).
import { randomUUID } from 'node:crypto';
import { makeActor, SCOPES, type Actor } from '../../src/core/actor';
import { DEFAULT_FEATURE_FLAGS, type Deps, type Settings } from '../../src/core/context';
import { createCore, type Core } from '../../src/core/core';
import { isDomainError, type DomainError } from '../../src/core/errors';
import type { Organization, Space } from '../../src/core/records';
import type { RoleType } from '../../src/core/roleTypes';
import { addShareRoles } from '../../src/core/shares';
import { loadCatalog } from '../../src/catalog/loadCatalog';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqliteStore';

export const SHAREABLE_PLAN = '2a8b4c6d-7e9f-4a1b-9c3d-5e7f9a1b3c5d';

export interface CoreHarness {
  core: Core;
  deps: Deps;
  store: SqliteStore;
  /** a fresh actor for the named user (admin: cloud_controller.admin; globalAuditor: cloud_controller.global_auditor) */
  actor(name: string, kind?: 'user' | 'admin' | 'globalAuditor'): Actor;
  /** the user's guid (and the user row, created on first use) */
  user(name: string): Promise<string>;
  org(name?: string): Promise<Organization>;
  space(org: Organization, name?: string): Promise<Space>;
  role(name: string, type: RoleType, resourceGuid: string): Promise<string>;
  /** a user-provided instance made by an admin (succeeds at once) */
  instance(space: Space, name?: string): Promise<string>;
  /** a managed instance of a shareable plan, its create operation run */
  managedInstance(space: Space, name?: string): Promise<string>;
  /** shares an instance directly with a user (the CSM kind of share) */
  shareWithUser(instanceGuid: string, name: string): Promise<void>;
  runOperations(): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}`;

export function startCore(settings: Partial<Settings> = {}): CoreHarness {
  const store = openSqliteStore(':memory:');
  let now = Date.UTC(2026, 0, 1);
  const deps: Deps = {
    store,
    clock: { now: () => (now += 1000) },
    ids: { guid: () => randomUUID() },
    catalog: loadCatalog(),
    settings: { featureFlagDefaults: { ...DEFAULT_FEATURE_FLAGS }, ...settings },
  };
  const core = createCore(deps);
  const guids = new Map<string, string>();
  const guidOf = (name: string) => {
    if (!guids.has(name)) guids.set(name, randomUUID());
    return guids.get(name)!;
  };
  const actor = (name: string, kind: 'user' | 'admin' | 'globalAuditor' = 'user') => {
    const extra = kind === 'admin' ? [SCOPES.admin] : kind === 'globalAuditor' ? [SCOPES.globalAuditor] : [];
    return makeActor({ userGuid: guidOf(name), username: name, email: null, origin: 'uaa', clientId: 'cf', scopes: [SCOPES.read, SCOPES.write, ...extra] });
  };
  const admin = () => actor('admin', 'admin');
  const h: CoreHarness = {
    core,
    deps,
    store,
    actor,
    async user(name) {
      const a = actor(name);
      await core.ensureUser({ userGuid: a.userGuid, username: name, email: null, origin: 'uaa', clientId: 'cf', scopes: [] });
      return a.userGuid;
    },
    org: (name = unique('org')) => core.createOrganization(admin(), () => ({ name, audit: {} })),
    space: (org, name = unique('space')) => core.createSpace(admin(), () => ({ name, organizationGuid: org.guid, audit: {} })),
    async role(name, type, resourceGuid) {
      const userGuid = await h.user(name);
      if (type.startsWith('space_')) {
        const space = await store.getSpace(resourceGuid);
        if (!(await store.getLiveShare('organization', space!.organizationGuid, 'user', userGuid))) await h.role(name, 'organization_user', space!.organizationGuid);
      }
      return (await core.createRole(admin(), () => ({ type, user: { guid: userGuid }, resourceGuid, audit: {} }))).guid;
    },
    async instance(space, name = unique('ups')) {
      const { instance } = await core.createInstance(admin(), () => ({ type: 'user-provided', name, spaceGuid: space.guid, audit: {} }));
      return instance.guid;
    },
    async managedInstance(space, name = unique('si')) {
      const { instance } = await core.createInstance(admin(), () => ({ type: 'managed', name, spaceGuid: space.guid, servicePlanGuid: SHAREABLE_PLAN, audit: {} }));
      await h.runOperations();
      return instance.guid;
    },
    async shareWithUser(instanceGuid, name) {
      const userGuid = await h.user(name);
      await store.transaction((tx) =>
        addShareRoles(deps, tx, { resourceType: 'service_instance', resourceGuid: instanceGuid, granteeType: 'user', granteeGuid: userGuid }, ['manage']),
      );
    },
    async runOperations() {
      while ((await core.runDueOperations()) > 0);
    },
    close: () => store.close(),
  };
  return h;
}

/** The domain error a promise rejects with (fails the test if it resolves or throws anything else). */
export async function domainError(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (e) {
    if (isDomainError(e)) return e;
    throw e;
  }
  throw new Error('expected a domain error, but the call succeeded');
}

/** kind, code and params of a domain error, for one toEqual */
export const described = async (promise: Promise<unknown>) => {
  const e = await domainError(promise);
  return { kind: e.kind, code: e.code, params: e.params };
};
