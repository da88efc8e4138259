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
    }
  }
}
export {};
