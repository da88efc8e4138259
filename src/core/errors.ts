// Domain errors carry a kind and a stable dotted code, never an HTTP status; each dialect renders them from one table.
//
// Kinds, and what they tell a dialect:
//   not_found       the record does not exist (or no longer does).            code `<resource>.not_found`
//   hidden          the record exists, but the actor may not see it.         code `<resource>.hidden`
//   forbidden       the actor sees the record but may not do this to it.     code `not_authorized` or a specific one
//   conflict        the record changed under the caller (stale revision, duplicate, lock).
//   invalid         the request is well formed but breaks a rule.
//   unauthenticated the caller is not who they claim (or claims nothing).
//   unavailable     a dependency the core needs is not configured or not reachable.
//
// Errors about one record (not_found, hidden, forbidden) carry `params.resource` (a ResourceKind) and `params.guid`.
// The core always says which of "missing" and "hidden" it is; each dialect decides what to show: Cloud Foundry v3
// renders hidden exactly as not found (404), v2 as 403 CF-NotAuthorized, env-shares as its 404 "not found"
// (as Korifi's ForbiddenAsNotFound does per handler). A dialect must never render hidden in a way that tells the
// caller more than not found would, unless its real server does.

export type ErrorKind = 'not_found' | 'hidden' | 'forbidden' | 'conflict' | 'invalid' | 'unauthenticated' | 'unavailable';

/** The records errors can name, as `params.resource`. */
export type ResourceKind = 'organization' | 'space' | 'user' | 'role' | 'service_instance' | 'share' | 'feature_flag' | 'job' | 'event';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

/** The record `guid` of kind `resource` does not exist: `<resource>.not_found`, params `{resource, guid, ...}`. */
export const missing = (resource: ResourceKind, guid: string, params: Record<string, unknown> = {}) =>
  new DomainError('not_found', `${resource}.not_found`, { resource, guid, ...params });

/** The record exists but the actor may not see it: `<resource>.hidden`, params `{resource, guid}`. */
export const hidden = (resource: ResourceKind, guid: string) => new DomainError('hidden', `${resource}.hidden`, { resource, guid });

/** The actor sees the record but may not do this: `code` (default `not_authorized`), params `{resource, guid, ...}`. */
export const denied = (resource: ResourceKind, guid: string, code = 'not_authorized', params: Record<string, unknown> = {}) =>
  new DomainError('forbidden', code, { resource, guid, ...params });

/** A not-found error that names no single record (prefer `missing`). */
export const notFound = (code: string, params: Record<string, unknown> = {}) => new DomainError('not_found', code, params);
/** A forbidden error that names no single record, e.g. a right to create (prefer `denied`). */
export const forbidden = (code = 'not_authorized', params: Record<string, unknown> = {}) => new DomainError('forbidden', code, params);
export const conflict = (code: string, params: Record<string, unknown> = {}) => new DomainError('conflict', code, params);
export const invalid = (code: string, params: Record<string, unknown> = {}) => new DomainError('invalid', code, params);
export const unauthenticated = (code: string, params: Record<string, unknown> = {}) => new DomainError('unauthenticated', code, params);

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/** Whether `e` says the record is not there for the actor: missing or hidden. */
export const isNotVisible = (e: unknown): e is DomainError => isDomainError(e) && (e.kind === 'not_found' || e.kind === 'hidden');
