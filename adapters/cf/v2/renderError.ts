import type { Request } from 'express';
import type { Reply } from '../../../src/http/route';
import { CF_ERRORS } from '../errorCatalogue';
import { toV2Error } from './errorTable';

/** Every /v2 answer with a body carries this exact header, as Cloud Controller's Sinatra filter sets it. */
export const V2_CONTENT_TYPE = 'application/json;charset=utf-8';
/** Headers on every /v2 answer. */
export const V2_HEADERS = { 'X-Content-Type-Options': 'nosniff' };

/**
 * v2 envelope: {"description","error_code","code"}, the body ending in a newline as CC writes it; unexpected errors
 * are `UnknownError` without the CF- prefix.
 */
export function renderV2Error(error: unknown, _req?: Request): Reply {
  const { status, body } = v2ErrorBody(error);
  return { status, text: `${JSON.stringify(body)}\n`, contentType: V2_CONTENT_TYPE, headers: V2_HEADERS };
}

export function v2ErrorBody(error: unknown): { status: number; body: Record<string, unknown> } {
  const cf = toV2Error(error);
  if (!cf) return { status: 500, body: { error_code: 'UnknownError', description: CF_ERRORS.ServerError.message, code: 10001 } };
  return { status: cf.status, body: { description: cf.detail, error_code: `CF-${cf.cfName}`, code: CF_ERRORS[cf.cfName].code } };
}
