// The route a request matched, as its template (`/v3/service_instances/:guid`), never the raw path: express keeps
// the matched route on the request, also when a middleware of that route (authentication, parsing) failed.
import type { Request } from 'express';

export const UNMATCHED = 'unmatched';

export function routeTemplateOf(req: Request): string {
  if (req.routeTemplate) return req.routeTemplate;
  const path: unknown = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string') return UNMATCHED;
  return `${req.baseUrl}${path}` || '/';
}
