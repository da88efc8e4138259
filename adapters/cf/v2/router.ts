// The Cloud Foundry v2 dialect. So far only discovery (`GET /v2/info`), which v2 clients read to find where to
// log in.
import express, { type RequestHandler, type Router } from 'express';
import type { Core } from '../../../src/core/core';
import { authenticate, hasBearer, type TokenVerification } from '../../../src/http/authenticate';
import { errorMiddleware, route } from '../../../src/http/route';
import { getInfo } from './handlers/info';
import { renderV2Error } from './renderError';

export interface V2Options {
  loginUrl: string;
  verification: TokenVerification;
}

export function v2Router(core: Core, options: V2Options): Router {
  const router = express.Router();
  const auth = authenticate(core, options.verification);
  // a valid token adds `user` to /v2/info; a missing or bad one is ignored there
  const optionalAuth: RequestHandler = (req, res, next) => (hasBearer(req) ? auth(req, res, () => next()) : next());
  router.get('/v2/info', optionalAuth, route(renderV2Error, getInfo(options)));
  router.use(errorMiddleware(renderV2Error));
  return router;
}
