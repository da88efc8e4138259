// Usage counts: a batch of counted requests added in one transaction, and days past retention removed.
import type { Deps } from '../context';
import type { UsageCount } from '../store';

/** Adds the counts; then deletes the days before `keepFromDay` (YYYY-MM-DD), when given. */
export async function recordUsage(deps: Deps, counts: UsageCount[], keepFromDay?: string): Promise<void> {
  if (counts.length === 0 && !keepFromDay) return;
  await deps.store.transaction(async (tx) => {
    await tx.addUsage(counts);
    if (keepFromDay) await tx.deleteUsageBefore(keepFromDay);
  });
}
