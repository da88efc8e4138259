// The HTTP server around the app, with Node's own defences against slow and oversized clients: headersTimeout (the
// whole request head must arrive in time), requestTimeout (the whole request, body included), keepAliveTimeout (an
// idle kept-alive connection) and maxHeaderSize. Node answers these itself, before any dialect sees the request:
// 431 (head too large) and 408 (too slow) with no body and the connection closed; they cannot carry a dialect's
// envelope.
import { createServer, type RequestListener, type Server } from 'node:http';

export interface ServerSettings {
  timeouts: { headersMs: number; requestMs: number; keepAliveMs: number };
  maxHeaderBytes: number;
}

export function createHttpServer(app: RequestListener, settings: ServerSettings): Server {
  const { headersMs, requestMs, keepAliveMs } = settings.timeouts;
  const server = createServer(
    {
      maxHeaderSize: settings.maxHeaderBytes,
      // requestTimeout must not be shorter than headersTimeout (Node refuses it)
      headersTimeout: Math.min(headersMs, requestMs),
      requestTimeout: requestMs,
      keepAliveTimeout: keepAliveMs,
      // how often Node looks for connections past headersTimeout or requestTimeout: often enough to honour them
      connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(Math.min(headersMs, requestMs) / 4))),
    },
    app,
  );
  server.keepAliveTimeout = keepAliveMs;
  return server;
}
