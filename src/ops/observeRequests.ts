// Counts every finished request: metrics by dialect, method, route template and status; usage when it was
// authenticated. Only in-memory work happens here; the usage cells are written later in batches.
import type { RequestHandler } from 'express';
import { dialectOf } from '../http/dialect';
import { routeTemplateOf } from '../http/routeTemplate';
import type { Metrics } from './metrics';
import type { UsageCounter } from './usageCounter';

export function observeRequests(metrics: Metrics | undefined, usage: UsageCounter | undefined, clock: () => number): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.once('close', () => {
      const dialect = dialectOf(req.originalUrl);
      const route = routeTemplateOf(req);
      metrics?.observeRequest(dialect, req.method, route, res.statusCode, (performance.now() - started) / 1000);
      if (req.actor) usage?.count(req, dialect, route, clock());
    });
    next();
  };
}
