// Bearer-token authentication: express-jwt verifies the token, then the caller becomes an Actor and its user row
// is created on first sight.
import type { Request, RequestHandler } from 'express';
import { expressjwt, type GetVerificationKey } from 'express-jwt';
import type { KeyObject } from 'node:crypto';
import { makeActor, type Claims } from '../core/actor';
import type { Core } from '../core/core';
import { unauthenticated } from '../core/errors';

export interface TokenVerification {
  /** a KeyObject (HS256, fast path) or a resolver by token header (RS256 key sets) */
  secret: KeyObject | GetVerificationKey;
  algorithms: ('HS256' | 'RS256')[];
}

/** Another way to present credentials (opaque API tokens, session cookies): claims, or null if not this scheme. */
export type CredentialScheme = (req: Request) => Promise<Claims | null>;

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);

/** UAA claims -> Claims; null when the token names no user or client. */
export function claimsOf(payload: Record<string, unknown> | undefined): Claims | null {
  if (!payload) return null;
  const clientId = str(payload.client_id) ?? str(payload.cid);
  const userGuid = str(payload.user_id) ?? (payload.sub === clientId ? clientId : str(payload.user_id)) ?? clientId;
  if (!userGuid) return null;
  const scope = payload.scope;
  const scopes = Array.isArray(scope) ? scope.filter((s): s is string => typeof s === 'string') : typeof scope === 'string' ? scope.split(' ') : [];
  return { userGuid, username: str(payload.user_name), email: str(payload.email), origin: str(payload.origin), clientId, scopes };
}

export const hasBearer = (req: Request) => /^bearer\s/i.test(req.get('authorization') ?? '');

export function authenticate(core: Core, verification: TokenVerification, schemes: CredentialScheme[] = []): RequestHandler {
  const jwt = expressjwt({ secret: verification.secret, algorithms: verification.algorithms, credentialsRequired: true });
  const finish = async (req: Request, claims: Claims) => {
    await core.ensureUser(claims);
    req.actor = makeActor(claims);
  };
  return (req, res, next) => {
    void (async () => {
      for (const scheme of schemes) {
        const claims = await scheme(req);
        if (claims) return finish(req, claims);
      }
      const failure = await new Promise<unknown>((resolve) => jwt(req, res, resolve));
      if (failure) {
        const code = (failure as { code?: string }).code;
        throw unauthenticated(code === 'credentials_required' ? 'auth.missing' : 'auth.invalid');
      }
      const claims = claimsOf(req.auth);
      if (!claims) throw unauthenticated('auth.invalid');
      return finish(req, claims);
    })().then(() => next(), next);
  };
}
