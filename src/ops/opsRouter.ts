// The operations endpoints: GET /healthz, GET /readyz, GET /metrics and the usage report (GET /admin/usage, as
// JSON or, for `Accept: text/html` or /admin/usage.html, as a page).
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Router } from 'express';
import type { Core } from '../core/core';
import type { UsageTotal } from '../core/store';
import { authenticate, type CredentialScheme, type TokenVerification } from '../http/authenticate';
import { errorMiddleware, route, type Handler } from '../http/route';
import type { Metrics } from './metrics';
import { OpsError, renderOpsError } from './renderOpsError';
import { usagePage } from './usagePage';
import { UsageQuery, usageFilterOf } from './usageQuery';

export interface OpsOptions {
  verification: TokenVerification;
  schemes?: CredentialScheme[];
  metrics?: Metrics;
  metricsToken?: string;
  /** true once the process is shutting down: /readyz answers 503 */
  draining: () => boolean;
  clock: () => number;
}

const r = (handler: Handler) => route(renderOpsError, handler);
const digest = (s: string) => createHash('sha256').update(s).digest();

function bearerIs(token: string) {
  const expected = digest(token);
  return (req: Request) => {
    const m = /^bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    return m !== null && timingSafeEqual(digest(m[1]!), expected);
  };
}

export const presentUsage = (u: UsageTotal) => ({
  dialect: u.dialect,
  route: u.route,
  client: [u.clientId, u.agent].filter(Boolean).join(' '),
  clientId: u.clientId || null,
  agent: u.agent || null,
  user: u.userName || u.userGuid,
  userGuid: u.userGuid,
  count: u.count,
  firstSeen: new Date(u.firstSeen).toISOString(),
  lastSeen: new Date(u.lastSeen).toISOString(),
});

export function opsRouter(core: Core, options: OpsOptions): Router {
  const router = express.Router();
  router.get(
    '/healthz',
    r(() => ({ status: 200, body: { status: 'ok' } })),
  );
  router.get(
    '/readyz',
    r(async () => {
      if (options.draining()) return { status: 503, body: { status: 'unavailable', reason: 'shutting down' } };
      try {
        const readiness = await core.storeReadiness();
        if (readiness.ready) return { status: 200, body: { status: 'ready', database: 'ok', migrations: 'applied' } };
        return { status: 503, body: { status: 'unavailable', database: 'ok', migrations: `${readiness.pendingMigrations} pending` } };
      } catch {
        return { status: 503, body: { status: 'unavailable', database: 'not answering' } };
      }
    }),
  );

  const { metrics } = options;
  if (metrics) {
    const allowed = options.metricsToken ? bearerIs(options.metricsToken) : () => true;
    router.get(
      '/metrics',
      r(async (req) => {
        if (!allowed(req)) throw new OpsError(401, 'unauthorized', 'GET /metrics needs the metrics bearer token');
        return { status: 200, text: await metrics.registry.metrics(), contentType: metrics.registry.contentType };
      }),
    );
  }

  const auth = authenticate(core, options.verification, options.schemes);
  const report = async (req: Request, html: boolean) => {
    const period = usageFilterOf(UsageQuery.parse(req.query), options.clock());
    const usage = await core.getUsageReport(req.actor!, period);
    if (html) return { status: 200, text: usagePage(usage, period), contentType: 'text/html; charset=utf-8' };
    return { status: 200, body: { since: period.sinceDay, until: period.untilDay, rows: usage.rows.map(presentUsage) } };
  };
  router.get(
    '/admin/usage',
    auth,
    r((req) => report(req, req.accepts(['application/json', 'text/html']) === 'text/html' && !/json/i.test(req.get('accept') ?? ''))),
  );
  router.get(
    '/admin/usage.html',
    auth,
    r((req) => report(req, true)),
  );
  router.use(['/admin', '/metrics', '/healthz', '/readyz'], errorMiddleware(renderOpsError));
  return router;
}
