// Golem clients may send their token as the `GOLEM_SESSION` cookie instead of a bearer header. Without an
// Authorization header the cookie's value is used as the bearer token, so every credential scheme sees it the same.
import type { RequestHandler } from 'express';

export const SESSION_COOKIE = 'GOLEM_SESSION';

/** The first `GOLEM_SESSION` value of a Cookie header, if any. */
export function sessionCookie(header: string | undefined): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const raw = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw) || null;
    } catch {
      return raw || null;
    }
  }
  return null;
}

export const sessionCookieAsBearer: RequestHandler = (req, _res, next) => {
  if (req.headers.authorization === undefined) {
    const secret = sessionCookie(req.headers.cookie);
    if (secret) req.headers.authorization = `Bearer ${secret}`;
  }
  next();
};
