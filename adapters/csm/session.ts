// CSM authentication: the session token from POST /csm/login, accepted only in the Authentication-Token header.
import type { RequestHandler } from 'express';
import { makeActor } from '../../src/core/actor';
import type { Core } from '../../src/core/core';
import { unauthenticated } from '../../src/core/errors';

export const TOKEN_HEADER = 'Authentication-Token';

export const tokenOf = (header: string | undefined) => (header ?? '').trim();

export function csmSession(core: Core): RequestHandler {
  return (req, _res, next) => {
    void (async () => {
      const token = tokenOf(req.get(TOKEN_HEADER));
      if (!token) throw unauthenticated('auth.missing');
      const claims = await core.claimsForSession(token);
      if (!claims) throw unauthenticated('auth.invalid');
      req.actor = makeActor(claims);
    })().then(() => next(), next);
  };
}
