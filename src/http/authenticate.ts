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

function algorithmOf(header: string): unknown {
  try {
    const token = header.slice(header.indexOf(' ') + 1);
    return (JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8')) as { alg?: unknown }).alg;
  } catch {
    return undefined;
  }
}

/** Payloads of verified tokens by Authorization header, until their `exp`; bounded, oldest dropped first. */
class VerifiedTokens {
  private readonly map = new Map<string, Record<string, unknown>>();
  get(header: string): Record<string, unknown> | undefined {
    const payload = this.map.get(header);
    if (payload && typeof payload.exp === 'number' && Math.floor(Date.now() / 1000) >= payload.exp) {
      this.map.delete(header);
      return undefined;
    }
    return payload;
  }
  set(header: string, payload: Record<string, unknown>): void {
    // only HS256 tokens that expire, and whose not-before time has passed (it cannot become false again)
    if (typeof payload.exp !== 'number' || algorithmOf(header) !== 'HS256') return;
    if (payload.nbf !== undefined && !(typeof payload.nbf === 'number' && payload.nbf <= Math.floor(Date.now() / 1000))) return;
    if (this.map.size >= 10_000) this.map.delete(this.map.keys().next().value!);
    this.map.set(header, Object.freeze(payload));
  }
}

export function authenticate(core: Core, verification: TokenVerification, schemes: CredentialScheme[] = []): RequestHandler {
  const jwt = expressjwt({ secret: verification.secret, algorithms: verification.algorithms, credentialsRequired: true });
  // An HS256 secret is fixed for the life of the process, so the outcome of verifying a given HS256 token changes
  // only with time (exp, nbf): a token already verified is not verified again until it expires. RS256 key sets can
  // rotate: those tokens are always verified. (A revocation check, should one be added to express-jwt's options,
  // would have to run on cached tokens too.)
  const verified = new VerifiedTokens();
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
      const header = req.method === 'OPTIONS' ? undefined : req.headers.authorization;
      const known = header ? verified.get(header) : undefined;
      if (known) req.auth = known;
      else {
        const failure = await new Promise<unknown>((resolve) => jwt(req, res, resolve));
        if (failure) {
          const code = (failure as { code?: string }).code;
          throw unauthenticated(code === 'credentials_required' ? 'auth.missing' : 'auth.invalid');
        }
        if (header && req.auth) verified.set(header, req.auth);
      }
      const claims = claimsOf(req.auth);
      if (!claims) throw unauthenticated('auth.invalid');
      return finish(req, claims);
    })().then(() => next(), next);
  };
}
