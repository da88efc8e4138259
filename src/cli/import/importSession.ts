// What every source's import shares: the session (core, importing actor, run, tally, report), one record's import
// with its outcome counted (a conflict reported and skipped), and readers of v3 resources' common fields.
import type { Actor } from '../../core/actor';
import type { Core } from '../../core/core';
import type { ImportOutcome, ImportRun } from '../../core/commands/imports';
import { isDomainError } from '../../core/errors';
import type { CatalogService } from './cfCatalog';
import { reasonOf, type Tally } from './tally';

export type R = Record<string, unknown>;

export interface ImportSession {
  core: Core;
  actor: Actor;
  run: ImportRun & { pending: Set<string> };
  tally: Tally;
  /** guids seen at the source per kind (kept only when pruning) */
  seen?: Map<string, Set<string>>;
  /** one line per conflict or (in a dry run) change */
  report(line: string): void;
  /** --catalog-from-source: adds services (Open Service Broker catalog entries) to the catalog this import matches */
  addToCatalog?: (services: CatalogService[]) => Promise<void>;
}

export const time = (v: unknown) => {
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${JSON.stringify(v)}`);
  return ms;
};
export const str = (v: unknown) => (typeof v === 'string' ? v : null);
export const rel = (r: R, name: string) => str(((r.relationships as R | undefined)?.[name] as { data?: { guid?: unknown } | null } | undefined)?.data?.guid);
export const metadataOf = (r: R) => {
  const m = (r.metadata ?? {}) as { labels?: Record<string, string>; annotations?: Record<string, string> };
  return { labels: { ...(m.labels ?? {}) }, annotations: { ...(m.annotations ?? {}) } };
};

/** Imports one record and counts what happened; a conflict is reported and counted as skipped, anything else thrown. */
export async function apply(s: ImportSession, kind: string, label: string, guid: string, write: () => Promise<ImportOutcome>): Promise<void> {
  s.seen?.get(kind)?.add(guid);
  try {
    const outcome = await write();
    if (s.run.dryRun && outcome === 'created') s.run.pending.add(guid);
    if (s.run.dryRun && outcome !== 'unchanged') s.report(`would ${outcome === 'created' ? 'create' : 'update'} ${kind} ${label} (${guid})`);
    s.tally.count(kind, outcome);
  } catch (e) {
    if (!isDomainError(e) || (e.kind !== 'conflict' && e.kind !== 'invalid')) throw e;
    const reason = reasonOf(e);
    s.report(`skipped ${kind} ${label} (${guid}): ${reason}`);
    s.tally.count(kind, 'skipped', reason);
  }
}

export async function eachPage(s: ImportSession, kind: string, pages: AsyncGenerator<{ total: number; resources: R[] }>, each: (r: R) => Promise<void>) {
  for await (const page of pages) {
    s.tally.begin(kind, page.total);
    for (const r of page.resources) await each(r);
  }
  s.tally.begin(kind);
  s.tally.draw(true);
}
