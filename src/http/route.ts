// The one place that writes responses: handlers return a Reply, errors go to the dialect's renderer.
import type {} from 'pino-http';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';

export interface Reply {
  status: number;
  /** serialised as JSON unless `text` is set; omitted for an empty body */
  body?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export type Handler = (req: Request) => Promise<Reply> | Reply;
export type ErrorRenderer = (error: unknown, req: Request) => Reply;

export function writeReply(res: Response, reply: Reply): void {
  if (res.req.requestId) res.set('X-VCAP-Request-ID', res.req.requestId);
  if (res.req.replyHeaders) res.set(res.req.replyHeaders);
  if (reply.headers) res.set(reply.headers);
  res.status(reply.status);
  // the Content-Type is written as given (a Buffer keeps express from rewriting its charset parameter)
  if (reply.text !== undefined) {
    res.setHeader('Content-Type', reply.contentType ?? 'text/plain; charset=utf-8');
    res.send(Buffer.from(reply.text));
  } else if (reply.body !== undefined) {
    res.setHeader('Content-Type', reply.contentType ?? 'application/json; charset=utf-8');
    res.send(Buffer.from(JSON.stringify(reply.body)));
  } else {
    res.end();
  }
}

export const route =
  (render: ErrorRenderer, handler: Handler): RequestHandler =>
  async (req: Request, res: Response) => {
    let reply: Reply;
    try {
      reply = await handler(req);
    } catch (error) {
      reply = render(error, req);
      if (reply.status >= 500) req.log?.error({ err: error }, 'request failed');
    }
    writeReply(res, reply);
  };

/** Renders errors raised by middleware (authentication, body parsing) in the dialect's format. */
export const errorMiddleware =
  (render: ErrorRenderer): ErrorRequestHandler =>
  (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const reply = render(error, req);
    if (reply.status >= 500) req.log?.error({ err: error }, 'request failed');
    writeReply(res, reply);
  };
