// Opaque API tokens in the Golem token API's shape: create, list, read and revoke the tokens of an account (a user
// guid). Accepts a JWT, an API token or a GOLEM_SESSION cookie; errors in Golem's bodies.
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import type { Core } from '../../src/core/core';
import { isDomainError } from '../../src/core/errors';
import type { ApiToken } from '../../src/core/records';
import { authenticate, type CredentialScheme, type TokenVerification } from '../../src/http/authenticate';
import { jsonBody } from '../../src/http/bodyParsing';
import { errorMiddleware, route, type Handler, type Reply } from '../../src/http/route';

export interface ApiTokenOptions {
  verification: TokenVerification;
  schemes: CredentialScheme[];
}

class GolemError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(String(status));
  }
}

const CreateTokenBody = z.object({ expiresAt: z.iso.datetime({ offset: true }) });

/** Golem's bodies: 400 {"errors":[...]}, 401 text or {"error"}, 403/404/409 {"error"}, 500 {"error":"Internal error"}. */
export function renderGolemError(error: unknown): Reply {
  if (error instanceof GolemError) return { status: error.status, body: error.body };
  const httpStatus = (error as { status?: unknown } | null)?.status;
  if (typeof httpStatus === 'number' && httpStatus >= 400 && httpStatus < 500) return { status: 400, body: { errors: ['The request could not be read'] } };
  if (!isDomainError(error)) return { status: 500, body: { error: 'Internal error' } };
  switch (error.code) {
    case 'auth.missing':
      return { status: 401, text: 'authorization error' };
    case 'auth.invalid':
      return { status: 401, body: { error: 'Could not authenticate user using token' } };
    case 'request.malformed_body':
      return { status: 400, body: { errors: ['Parse error: invalid JSON body'] } };
    case 'request.body_too_large':
      return { status: 400, body: { errors: ['Request body too large'] } };
    case 'api_token.expired':
      return { status: 400, body: { errors: ['expiresAt must be in the future'] } };
    case 'api_token.other_account':
      return { status: 403, body: { error: 'Insufficient privilege to manage the tokens of this account' } };
    case 'account.not_found':
      return { status: 404, body: { error: 'Account not found' } };
    case 'api_token.not_found':
      return { status: 404, body: { error: 'Token not found' } };
  }
  const status = { not_found: 404, hidden: 404, forbidden: 403, conflict: 409, invalid: 400, unauthenticated: 401, unavailable: 503 }[error.kind];
  return status === 400 ? { status, body: { errors: [error.code] } } : { status, body: { error: error.code } };
}

const iso = (ms: number) => new Date(ms).toISOString();
const presentToken = (t: ApiToken) => ({ id: t.guid, accountId: t.userGuid, createdAt: iso(t.createdAt), expiresAt: iso(t.expiresAt) });
const account = (req: Request) => String(req.params.account_id);
const r = (handler: Handler) => route(renderGolemError, handler);

export function apiTokensRouter(core: Core, options: ApiTokenOptions): Router {
  const router = express.Router();
  const auth = authenticate(core, options.verification, options.schemes);
  const base = '/v1/accounts/:account_id/tokens';

  router.get(base, auth, r(async (req) => ({ status: 200, body: (await core.listApiTokens(req.actor!, account(req))).map(presentToken) })));
  router.post(
    base,
    auth,
    jsonBody,
    r(async (req) => {
      const parsed = CreateTokenBody.safeParse(req.body);
      if (!parsed.success) throw new GolemError(400, { errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) });
      const expiresAt = Date.parse(parsed.data.expiresAt);
      if (Number.isNaN(expiresAt)) throw new GolemError(400, { errors: ['expiresAt: Invalid ISO datetime'] });
      const { secret, token } = await core.createApiToken(req.actor!, account(req), expiresAt);
      return { status: 200, body: { data: presentToken(token), secret: { value: secret } } };
    }),
  );
  router.get(`${base}/:token_id`, auth, r(async (req) => ({ status: 200, body: presentToken(await core.getApiToken(req.actor!, account(req), String(req.params.token_id))) })));
  router.delete(
    `${base}/:token_id`,
    auth,
    r(async (req) => {
      await core.revokeApiToken(req.actor!, account(req), String(req.params.token_id));
      return { status: 200, body: {} };
    }),
  );
  router.use(errorMiddleware(renderGolemError));
  return router;
}
