import type { Actor, Claims } from '../actor';
import type { AuditPayload, Deps, Input } from '../context';
import { conflict, denied, forbidden } from '../errors';
import { recordEvent } from '../events';
import { applyMetadata, emptyMetadata, type MetadataPatch } from '../metadata';
import { queueOperation, withQueuedOperation } from '../operations';
import type { Operation, User } from '../records';
import { getUser } from '../queries/directory';
import { newUser } from '../memberships';

export interface CreateUserInput {
  guid?: string;
  username?: string;
  origin?: string;
  metadata?: MetadataPatch;
  /** the request for the audit event, as the dialect records it */
  audit: AuditPayload;
}

// Creating, changing and deleting users is for admins only.

/** Authorize: admins only (before the body, as CC does). Input. Rules: guid and user name free. */
export async function createUser(deps: Deps, actor: Actor, lazyInput: Input<CreateUserInput>): Promise<User> {
  return deps.store.transaction(async (tx) => {
    if (!actor.isAdmin) throw forbidden();
    const { audit, ...input } = lazyInput();
    const guid = input.guid ?? deps.ids.guid();
    const existing = await tx.getUser(guid);
    if (existing?.cfUser === false && input.username === undefined) {
      // an account made through SCIM, now registered with the CF API (the second step of `cf create-user`)
      const registered = { ...existing, cfUser: true, metadata: applyMetadata(existing.metadata, input.metadata), updatedAt: deps.clock.now() };
      await tx.updateUser(registered);
      await recordEvent(deps, tx, actor, { type: 'audit.user.create', target: { guid, type: 'user', name: registered.username }, data: { request: audit } });
      return registered;
    }
    if (existing) throw conflict('user.guid_taken', { guid });
    if (input.username !== undefined && (await tx.findUsersByUsername(input.username, input.origin)).length > 0) {
      throw conflict('user.username_taken', { username: input.username, origin: input.origin });
    }
    const user = newUser(deps, { guid, username: input.username ?? null, origin: input.origin ?? null, metadata: applyMetadata(emptyMetadata(), input.metadata) });
    await tx.insertUser(user);
    await recordEvent(deps, tx, actor, { type: 'audit.user.create', target: { guid, type: 'user', name: user.username }, data: { request: audit } });
    return user;
  });
}

/** Authorize: the user visible (else missing/hidden), the actor an admin (else forbidden). Input: the metadata patch. */
export async function updateUserMetadata(deps: Deps, actor: Actor, guid: string, input: Input<MetadataPatch | undefined>): Promise<User> {
  return deps.store.transaction(async (tx) => {
    const user = await getUser(deps, actor, guid, tx);
    if (!actor.isAdmin) throw denied('user', guid);
    const metadata = input();
    const next = { ...user, metadata: applyMetadata(user.metadata, metadata), updatedAt: deps.clock.now() };
    await tx.updateUser(next);
    return next;
  });
}

export async function deleteUser(deps: Deps, actor: Actor, guid: string): Promise<Operation> {
  return withQueuedOperation(deps, async (tx) => {
    await getUser(deps, actor, guid, tx);
    if (!actor.isAdmin) throw denied('user', guid);
    return queueOperation(deps, tx, actor, { operation: 'user.delete', resourceType: 'user', resourceGuid: guid });
  });
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
