// The environment-shares dialect (Golem Cloud's registry API, contracts/env-shares.md) and Golem's token API.
import express, { type Router } from 'express';
import type { Core } from '../../src/core/core';
import { authenticate, type CredentialScheme, type TokenVerification } from '../../src/http/authenticate';
import { makeAdd } from '../../src/http/makeAdd';
import { errorMiddleware } from '../../src/http/route';
import { apiTokenRoutes } from './handlers/apiTokens';
import { environmentShareRoutes } from './handlers/environmentShares';
import { renderEnvSharesError } from './renderError';
import { envSharesRoutes } from './routes';
import { sessionCookieAsBearer } from './sessionCookie';

export interface EnvSharesOptions {
  /** how bearer JWTs are verified */
  verification: TokenVerification;
  /** other credentials (opaque API tokens), tried before the JWT; a GOLEM_SESSION cookie reaches them as a bearer */
  schemes?: CredentialScheme[];
}

export function envSharesRouter(core: Core, options: EnvSharesOptions): Router {
  const router = express.Router();
  const auth = [sessionCookieAsBearer, authenticate(core, options.verification, options.schemes)];
  const add = makeAdd(router, envSharesRoutes(core, auth));
  environmentShareRoutes(add);
  apiTokenRoutes(add);
  router.use(errorMiddleware(renderEnvSharesError));
  return router;
}
