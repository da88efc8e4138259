// Request logging: one line per request when it ends (request id, dialect, route template, user, status, latency),
// and `req.log` (a child logger carrying the request id), made
// only when something logs through it. Cheaper than a generic HTTP logger: no per-request child logger and no
// header serialisation (and so nothing to redact).
import type { Express, Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { dialectOf } from './dialect';
import { routeTemplateOf } from './routeTemplate';

/** The id a request is known by: its X-VCAP-Request-ID, or for CSM the client's BMC-Transaction-ID when it sent one. */
export function loggedRequestId(req: Request, dialect = dialectOf(req.originalUrl)): string | undefined {
  if (dialect === 'csm') {
    const transaction = req.get('bmc-transaction-id');
    if (transaction) return transaction.replace(/[^\w.:-]/g, '').slice(0, 255);
  }
  return req.requestId;
}

const CHILD = Symbol('requestLogger');
type WithChild = Request & { [CHILD]?: Logger };

export function requestLog(app: Express, logger: Logger): RequestHandler {
  Object.defineProperty(app.request, 'log', {
    configurable: true,
    get(this: WithChild) {
      return (this[CHILD] ??= logger.child({ reqId: this.requestId }));
    },
    set(this: WithChild, value: Logger) {
      this[CHILD] = value;
    },
  });
  // the request line holds no request data beyond method and URL, so it skips the logger's redaction pass
  const lines = logger.child({}, { redact: [] });
  return (req, res, next) => {
    const started = performance.now();
    res.once('close', () => {
      const status = res.statusCode;
      const level = !res.writableFinished || status >= 500 ? 'error' : 'info';
      if (!lines.isLevelEnabled(level)) return;
      const dialect = dialectOf(req.originalUrl);
      lines[level](
        {
          reqId: loggedRequestId(req, dialect),
          dialect,
          route: routeTemplateOf(req),
          user: req.actor?.userGuid,
          req: { method: req.method, url: req.originalUrl },
          res: { statusCode: status },
          responseTime: Math.round(performance.now() - started),
        },
        res.writableFinished ? (status >= 500 ? 'request errored' : 'request completed') : 'request aborted',
      );
    });
    next();
  };
}
