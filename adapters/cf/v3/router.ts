// The Cloud Foundry v3 dialect.
import express, { type Router } from 'express';
import type { Core } from '../../../src/core/core';
import { authenticate, type CredentialScheme, type TokenVerification } from '../../../src/http/authenticate';
import { makeAdd } from '../../../src/http/makeAdd';
import { errorMiddleware } from '../../../src/http/route';
import { makeLinks } from '../links';
import { activityRoutes } from './handlers/activity';
import { catalogRoutes } from './handlers/catalog';
import { featureFlagRoutes } from './handlers/featureFlags';
import { isolationSegmentRoutes } from './handlers/isolationSegments';
import { organizationRoutes } from './handlers/organizations';
import { roleRoutes } from './handlers/roles';
import { rootRoutes } from './handlers/root';
import { serviceBindingRoutes } from './handlers/serviceBindings';
import { serviceInstanceRoutes } from './handlers/serviceInstances';
import { sharedSpaceRoutes } from './handlers/sharedSpaces';
import { spaceRoutes } from './handlers/spaces';
import { usageSummaryRoutes } from './handlers/usageSummaries';
import { userRoutes } from './handlers/users';
import { renderV3Error } from './renderError';
import { v3Routes, type Add } from './routes';

export interface V3Options {
  publicUrl: string;
  loginUrl: string;
  verification: TokenVerification;
  schemes?: CredentialScheme[];
  extraRootLinks?: () => Record<string, unknown>;
}

export function v3Router(core: Core, options: V3Options): Router {
  const router = express.Router();
  const links = makeLinks(options.publicUrl);
  rootRoutes(router, { links, loginUrl: options.loginUrl, extraLinks: options.extraRootLinks });
  const add: Add = makeAdd(router, v3Routes({ core, links }, authenticate(core, options.verification, options.schemes)));
  for (const register of [
    organizationRoutes,
    spaceRoutes,
    userRoutes,
    roleRoutes,
    featureFlagRoutes,
    activityRoutes,
    catalogRoutes,
    serviceInstanceRoutes,
    sharedSpaceRoutes,
    serviceBindingRoutes,
    usageSummaryRoutes,
    isolationSegmentRoutes,
  ]) {
    register(add);
  }
  router.use(errorMiddleware(renderV3Error));
  return router;
}
