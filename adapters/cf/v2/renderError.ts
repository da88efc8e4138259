import type { Request } from 'express';
import type { Reply } from '../../../src/http/route';
import { toCfError } from '../domainErrors';
import { CF_ERRORS } from '../errorCatalogue';

/** v2 envelope: {"description","error_code","code"}; unexpected errors are `UnknownError` without the CF- prefix. */
export function renderV2Error(error: unknown, _req?: Request): Reply {
  const cf = toCfError(error);
  if (!cf) return { status: 500, body: { error_code: 'UnknownError', description: CF_ERRORS.ServerError.message, code: 10001 } };
  return { status: cf.status, body: { description: cf.detail, error_code: `CF-${cf.cfName}`, code: CF_ERRORS[cf.cfName].code } };
}
