import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

/**
 * X-VCAP-Request-ID on every response, as Cloud Controller's VcapRequestId middleware makes it: an incoming
 * X-VCAP-Request-ID (or X-Request-ID) is kept, stripped to [A-Za-z0-9_-] and 255 characters, and suffixed with
 * "::" and a fresh uuid; without one the id is a fresh uuid. The route wrapper writes it into the response.
 */
export const requestId: RequestHandler = (req, _res, next) => {
  const incoming = req.get('x-vcap-request-id') || req.get('x-request-id');
  const id = incoming ? `${incoming.replace(/[^\w-]/g, '').slice(0, 255)}::${randomUUID()}` : randomUUID();
  req.requestId = id;
  next();
};
