// POST /oauth/token (password, client_credentials, refresh_token) with HTTP Basic or form client authentication,
// and the revocation endpoints for refresh tokens.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { Core } from '../../../src/core/core';
import { scopesOfUser } from '../../../src/core/credentials';
import type { User } from '../../../src/core/records';
import type { Reply } from '../../../src/http/route';
import type { OAuthClient, UaaOptions } from '../ports';
import { UaaError } from '../renderError';

const SECRET_PARAMS = ['password', 'client_secret', 'passcode', 'refresh_token'];
const KNOWN_GRANTS = ['password', 'client_credentials', 'refresh_token', 'authorization_code', 'implicit', 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'urn:ietf:params:oauth:grant-type:saml2-bearer', 'user_token'];

const badCredentials = () =>
  new UaaError(401, 'unauthorized', 'Bad credentials', {}, { 'WWW-Authenticate': 'Basic realm="UAA/client", error="unauthorized", error_description="Bad credentials"' });
const fullAuthRequired = () =>
  new UaaError(401, 'unauthorized', 'Full authentication is required to access this resource', {}, { 'WWW-Authenticate': 'Basic realm="UAA/client"' });

/** Form parameters (the body) over query parameters; credentials are refused in the query, as UAA does. */
function tokenParams(req: Request): Record<string, string> {
  const query = (req.query ?? {}) as Record<string, unknown>;
  if (SECRET_PARAMS.some((k) => k in query)) throw new UaaError(400, 'invalid_request', 'Parameters must be passed in the body of the request');
  const body = req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
  const params: Record<string, string> = {};
  for (const [k, v] of [...Object.entries(query), ...Object.entries(body)]) {
    if (typeof v === 'string') params[k] = v;
    else if (v !== undefined) throw new UaaError(400, 'invalid_request', `Parameter ${k} must be given once`);
  }
  return params;
}

const digestOf = (s: string) => createHash('sha256').update(s, 'utf8').digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(digestOf(a), digestOf(b));

function decodePart(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw badCredentials();
  }
}

/** The calling OAuth client, from HTTP Basic (`cf:` for the cf CLI) or from client_id/client_secret in the form. */
function authenticateClient(req: Request, params: Record<string, string>, clients: OAuthClient[]): OAuthClient {
  const header = req.get('authorization') ?? '';
  let id: string | undefined;
  let secret = '';
  const basic = /^basic\s+(\S*)\s*$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw badCredentials();
    id = decodePart(decoded.slice(0, colon));
    secret = decodePart(decoded.slice(colon + 1));
    if (params.client_id !== undefined && params.client_id !== id) throw new UaaError(401, 'invalid_client', 'Given client ID does not match authenticated client');
  } else if (params.client_id !== undefined) {
    id = params.client_id;
    secret = params.client_secret ?? '';
  }
  if (id === undefined) throw fullAuthRequired();
  const client = clients.find((c) => c.id === id);
  // compare even for an unknown client, so the answer takes as long
  const ok = sameSecret(secret, client?.secret ?? '\u0000unknown');
  if (!client || !ok) throw badCredentials();
  return client;
}

/** Requested scopes (space-separated) within `allowed`, or all of `allowed` when none are requested. */
function grantedScopes(params: Record<string, string>, allowed: string[]): string[] {
  const requested = (params.scope ?? '').split(/[\s,]+/).filter((s) => s.length > 0);
  if (requested.length === 0) return allowed;
  const bad = requested.filter((s) => !allowed.includes(s));
  if (bad.length > 0) throw new UaaError(400, 'invalid_scope', `Invalid scope: ${bad.join(' ')}. Did you know that you can get default scopes by simply sending no value?`, { scope: allowed.join(' ') });
  return [...new Set(requested)];
}

/** The identity provider named by `login_hint={"origin":"..."}`; an unreadable hint is ignored, as UAA does. */
function originHint(params: Record<string, string>): string | undefined {
  if (!params.login_hint) return undefined;
  try {
    const hint = JSON.parse(params.login_hint) as { origin?: unknown };
    return typeof hint?.origin === 'string' && hint.origin.length > 0 ? hint.origin : undefined;
  } catch {
    return undefined;
  }
}

const noStore = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

export function tokenHandler(core: Core, options: UaaOptions) {
  const { issuer, clients } = options;

  async function userTokens(client: OAuthClient, grantType: string, user: User, scopes: string[], refresh: string | null): Promise<Reply> {
    const access = await issuer.issueAccessToken({ clientId: client.id, grantType, scopes, user: { guid: user.guid, username: user.username, origin: user.origin, email: user.email } });
    const refreshToken =
      refresh ?? (await core.issueRefreshToken({ userGuid: user.guid, clientId: client.id, scopes, ttlSeconds: options.refreshTokenTtlSeconds })).secret;
    return {
      status: 200,
      headers: noStore,
      body: { access_token: access.token, token_type: 'bearer', refresh_token: refreshToken, expires_in: access.expiresIn, scope: scopes.join(' '), jti: access.jti },
    };
  }

  return async (req: Request): Promise<Reply> => {
    await options.ready.catch(() => undefined); // a failed bootstrap is logged; other logins go on
    const params = tokenParams(req);
    const client = authenticateClient(req, params, clients);
    const grantType = params.grant_type;
    if (!grantType) throw new UaaError(400, 'invalid_request', 'Missing grant type');
    if (!KNOWN_GRANTS.includes(grantType)) throw new UaaError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
    if (!client.grantTypes.includes(grantType)) throw new UaaError(401, 'invalid_client', `Unauthorized grant type: ${grantType}`);

    if (grantType === 'client_credentials') {
      const scopes = grantedScopes(params, client.authorities);
      const access = await issuer.issueAccessToken({ clientId: client.id, grantType, scopes });
      return { status: 200, headers: noStore, body: { access_token: access.token, token_type: 'bearer', expires_in: access.expiresIn, scope: scopes.join(' '), jti: access.jti } };
    }

    if (grantType === 'password') {
      const { username, password } = params;
      if (!username || !password) throw badCredentials();
      const user = await core.checkPassword({ username, password, origin: originHint(params), address: req.ip ?? null });
      const scopes = grantedScopes(params, scopesOfUser(user).filter((s) => client.scopes.includes(s)));
      return userTokens(client, grantType, user, scopes, null);
    }

    // refresh_token: the same refresh token stays valid (UAA's default, non-rotating)
    const secret = params.refresh_token;
    if (!secret) throw new UaaError(401, 'invalid_token', 'Invalid refresh token (empty token)');
    const { token, user } = await core.redeemRefreshToken(secret, client.id);
    const stillAllowed = scopesOfUser(user).filter((s) => client.scopes.includes(s));
    const scopes = grantedScopes(params, token.scopes.filter((s) => stillAllowed.includes(s)));
    return userTokens(client, 'refresh_token', user, scopes, secret);
  };
}
