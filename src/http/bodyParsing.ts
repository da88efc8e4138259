// JSON bodies whatever the content type (legacy CF clients send JSON as form-encoded), with parse and size errors
// turned into domain errors each dialect renders.
import express, { type RequestHandler } from 'express';
import { invalid } from '../core/errors';

const parser = express.json({ type: () => true, limit: '1mb', strict: false });

export const jsonBody: RequestHandler = (req, res, next) => {
  parser(req, res, (err?: unknown) => {
    if (!err) return next();
    const type = (err as { type?: string }).type;
    next(invalid(type === 'entity.too.large' ? 'request.body_too_large' : 'request.malformed_body'));
  });
};
