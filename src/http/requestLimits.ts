// Limits checked before routing, on what is known before the body is read: the URL's length, the number of query
// parameters and the declared body size (Content-Length). Each refusal is in the dialect's envelope. The request's
// limits are kept on it for the body parser (body size without a Content-Length, JSON depth and array members).
import type { RequestHandler } from 'express';
import type { RequestLimits } from '../config';
import { invalid } from '../core/errors';
import { refuse, type RendererFor } from './refuse';

/** The parameters of a raw query string (`a=1&b&&c=` has three). */
export function queryParameterCount(url: string): number {
  const q = url.indexOf('?');
  if (q < 0) return 0;
  return url
    .slice(q + 1)
    .split('&')
    .filter((part) => part !== '').length;
}

export function requestLimits(limits: RequestLimits, rendererFor: RendererFor): RequestHandler {
  return (req, res, next) => {
    req.limits = limits;
    const url = req.originalUrl;
    if (url.length > limits.maxUrlLength) return refuse(req, res, rendererFor, invalid('request.url_too_long', { limit: limits.maxUrlLength }));
    if (queryParameterCount(url) > limits.maxQueryParams) {
      return refuse(req, res, rendererFor, invalid('request.too_many_query_params', { limit: limits.maxQueryParams }));
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limits.maxBodyBytes) {
      // the body is not read: the connection closes after the answer
      return refuse(req, res, rendererFor, invalid('request.body_too_large', { limit: limits.maxBodyBytes }), { Connection: 'close' });
    }
    next();
  };
}
