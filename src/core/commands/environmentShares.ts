// Environment shares (the env-shares dialect, design.md §1): a space -> user share seen as an environment shared with
// an account. Env roles are stored as space roles (admin = manager, deployer = developer, viewer = auditor), so v3
// roles and environment shares are one record; revisions and soft delete come from ../shares.
//
// A space role with no env mapping (`supporter`) is not shown: a share holding only it appears with `roles: []`, a
// PATCH keeps it, and a DELETE (unsharing the environment) removes it with the rest.
import type { Actor } from '../actor';
import type { Deps } from '../context';
import { conflict, forbidden, invalid, notFound } from '../errors';
import { recordEvent } from '../events';
import { canManageSpaceRoles, canReadSpace, loadAccess, type Access } from '../policy';
import type { Share, ShareRole, Space, User } from '../records';
import { addShareRoles, deleteShare, replaceShareRoles } from '../shares';
import type { ReadStore, WriteStore } from '../store';

/** Env roles in the order they are presented (Golem's declaration order). */
export const ENV_ROLES = ['admin', 'viewer', 'deployer'] as const;
export type EnvRole = (typeof ENV_ROLES)[number];

const SPACE_ROLE = new Map<string, string>([['admin', 'manager'], ['viewer', 'auditor'], ['deployer', 'developer']]);
const ENV_ROLE = new Map<string, EnvRole>([['manager', 'admin'], ['auditor', 'viewer'], ['developer', 'deployer']]);

export interface EnvironmentShare {
  id: string;
  revision: number;
  environmentId: string;
  granteeAccountId: string;
  /** deduplicated, in ENV_ROLES order */
  roles: EnvRole[];
}

/** What is being attempted, named as the forbidden message names it. */
export type EnvironmentAction = 'ViewShares' | 'CreateShare' | 'UpdateShare' | 'DeleteShare';

export interface CreateEnvironmentShareInput {
  granteeAccountId: string;
  roles: EnvRole[];
  /** the request as received, for the audit events */
  request: Record<string, unknown>;
}

export interface UpdateEnvironmentShareInput {
  currentRevision: number;
  roles: EnvRole[];
  request: Record<string, unknown>;
}

const envRolesOf = (spaceRoles: string[]): EnvRole[] => ENV_ROLES.filter((r) => spaceRoles.some((s) => ENV_ROLE.get(s) === r));
const spaceRolesOf = (roles: EnvRole[]): string[] => {
  const mapped = roles.map((r) => SPACE_ROLE.get(r));
  if (mapped.some((r) => r === undefined)) throw invalid('environment_share.invalid_role');
  return [...new Set(mapped as string[])];
};

const view = (share: Share, spaceRoles: string[]): EnvironmentShare => ({
  id: share.guid,
  revision: share.revision,
  environmentId: share.resourceGuid,
  granteeAccountId: share.granteeGuid,
  roles: envRolesOf(spaceRoles),
});

/** Sees the environment: the v3 read rule (admins and auditors of everything, any space role, org managers). */
const seesEnvironment = (actor: Actor, access: Access, space: Space) => space.status === 'active' && canReadSpace(actor, access, space);
/** Sees its shares: admins, org managers of its organization, `admin` grantees; read-only admins and global auditors. */
const viewsShares = (actor: Actor, access: Access, space: Space) =>
  seesEnvironment(actor, access, space) && (actor.readsAll || canManageSpaceRoles(actor, access, space));
const mayDo = (actor: Actor, access: Access, space: Space, action: EnvironmentAction) =>
  action === 'ViewShares' ? viewsShares(actor, access, space) : canManageSpaceRoles(actor, access, space);

/** The environment for a list or create: not visible -> not found; visible but not allowed -> forbidden. */
async function requireEnvironment(store: ReadStore, actor: Actor, access: Access, id: string, action: EnvironmentAction): Promise<Space> {
  const space = await store.getSpace(id);
  if (!space || !seesEnvironment(actor, access, space)) throw notFound('environment.not_found', { id });
  if (!mayDo(actor, access, space, action)) throw forbidden('environment.action_not_allowed', { action });
  return space;
}

/**
 * A live share by id. Not being allowed to view shares is masked as not found, as Golem does. With
 * `expectedRevision`, a stale revision is a conflict even if the share has since been deleted: that writer lost a
 * race (so of N concurrent DELETEs at one revision, one succeeds and the rest get 409, never 404).
 */
async function requireShare(store: ReadStore, actor: Actor, access: Access, id: string, action: EnvironmentAction, expectedRevision?: number) {
  const share = await store.getShare(id);
  const space = share && share.resourceType === 'space' && share.granteeType === 'user' ? await store.getSpace(share.resourceGuid) : undefined;
  if (!share || !space || !viewsShares(actor, access, space)) throw notFound('environment_share.not_found', { id });
  if (!mayDo(actor, access, space, action)) throw forbidden('environment.action_not_allowed', { action });
  if (expectedRevision !== undefined && share.revision !== expectedRevision) throw conflict('share.revision_mismatch');
  if (share.deletedAt !== null) throw notFound('environment_share.not_found', { id });
  return { share, space };
}

/** Environment clients know no organizations: a grantee with a role in the space becomes an org user if it is not one. */
async function ensureOrganizationMember(deps: Deps, tx: WriteStore, actor: Actor, space: Space, user: User): Promise<void> {
  if (await tx.getLiveShare('organization', space.organizationGuid, 'user', user.guid)) return;
  const key = { resourceType: 'organization' as const, resourceGuid: space.organizationGuid, granteeType: 'user' as const, granteeGuid: user.guid };
  await addShareRoles(deps, tx, key, ['user']);
  await recordEvent(deps, tx, actor, {
    type: 'audit.user.organization_user_add',
    target: { guid: user.guid, type: 'user', name: user.username },
    data: { request: {} },
    organizationGuid: space.organizationGuid,
  });
}

interface Change {
  space: Space;
  granteeGuid: string;
  share: Share;
  added: ShareRole[];
  removed: ShareRole[];
  /** the event when no role changed (an empty share, a PATCH with the same roles) */
  otherwise: 'create' | 'update' | 'delete';
  request: Record<string, unknown>;
}

/** One event per role added or removed, under v3's type names; one `audit.environment_share.*` if none changed. */
async function recordChange(deps: Deps, tx: WriteStore, actor: Actor, c: Change): Promise<void> {
  const user = await tx.getUser(c.granteeGuid);
  const types = [...c.added.map((r) => `audit.user.space_${r.role}_add`), ...c.removed.map((r) => `audit.user.space_${r.role}_remove`)];
  if (types.length === 0) types.push(`audit.environment_share.${c.otherwise}`);
  for (const type of types) {
    await recordEvent(deps, tx, actor, {
      type,
      target: { guid: c.granteeGuid, type: 'user', name: user?.username ?? null },
      data: { request: c.request, environment_share: { id: c.share.guid, revision: c.share.revision } },
      spaceGuid: c.space.guid,
      organizationGuid: c.space.organizationGuid,
    });
  }
}

export async function listEnvironmentShares(deps: Deps, actor: Actor, environmentId: string): Promise<EnvironmentShare[]> {
  const access = await loadAccess(deps, actor);
  const space = await requireEnvironment(deps.store, actor, access, environmentId, 'ViewShares');
  const shares = await deps.store.listLiveSharesOfResource('space', space.guid, 'user');
  return Promise.all(shares.map(async (s) => view(s, (await deps.store.listShareRoles(s.guid)).map((r) => r.role))));
}

export async function getEnvironmentShare(deps: Deps, actor: Actor, id: string): Promise<EnvironmentShare> {
  const access = await loadAccess(deps, actor);
  const { share } = await requireShare(deps.store, actor, access, id, 'ViewShares');
  return view(share, (await deps.store.listShareRoles(share.guid)).map((r) => r.role));
}

/**
 * Shares an environment with an account: 404 for an unknown account, 409 if a live share exists, and the plan
 * limit (`maxSharesPerSpace`) checked last. The account becomes an org user in the same transaction if needed.
 */
export async function createEnvironmentShare(deps: Deps, actor: Actor, environmentId: string, input: CreateEnvironmentShareInput): Promise<EnvironmentShare> {
  const access = await loadAccess(deps, actor);
  const roles = spaceRolesOf(input.roles);
  return deps.store.transaction(async (tx) => {
    const space = await requireEnvironment(tx, actor, access, environmentId, 'CreateShare');
    const user = await tx.getUser(input.granteeAccountId);
    if (!user) throw notFound('account.not_found', { id: input.granteeAccountId });
    const key = { resourceType: 'space' as const, resourceGuid: space.guid, granteeType: 'user' as const, granteeGuid: user.guid };
    if (await tx.getLiveShare(key.resourceType, key.resourceGuid, key.granteeType, key.granteeGuid)) throw conflict('environment_share.already_exists');
    const limit = deps.settings.maxSharesPerSpace;
    if (limit !== undefined && (await tx.countLiveShares('space', space.guid, 'user')) >= limit) throw invalid('environment_share.limit_exceeded', { limit });
    if (roles.length > 0) await ensureOrganizationMember(deps, tx, actor, space, user);
    const { share, added } = await addShareRoles(deps, tx, key, roles);
    await recordChange(deps, tx, actor, { space, granteeGuid: user.guid, share, added, removed: [], otherwise: 'create', request: input.request });
    return view(share, roles);
  });
}

/** Replaces the env roles (keeping roles with no env mapping); `currentRevision` must equal the stored revision. */
export async function updateEnvironmentShare(deps: Deps, actor: Actor, id: string, input: UpdateEnvironmentShareInput): Promise<EnvironmentShare> {
  const access = await loadAccess(deps, actor);
  const wantedEnv = spaceRolesOf(input.roles);
  return deps.store.transaction(async (tx) => {
    const { share, space } = await requireShare(tx, actor, access, id, 'UpdateShare', input.currentRevision);
    const unmapped = (await tx.listShareRoles(share.guid)).map((r) => r.role).filter((r) => !ENV_ROLE.has(r));
    const wanted = [...wantedEnv, ...unmapped];
    const user = await tx.getUser(share.granteeGuid);
    if (user && wantedEnv.length > 0) await ensureOrganizationMember(deps, tx, actor, space, user);
    const result = await replaceShareRoles(deps, tx, share, wanted, input.currentRevision);
    await recordChange(deps, tx, actor, { space, granteeGuid: share.granteeGuid, ...result, otherwise: 'update', request: input.request });
    return view(result.share, wanted);
  });
}

/** Unshares: soft-deletes the share and drops all its roles; the answer is the share at `revision + 1`. */
export async function deleteEnvironmentShare(deps: Deps, actor: Actor, id: string, currentRevision: number): Promise<EnvironmentShare> {
  const access = await loadAccess(deps, actor);
  return deps.store.transaction(async (tx) => {
    const { share, space } = await requireShare(tx, actor, access, id, 'DeleteShare', currentRevision);
    const result = await deleteShare(deps, tx, share, currentRevision);
    await recordChange(deps, tx, actor, { space, granteeGuid: share.granteeGuid, ...result, added: [], otherwise: 'delete', request: { current_revision: currentRevision } });
    return view(result.share, result.removed.map((r) => r.role));
  });
}
