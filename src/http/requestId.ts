import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

const VALID = /^[A-Za-z0-9._:-]{1,255}$/;

/** Echoes a sane incoming X-VCAP-Request-ID (or X-Request-Id), else makes one, on every response. */
export const requestId: RequestHandler = (req, res, next) => {
  const incoming = req.get('x-vcap-request-id') ?? req.get('x-request-id');
  const id = incoming && VALID.test(incoming) ? incoming : randomUUID();
  req.requestId = id;
  res.setHeader('X-VCAP-Request-ID', id);
  next();
};
