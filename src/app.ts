// The express app: common middleware, then each dialect's router; anything unrouted is CC's "Unknown request"
// (in v2's format under /v2, which the v2 router answers itself).
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { CfError } from '../adapters/cf/errorCatalogue';
import { v2RootLink, v2Router, type V2Options } from '../adapters/cf/v2/router';
import { csmRouter, type CsmOptions } from '../adapters/csm/router';
import { renderV3Error } from '../adapters/cf/v3/renderError';
import { v3Router, type V3Options } from '../adapters/cf/v3/router';
import { envSharesRouter, type EnvSharesOptions } from '../adapters/env-shares/router';
import type { UaaOptions } from '../adapters/uaa/ports';
import { uaaRouter } from '../adapters/uaa/router';
import type { Core } from './core/core';
import { requestId } from './http/requestId';
import { requestLog } from './http/requestLog';
import { errorMiddleware, writeReply } from './http/route';

export interface AppOptions {
  logger: Logger;
  v3: V3Options;
  v2?: V2Options;
  /** the embedded UAA (absent in external mode, where clients log in at UAA_URL) */
  uaa?: UaaOptions;
  envShares: EnvSharesOptions;
  csm?: CsmOptions;
}

export function createApp(core: Core, options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');
  app.use(requestId);
  app.use(requestLog(app, options.logger));
  const v2 = options.v2;
  app.use(v3Router(core, v2 ? { ...options.v3, extraRootLinks: () => ({ ...options.v3.extraRootLinks?.(), ...v2RootLink(v2.publicUrl) }) } : options.v3));
  if (options.v2) app.use(v2Router(core, options.v2));
  if (options.uaa) app.use(uaaRouter(core, options.uaa));
  app.use(envSharesRouter(core, options.envShares));
  if (options.csm) app.use(csmRouter(core, options.csm));
  app.use((req, res) => writeReply(res, renderV3Error(new CfError('NotFound'), req)));
  app.use(errorMiddleware(renderV3Error));
  return app;
}
