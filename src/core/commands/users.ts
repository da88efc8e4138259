import type { Actor, Claims } from '../actor';
import type { Deps } from '../context';
import { conflict, forbidden } from '../errors';
import { recordEvent } from '../events';
import { applyMetadata, emptyMetadata, type MetadataPatch } from '../metadata';
import { queueOperation, withQueuedOperation } from '../operations';
import type { Operation, User } from '../records';
import { getUser } from '../queries/directory';

export interface CreateUserInput {
  guid?: string;
  username?: string;
  origin?: string;
  metadata?: MetadataPatch;
}

function newUser(deps: Deps, fields: Partial<User> & { guid: string }): User {
  const now = deps.clock.now();
  return {
    username: null,
    origin: null,
    email: null,
    passwordHash: null,
    cfUser: true,
    scopes: [],
    createdAt: now,
    updatedAt: now,
    metadata: emptyMetadata(),
    ...fields,
  };
}

/** Creating, changing and deleting users is for admins only. */
export function authorizeUserWrite(_deps: Deps, actor: Actor): void {
  if (!actor.isAdmin) throw forbidden();
}

export async function createUser(deps: Deps, actor: Actor, input: CreateUserInput): Promise<User> {
  authorizeUserWrite(deps, actor);
  return deps.store.transaction(async (tx) => {
    const guid = input.guid ?? deps.ids.guid();
    const existing = await tx.getUser(guid);
    if (existing?.cfUser === false && input.username === undefined) {
      // an account made through SCIM, now registered with the CF API (the second step of `cf create-user`)
      const registered = { ...existing, cfUser: true, metadata: applyMetadata(existing.metadata, input.metadata), updatedAt: deps.clock.now() };
      await tx.updateUser(registered);
      await recordEvent(deps, tx, actor, { type: 'audit.user.create', target: { guid, type: 'user', name: registered.username }, data: { request: input } });
      return registered;
    }
    if (existing) throw conflict('user.guid_taken', { guid });
    if (input.username !== undefined && (await tx.findUsersByUsername(input.username, input.origin)).length > 0) {
      throw conflict('user.username_taken', { username: input.username, origin: input.origin });
    }
    const user = newUser(deps, { guid, username: input.username ?? null, origin: input.origin ?? null, metadata: applyMetadata(emptyMetadata(), input.metadata) });
    await tx.insertUser(user);
    await recordEvent(deps, tx, actor, { type: 'audit.user.create', target: { guid, type: 'user', name: user.username }, data: { request: input } });
    return user;
  });
}

export async function updateUserMetadata(deps: Deps, actor: Actor, guid: string, metadata: MetadataPatch | undefined): Promise<User> {
  const user = await getUser(deps, actor, guid);
  authorizeUserWrite(deps, actor);
  return deps.store.transaction(async (tx) => {
    const next = { ...user, metadata: applyMetadata(user.metadata, metadata), updatedAt: deps.clock.now() };
    await tx.updateUser(next);
    return next;
  });
}

export async function deleteUser(deps: Deps, actor: Actor, guid: string): Promise<Operation> {
  await getUser(deps, actor, guid);
  authorizeUserWrite(deps, actor);
  return withQueuedOperation(deps, (tx) => queueOperation(deps, tx, actor, { operation: 'user.delete', resourceType: 'user', resourceGuid: guid }));
}

/**
 * The user behind a verified token: created on first sight, as Cloud Controller does, and kept in step with the
 * token's user name and origin.
 */
export async function ensureUser(deps: Deps, claims: Claims): Promise<User> {
  const known = await deps.store.getUser(claims.userGuid);
  const fresh =
    known &&
    known.cfUser &&
    (claims.username === null || known.username === claims.username) &&
    (claims.origin === null || known.origin === claims.origin) &&
    (claims.email === null || known.email === claims.email);
  if (fresh) return known;
  return deps.store.transaction(async (tx) => {
    const current = await tx.getUser(claims.userGuid);
    const fields = {
      username: claims.username ?? current?.username ?? null,
      origin: claims.origin ?? current?.origin ?? (claims.username ? 'uaa' : null),
      email: claims.email ?? current?.email ?? null,
    };
    if (current) {
      const next = { ...current, ...fields, cfUser: true, updatedAt: deps.clock.now() };
      await tx.updateUser(next);
      return next;
    }
    const user = newUser(deps, { guid: claims.userGuid, ...fields });
    await tx.insertUser(user);
    return user;
  });
}
