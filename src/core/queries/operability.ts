// What operators read: operation counts (metrics), the usage report (admins only) and whether the store is ready.
import type { Actor } from '../actor';
import type { Deps } from '../context';
import { forbidden } from '../errors';
import type { DailyUsage, OperationStateCount, UsageFilter, UsageTotal } from '../store';

export interface UsageReport {
  rows: UsageTotal[];
  daily: DailyUsage[];
}

/** Operations (v3 jobs, CSM tasks) by name and state. */
export function operationCounts(deps: Deps): Promise<OperationStateCount[]> {
  return deps.store.countOperationsByState();
}

/** Usage over a period: cloud admins only. */
export async function getUsageReport(deps: Deps, actor: Actor, filter: UsageFilter): Promise<UsageReport> {
  if (!actor.isAdmin) throw forbidden('usage.admin_only');
  const [rows, daily] = await Promise.all([deps.store.listUsage(filter), deps.store.listDailyUsage(filter)]);
  return { rows, daily };
}

/** Ready when the store answers and has applied every migration; the number of pending migrations otherwise. */
export async function storeReadiness(deps: Deps): Promise<{ ready: boolean; pendingMigrations: number }> {
  const pending = await deps.store.pendingMigrations();
  return { ready: pending === 0, pendingMigrations: pending };
}
