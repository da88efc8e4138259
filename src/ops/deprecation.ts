// Deprecation notices: every response of a deprecated dialect carries `Deprecation` (RFC 9745: `@` and the unix
// time at which the deprecation took effect: DEPRECATED_AT, else the start of this process), `Sunset` (RFC 8594:
// the HTTP-date of SUNSET_AT, when set) and `Link: <PUBLIC_URL/docs>; rel="deprecation"`. The route wrapper writes
// them with the response (`req.replyHeaders`).
import type { RequestHandler } from 'express';
import { dialectOf, type Dialect } from '../http/dialect';

export interface DeprecationSettings {
  dialects: Dialect[];
  /** ms since the epoch */
  deprecatedAt: number;
  sunsetAt?: number;
  publicUrl: string;
}

export function deprecationHeadersOf(s: Pick<DeprecationSettings, 'deprecatedAt' | 'sunsetAt' | 'publicUrl'>): Record<string, string> {
  const headers: Record<string, string> = {
    Deprecation: `@${Math.floor(s.deprecatedAt / 1000)}`,
    Link: `<${s.publicUrl}/docs>; rel="deprecation"`,
  };
  if (s.sunsetAt !== undefined) headers.Sunset = new Date(s.sunsetAt).toUTCString();
  return headers;
}

/** undefined when no dialect is deprecated */
export function deprecation(settings: DeprecationSettings): RequestHandler | undefined {
  if (settings.dialects.length === 0) return undefined;
  const deprecated = new Set(settings.dialects);
  const headers = Object.freeze(deprecationHeadersOf(settings));
  return (req, _res, next) => {
    if (deprecated.has(dialectOf(req.originalUrl))) req.replyHeaders = { ...req.replyHeaders, ...headers };
    next();
  };
}
