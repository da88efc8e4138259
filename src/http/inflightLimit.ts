// Overload: at most `max` requests are served at once. One more is answered at once, 503 with Retry-After in its
// dialect's envelope, instead of waiting in a queue behind the others; a request counts until its response is
// finished or its connection closes.
import type { RequestHandler } from 'express';
import { DomainError } from '../core/errors';
import { refuse, type RendererFor } from './refuse';

export const OVERLOAD_RETRY_AFTER_SECONDS = 1;

export function inflightLimit(max: number, rendererFor: RendererFor): RequestHandler {
  let inflight = 0;
  return (req, res, next) => {
    if (inflight >= max) {
      const error = new DomainError('unavailable', 'server.overloaded', { retryAfterSeconds: OVERLOAD_RETRY_AFTER_SECONDS });
      return refuse(req, res, rendererFor, error, { 'Retry-After': String(OVERLOAD_RETRY_AFTER_SECONDS) });
    }
    inflight++;
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      inflight--;
    };
    res.once('finish', release);
    res.once('close', release);
    next();
  };
}
