import type { RequestLimits } from '../config';
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
      /** the limits this request's body is read under (set before routing; the defaults without it) */
      limits?: RequestLimits;
      /** headers every answer to this request carries (the rate limit's), written by writeReply */
      replyHeaders?: Record<string, string>;
    }
  }
}
export {};
