// Opaque API tokens as credentials: `Authorization: Bearer <secret>` or a `GOLEM_SESSION=<secret>` cookie, where a
// secret is at least 16 characters of [A-Za-z0-9_-] (so never a JWT, which has dots).
import type { Request } from 'express';
import type { Core } from '../core/core';
import { unauthenticated } from '../core/errors';
import type { CredentialScheme } from '../http/authenticate';

export const SESSION_COOKIE = 'GOLEM_SESSION';
const SECRET = /^[A-Za-z0-9_-]{16,512}$/;

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name)
      return part
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

/**
 * Claims for a known, unexpired API token (the cookie first, then the bearer token). A well-formed secret that
 * matches nothing is `auth.invalid` unless a JWT is also presented, which then gets its own chance.
 */
export function apiTokenScheme(core: Core): CredentialScheme {
  return async (req) => {
    const bearer = /^bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
    const candidates = [cookie(req, SESSION_COOKIE), bearer].filter((s): s is string => s !== undefined && SECRET.test(s));
    if (candidates.length === 0) return null;
    for (const secret of new Set(candidates)) {
      const claims = await core.claimsForApiToken(secret);
      if (claims) return claims;
    }
    if (bearer && !SECRET.test(bearer)) return null;
    throw unauthenticated('auth.invalid');
  };
}
