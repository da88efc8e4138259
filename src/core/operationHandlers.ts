// What each queued operation does when the runner picks it up.
import type { Actor } from './actor';
import { makeActor } from './actor';
import { bulkCreateHandlers } from './commands/bulkCreateInstances';
import { instanceOwnershipHandlers } from './commands/instanceOwnership';
import { memberRoleHandlers } from './commands/memberRoles';
import { removeInstance } from './commands/serviceInstances';
import { revokeRole } from './commands/roles';
import type { Deps } from './context';
import { recordEvent } from './events';
import type { OperationHandler } from './operations';
import type { Operation, ServiceInstance } from './records';
import { deleteShare } from './shares';
import type { WriteStore } from './store';

async function actorOf(tx: WriteStore, op: Operation): Promise<Actor | null> {
  if (!op.userGuid) return null;
  const user = await tx.getUser(op.userGuid);
  return makeActor({ userGuid: op.userGuid, username: user?.username ?? null, email: user?.email ?? null, origin: user?.origin ?? null, clientId: null, scopes: [] });
}

async function finishInstance(deps: Deps, tx: WriteStore, op: Operation, apply: (i: ServiceInstance) => ServiceInstance) {
  const instance = op.resourceGuid ? await tx.getInstance(op.resourceGuid) : undefined;
  if (!instance) return;
  const now = deps.clock.now();
  const next = apply(instance);
  await tx.updateInstance({ ...next, lastOperation: { ...instance.lastOperation, state: 'succeeded', description: 'Operation succeeded', updatedAt: now }, updatedAt: now });
  const space = await tx.getSpace(instance.spaceGuid);
  await recordEvent(deps, tx, await actorOf(tx, op), {
    type: `audit.service_instance.${instance.lastOperation.type}`,
    target: { guid: instance.guid, type: 'service_instance', name: instance.name },
    data: { request: op.input.request ?? {} },
    spaceGuid: instance.spaceGuid,
    organizationGuid: space?.organizationGuid ?? null,
  });
}

async function removeSpaceContents(deps: Deps, tx: WriteStore, actor: Actor | null, spaceGuid: string) {
  const space = await tx.getSpace(spaceGuid);
  if (!space) return;
  const instances = await tx.listInstances({ spaceGuids: [spaceGuid] }, { page: 1, perPage: 1_000_000 });
  for (const instance of instances.items) {
    if (instance.spaceGuid === spaceGuid) await removeInstance(deps, tx, actor, instance, space);
  }
  for (const share of await tx.listLiveSharesOfGrantee('space', spaceGuid)) await deleteShare(deps, tx, share);
  for (const share of await tx.listLiveSharesOfResource('space', spaceGuid, 'user')) await deleteShare(deps, tx, share);
  await tx.deleteSpace(spaceGuid);
}

export const operationHandlers: Record<string, OperationHandler> = {
  ...instanceOwnershipHandlers,
  ...bulkCreateHandlers,
  ...memberRoleHandlers,
  'service_instance.create': (deps, tx, op) => finishInstance(deps, tx, op, (i) => i),
  'service_instance.update': (deps, tx, op) =>
    finishInstance(deps, tx, op, (i) => ({
      ...i,
      parameters: (op.input.parameters as Record<string, unknown> | null) ?? i.parameters,
      servicePlanGuid: (op.input.servicePlanGuid as string | null) ?? i.servicePlanGuid,
      maintenanceInfo: (op.input.maintenanceInfo as Record<string, unknown> | null) ?? i.maintenanceInfo,
    })),
  'service_instance.delete': async (deps, tx, op) => {
    const instance = op.resourceGuid ? await tx.getInstance(op.resourceGuid) : undefined;
    const space = instance && (await tx.getSpace(instance.spaceGuid));
    if (instance && space) await removeInstance(deps, tx, await actorOf(tx, op), instance, space);
  },
  'space.delete': async (deps, tx, op) => {
    await removeSpaceContents(deps, tx, await actorOf(tx, op), op.resourceGuid ?? '');
  },
  'organization.delete': async (deps, tx, op) => {
    const orgGuid = op.resourceGuid ?? '';
    const actor = await actorOf(tx, op);
    for (const spaceGuid of await tx.spaceGuidsOfOrganizations([orgGuid])) await removeSpaceContents(deps, tx, actor, spaceGuid);
    for (const share of await tx.listLiveSharesOfResource('organization', orgGuid, 'user')) await deleteShare(deps, tx, share);
    await tx.deleteOrganization(orgGuid);
  },
  'user.delete': async (deps, tx, op) => {
    const userGuid = op.resourceGuid ?? '';
    for (const share of await tx.listLiveSharesOfGrantee('user', userGuid)) await deleteShare(deps, tx, share);
    // Cloud Controller forgets its user; the login account (UAA's) stays until it is deleted there (`cf delete-user`
    // deletes it next with `DELETE /Users/:guid`).
    const user = await tx.getUser(userGuid);
    if (user?.passwordHash) await tx.updateUser({ ...user, cfUser: false, updatedAt: deps.clock.now() });
    else await tx.deleteUser(userGuid);
  },
  'role.delete': async (deps, tx, op) => {
    const role = op.resourceGuid ? await tx.getRole(op.resourceGuid) : undefined;
    if (role) await revokeRole(deps, tx, await actorOf(tx, op), role);
  },
};
