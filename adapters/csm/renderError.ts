// CloudError, the CSM error shape: `[{"cloudClass":"com.bmc.cloud.model.beans.CloudError","errorCause","errorID","guid"}]`.
// One table from domain (and request) error codes to status, a stable errorID per cause, and its wording.
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { isDomainError, type DomainError } from '../../src/core/errors';
import { isClientHttpError } from '../../src/http/isClientHttpError';
import type { Reply } from '../../src/http/route';
import { TRANSACTION_HEADER, transactionIdOf } from './transaction';

type P = Record<string, unknown>;
const s = (v: unknown) => String(v ?? '');

export interface CauseEntry {
  status: 400 | 401 | 403 | 404 | 413 | 414 | 429 | 503;
  errorID: string;
  cause: (p: P) => string;
}

const e = (status: CauseEntry['status'], errorID: string, cause: (p: P) => string): CauseEntry => ({ status, errorID, cause });

export const CAUSES: Record<string, CauseEntry> = {
  'auth.missing': e(401, 'CSM-AUTH-0001', () => 'An Authentication-Token header is required; log in with POST /csm/login'),
  'auth.invalid': e(401, 'CSM-AUTH-0002', () => 'The authentication token is not valid or the session has ended; log in again'),
  'auth.bad_credentials': e(401, 'CSM-AUTH-0003', () => 'Invalid user name or password'),
  'auth.throttled': e(401, 'CSM-AUTH-0004', (p) => `Too many failed logins; try again in ${s(p.retryAfterSeconds)} seconds`),
  'login.credentials_missing': e(400, 'CSM-AUTH-0005', () => 'The login request needs a username and a password'),
  'identity.unavailable': e(400, 'CSM-AUTH-0006', () => 'Logins are not served here'),
  'service_instance.not_found': e(404, 'CSM-SOI-0001', () => 'The service offering instance does not exist'),
  // one the caller may not see is answered as one that does not exist
  'service_instance.hidden': e(404, 'CSM-SOI-0001', () => 'The service offering instance does not exist'),
  'service_instance.not_settled': e(400, 'CSM-SOI-0042', (p) => `Service offering instance ${s(p.name)} is not in a running or stopped state (${s(p.state)})`),
  'service_instance.operation_in_progress': e(400, 'CSM-SOI-0043', () => 'The service offering instance is already being decommissioned'),
  'service_instance.name_taken': e(400, 'CSM-SOI-0044', (p) => `A service offering instance named ${s(p.name)} already exists`),
  'service_instance.invalid_plan': e(400, 'CSM-SOI-0045', () => 'The service offering has no plan that can be provisioned'),
  'instance_share.not_allowed': e(403, 'CSM-SOI-0050', () => 'Only the owner, a tenant administrator or a cloud administrator may share this service offering instance'),
  'instance_transfer.not_allowed': e(403, 'CSM-SOI-0051', () => 'Only a cloud administrator, or a tenant administrator of both tenants, may transfer ownership'),
  'instance_decommission.not_allowed': e(403, 'CSM-SOI-0052', () => 'You may not decommission this service offering instance'),
  'instance_transfer.no_space': e(400, 'CSM-SOI-0053', (p) => `User ${s(p.name)} has no place to receive service offering instances in tenant ${s(p.organizationName)}`),
  'instance_transfer.name_taken': e(400, 'CSM-SOI-0054', (p) => `The new owner already has a service offering instance named ${s(p.name)}`),
  'instance_create.no_space': e(400, 'CSM-SOI-0055', () => 'You have no place to provision service offering instances in that tenant'),
  'instance_create.quantity': e(400, 'CSM-SOI-0056', (p) => `quantity must be between 1 and ${s(p.max)}`),
  'user.unknown': e(400, 'CSM-USR-0001', (p) => `User ${s(p.name)} does not exist`),
  'user.outside_organization': e(400, 'CSM-USR-0002', (p) => `User ${s(p.name)} does not belong to tenant ${s(p.organizationName)}`),
  'organization.unknown': e(400, 'CSM-TEN-0001', (p) => `Tenant ${s(p.name)} does not exist`),
  'organization.suspended': e(403, 'CSM-TEN-0002', () => 'The tenant is suspended'),
  'organization.being_deleted': e(400, 'CSM-TEN-0003', () => 'The tenant is being deleted'),
  'catalog.offering_not_found': e(404, 'CSM-SO-0002', (p) => `Service offering ${s(p.guid)} does not exist`),
  'catalog.offering_unknown': e(400, 'CSM-SO-0001', (p) => `Service offering ${s(p.guid)} does not exist`),
  'job.not_found': e(404, 'CSM-TASK-0001', (p) => `Task ${s(p.guid)} does not exist`),
  // a task of another user is answered as one that does not exist
  'job.hidden': e(404, 'CSM-TASK-0001', (p) => `Task ${s(p.guid)} does not exist`),
  'operation.before_hook_failed': e(400, 'CSM-TASK-0002', (p) => `Pre-callout ${s(p.name)} failed: ${s(p.detail)}`),
  'operation.failed': e(400, 'CSM-TASK-0003', (p) => `The operation failed: ${s(p.message)}`),
  'request.malformed_body': e(400, 'CSM-REQ-0001', () => 'The request body is not valid JSON'),
  'request.body_too_large': e(400, 'CSM-REQ-0002', () => 'The request body is too large'),
  'request.body_too_complex': e(400, 'CSM-REQ-0006', (p) =>
    p.what === 'depth' ? `The request body is nested deeper than ${s(p.limit)} levels` : `An array of the request body has more than ${s(p.limit)} members`,
  ),
  'request.url_too_long': e(414, 'CSM-REQ-0007', (p) => `The request URL is longer than ${s(p.limit)} characters`),
  'request.too_many_query_params': e(400, 'CSM-REQ-0008', (p) => `More than ${s(p.limit)} query parameters`),
  'server.overloaded': e(503, 'CSM-GEN-0503', () => 'The server is busy; retry the request later'),
  'store.unavailable': e(503, 'CSM-GEN-0503', () => 'The database is not reachable; retry the request later'),
  'request.rate_limited': e(429, 'CSM-GEN-0429', () => 'Too many requests; retry after the rate limit resets'),
  'csm.body_shape': e(400, 'CSM-REQ-0003', (p) => `The request body must be a JSON object: ${s(p.detail)}`),
  'csm.member_type': e(400, 'CSM-REQ-0004', (p) => `The member ${s(p.member)} must be ${s(p.expected)}`),
  'csm.param_missing': e(400, 'CSM-PAR-0001', (p) => `Missing required parameter ${s(p.name)} (${s(p.type)}, multiplicity ${s(p.multiplicity)})`),
  'csm.param_type': e(400, 'CSM-PAR-0002', (p) => `Parameter ${s(p.name)} must be ${s(p.expected)}`),
  'csm.param_unknown': e(400, 'CSM-PAR-0003', (p) => `Operation ${s(p.operation)} has no parameter ${s(p.name)}`),
  'csm.param_repeated': e(400, 'CSM-PAR-0004', (p) => `Parameter ${s(p.name)} is given more than once`),
  'csm.param_value': e(400, 'CSM-PAR-0005', (p) => `Parameter ${s(p.name)}: ${s(p.detail)}`),
  'csm.criteria': e(400, 'CSM-QRY-0001', (p) => `Invalid search criteria: ${s(p.detail)}`),
  'csm.method': e(400, 'CSM-API-0006', (p) => `The method ${s(p.method)} is not served here`),
  'csm.unknown_class': e(404, 'CSM-API-0001', (p) => `Unknown cloud class ${s(p.name)}`),
  'csm.unknown_operation': e(404, 'CSM-API-0002', (p) => `Class ${s(p.className)} has no operation ${s(p.name)}`),
  'csm.unknown_callout': e(400, 'CSM-API-0003', (p) => `Unknown callout ${s(p.name)}`),
  'csm.callback_refused': e(400, 'CSM-API-0004', (p) => `callbackURL ${s(p.url)} is not allowed: ${s(p.reason)}`),
  'csm.callout_refused': e(400, 'CSM-API-0005', (p) => `Callout ${s(p.name)} may not be called: ${s(p.reason)}`),
};

const BY_KIND: Record<DomainError['kind'], CauseEntry> = {
  not_found: e(404, 'CSM-GEN-0404', () => 'The object does not exist'),
  hidden: e(404, 'CSM-GEN-0404', () => 'The object does not exist'),
  forbidden: e(403, 'CSM-GEN-0403', () => 'You are not allowed to perform this operation'),
  unauthenticated: CAUSES['auth.invalid']!,
  invalid: e(400, 'CSM-GEN-0400', () => 'The request is not valid'),
  conflict: e(400, 'CSM-GEN-0409', () => 'The object was changed by another request; try again'),
  unavailable: e(400, 'CSM-GEN-0503', () => 'The service is not available'),
};

/** The wording of a domain error: also used for the errors of a failed task. */
export function causeOf(code: string, params: P, kind: DomainError['kind'] = 'invalid'): { entry: CauseEntry; cause: string } {
  const entry = CAUSES[code] ?? BY_KIND[kind];
  return { entry, cause: entry.cause(params) };
}

export const cloudError = (errorID: string, errorCause: string) => ({ cloudClass: 'com.bmc.cloud.model.beans.CloudError', errorCause, errorID, guid: randomUUID() });

export function renderCsmError(error: unknown, req: Request): Reply {
  const headers: Record<string, string> = { [TRANSACTION_HEADER]: transactionIdOf(req) };
  if (isDomainError(error)) {
    const { entry, cause } = causeOf(error.code, error.params, error.kind);
    if (error.code === 'auth.throttled') headers['Retry-After'] = s(error.params.retryAfterSeconds);
    return { status: entry.status, headers, body: [cloudError(entry.errorID, cause)] };
  }
  if (isClientHttpError(error)) return { status: 400, headers, body: [cloudError('CSM-REQ-0005', 'The request could not be read')] };
  // never a 500 page: an unexpected failure is logged by the route wrapper and answered as a CloudError
  req.log?.error({ err: error }, 'CSM request failed');
  return { status: 400, headers, body: [cloudError('CSM-GEN-0500', 'The request could not be processed')] };
}
