// The express app: common middleware (request id, log, metrics and usage, drain, deprecation), the operations
// endpoints, then overload, request limits and rate limit, then each dialect's router; anything unrouted is a 404 in
// the envelope of the dialect its path belongs to (CC's "Unknown request" elsewhere). App-level refusals are rendered
// through the dialect table (rendererFor.ts).
import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { v2RootLink, v2Router, type V2Options } from '../adapters/cf/v2/router';
import { csmRouter, type CsmOptions } from '../adapters/csm/router';
import { v3Router, type V3Options } from '../adapters/cf/v3/router';
import { envSharesRouter, type EnvSharesOptions } from '../adapters/env-shares/router';
import type { UaaOptions } from '../adapters/uaa/ports';
import { uaaRouter } from '../adapters/uaa/router';
import type { RequestLimits } from './config';
import type { Core } from './core/core';
import { notFound } from './core/errors';
import { inflightLimit } from './http/inflightLimit';
import { rateLimit } from './http/rateLimit';
import { refuse } from './http/refuse';
import { requestId } from './http/requestId';
import { requestLimits } from './http/requestLimits';
import { requestLog } from './http/requestLog';
import { deprecation, type DeprecationSettings } from './ops/deprecation';
import type { Metrics } from './ops/metrics';
import { observeRequests } from './ops/observeRequests';
import { opsRouter, type OpsOptions } from './ops/opsRouter';
import { apiDocsRouter } from './ops/apiDocsRouter';
import { v3ApiDoc } from '../adapters/cf/v3/apiDoc';
import { v2ApiDoc } from '../adapters/cf/v2/apiDoc';
import { csmApiDoc } from '../adapters/csm/apiDoc';
import { envSharesApiDoc } from '../adapters/env-shares/apiDoc';
import { uaaApiDoc } from '../adapters/uaa/apiDoc';
import type { UsageCounter } from './ops/usageCounter';
import { errorMiddleware } from './http/route';
import { rendererFor } from './rendererFor';

export interface AppOptions {
  logger: Logger;
  v3: V3Options;
  v2?: V2Options;
  /** the embedded UAA (absent in external mode, where clients log in at UAA_URL) */
  uaa?: UaaOptions;
  envShares: EnvSharesOptions;
  csm?: CsmOptions;
  /** the operations endpoints (default: /healthz, /readyz and the usage report with the v3 verification) */
  ops?: Omit<OpsOptions, 'metrics'>;
  metrics?: Metrics;
  usage?: UsageCounter;
  deprecation?: DeprecationSettings;
  /** what one request may be (URL, query, body); the body parser's defaults without it */
  limits?: RequestLimits;
  /** requests served at once before more are refused with 503; unlimited without it */
  maxInflightRequests?: number;
  /** requests per caller and minute; no rate limit without it (or 0) */
  rateLimitPerMinute?: number;
  /** middleware in front of everything else (tests: a recorder that checks each response against its document) */
  observe?: RequestHandler;
}

export function createApp(core: Core, options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');
  const ops = options.ops ?? { verification: options.v3.verification, draining: () => false, clock: () => Date.now() };
  if (options.observe) app.use(options.observe);
  app.use(requestId);
  app.use(requestLog(app, options.logger));
  if (options.metrics || options.usage) app.use(observeRequests(options.metrics, options.usage, ops.clock));
  // while shutting down, every answer closes its connection, so that keep-alive clients reconnect elsewhere
  app.use((req, _res, next) => {
    if (ops.draining()) req.replyHeaders = { ...req.replyHeaders, Connection: 'close' };
    next();
  });
  const deprecated = options.deprecation && deprecation(options.deprecation);
  if (deprecated) app.use(deprecated);
  app.use(opsRouter(core, { ...ops, metrics: options.metrics }));
  // the documents of the dialects this app serves (the embedded UAA and CSM only when they are built)
  app.use(apiDocsRouter([v3ApiDoc, ...(options.v2 ? [v2ApiDoc] : []), ...(options.csm ? [csmApiDoc] : []), envSharesApiDoc, ...(options.uaa ? [uaaApiDoc] : [])]));
  if (options.maxInflightRequests) app.use(inflightLimit(options.maxInflightRequests, rendererFor));
  if (options.limits) app.use(requestLimits(options.limits, rendererFor));
  if (options.rateLimitPerMinute) app.use(rateLimit(options.rateLimitPerMinute, rendererFor));
  const v2 = options.v2;
  app.use(v3Router(core, v2 ? { ...options.v3, extraRootLinks: () => ({ ...options.v3.extraRootLinks?.(), ...v2RootLink(v2.publicUrl) }) } : options.v3));
  if (options.v2) app.use(v2Router(core, options.v2));
  if (options.uaa) app.use(uaaRouter(core, options.uaa));
  app.use(envSharesRouter(core, options.envShares));
  if (options.csm) app.use(csmRouter(core, options.csm));
  app.use((req, res) => refuse(req, res, rendererFor, notFound('request.unrouted', { path: req.path })));
  app.use(errorMiddleware((error, req) => rendererFor(req.path)(error, req)));
  return app;
}
