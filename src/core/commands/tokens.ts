// Revocable refresh tokens and opaque API tokens. Secrets are handed out once; only their digests are stored.
import type { Actor, Claims } from '../actor';
import type { Deps } from '../context';
import { mayWriteAccounts, scopesOfUser, type CredentialsPort } from '../credentials';
import { DomainError, forbidden, invalid, notFound, unauthenticated } from '../errors';
import type { ApiToken, RefreshToken, User } from '../records';

function credentials(deps: Deps): CredentialsPort {
  if (!deps.credentials) throw new DomainError('unavailable', 'identity.unavailable');
  return deps.credentials;
}

export interface RefreshGrant {
  userGuid: string;
  clientId: string;
  scopes: string[];
  ttlSeconds: number;
}

export async function issueRefreshToken(deps: Deps, grant: RefreshGrant): Promise<{ secret: string; token: RefreshToken }> {
  const port = credentials(deps);
  const secret = `${port.newSecret()}-r`;
  const now = deps.clock.now();
  const token: RefreshToken = {
    guid: deps.ids.guid(),
    digest: port.digest(secret),
    userGuid: grant.userGuid,
    clientId: grant.clientId,
    scopes: grant.scopes,
    createdAt: now,
    expiresAt: now + grant.ttlSeconds * 1000,
  };
  await deps.store.transaction((tx) => tx.insertRefreshToken(token));
  return { secret, token };
}

/**
 * The grant behind a refresh token presented by `clientId`: `refresh.invalid` when unknown, revoked or expired (or
 * its user is gone), `refresh.wrong_client` when another client got it.
 */
export async function redeemRefreshToken(deps: Deps, secret: string, clientId: string): Promise<{ token: RefreshToken; user: User }> {
  const token = await deps.store.getRefreshTokenByDigest(credentials(deps).digest(secret));
  if (!token) throw unauthenticated('refresh.invalid');
  if (token.expiresAt <= deps.clock.now()) {
    await deps.store.transaction((tx) => tx.deleteRefreshToken(token.guid));
    throw unauthenticated('refresh.expired');
  }
  if (token.clientId !== clientId) throw invalid('refresh.wrong_client', { clientId: token.clientId });
  const user = await deps.store.getUser(token.userGuid);
  if (!user) throw unauthenticated('refresh.invalid');
  return { token, user };
}

const mayRevokeFor = (actor: Actor, userGuid: string) => actor.userGuid === userGuid || mayWriteAccounts(actor) || actor.scopes.has('tokens.revoke');

/** Revokes one refresh token, named by its id (jti) or by its value: its owner's or any with admin rights. */
export async function revokeRefreshToken(deps: Deps, actor: Actor, idOrSecret: string): Promise<void> {
  const token = (await deps.store.getRefreshToken(idOrSecret)) ?? (await deps.store.getRefreshTokenByDigest(credentials(deps).digest(idOrSecret)));
  if (!token || !mayRevokeFor(actor, token.userGuid)) throw notFound('refresh.not_found');
  await deps.store.transaction((tx) => tx.deleteRefreshToken(token.guid));
}

/** Revokes every refresh token of a user; returns how many there were. */
export async function revokeUserRefreshTokens(deps: Deps, actor: Actor, userGuid: string): Promise<number> {
  if (!mayRevokeFor(actor, userGuid)) throw forbidden('account.insufficient_scope');
  return deps.store.transaction((tx) => tx.deleteRefreshTokensOfUser(userGuid));
}

async function tokenAccount(deps: Deps, actor: Actor, accountGuid: string): Promise<User> {
  if (accountGuid !== actor.userGuid && !mayWriteAccounts(actor)) throw forbidden('api_token.other_account');
  const user = await deps.store.getUser(accountGuid);
  if (!user) throw notFound('account.not_found', { guid: accountGuid });
  return user;
}

/** A new API token for an account (its own, or any for an administrator); the secret is returned only here. */
export async function createApiToken(deps: Deps, actor: Actor, accountGuid: string, expiresAt: number): Promise<{ secret: string; token: ApiToken }> {
  await tokenAccount(deps, actor, accountGuid);
  const now = deps.clock.now();
  if (expiresAt <= now) throw invalid('api_token.expired', { expiresAt });
  const port = credentials(deps);
  const secret = port.newSecret();
  const token: ApiToken = { guid: deps.ids.guid(), digest: port.digest(secret), userGuid: accountGuid, createdAt: now, expiresAt };
  await deps.store.transaction(async (tx) => {
    if (!(await tx.getUser(accountGuid))) throw notFound('account.not_found', { guid: accountGuid });
    await tx.insertApiToken(token);
  });
  return { secret, token };
}

export async function listApiTokens(deps: Deps, actor: Actor, accountGuid: string): Promise<ApiToken[]> {
  await tokenAccount(deps, actor, accountGuid);
  return deps.store.listApiTokens(accountGuid);
}

export async function getApiToken(deps: Deps, actor: Actor, accountGuid: string, tokenGuid: string): Promise<ApiToken> {
  await tokenAccount(deps, actor, accountGuid);
  const token = await deps.store.getApiToken(tokenGuid);
  if (!token || token.userGuid !== accountGuid) throw notFound('api_token.not_found', { guid: tokenGuid });
  return token;
}

export async function revokeApiToken(deps: Deps, actor: Actor, accountGuid: string, tokenGuid: string): Promise<ApiToken> {
  const token = await getApiToken(deps, actor, accountGuid, tokenGuid);
  await deps.store.transaction((tx) => tx.deleteApiToken(token.guid));
  return token;
}

/** The caller behind an API token secret, or null when it is unknown or expired. */
export async function claimsForApiToken(deps: Deps, secret: string): Promise<Claims | null> {
  const token = await deps.store.getApiTokenByDigest(credentials(deps).digest(secret));
  if (!token || token.expiresAt <= deps.clock.now()) return null;
  const user = await deps.store.getUser(token.userGuid);
  if (!user) return null;
  return { userGuid: user.guid, username: user.username, email: user.email, origin: user.origin, clientId: null, scopes: scopesOfUser(user) };
}
