// Which dialect a request speaks, from its path: one table of prefixes, longest first where they overlap.
// A dialect added later adds its prefix here (and its error renderer where app.ts lists them).
export const DIALECTS = ['cf-v3', 'cf-v2', 'csm', 'env-shares', 'uaa', 'other'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** path prefix (a whole segment) -> dialect; `/` itself is the CF v3 root document */
const PREFIXES: readonly (readonly [string, Dialect])[] = [
  ['/v3', 'cf-v3'],
  ['/v2', 'cf-v2'],
  ['/csm', 'csm'],
  ['/v1', 'env-shares'],
  ['/oauth', 'uaa'],
  ['/Users', 'uaa'],
  ['/Groups', 'uaa'],
  ['/token_keys', 'uaa'],
  ['/token_key', 'uaa'],
  ['/login', 'uaa'],
  ['/userinfo', 'uaa'],
];

/** The dialect of a request path or URL (a query string is ignored). */
export function dialectOf(url: string): Dialect {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (path === '/' || path === '') return 'cf-v3';
  for (const [prefix, dialect] of PREFIXES) {
    if (path.startsWith(prefix) && (path.length === prefix.length || path[prefix.length] === '/')) return dialect;
  }
  return 'other';
}

export const isDialect = (value: string): value is Dialect => (DIALECTS as readonly string[]).includes(value);
