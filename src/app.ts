// The express app: common middleware, the operations endpoints, then each dialect's router; anything unrouted is
// answered in its dialect's envelope (CC's "Unknown request" unless the dialect registered its own).
import express, { type Express, type Request } from 'express';
import type { Logger } from 'pino';
import { CfError } from '../adapters/cf/errorCatalogue';
import { v2RootLink, v2Router, type V2Options } from '../adapters/cf/v2/router';
import { renderV2Error } from '../adapters/cf/v2/renderError';
import { renderCsmError } from '../adapters/csm/renderError';
import { csmRouter, type CsmOptions } from '../adapters/csm/router';
import { renderV3Error } from '../adapters/cf/v3/renderError';
import { v3Router, type V3Options } from '../adapters/cf/v3/router';
import { envSharesRouter, type EnvSharesOptions } from '../adapters/env-shares/router';
import type { UaaOptions } from '../adapters/uaa/ports';
import { uaaRouter } from '../adapters/uaa/router';
import type { Core } from './core/core';
import { notFound } from './core/errors';
import { envelopeOf, type ErrorEnvelope, type ErrorEnvelopes } from './http/errorEnvelopes';
import { requestId } from './http/requestId';
import { requestLog } from './http/requestLog';
import { writeReply } from './http/route';
import { deprecation, type DeprecationSettings } from './ops/deprecation';
import type { Metrics } from './ops/metrics';
import { observeRequests } from './ops/observeRequests';
import { opsRouter, type OpsOptions } from './ops/opsRouter';
import type { UsageCounter } from './ops/usageCounter';

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
}

const cfEnvelope: ErrorEnvelope = { render: renderV3Error, unknownRoute: (req: Request) => renderV3Error(new CfError('NotFound'), req) };

/** One line per dialect: its error envelope (a dialect without one answers in Cloud Controller's). */
const ERROR_ENVELOPES: ErrorEnvelopes = {
  'cf-v3': cfEnvelope,
  'cf-v2': { render: renderV2Error, unknownRoute: (req: Request) => renderV2Error(new CfError('NotFound'), req) },
  csm: { render: renderCsmError, unknownRoute: (req: Request) => renderCsmError(notFound('csm.unknown_class', { name: req.path.split('/')[2] ?? '' }), req) },
};

export function createApp(core: Core, options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');
  const envelope = envelopeOf(ERROR_ENVELOPES, cfEnvelope);
  const ops = options.ops ?? { verification: options.v3.verification, draining: () => false, clock: () => Date.now() };
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
  const v2 = options.v2;
  app.use(v3Router(core, v2 ? { ...options.v3, extraRootLinks: () => ({ ...options.v3.extraRootLinks?.(), ...v2RootLink(v2.publicUrl) }) } : options.v3));
  if (options.v2) app.use(v2Router(core, options.v2));
  if (options.uaa) app.use(uaaRouter(core, options.uaa));
  app.use(envSharesRouter(core, options.envShares));
  if (options.csm) app.use(csmRouter(core, options.csm));
  app.use((req, res) => writeReply(res, envelope(req).unknownRoute(req)));
  app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const reply = envelope(req).render(error, req);
    if (reply.status >= 500) req.log?.error({ err: error }, 'request failed');
    writeReply(res, reply);
  });
  return app;
}
