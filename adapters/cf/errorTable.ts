// The shared mechanism behind each Cloud Foundry version's error table (as Cloud Controller renders one catalogue,
// errors/v2.yml and v3.yml, per version): a table maps a domain error code to a CfError of the catalogue, with a
// fallback per error kind. Each version has its own table (adapters/cf/v3/errorTable.ts; v2 beside it) built on
// the rows they share, so the same core error can be rendered as each real server renders it (v3 answers a hidden
// record 404, v2 403).
import { isClientHttpError } from '../../src/http/isClientHttpError';
import { isDomainError, type DomainError, type ErrorKind } from '../../src/core/errors';
import { CfError } from './errorCatalogue';

export type Params = Record<string, unknown>;
/** One row: the CfError for a domain error's params (the error itself for rows that need its kind or code). */
export type CfErrorRow = (params: Params, error: DomainError) => CfError;

export interface CfErrorTable {
  /** by domain error code */
  codes: Record<string, CfErrorRow>;
  /** for a code the table does not list; every kind needs a row, `hidden` included */
  kinds: Record<ErrorKind, CfErrorRow>;
}

/** Text helpers for message templates. */
export const text = (v: unknown) => String(v ?? '');
export const quotedList = (v: unknown) => `[${(v as string[]).map((g) => `'${g}'`).join(', ')}]`;
export const unprocessableRow = (detail: string) => new CfError('UnprocessableEntity', detail);
export const notFoundRow = (detail: string) => new CfError('ResourceNotFound', detail);

/** Rows every CF version shares: authentication and reading the request, which happen before any dialect code. */
export const CF_COMMON_ROWS: Record<string, CfErrorRow> = {
  'auth.missing': () => new CfError('NotAuthenticated'),
  'auth.invalid': () => new CfError('InvalidAuthToken'),
  'request.malformed_body': () => new CfError('MessageParseError', 'invalid request body'),
  'request.body_too_large': () => new CfError('MessageParseError', 'request body too large'),
  'request.body_too_complex': (p) =>
    new CfError(
      'MessageParseError',
      p.what === 'depth' ? `request body nested deeper than ${text(p.limit)} levels` : `an array in the request body has more than ${text(p.limit)} members`,
    ),
  'request.url_too_long': (p) => new CfError('BadRequest', `the URL is longer than ${text(p.limit)} characters`),
  'request.too_many_query_params': (p) => new CfError('BadQueryParameter', `more than ${text(p.limit)} query parameters`),
  'request.unrouted': () => new CfError('NotFound'),
  'server.overloaded': () => new CfError('ServiceUnavailable', 'The server is busy; retry the request later'),
  'store.unavailable': () => new CfError('ServiceUnavailable', 'The database is not reachable; retry the request later'),
  'request.rate_limited': () => new CfError('RateLimitExceeded'),
  not_authorized: () => new CfError('NotAuthorized'),
};

/**
 * The `hidden` row of a version that renders a hidden record exactly as a missing one (Korifi's
 * ForbiddenAsNotFound): the table's `<resource>.not_found` row, else its `not_found` kind row.
 */
export const hiddenAsNotFound =
  (table: () => CfErrorTable): CfErrorRow =>
  (params, error) => {
    const t = table();
    const row = t.codes[`${text(params.resource)}.not_found`] ?? t.kinds.not_found;
    return row(params, error);
  };

/** The CfError for any error under `table`: CfErrors as they are, domain errors by code then kind; null for a server error. */
export function cfErrorFrom(table: CfErrorTable, error: unknown): CfError | null {
  if (error instanceof CfError) return error;
  if (isClientHttpError(error)) return new CfError('InvalidRequest');
  if (!isDomainError(error)) return null;
  return (table.codes[error.code] ?? table.kinds[error.kind])(error.params, error);
}
