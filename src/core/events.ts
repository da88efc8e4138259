// Audit events: every change writes one, in the same transaction.
import { actorName, type Actor } from './actor';
import type { Deps } from './context';
import type { WriteStore } from './store';

export interface EventInput {
  type: string;
  target: { guid: string; type: string; name: string | null };
  data?: Record<string, unknown>;
  spaceGuid?: string | null;
  organizationGuid?: string | null;
}

export async function recordEvent(deps: Deps, tx: WriteStore, actor: Actor | null, input: EventInput): Promise<void> {
  const now = deps.clock.now();
  await tx.insertEvent({
    guid: deps.ids.guid(),
    type: input.type,
    actorGuid: actor?.userGuid ?? 'system',
    actorType: actor ? 'user' : 'system',
    actorName: actor ? actorName(actor) : 'system',
    targetGuid: input.target.guid,
    targetType: input.target.type,
    // CC names a user by its username, '' when it has none
    targetName: input.target.type === 'user' ? (input.target.name ?? '') : input.target.name,
    data: input.data ?? {},
    spaceGuid: input.spaceGuid ?? null,
    organizationGuid: input.organizationGuid ?? null,
    createdAt: now,
    updatedAt: now,
  });
}
