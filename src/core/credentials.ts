// What the core needs to handle secrets without doing cryptography itself, and the scope rules of accounts.
import { SCOPES, type Actor } from './actor';
import type { User } from './records';

/** Implemented outside the core (src/identity): password hashing, random secrets and their digests. */
export interface CredentialsPort {
  hashPassword(password: string): Promise<string>;
  /** false for a null hash, after doing comparable work (so unknown users take as long as known ones) */
  verifyPassword(password: string, hash: string | null): Promise<boolean>;
  /** a fresh random secret of at least 16 characters from [A-Za-z0-9_-] */
  newSecret(): string;
  /** the one-way digest under which a secret is stored and looked up */
  digest(secret: string): string;
}

/** An OAuth client the embedded token endpoint knows. */
export interface OAuthClient {
  id: string;
  /** '' for a public client (cf) */
  secret: string;
  grantTypes: string[];
  /** scopes a user token for this client may carry */
  scopes: string[];
  /** scopes of a client_credentials token */
  authorities: string[];
}

/** What an access token is issued for. */
export interface AccessTokenInput {
  clientId: string;
  grantType: string;
  scopes: string[];
  /** absent for client_credentials tokens */
  user?: { guid: string; username: string | null; origin: string | null; email: string | null };
  /** when the user authenticated, in seconds since the epoch */
  authTime?: number;
}

/** Scopes every password user gets in a token, as UAA's default groups give them. */
export const DEFAULT_USER_SCOPES = ['openid', SCOPES.read, SCOPES.write, SCOPES.permissionsRead, 'password.write', 'uaa.user', 'scim.me'];

/** Extra scopes of the bootstrap administrator. */
export const ADMIN_SCOPES = [SCOPES.admin, 'scim.read', 'scim.write', 'uaa.admin', 'clients.read'];

export const ACCOUNT_SCOPES = {
  read: ['scim.read', 'uaa.admin', SCOPES.admin],
  write: ['scim.write', 'uaa.admin', SCOPES.admin],
};

/** The scopes a user may hold in a token: the defaults and their own. */
export const scopesOfUser = (user: Pick<User, 'scopes'>): string[] => [...new Set([...DEFAULT_USER_SCOPES, ...user.scopes])];

export const mayReadAccounts = (actor: Actor) => ACCOUNT_SCOPES.read.some((s) => actor.scopes.has(s));
export const mayWriteAccounts = (actor: Actor) => ACCOUNT_SCOPES.write.some((s) => actor.scopes.has(s));

/** Password rules: UAA's default policy (at most 255 characters), and non-empty. */
export const PASSWORD_MAX_LENGTH = 255;
/** User names: UAA's pattern and length. */
export const USERNAME_PATTERN = /^[\p{L}0-9+\-_.@'!]+$/u;
export const USERNAME_MAX_LENGTH = 255;
