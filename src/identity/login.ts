// One login for every dialect. `passwordLogin` is the password check (the core's, with its brute-force limits:
// failures counted per user name and per address, attempts on one user name in turn) and the scopes the user may
// hold; CSM's `POST /csm/login` opens its session on it. `requestToken` is UAA's `POST /oauth/token` around it:
// client authentication, the grant, scope granting and the signed tokens. Failures are LoginErrors (src/core/login).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Core } from '../core/core';
import { scopesOfUser, type OAuthClient } from '../core/credentials';
import { loginError, type ClientAuthentication, type IssuedTokens, type LoggedIn, type LoginPort, type PasswordLogin, type TokenRequest } from '../core/login';
import type { User } from '../core/records';
import type { TokenIssuer } from './tokenIssuer';

export type Login = LoginPort;

export interface LoginOptions {
  /** settles once the first administrator is bootstrapped; a failed bootstrap (logged) blocks no login */
  ready: Promise<void>;
  /** signs access tokens; absent when another server issues them (then only `passwordLogin` works) */
  issuer?: TokenIssuer;
  clients: OAuthClient[];
  refreshTokenTtlSeconds: number;
}

/** Grant types UAA knows; the others are `unsupported_grant_type` rather than not allowed for the client. */
const KNOWN_GRANTS = [
  'password',
  'client_credentials',
  'refresh_token',
  'authorization_code',
  'implicit',
  'urn:ietf:params:oauth:grant-type:jwt-bearer',
  'urn:ietf:params:oauth:grant-type:saml2-bearer',
  'user_token',
];

const digestOf = (s: string) => createHash('sha256').update(s, 'utf8').digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(digestOf(a), digestOf(b));

/** The OAuth client presenting these credentials: a Basic header first, else client_id/client_secret. */
export function authenticateClient(auth: ClientAuthentication, clients: OAuthClient[]): OAuthClient {
  let id: string | undefined;
  let secret = '';
  if (auth.header === null) throw loginError('login.client_unauthenticated');
  if (auth.header) {
    ({ id, secret } = auth.header);
    if (auth.formId !== undefined && auth.formId !== id) throw loginError('login.client_mismatch');
  } else if (auth.formId !== undefined) {
    id = auth.formId;
    secret = auth.formSecret ?? '';
  }
  if (id === undefined) throw loginError('login.client_missing');
  const client = clients.find((c) => c.id === id);
  // compare even for an unknown client, so the answer takes as long
  const ok = sameSecret(secret, client?.secret ?? '\u0000unknown');
  if (!client || !ok) throw loginError('login.client_unauthenticated');
  return client;
}

/** Requested scopes (space- or comma-separated) within `allowed`, or all of `allowed` when none are requested. */
export function grantScopes(requested: string | undefined, allowed: string[]): string[] {
  const wanted = (requested ?? '').split(/[\s,]+/).filter((s) => s.length > 0);
  if (wanted.length === 0) return allowed;
  const invalid = wanted.filter((s) => !allowed.includes(s));
  if (invalid.length > 0) throw loginError('login.invalid_scope', { invalid, allowed });
  return [...new Set(wanted)];
}

export function createLogin(core: Core, options: LoginOptions): Login {
  const { clients } = options;
  const settled = () => options.ready.catch(() => undefined);

  function issuer(): TokenIssuer {
    if (!options.issuer) throw loginError('identity.unavailable');
    return options.issuer;
  }

  async function passwordLogin(input: PasswordLogin): Promise<LoggedIn> {
    await settled();
    if (!input.username || !input.password) throw loginError('login.credentials_missing');
    const user = await core.checkPassword({ username: input.username, password: input.password, origin: input.origin, address: input.address });
    return { user, scopes: scopesOfUser(user) };
  }

  async function userTokens(client: OAuthClient, grantType: string, user: User, scopes: string[], refresh: string | null): Promise<IssuedTokens> {
    const access = await issuer().issueAccessToken({
      clientId: client.id,
      grantType,
      scopes,
      user: { guid: user.guid, username: user.username, origin: user.origin, email: user.email },
    });
    const refreshToken = refresh ?? (await core.issueRefreshToken({ userGuid: user.guid, clientId: client.id, scopes, ttlSeconds: options.refreshTokenTtlSeconds })).secret;
    return { accessToken: access.token, jti: access.jti, expiresIn: access.expiresIn, scopes, refreshToken };
  }

  async function requestToken(request: TokenRequest): Promise<IssuedTokens> {
    await settled();
    issuer();
    const client = authenticateClient(request.client, clients);
    const grantType = request.grantType;
    if (!grantType) throw loginError('login.grant_type_missing');
    if (!KNOWN_GRANTS.includes(grantType)) throw loginError('login.grant_type_unsupported', { grantType });
    if (!client.grantTypes.includes(grantType)) throw loginError('login.grant_type_not_allowed', { grantType });

    if (grantType === 'client_credentials') {
      const scopes = grantScopes(request.scope, client.authorities);
      const access = await issuer().issueAccessToken({ clientId: client.id, grantType, scopes });
      return { accessToken: access.token, jti: access.jti, expiresIn: access.expiresIn, scopes };
    }

    if (grantType === 'password') {
      const { user, scopes: userScopes } = await passwordLogin({
        username: request.username ?? '',
        password: request.password ?? '',
        origin: request.origin,
        address: request.address,
      });
      const scopes = grantScopes(
        request.scope,
        userScopes.filter((s) => client.scopes.includes(s)),
      );
      return userTokens(client, grantType, user, scopes, null);
    }

    // refresh_token: the same refresh token stays valid (UAA's default, non-rotating)
    const secret = request.refreshToken;
    if (!secret) throw loginError('login.refresh_token_missing');
    const { token, user } = await core.redeemRefreshToken(secret, client.id);
    const stillAllowed = scopesOfUser(user).filter((s) => client.scopes.includes(s));
    const scopes = grantScopes(
      request.scope,
      token.scopes.filter((s) => stillAllowed.includes(s)),
    );
    return userTokens(client, 'refresh_token', user, scopes, secret);
  }

  return { passwordLogin, requestToken };
}
