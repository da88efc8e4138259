// --prune: after a complete read of the source, the records this source brought in earlier that it no longer has are
// removed, dependants first. Records made here (not imported from this source) are never removed.
import type { PrunableKind } from '../../core/commands/importOwnership';
import type { ImportSession } from './importSession';

/** tally kind -> the core's kind, in the order removals must go */
const ORDER: [string, PrunableKind][] = [
  ['instance_shares', 'service_instance_share'],
  ['roles', 'role'],
  ['service_instances', 'service_instance'],
  ['spaces', 'space'],
  ['organizations', 'organization'],
];

export async function pruneMissing(s: ImportSession, kinds: string[]): Promise<void> {
  for (const [kind, coreKind] of ORDER) {
    const seen = s.seen?.get(kind);
    if (!seen || !kinds.includes(kind)) continue;
    // first the candidates (removing while paging would shift the pages), then the removals
    const candidates: string[] = [];
    for (let page = 1; ; page++) {
      const { guids, total } = await s.core.listImportTargets(s.actor, coreKind, page, 1000);
      for (const g of guids) if (!seen.has(g)) candidates.push(g);
      if (page * 1000 >= total) break;
    }
    for (const guid of candidates) {
      if (await s.core.pruneImported(s.actor, coreKind, guid, s.run)) {
        if (s.run.dryRun) s.report(`would remove ${kind} ${guid}`);
        s.tally.count(kind, 'pruned');
      }
    }
  }
}
