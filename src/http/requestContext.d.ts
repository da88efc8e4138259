import type { Actor } from '../core/actor';

declare global {
  namespace Express {
    interface Request {
      /** the authenticated caller, set by the authentication middleware */
      actor?: Actor;
      /** verified JWT claims, set by express-jwt */
      auth?: Record<string, unknown>;
      /** the X-VCAP-Request-ID of this request */
      requestId?: string;
      /** headers every response to this request carries (e.g. deprecation notices), written by the route wrapper */
      replyHeaders?: Record<string, string>;
      /** the template of the route the request matched, noted when it matched (src/http/makeAdd.ts) */
      routeTemplate?: string;
    }
  }
}
export {};
