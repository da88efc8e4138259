// Logging in, as every dialect sees it: the port that src/identity's login module implements, and the errors it
// raises (stable codes each dialect renders in its own format: UAA's `{error,error_description}`, CSM's CloudError).
import { DomainError, isDomainError, type ErrorKind } from './errors';
import type { User } from './records';

/** A user name and password, from a token request or a CSM login. */
export interface PasswordLogin {
  username: string;
  password: string;
  /** the client's network address: failures are also counted against it */
  address: string | null;
  /** the identity provider; `uaa` when omitted */
  origin?: string;
}

/** Who logged in, and every scope they may hold. */
export interface LoggedIn {
  user: User;
  scopes: string[];
}

/** How an OAuth client presented itself, as read off the request (nothing decided yet). */
export interface ClientAuthentication {
  /** from an `Authorization: Basic` header; null when such a header could not be read */
  header?: { id: string; secret: string } | null;
  /** `client_id` / `client_secret` from the request body */
  formId?: string;
  formSecret?: string;
}

/** An OAuth token request (`POST /oauth/token`), its parameters read but not checked. */
export interface TokenRequest {
  client: ClientAuthentication;
  grantType?: string;
  /** password grant */
  username?: string;
  password?: string;
  origin?: string;
  /** refresh_token grant */
  refreshToken?: string;
  /** requested scopes, space- or comma-separated; all the allowed ones when absent or empty */
  scope?: string;
  address: string | null;
}

/** What a token request earns. */
export interface IssuedTokens {
  accessToken: string;
  jti: string;
  expiresIn: number;
  scopes: string[];
  /** user grants only (password, refresh_token): the refresh token, the same one for a refresh */
  refreshToken?: string;
}

export interface LoginPort {
  /**
   * The password check every login shares (brute-force limits included): the user and their scopes, or a
   * LoginError. Mints no token.
   */
  passwordLogin(input: PasswordLogin): Promise<LoggedIn>;
  /** `POST /oauth/token`: client authentication, the grant, scope granting and the tokens */
  requestToken(request: TokenRequest): Promise<IssuedTokens>;
}

const LOGIN_ERRORS = {
  /** unknown user or wrong password (indistinguishable, also in time) */
  'auth.bad_credentials': 'unauthenticated',
  /** the user name or address is locked out; params: `retryAfterSeconds` */
  'auth.throttled': 'unauthenticated',
  /** no user name or no password given */
  'login.credentials_missing': 'unauthenticated',
  /** no client credentials at all */
  'login.client_missing': 'unauthenticated',
  /** unknown client, wrong client secret, or an unreadable Basic header */
  'login.client_unauthenticated': 'unauthenticated',
  /** `client_id` in the body names another client than the Basic header */
  'login.client_mismatch': 'unauthenticated',
  'login.grant_type_missing': 'invalid',
  /** params: `grantType` */
  'login.grant_type_unsupported': 'invalid',
  /** the client may not use this grant; params: `grantType` */
  'login.grant_type_not_allowed': 'unauthenticated',
  /** params: `invalid` (the refused scopes), `allowed` (what may be asked for) */
  'login.invalid_scope': 'invalid',
  'login.refresh_token_missing': 'unauthenticated',
  /** unknown, revoked or expired refresh token, or its user is gone */
  'refresh.invalid': 'unauthenticated',
  'refresh.expired': 'unauthenticated',
  /** params: `clientId` (the client the refresh token was issued to) */
  'refresh.wrong_client': 'invalid',
  /** logins are not served here (the identity service is missing or another server issues tokens) */
  'identity.unavailable': 'unavailable',
} as const satisfies Record<string, ErrorKind>;

export type LoginErrorCode = keyof typeof LOGIN_ERRORS;

/** A failed login: a DomainError whose code is one of LoginErrorCode. */
export type LoginError = DomainError & { code: LoginErrorCode };

export const loginError = (code: LoginErrorCode, params: Record<string, unknown> = {}): LoginError => new DomainError(LOGIN_ERRORS[code], code, params) as LoginError;

export const isLoginError = (e: unknown): e is LoginError => isDomainError(e) && Object.hasOwn(LOGIN_ERRORS, e.code);
