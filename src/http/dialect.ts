// Which dialect a request speaks, from its path: one table of prefixes, longest first where they overlap.
// A dialect added later adds its prefix here (and its error renderer where app.ts lists them).
export const DIALECTS = ['cf-v3', 'cf-v2', 'csm', 'env-shares', 'uaa', 'other'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** path prefix (a whole first segment) -> dialect; `/` itself is the CF v3 root document */
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
// express routes paths case-insensitively, so the prefixes are matched that way too
const BY_SEGMENT = new Map(PREFIXES.map(([prefix, dialect]) => [prefix.toLowerCase(), dialect]));

/** The dialect of a request path or URL (a query string is ignored). */
export function dialectOf(url: string): Dialect {
  let end = url.length;
  for (let i = 1; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 47 /* / */ || c === 63 /* ? */) {
      end = i;
      break;
    }
  }
  if (end <= 1) return 'cf-v3';
  return BY_SEGMENT.get(url.slice(0, end).toLowerCase()) ?? 'other';
}

export const isDialect = (value: string): value is Dialect => (DIALECTS as readonly string[]).includes(value);
