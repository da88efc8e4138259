// UAA's error bodies: OAuth `{"error","error_description"}` (Spring Security OAuth) and, on SCIM routes, the same
// plus `message` (UAA's ExceptionReport), each with UAA's status.
import type { Request } from 'express';
import { isDomainError, type DomainError } from '../../src/core/errors';
import { isClientHttpError } from '../../src/http/isClientHttpError';
import type { Reply } from '../../src/http/route';

/** An error raised by the dialect itself, already in UAA's terms. */
export class UaaError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

const READ_SCOPES = 'scim.read uaa.admin cloud_controller.admin';
const WRITE_SCOPES = 'scim.write uaa.admin cloud_controller.admin';
const s = (v: unknown) => String(v ?? '');

const isScim = (req?: Request) => /^\/Users(\/|$)/i.test(req?.path ?? '');

const clientBadCredentials = () =>
  new UaaError(401, 'unauthorized', 'Bad credentials', {}, { 'WWW-Authenticate': 'Basic realm="UAA/client", error="unauthorized", error_description="Bad credentials"' });

function fromDomain(e: DomainError, req?: Request): UaaError {
  const p = e.params;
  const write = req?.method !== 'GET';
  switch (e.code) {
    case 'auth.missing':
      return new UaaError(
        401,
        'unauthorized',
        'Full authentication is required to access this resource',
        {},
        { 'WWW-Authenticate': 'Bearer realm="UAA/oauth", error="unauthorized", error_description="Full authentication is required to access this resource"' },
      );
    case 'auth.invalid':
      return new UaaError(
        401,
        'invalid_token',
        'The token expired, was revoked, or the token ID is incorrect.',
        {},
        { 'WWW-Authenticate': 'Bearer realm="UAA/oauth", error="invalid_token"' },
      );
    case 'auth.bad_credentials':
      return new UaaError(401, 'unauthorized', 'Bad credentials');
    case 'login.client_unauthenticated':
    case 'login.credentials_missing':
      return clientBadCredentials();
    case 'login.client_missing':
      return new UaaError(401, 'unauthorized', 'Full authentication is required to access this resource', {}, { 'WWW-Authenticate': 'Basic realm="UAA/client"' });
    case 'login.client_mismatch':
      return new UaaError(401, 'invalid_client', 'Given client ID does not match authenticated client');
    case 'login.grant_type_missing':
      return new UaaError(400, 'invalid_request', 'Missing grant type');
    case 'login.grant_type_unsupported':
      return new UaaError(400, 'unsupported_grant_type', `Unsupported grant type: ${s(p.grantType)}`);
    case 'login.grant_type_not_allowed':
      return new UaaError(401, 'invalid_client', `Unauthorized grant type: ${s(p.grantType)}`);
    case 'login.invalid_scope':
      return new UaaError(400, 'invalid_scope', `Invalid scope: ${(p.invalid as string[]).join(' ')}. Did you know that you can get default scopes by simply sending no value?`, {
        scope: (p.allowed as string[]).join(' '),
      });
    case 'login.refresh_token_missing':
      return new UaaError(401, 'invalid_token', 'Invalid refresh token (empty token)');
    case 'auth.throttled':
      return new UaaError(
        429,
        'too_many_requests',
        `Too many failed login attempts. Try again in ${s(p.retryAfterSeconds)} seconds.`,
        {},
        { 'Retry-After': s(p.retryAfterSeconds) },
      );
    case 'account.insufficient_scope':
      return new UaaError(403, 'insufficient_scope', 'Insufficient scope for this resource', { scope: write ? WRITE_SCOPES : READ_SCOPES });
    case 'account.not_own_password':
      return new UaaError(400, 'invalid_password', "Not permitted to change another user's password");
    case 'account.old_password_required':
      return new UaaError(400, 'invalid_password', 'Previous password is required');
    case 'account.old_password_wrong':
      return new UaaError(401, 'unauthorized', 'Old password is incorrect');
    case 'account.password_unchanged':
      return new UaaError(422, 'invalid_password', 'Your new password cannot be the same as the old password.');
    case 'account.password_empty':
      return new UaaError(400, 'invalid_password', 'Password must be at least 1 characters in length.');
    case 'account.password_too_long':
      return new UaaError(400, 'invalid_password', `Password must be no more than ${s(p.max)} characters in length.`);
    case 'account.username_missing':
      return new UaaError(400, 'invalid_scim_resource', 'A username must be provided.');
    case 'account.username_invalid':
      return new UaaError(400, 'invalid_scim_resource', "Username must match pattern: [\\p{L}+0-9+\\-_.@'!]+");
    case 'account.username_taken':
      return new UaaError(409, 'scim_resource_already_exists', `Username already in use: ${s(p.username)}`, { user_id: p.userGuid });
    case 'account.not_found':
      return new UaaError(404, 'scim_resource_not_found', `User ${s(p.guid)} does not exist`);
    case 'refresh.invalid':
      return new UaaError(401, 'invalid_token', 'Invalid refresh token.');
    case 'refresh.expired':
      return new UaaError(401, 'invalid_token', 'Invalid refresh token (expired).');
    case 'refresh.wrong_client':
      return new UaaError(400, 'invalid_grant', `Wrong client for this refresh token: ${s(p.clientId)}`);
    case 'refresh.not_found':
      return new UaaError(404, 'scim_resource_not_found', 'Token not found');
    case 'request.malformed_body':
      return isScim(req) ? new UaaError(400, 'scim', 'JSON parse error: invalid request body') : new UaaError(400, 'invalid_request', 'Malformed request body');
    case 'request.body_too_large':
      return new UaaError(413, 'invalid_request', 'Request body too large');
    case 'request.body_too_complex':
      return new UaaError(
        400,
        'invalid_request',
        p.what === 'depth' ? `Request body nested deeper than ${s(p.limit)} levels` : `An array of the request body has more than ${s(p.limit)} members`,
      );
    case 'request.url_too_long':
      return new UaaError(414, 'invalid_request', `Request URL longer than ${s(p.limit)} characters`);
    case 'request.too_many_query_params':
      return new UaaError(400, 'invalid_request', `More than ${s(p.limit)} query parameters`);
    case 'server.overloaded':
      return new UaaError(503, 'temporarily_unavailable', 'The server is busy; retry the request later');
    case 'store.unavailable':
      return new UaaError(503, 'temporarily_unavailable', 'The database is not reachable; retry the request later');
    case 'request.rate_limited':
      return new UaaError(429, 'too_many_requests', 'Too many requests; retry after the rate limit resets');
    case 'identity.unavailable':
      return new UaaError(503, 'temporarily_unavailable', 'The identity service is not available');
  }
  switch (e.kind) {
    case 'not_found':
    case 'hidden':
      return new UaaError(404, 'not_found', 'Not found');
    case 'forbidden':
      return new UaaError(403, 'access_denied', 'Access is denied');
    case 'conflict':
      return new UaaError(409, 'conflict', 'Conflict');
    case 'invalid':
      return new UaaError(400, 'invalid_request', 'Invalid request');
    case 'unauthenticated':
      return new UaaError(401, 'unauthorized', 'Bad credentials');
    case 'unavailable':
      return new UaaError(503, 'temporarily_unavailable', 'Service unavailable');
  }
}

function toUaaError(error: unknown, req?: Request): UaaError {
  if (error instanceof UaaError) return error;
  if (isDomainError(error)) return fromDomain(error, req);
  if (isClientHttpError(error)) return new UaaError(400, 'invalid_request', 'The request could not be read');
  return new UaaError(500, 'server_error', 'Internal Server Error');
}

export function renderUaaError(error: unknown, req?: Request): Reply {
  const e = toUaaError(error, req);
  const body: Record<string, unknown> = { error: e.error, error_description: e.description, ...e.extra };
  if (isScim(req)) body.message = e.description;
  return { status: e.status, body, headers: Object.keys(e.headers).length ? e.headers : undefined };
}
