// Errors of the operations endpoints: plain JSON `{"error", "message"}` with the status.
import type { Request } from 'express';
import { ZodError } from 'zod';
import { DomainError } from '../core/errors';
import type { Reply } from '../http/route';

const STATUS: Record<string, number> = { unauthenticated: 401, forbidden: 403, hidden: 403, not_found: 404, invalid: 400, conflict: 409, unavailable: 503 };

export class OpsError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

export function renderOpsError(error: unknown, _req?: Request): Reply {
  if (error instanceof OpsError) return { status: error.status, body: { error: error.error, message: error.message } };
  if (error instanceof ZodError) {
    return { status: 400, body: { error: 'invalid_request', message: error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ') } };
  }
  if (error instanceof DomainError) {
    const status = STATUS[error.kind] ?? 400;
    const reply: Reply = { status, body: { error: error.kind === 'unauthenticated' ? 'unauthorized' : error.kind, message: error.code } };
    if (status === 401) reply.headers = { 'WWW-Authenticate': 'Bearer realm="sharegate"' };
    return reply;
  }
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) return { status, body: { error: 'invalid_request', message: 'the request could not be read' } };
  return { status: 500, body: { error: 'internal_error', message: 'an unexpected error occurred' } };
}
