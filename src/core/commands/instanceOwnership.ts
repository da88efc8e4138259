// Who owns an instance and which users it is shared with (instance -> user shares with the `manage` role), and the
// operations that change that or end the instance: share with users, transfer ownership, decommission. Each runs as
// an operation (a task): checked when it is asked for, so bad input makes no operation and changes nothing, and
// checked again inside the transaction that applies it.
import type { Actor } from '../actor';
import type { Deps } from '../context';
import { forbidden, hidden, invalid, missing } from '../errors';
import { recordEvent } from '../events';
import { assertOrganizationWritable } from '../lookups';
import { canShareWithUsers, canTransferInstance, instanceAccess, isOrganizationManager, loadAccess, organizationsOfUser } from '../policy';
import type { Operation, Organization, ServiceInstance, Space, User } from '../records';
import { addShareRoles, deleteShare } from '../shares';
import type { ReadStore, WriteStore } from '../store';
import { actorOfOperation, paramsOf, queueInstanceTask, type OperationRequest } from './instanceTask';
import { removeInstance } from './serviceInstances';

export const INSTANCE_USER_ROLE = 'manage';

type InstanceRecord = { instance: ServiceInstance; space: Space; org: Organization };

// --- lookups -----------------------------------------------------------------------------------------------------

async function instanceRecord(store: ReadStore, guid: string): Promise<InstanceRecord> {
  const instance = await store.getInstance(guid);
  const space = instance && (await store.getSpace(instance.spaceGuid));
  const org = space && (await store.getOrganization(space.organizationGuid));
  if (!instance || !space || !org) throw missing('service_instance', guid);
  return { instance, space, org };
}

/** The instance if the actor may see it (owner included): else service_instance.not_found, or .hidden. */
async function visibleInstance(deps: Deps, store: ReadStore, actor: Actor, guid: string): Promise<InstanceRecord> {
  const record = await instanceRecord(store, guid);
  const access = await instanceAccess(deps, actor, record.instance, record.space, store);
  if (!access.read) throw hidden('service_instance', guid);
  return record;
}

/** Users by user name, in the order given; an unknown name is `user.unknown`. */
async function usersNamed(store: ReadStore, names: string[]): Promise<User[]> {
  const users: User[] = [];
  for (const name of [...new Set(names)]) {
    const found = await store.findUsersByUsername(name);
    const user = found.find((u) => u.origin === 'uaa') ?? found[0];
    if (!user) throw invalid('user.unknown', { name });
    users.push(user);
  }
  return users;
}

async function assertMembers(deps: Deps, users: User[], org: Organization) {
  for (const user of users) {
    if (!(await organizationsOfUser(deps, user.guid)).has(org.guid)) throw invalid('user.outside_organization', { name: user.username ?? user.guid, organizationName: org.name });
  }
}

/** CLM shares and transfers only instances that run: created, and not being deleted. */
function assertSettled(instance: ServiceInstance) {
  const op = instance.lastOperation;
  const settled = !(op.type === 'create' && op.state !== 'succeeded') && !(op.type === 'delete' && op.state === 'in progress');
  if (!settled) throw invalid('service_instance.not_settled', { name: instance.name, state: `${op.type} ${op.state}` });
}

// --- share with users ----------------------------------------------------------------------------------------------

export interface ShareWithUsersParams {
  userNames: string[];
}

async function checkShareWithUsers(deps: Deps, store: ReadStore, actor: Actor, guid: string, p: ShareWithUsersParams) {
  const record = await visibleInstance(deps, store, actor, guid);
  if (!canShareWithUsers(actor, await loadAccess(deps, actor), record.instance, record.space)) throw forbidden('instance_share.not_allowed');
  assertOrganizationWritable(actor, record.org);
  assertSettled(record.instance);
  const users = await usersNamed(store, p.userNames);
  await assertMembers(deps, users, record.org);
  return { ...record, users };
}

/** Makes `users` exactly the set the instance is shared with; returns the names added and removed. */
async function setUserShares(deps: Deps, tx: WriteStore, instance: ServiceInstance, users: User[]) {
  const wanted = new Set(users.map((u) => u.guid));
  const removed: string[] = [];
  for (const share of await tx.listLiveSharesOfResource('service_instance', instance.guid, 'user')) {
    if (wanted.has(share.granteeGuid)) continue;
    await deleteShare(deps, tx, share);
    removed.push((await tx.getUser(share.granteeGuid))?.username ?? share.granteeGuid);
  }
  const added: string[] = [];
  for (const user of users) {
    const key = { resourceType: 'service_instance' as const, resourceGuid: instance.guid, granteeType: 'user' as const, granteeGuid: user.guid };
    const { added: roles } = await addShareRoles(deps, tx, key, [INSTANCE_USER_ROLE]);
    if (roles.length > 0) added.push(user.username ?? user.guid);
  }
  return { added, removed };
}

async function recordUserShares(
  deps: Deps,
  tx: WriteStore,
  actor: Actor,
  record: { instance: ServiceInstance; space: Space },
  users: User[],
  change: { added: string[]; removed: string[] },
) {
  await recordEvent(deps, tx, actor, {
    type: 'audit.service_instance.share_with_users',
    target: { guid: record.instance.guid, type: 'service_instance', name: record.instance.name },
    data: { user_names: users.map((u) => u.username), added: change.added, removed: change.removed },
    spaceGuid: record.space.guid,
    organizationGuid: record.space.organizationGuid,
  });
}

export async function requestShareWithUsers(deps: Deps, actor: Actor, guid: string, p: ShareWithUsersParams, request: OperationRequest = {}): Promise<Operation> {
  const { instance } = await checkShareWithUsers(deps, deps.store, actor, guid, p);
  return queueInstanceTask(deps, actor, 'service_instance.share_with_users', guid, instance.name, { ...p }, request);
}

// --- transfer ownership ----------------------------------------------------------------------------------------------

export interface TransferParams {
  newOwnerName: string;
  newOrganizationName: string;
  /** transfer and share: the users it is shared with afterwards (replacing the set) */
  userNames?: string[];
}

/** Where an instance goes when its new owner is in another organization: the first space there they develop in. */
async function spaceForOwner(deps: Deps, store: ReadStore, owner: User, org: Organization): Promise<Space> {
  const grants = await deps.store.listUserGrants(owner.guid);
  const spaceGuids = grants.filter((g) => g.resourceType === 'space' && g.organizationGuid === org.guid && g.roles.includes('developer')).map((g) => g.resourceGuid);
  const spaces = (await store.getSpaces(spaceGuids)).sort((a, b) => a.createdAt - b.createdAt);
  if (!spaces[0]) throw invalid('instance_transfer.no_space', { name: owner.username ?? owner.guid, organizationName: org.name });
  return spaces[0];
}

async function checkTransfer(deps: Deps, store: ReadStore, actor: Actor, guid: string, p: TransferParams) {
  const record = await visibleInstance(deps, store, actor, guid);
  const newOrg = await store.getOrganizationByName(p.newOrganizationName);
  if (!newOrg) throw invalid('organization.unknown', { name: p.newOrganizationName });
  if (!canTransferInstance(actor, await loadAccess(deps, actor), record.org.guid, newOrg.guid)) throw forbidden('instance_transfer.not_allowed');
  assertOrganizationWritable(actor, record.org);
  assertOrganizationWritable(actor, newOrg);
  assertSettled(record.instance);
  const [owner] = await usersNamed(store, [p.newOwnerName]);
  await assertMembers(deps, [owner!], newOrg);
  const crossing = newOrg.guid !== record.org.guid;
  const target = crossing ? await spaceForOwner(deps, store, owner!, newOrg) : record.space;
  if (crossing && ((await store.getInstanceByName(target.guid, record.instance.name)) || (await store.instanceSharedIntoSpaceByName(target.guid, record.instance.name)))) {
    throw invalid('instance_transfer.name_taken', { name: record.instance.name, spaceName: target.name });
  }
  const users = p.userNames ? await usersNamed(store, p.userNames) : null;
  if (users) await assertMembers(deps, users, newOrg);
  return { ...record, owner: owner!, newOrg, target, users };
}

async function applyTransfer(deps: Deps, tx: WriteStore, actor: Actor, checked: Awaited<ReturnType<typeof checkTransfer>>) {
  const { instance, space, org, owner, newOrg, target, users } = checked;
  const now = deps.clock.now();
  const moved: ServiceInstance = { ...instance, ownerGuid: owner.guid, spaceGuid: target.guid, updatedAt: now };
  if (newOrg.guid !== org.guid) {
    // the instance leaves its tenant: sharing with that tenant's users ends, as does a space share into its new home
    const members = new Set<string>();
    for (const share of await tx.listLiveSharesOfResource('service_instance', instance.guid, 'user')) {
      if ((await organizationsOfUser(deps, share.granteeGuid)).has(newOrg.guid)) members.add(share.granteeGuid);
      else await deleteShare(deps, tx, share);
    }
    const intoHome = await tx.getLiveShare('service_instance', instance.guid, 'space', target.guid);
    if (intoHome) await deleteShare(deps, tx, intoHome);
  }
  await tx.updateInstance(moved);
  await recordEvent(deps, tx, actor, {
    type: 'audit.service_instance.transfer_ownership',
    target: { guid: instance.guid, type: 'service_instance', name: instance.name },
    data: { new_owner_name: owner.username, new_organization_name: newOrg.name, previous_owner_guid: instance.ownerGuid, previous_space_guid: space.guid },
    spaceGuid: target.guid,
    organizationGuid: newOrg.guid,
  });
  if (users) {
    const change = await setUserShares(deps, tx, moved, users);
    await recordUserShares(deps, tx, actor, { instance: moved, space: target }, users, change);
  }
}

export async function requestTransfer(deps: Deps, actor: Actor, guid: string, p: TransferParams, request: OperationRequest = {}): Promise<Operation> {
  const { instance } = await checkTransfer(deps, deps.store, actor, guid, p);
  return queueInstanceTask(deps, actor, 'service_instance.transfer', guid, instance.name, { ...p }, request);
}

// --- decommission ----------------------------------------------------------------------------------------------------

async function checkDecommission(deps: Deps, store: ReadStore, actor: Actor, guid: string) {
  const record = await instanceRecord(store, guid);
  const access = await instanceAccess(deps, actor, record.instance, record.space, store);
  if (!access.read) throw hidden('service_instance', guid);
  if (!access.manage && !isOrganizationManager(await loadAccess(deps, actor), record.org.guid)) throw forbidden('instance_decommission.not_allowed');
  assertOrganizationWritable(actor, record.org);
  const op = record.instance.lastOperation;
  if (op.type === 'delete' && op.state === 'in progress') throw invalid('service_instance.operation_in_progress');
  return record;
}

export async function requestDecommission(deps: Deps, actor: Actor, guid: string, request: OperationRequest = {}): Promise<Operation> {
  const { instance } = await checkDecommission(deps, deps.store, actor, guid);
  return queueInstanceTask(deps, actor, 'service_instance.decommission', guid, instance.name, {}, request);
}

// --- what the runner does ----------------------------------------------------------------------------------------------

export const instanceOwnershipHandlers = {
  'service_instance.share_with_users': async (deps: Deps, tx: WriteStore, op: Operation) => {
    const actor = actorOfOperation(op);
    const checked = await checkShareWithUsers(deps, tx, actor, op.resourceGuid ?? '', paramsOf<ShareWithUsersParams>(op));
    const change = await setUserShares(deps, tx, checked.instance, checked.users);
    await recordUserShares(deps, tx, actor, checked, checked.users, change);
    return { instanceGuids: [checked.instance.guid] };
  },
  'service_instance.transfer': async (deps: Deps, tx: WriteStore, op: Operation) => {
    const actor = actorOfOperation(op);
    const checked = await checkTransfer(deps, tx, actor, op.resourceGuid ?? '', paramsOf<TransferParams>(op));
    await applyTransfer(deps, tx, actor, checked);
    return { instanceGuids: [checked.instance.guid] };
  },
  'service_instance.decommission': async (deps: Deps, tx: WriteStore, op: Operation) => {
    const actor = actorOfOperation(op);
    const { instance, space } = await checkDecommission(deps, tx, actor, op.resourceGuid ?? '');
    await removeInstance(deps, tx, actor, instance, space);
    return { instanceGuids: [instance.guid] };
  },
};
