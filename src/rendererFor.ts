// From a request's path to its dialect's error renderer: the dialect comes from the one prefix table
// (src/http/dialect.ts), the renderer from the table below. App-level refusals (limits, overload, rate limit) and the
// final unrouted and error handlers answer through it, so every answer is in the envelope of the API the client
// called. A path no dialect claims is answered as Cloud Controller v3 answers an unknown request.
import { renderV2Error } from '../adapters/cf/v2/renderError';
import { renderV3Error } from '../adapters/cf/v3/renderError';
import { renderCsmError } from '../adapters/csm/renderError';
import { renderEnvSharesError } from '../adapters/env-shares/renderError';
import { renderUaaError } from '../adapters/uaa/renderError';
import { dialectOf, type Dialect } from './http/dialect';
import type { ErrorRenderer } from './http/route';

/** One line per dialect; a dialect without one answers as Cloud Controller v3. */
export const DIALECT_RENDERERS: Partial<Record<Dialect, ErrorRenderer>> = {
  'cf-v3': renderV3Error,
  'cf-v2': renderV2Error,
  csm: renderCsmError,
  'env-shares': renderEnvSharesError,
  uaa: renderUaaError,
};

/** The renderer of the dialect that serves `path`; CF v3's for any other path. */
export function rendererFor(path: string): ErrorRenderer {
  return DIALECT_RENDERERS[dialectOf(path)] ?? renderV3Error;
}
