// Errors as Golem's registry service writes them: `{"code","error"}` (v1.4's `error` plus v1.5's `code`), and
// `{"code","errors":[...]}` for requests it cannot read. One table from domain code to wire error.
//
// An environment is a space and an environment share a space user share, so the core's space, share and user
// errors are worded here as Golem words them. A share the caller may not see (share.hidden) is answered exactly as
// a missing one (404), as Golem masks a by-id ViewShares refusal; an environment the caller may not see likewise.
// A refusal names the environment action of the request (ViewShares, CreateShare, UpdateShare, DeleteShare).
import type { Request } from 'express';
import { isDomainError, type DomainError } from '../../src/core/errors';
import { isClientHttpError } from '../../src/http/isClientHttpError';
import type { Reply } from '../../src/http/route';
import { RequestError } from './parseRequest';

type P = Record<string, unknown>;

/** The environment action a request attempts, named as Golem's forbidden message names it. */
const ACTIONS: Record<string, string> = { GET: 'ViewShares', POST: 'CreateShare', PATCH: 'UpdateShare', DELETE: 'DeleteShare' };
const notAllowed = (req?: Request) => fail(403, 'AUTH_FORBIDDEN', `The environment action ${ACTIONS[req?.method ?? 'GET'] ?? 'ViewShares'} is not allowed`);
const s = (v: unknown) => String(v ?? '');
const fail = (status: number, code: string, error: string): Reply => ({ status, body: { code, error } });
const bad = (status: number, code: string, ...errors: string[]): Reply => ({ status, body: { code, errors } });

const unauthorized = () => fail(401, 'AUTH_UNAUTHORIZED', 'Could not authenticate user using token');

const environmentNotFound = (p: P) => fail(404, 'ENVIRONMENT_NOT_FOUND', `Environment ${s(p.guid)} not found`);
const shareNotFound = (p: P) => fail(404, 'RESOURCE_NOT_FOUND', `Environment share ${s(p.guid)} not found`);
const accountNotFound = (p: P) => fail(404, 'ACCOUNT_NOT_FOUND', `Account ${s(p.id ?? p.guid)} not found`);

const TABLE: Record<string, (p: P, req?: Request) => Reply> = {
  'auth.missing': unauthorized,
  'auth.invalid': unauthorized,
  'space.not_found': environmentNotFound,
  'space.hidden': environmentNotFound,
  'share.not_found': shareNotFound,
  'share.hidden': shareNotFound,
  'user.not_found': accountNotFound,
  'account.not_found': accountNotFound,
  not_authorized: (_p, req) => notAllowed(req),
  'share.already_exists': () => fail(409, 'ENVIRONMENT_SHARE_ALREADY_EXISTS', 'There is already a share for the account'),
  'api_token.not_found': () => fail(404, 'RESOURCE_NOT_FOUND', 'Token not found'),
  'api_token.other_account': () => fail(403, 'AUTH_FORBIDDEN', 'Insufficient privilege to manage the tokens of this account'),
  'api_token.expired': () => bad(400, 'VALIDATION_ERROR', 'expiresAt must be in the future'),
  'share.revision_mismatch': () => fail(409, 'CONCURRENT_UPDATE', 'Concurrent update attempt'),
  'share.limit_exceeded': () => fail(422, 'LIMIT_EXCEEDED', 'Limits of the plan exceeded'),
  'share.invalid_role': () => bad(400, 'VALIDATION_ERROR', 'unknown environment role'),
  'request.malformed_body': () => bad(400, 'REQUEST_BODY_INVALID_JSON', 'parse request payload error: the body is not valid JSON'),
  'request.body_too_large': () => bad(413, 'REQUEST_PAYLOAD_TOO_LARGE', 'the request payload is too large'),
  'request.body_too_complex': (p) =>
    bad(
      400,
      'REQUEST_BODY_INVALID_JSON',
      p.what === 'depth' ? `the request payload is nested deeper than ${s(p.limit)} levels` : `an array of the request payload has more than ${s(p.limit)} members`,
    ),
  'request.url_too_long': (p) => fail(414, 'REQUEST_URI_TOO_LONG', `the request URL is longer than ${s(p.limit)} characters`),
  'request.too_many_query_params': (p) => bad(400, 'VALIDATION_ERROR', `more than ${s(p.limit)} query parameters`),
  'server.overloaded': () => fail(503, 'INTERNAL_UNAVAILABLE', 'The service is busy; retry the request later'),
  'store.unavailable': () => fail(503, 'INTERNAL_UNAVAILABLE', 'The service is not available; retry the request later'),
  'request.rate_limited': () => fail(429, 'RATE_LIMIT_EXCEEDED', 'Too many requests; retry after the rate limit resets'),
};

const BY_KIND: Record<DomainError['kind'], (p: P, req?: Request) => Reply> = {
  not_found: () => fail(404, 'RESOURCE_NOT_FOUND', 'Resource not found'),
  hidden: () => fail(404, 'RESOURCE_NOT_FOUND', 'Resource not found'),
  forbidden: (_p, req) => notAllowed(req),
  unauthenticated: unauthorized,
  invalid: () => bad(400, 'VALIDATION_ERROR', 'the request is invalid'),
  conflict: () => fail(409, 'CONCURRENT_UPDATE', 'Concurrent update attempt'),
  unavailable: () => fail(503, 'INTERNAL_UNKNOWN', 'Service unavailable'),
};

export function renderEnvSharesError(error: unknown, req?: Request): Reply {
  if (error instanceof RequestError) return bad(400, error.code, ...error.errors);
  if (isDomainError(error)) return (TABLE[error.code] ?? BY_KIND[error.kind])(error.params, req);
  if (isClientHttpError(error)) return bad(400, 'REQUEST_MALFORMED_PATH', 'the request could not be read');
  return fail(500, 'INTERNAL_UNKNOWN', 'Internal error');
}
