import type { Request } from 'express';
import type { Reply } from '../../../src/http/route';
import { CF_ERRORS } from '../errorCatalogue';
import { toV3CfError } from './errorTable';

/** v3 envelope: {"errors":[{"detail","title","code"}]}; unexpected errors are CC's UnknownError. */
export function renderV3Error(error: unknown, _req?: Request): Reply {
  const cf = toV3CfError(error);
  if (!cf) return { status: 500, body: { errors: [{ detail: CF_ERRORS.ServerError.message, title: 'UnknownError', code: 10001 }] } };
  return { status: cf.status, body: { errors: [{ detail: cf.detail, title: `CF-${cf.cfName}`, code: CF_ERRORS[cf.cfName].code }] } };
}
