// Domain errors carry a kind and a stable dotted code, never an HTTP status; each dialect renders them from one table.

export type ErrorKind = 'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'unauthenticated' | 'unavailable';

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

export const notFound = (code: string, params: Record<string, unknown> = {}) => new DomainError('not_found', code, params);
export const forbidden = (code = 'not_authorized', params: Record<string, unknown> = {}) =>
  new DomainError('forbidden', code, params);
export const conflict = (code: string, params: Record<string, unknown> = {}) => new DomainError('conflict', code, params);
export const invalid = (code: string, params: Record<string, unknown> = {}) => new DomainError('invalid', code, params);
export const unauthenticated = (code: string, params: Record<string, unknown> = {}) =>
  new DomainError('unauthenticated', code, params);

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
