// Request logging: one line per request when it ends, and `req.log` (a child logger carrying the request id), made
// only when something logs through it. Cheaper than a generic HTTP logger: no per-request child logger and no
// header serialisation (and so nothing to redact).
import type { Express, Request, RequestHandler } from 'express';
import type { Logger } from 'pino';

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
      lines[level](
        {
          reqId: req.requestId,
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
