// POST /oauth/token: the form (and HTTP Basic client credentials) read as UAA reads them, one login call
// (src/identity/login.ts: client authentication, grant, scopes, tokens), and UAA's token response.
import type { Request } from 'express';
import type { ClientAuthentication, IssuedTokens, LoginPort } from '../../../src/core/login';
import type { Reply } from '../../../src/http/route';
import { UaaError } from '../renderError';

const SECRET_PARAMS = ['password', 'client_secret', 'passcode', 'refresh_token'];

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

const decodePart = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));

/** HTTP Basic credentials (`cf:` for the cf CLI), null when the header cannot be read; then the form's. */
function clientAuthentication(req: Request, params: Record<string, string>): ClientAuthentication {
  const basic = /^basic\s+(\S*)\s*$/i.exec(req.get('authorization') ?? '');
  let header: ClientAuthentication['header'];
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    try {
      header = colon < 0 ? null : { id: decodePart(decoded.slice(0, colon)), secret: decodePart(decoded.slice(colon + 1)) };
    } catch {
      header = null;
    }
  }
  return { header, formId: params.client_id, formSecret: params.client_secret };
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

const presentTokens = (t: IssuedTokens): Reply => ({
  status: 200,
  headers: noStore,
  body: {
    access_token: t.accessToken,
    token_type: 'bearer',
    ...(t.refreshToken !== undefined ? { refresh_token: t.refreshToken } : {}),
    expires_in: t.expiresIn,
    scope: t.scopes.join(' '),
    jti: t.jti,
  },
});

export const tokenHandler =
  (login: LoginPort) =>
  async (req: Request): Promise<Reply> => {
    const params = tokenParams(req);
    const tokens = await login.requestToken({
      client: clientAuthentication(req, params),
      grantType: params.grant_type,
      username: params.username,
      password: params.password,
      origin: originHint(params),
      refreshToken: params.refresh_token,
      scope: params.scope,
      address: req.ip ?? null,
    });
    return presentTokens(tokens);
  };
