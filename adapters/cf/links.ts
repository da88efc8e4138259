/** Absolute links under the gateway's public URL, as Cloud Controller's ApiUrlBuilder makes them. */
export interface Links {
  base: string;
  href(path: string): { href: string };
  url(path: string): string;
}

export const makeLinks = (base: string): Links => ({
  base,
  url: (path) => `${base}${path}`,
  href: (path) => ({ href: `${base}${path}` }),
});

/** CC timestamps: UTC, seconds precision. */
export const timestamp = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
export const timestampOrNull = (ms: number | null) => (ms === null ? null : timestamp(ms));
