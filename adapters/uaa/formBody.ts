// application/x-www-form-urlencoded bodies (OAuth token requests), with parser failures as domain errors.
import express, { type RequestHandler } from 'express';
import { invalid } from '../../src/core/errors';

const parser = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 });

export const formBody: RequestHandler = (req, res, next) => {
  parser(req, res, (err?: unknown) => {
    if (!err) return next();
    const type = (err as { type?: string }).type;
    next(invalid(type === 'entity.too.large' ? 'request.body_too_large' : 'request.malformed_body'));
  });
};
