// The optional per-caller rate limit (RATE_LIMIT_PER_MINUTE), as Cloud Controller's rate limiter: a fixed window of
// one minute per caller, every counted answer carrying X-RateLimit-Limit, X-RateLimit-Remaining and
// X-RateLimit-Reset (the window's end, in seconds since the epoch); past the limit a 429 in the dialect's envelope
// with Retry-After. A caller is its credential (Authorization, or CSM's Authentication-Token), hashed; a request
// without one counts against its client address.
import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { DomainError } from '../core/errors';
import { refuse, type RendererFor } from './refuse';

const WINDOW_MS = 60_000;

function callerKey(req: Request): string {
  const credential = req.headers.authorization ?? req.headers['authentication-token'];
  if (typeof credential === 'string' && credential !== '') return `c:${createHash('sha256').update(credential).digest('base64url')}`;
  return `a:${req.socket.remoteAddress ?? 'unknown'}`;
}

export function rateLimit(perMinute: number, rendererFor: RendererFor, now: () => number = Date.now): RequestHandler {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const prune = (t: number) => {
    for (const [key, w] of windows) if (w.resetAt <= t) windows.delete(key);
  };
  return (req, res, next) => {
    const t = now();
    if (windows.size > 10_000) prune(t);
    const key = callerKey(req);
    let w = windows.get(key);
    if (!w || w.resetAt <= t) windows.set(key, (w = { count: 0, resetAt: t + WINDOW_MS }));
    w.count++;
    const headers = {
      'X-RateLimit-Limit': String(perMinute),
      'X-RateLimit-Remaining': String(Math.max(0, perMinute - w.count)),
      'X-RateLimit-Reset': String(Math.ceil(w.resetAt / 1000)),
    };
    req.replyHeaders = { ...req.replyHeaders, ...headers };
    if (w.count > perMinute) {
      const retryAfterSeconds = Math.max(1, Math.ceil((w.resetAt - t) / 1000));
      return refuse(req, res, rendererFor, new DomainError('unavailable', 'request.rate_limited', { retryAfterSeconds }), { 'Retry-After': String(retryAfterSeconds) });
    }
    next();
  };
}
