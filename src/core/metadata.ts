import type { Metadata } from './records';

export type MetadataPatch = { labels?: Record<string, string | null>; annotations?: Record<string, string | null> };

function merge(current: Record<string, string>, patch: Record<string, string | null> | undefined) {
  const next = { ...current };
  for (const [k, v] of Object.entries(patch ?? {})) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next;
}

/** CF metadata PATCH semantics: a value sets, null deletes, an absent key is kept. */
export const applyMetadata = (current: Metadata, patch: MetadataPatch | undefined): Metadata => ({
  labels: merge(current.labels, patch?.labels),
  annotations: merge(current.annotations, patch?.annotations),
});

export const emptyMetadata = (): Metadata => ({ labels: {}, annotations: {} });
