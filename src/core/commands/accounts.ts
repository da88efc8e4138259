// Accounts with passwords: the password check every dialect's login uses, SCIM-style user management, and the
// bootstrap administrator. An account is the same User record every dialect sees.
import type { Actor } from '../actor';
import type { Deps } from '../context';
import { PASSWORD_MAX_LENGTH, USERNAME_MAX_LENGTH, USERNAME_PATTERN, mayReadAccounts, mayWriteAccounts, type CredentialsPort } from '../credentials';
import { DomainError, conflict, forbidden, invalid, notFound, unauthenticated } from '../errors';
import { emptyMetadata } from '../metadata';
import type { User } from '../records';
import { deleteShare } from '../shares';
import type { PageOf } from '../store';
import { throttleOf, type Attempt } from '../throttle';

function credentials(deps: Deps): CredentialsPort {
  if (!deps.credentials) throw new DomainError('unavailable', 'identity.unavailable');
  return deps.credentials;
}

function checkUsername(username: string) {
  if (username.trim() === '') throw invalid('account.username_missing');
  if (username.length > USERNAME_MAX_LENGTH || !USERNAME_PATTERN.test(username)) throw invalid('account.username_invalid', { username });
}

function checkNewPassword(password: string) {
  if (password.length === 0) throw invalid('account.password_empty');
  if (password.length > PASSWORD_MAX_LENGTH) throw invalid('account.password_too_long', { max: PASSWORD_MAX_LENGTH });
}

export interface PasswordAttempt extends Attempt {
  password: string;
  /** the identity provider; `uaa` when omitted */
  origin?: string;
}

/**
 * The password check behind every login: throws `auth.throttled` while the user name or address is locked out and
 * `auth.bad_credentials` for an unknown user or a wrong password (the two are indistinguishable, also in time).
 */
export async function checkPassword(deps: Deps, attempt: PasswordAttempt): Promise<User> {
  const port = credentials(deps);
  const throttle = throttleOf(deps);
  return throttle.inTurn(attempt.username, async () => {
    const started = deps.clock.now();
    // counted as a failure before the (slow) hash check, so parallel guesses across user names from one address
    // cannot slip past the address limit either
    await throttle.begin(attempt, started);
    const [user] = attempt.password.length > PASSWORD_MAX_LENGTH ? [] : await deps.store.findUsersByUsername(attempt.username, attempt.origin ?? 'uaa');
    const ok = await port.verifyPassword(attempt.password.slice(0, PASSWORD_MAX_LENGTH), user?.passwordHash ?? null);
    if (!ok || !user) throw unauthenticated('auth.bad_credentials');
    await throttle.succeeded(attempt, started);
    return user;
  });
}

export interface AccountInput {
  username: string;
  password?: string | null;
  origin?: string | null;
  email?: string | null;
}

/** Creates a user who can log in (SCIM `POST /Users`). Needs scim.write, uaa.admin or cloud_controller.admin. */
export async function registerAccount(deps: Deps, actor: Actor, input: AccountInput): Promise<User> {
  if (!mayWriteAccounts(actor)) throw forbidden('account.insufficient_scope');
  checkUsername(input.username);
  if (input.password != null) checkNewPassword(input.password);
  const origin = input.origin || 'uaa';
  const passwordHash = input.password ? await credentials(deps).hashPassword(input.password) : null;
  return deps.store.transaction(async (tx) => {
    const [existing] = await tx.findUsersByUsername(input.username, origin);
    if (existing) throw conflict('account.username_taken', { username: input.username, userGuid: existing.guid });
    const now = deps.clock.now();
    const user: User = {
      guid: deps.ids.guid(),
      username: input.username,
      origin,
      email: input.email ?? null,
      passwordHash,
      cfUser: false,
      scopes: [],
      createdAt: now,
      updatedAt: now,
      metadata: emptyMetadata(),
    };
    await tx.insertUser(user);
    return user;
  });
}

/** One account: its own, or any with scim.read. */
export async function getAccount(deps: Deps, actor: Actor, guid: string): Promise<User> {
  if (guid !== actor.userGuid && !mayReadAccounts(actor)) throw forbidden('account.insufficient_scope');
  const user = await deps.store.getUser(guid);
  if (!user || user.username === null) throw notFound('account.not_found', { guid });
  return user;
}

export interface AccountFilter {
  guids?: string[];
  usernames?: string[];
  origins?: string[];
}

/**
 * Accounts (users with a user name) in creation order that pass the store filter and `matches`; `offset` is
 * 0-based. Needs scim.read.
 */
export async function listAccounts(deps: Deps, actor: Actor, filter: AccountFilter, matches: (user: User) => boolean, offset: number, limit: number): Promise<PageOf<User>> {
  if (!mayReadAccounts(actor)) throw forbidden('account.insufficient_scope');
  const all = await deps.store.listUsers({ guids: filter.guids, usernames: filter.usernames, origins: filter.origins }, { page: 1, perPage: Number.MAX_SAFE_INTEGER });
  const found = all.items.filter((u) => u.username !== null && matches(u));
  return { total: found.length, items: found.slice(offset, offset + limit) };
}

/** Deletes an account at once, with its shares and tokens (SCIM `DELETE /Users/:id`). */
export async function removeAccount(deps: Deps, actor: Actor, guid: string): Promise<User> {
  if (!mayWriteAccounts(actor)) throw forbidden('account.insufficient_scope');
  return deps.store.transaction(async (tx) => {
    const user = await tx.getUser(guid);
    if (!user || user.username === null) throw notFound('account.not_found', { guid });
    for (const share of await tx.listLiveSharesOfGrantee('user', guid)) await deleteShare(deps, tx, share);
    await tx.deleteRefreshTokensOfUser(guid);
    await tx.deleteUser(guid);
    return user;
  });
}

export interface PasswordChange {
  oldPassword?: string | null;
  password: string;
}

/**
 * Changes a password (SCIM `PUT /Users/:id/password`): one's own with the old password, anyone's with scim.write.
 * Revokes the account's refresh tokens.
 */
export async function changePassword(deps: Deps, actor: Actor, guid: string, change: PasswordChange, address: string | null): Promise<User> {
  const own = guid === actor.userGuid;
  const admin = mayWriteAccounts(actor);
  if (!own && !admin) throw forbidden('account.not_own_password');
  const user = await deps.store.getUser(guid);
  if (!user || user.username === null) throw notFound('account.not_found', { guid });
  checkNewPassword(change.password);
  if (own && !change.oldPassword) throw invalid('account.old_password_required');
  if (change.oldPassword) {
    const checked = await checkPassword(deps, { username: user.username, origin: user.origin ?? 'uaa', password: change.oldPassword, address }).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'auth.bad_credentials') throw unauthenticated('account.old_password_wrong');
      throw e;
    });
    if (checked.guid !== guid) throw unauthenticated('account.old_password_wrong');
    if (change.oldPassword === change.password) throw invalid('account.password_unchanged');
  }
  const passwordHash = await credentials(deps).hashPassword(change.password);
  return deps.store.transaction(async (tx) => {
    const current = await tx.getUser(guid);
    if (!current) throw notFound('account.not_found', { guid });
    const next = { ...current, passwordHash, updatedAt: deps.clock.now() };
    await tx.updateUser(next);
    await tx.deleteRefreshTokensOfUser(guid);
    return next;
  });
}

export interface BootstrapInput {
  guid: string;
  username: string;
  password: string;
  scopes: string[];
}

const BOOTSTRAP_MARK = 'identity.admin_bootstrapped';

/**
 * Creates the first administrator once per database: a later start, or an admin deleted on purpose, leaves things
 * as they are. An existing row with the same user name (seen through a token) gets the password and scopes.
 * Returns false when the database was already bootstrapped.
 */
export async function bootstrapAdmin(deps: Deps, input: BootstrapInput): Promise<boolean> {
  if (await deps.store.getSecret(BOOTSTRAP_MARK)) return false;
  checkUsername(input.username);
  checkNewPassword(input.password);
  const passwordHash = await credentials(deps).hashPassword(input.password);
  return deps.store.transaction(async (tx) => {
    if (await tx.getSecret(BOOTSTRAP_MARK)) return false;
    const now = deps.clock.now();
    const [byName] = await tx.findUsersByUsername(input.username, 'uaa');
    const existing = byName ?? (await tx.getUser(input.guid));
    if (existing) {
      await tx.updateUser({ ...existing, username: input.username, origin: 'uaa', passwordHash, scopes: [...new Set([...existing.scopes, ...input.scopes])], updatedAt: now });
    } else {
      await tx.insertUser({
        guid: input.guid,
        username: input.username,
        origin: 'uaa',
        email: null,
        passwordHash,
        cfUser: true,
        scopes: input.scopes,
        createdAt: now,
        updatedAt: now,
        metadata: emptyMetadata(),
      });
    }
    await tx.putSecret(BOOTSTRAP_MARK, String(now), now);
    return true;
  });
}

/** A named secret kept in the database, created by `make` the first time (signing keys). */
export async function ensureSecret(deps: Deps, name: string, make: () => string | Promise<string>): Promise<string> {
  const known = await deps.store.getSecret(name);
  if (known !== undefined) return known;
  const fresh = await make();
  return deps.store.transaction(async (tx) => {
    const raced = await tx.getSecret(name);
    if (raced !== undefined) return raced;
    await tx.putSecret(name, fresh, deps.clock.now());
    return fresh;
  });
}
