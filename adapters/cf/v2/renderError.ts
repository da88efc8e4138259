import type { Request } from 'express';
import type { Reply } from '../../../src/http/route';
import { CF_ERRORS, CfError } from '../errorCatalogue';
import { CF_COMMON_ROWS, cfErrorFrom, notFoundRow, unprocessableRow, type CfErrorTable } from '../errorTable';

/**
 * v2's error table. For now only the rows every CF version shares; v2's own rows go here, beside v3's table
 * (../v3/errorTable.ts). v2 answers a record the caller may not see with 403 CF-NotAuthorized.
 */
export const V2_ERRORS: CfErrorTable = {
  codes: { ...CF_COMMON_ROWS, 'request.rate_limited': () => new CfError('RateLimitV2APIExceeded') },
  kinds: {
    not_found: () => notFoundRow('Resource not found'),
    hidden: () => new CfError('NotAuthorized'),
    forbidden: () => new CfError('NotAuthorized'),
    unauthenticated: () => new CfError('InvalidAuthToken'),
    invalid: () => unprocessableRow('The request is semantically invalid'),
    conflict: () => unprocessableRow('The request conflicts with the current state of the resource'),
    unavailable: () => new CfError('ServiceUnavailable', 'Service unavailable'),
  },
};

/** v2 envelope: {"description","error_code","code"}; unexpected errors are `UnknownError` without the CF- prefix. */
export function renderV2Error(error: unknown, _req?: Request): Reply {
  const cf = cfErrorFrom(V2_ERRORS, error);
  if (!cf) return { status: 500, body: { error_code: 'UnknownError', description: CF_ERRORS.ServerError.message, code: 10001 } };
  return { status: cf.status, body: { description: cf.detail, error_code: `CF-${cf.cfName}`, code: CF_ERRORS[cf.cfName].code } };
}
