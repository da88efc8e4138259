// The one table from a request's path to its dialect's error renderer. App-level refusals (limits, overload, rate
// limit) and the final unrouted and error handlers answer through it, so every answer is in the envelope of the API
// the client called. A path no dialect claims is answered as Cloud Controller v3 answers an unknown request.
import { renderV3Error } from '../adapters/cf/v3/renderError';
import { renderCsmError } from '../adapters/csm/renderError';
import { renderEnvSharesError } from '../adapters/env-shares/renderError';
import { renderUaaError } from '../adapters/uaa/renderError';
import type { ErrorRenderer } from './http/route';

/**
 * Path prefixes (whole segments) and their renderers; the first that matches wins. CF v2 joins with its row,
 * `['/v2', renderV2Error]`, when its routes are complete; until then `/v2` answers as v3 does.
 */
export const DIALECT_RENDERERS: ReadonlyArray<readonly [prefix: string, render: ErrorRenderer]> = [
  ['/v3', renderV3Error],
  ['/csm', renderCsmError],
  ['/v1', renderEnvSharesError],
  ['/oauth', renderUaaError],
  ['/Users', renderUaaError],
  ['/token_keys', renderUaaError],
  ['/token_key', renderUaaError],
  ['/userinfo', renderUaaError],
  ['/login', renderUaaError],
];

/** Routes match whatever the case of the path (express's default), so the table does too. */
const claims = (prefix: string, path: string) => {
  const p = path.toLowerCase();
  const want = prefix.toLowerCase();
  return p === want || p.startsWith(`${want}/`);
};

/** The renderer of the dialect that serves `path`; CF v3's for any other path. */
export function rendererFor(path: string): ErrorRenderer {
  return DIALECT_RENDERERS.find(([prefix]) => claims(prefix, path))?.[1] ?? renderV3Error;
}
