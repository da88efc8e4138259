// The Cloud Foundry v2 dialect: discovery, service instances, the catalog, feature flags, quotas, jobs and events,
// and the organizations, spaces and users around them. Any other /v2 path is CC's "Unknown request".
import express, { type RequestHandler, type Router } from 'express';
import type { Core } from '../../../src/core/core';
import { authenticate, hasBearer, type TokenVerification } from '../../../src/http/authenticate';
import { errorMiddleware, writeReply } from '../../../src/http/route';
import { CfError } from '../errorCatalogue';
import { CC_V2_VERSION, getInfo } from './handlers/info';
import { activityRoutes } from './handlers/activity';
import { catalogRoutes } from './handlers/catalog';
import { featureFlagRoutes } from './handlers/featureFlags';
import { quotaRoutes } from './handlers/quotas';
import { serviceInstanceRoutes } from './handlers/serviceInstances';
import { spaceServiceRoutes } from './handlers/spaceServices';
import { userProvidedServiceInstanceRoutes } from './handlers/userProvidedServiceInstances';
import { registerPeopleRoutes } from './peopleRoutes';
import { renderV2Error } from './renderError';
import { makeAdd, v2Route, type V2Context } from './routes';

export interface V2Options {
  publicUrl: string;
  loginUrl: string;
  verification: TokenVerification;
}

/** The link `GET /` lists for this dialect. */
export const v2RootLink = (publicUrl: string) => ({ cloud_controller_v2: { href: `${publicUrl}/v2`, meta: { version: CC_V2_VERSION } } });

export function v2Router(core: Core, options: V2Options): Router {
  const router = express.Router();
  const auth = authenticate(core, options.verification);
  // a valid token adds `user` to /v2/info; a missing or bad one is ignored there
  const optionalAuth: RequestHandler = (req, res, next) => (hasBearer(req) ? auth(req, res, () => next()) : next());
  router.get('/v2/info', optionalAuth, v2Route(getInfo(options)));

  const ctx: V2Context = { core, publicUrl: options.publicUrl };
  const add = makeAdd(router, ctx, auth);
  for (const register of [serviceInstanceRoutes, userProvidedServiceInstanceRoutes, spaceServiceRoutes, catalogRoutes, featureFlagRoutes, activityRoutes, quotaRoutes])
    register(add);
  registerPeopleRoutes(add, ctx);

  router.use('/v2', (req, res) => writeReply(res, renderV2Error(new CfError('NotFound'), req)));
  router.use(errorMiddleware(renderV2Error));
  return router;
}
