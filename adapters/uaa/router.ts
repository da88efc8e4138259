// The UAA dialect (embedded mode): token endpoint, verification keys, login info, user info, SCIM users and
// refresh-token revocation, all with UAA's wire shapes and error bodies.
import express, { type Request, type Router } from 'express';
import type { Core } from '../../src/core/core';
import { authenticate } from '../../src/http/authenticate';
import { formBody, jsonBody } from '../../src/http/bodyParsing';
import { errorMiddleware, route, type Handler } from '../../src/http/route';
import { loginInfo, tokenKey, tokenKeys, userInfo } from './handlers/discovery';
import { scimHandlers } from './handlers/scim';
import { tokenHandler } from './handlers/token';
import type { UaaOptions } from './ports';
import { renderUaaError, UaaError } from './renderError';

const r = (handler: Handler) => route(renderUaaError, handler);
const methodNotAllowed = (req: Request) => {
  throw new UaaError(405, 'method_not_allowed', `Request method '${req.method}' not supported`);
};

export function uaaRouter(core: Core, options: UaaOptions): Router {
  const router = express.Router();
  const auth = authenticate(core, options.verification);

  router.post('/oauth/token', formBody, r(tokenHandler(options.login)));
  router.all('/oauth/token', r(methodNotAllowed));
  router.delete(
    '/oauth/token/revoke/:tokenId',
    auth,
    r(async (req) => {
      await core.revokeRefreshToken(req.actor!, String(req.params.tokenId));
      return { status: 200 };
    }),
  );
  router.get(
    '/oauth/token/revoke/user/:userId',
    auth,
    r(async (req) => {
      await core.revokeUserRefreshTokens(req.actor!, String(req.params.userId));
      return { status: 200 };
    }),
  );

  router.get('/token_keys', r(tokenKeys(options)));
  router.get('/token_key', r(tokenKey(options)));
  router.get('/login', r(loginInfo(options)));
  router.get('/userinfo', auth, r(userInfo(core)));
  router.post('/userinfo', auth, r(userInfo(core)));

  const scim = scimHandlers(core);
  router.post('/Users', auth, jsonBody, r(scim.create));
  router.get('/Users', auth, r(scim.list));
  router.get('/Users/:id', auth, r(scim.get));
  router.delete('/Users/:id', auth, r(scim.remove));
  router.put('/Users/:id/password', auth, jsonBody, r(scim.changePassword));

  router.use(errorMiddleware(renderUaaError));
  return router;
}
