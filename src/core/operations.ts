// Operations (v3 jobs, later CSM tasks) are rows: queued inside the transaction that asks for them, run by a runner
// that picks up due rows, so a restart loses none.
import type { Actor } from './actor';
import type { Deps } from './context';
import { isDomainError } from './errors';
import { UNFINISHED_OPERATION_STATES, type Operation, type OperationError } from './records';
import type { WriteStore } from './store';

export interface QueueInput {
  operation: string;
  resourceType?: string | null;
  resourceGuid?: string | null;
  input?: Record<string, unknown>;
}

export async function queueOperation(deps: Deps, tx: WriteStore, actor: Actor | null, q: QueueInput): Promise<Operation> {
  const now = deps.clock.now();
  const op: Operation = {
    guid: deps.ids.guid(),
    operation: q.operation,
    state: 'queued',
    resourceType: q.resourceType ?? null,
    resourceGuid: q.resourceGuid ?? null,
    userGuid: actor?.userGuid ?? null,
    input: q.input ?? {},
    errors: [],
    warnings: [],
    runAfter: now,
    createdAt: now,
    updatedAt: now,
  };
  await tx.insertOperation(op);
  return op;
}

/** Runs `work` in a transaction that may queue an operation, then tells the runner once it has committed. */
export async function withQueuedOperation<T>(deps: Deps, work: (tx: WriteStore) => Promise<T>): Promise<T> {
  const result = await deps.store.transaction(work);
  deps.onOperationQueued?.();
  return result;
}

export type OperationHandler = (deps: Deps, tx: WriteStore, op: Operation) => Promise<void>;

/** Runs every due operation once. Each runs in its own transaction; a failure marks the row failed. */
export async function runDueOperations(deps: Deps, handlers: Record<string, OperationHandler>, limit = 100): Promise<number> {
  const due = await deps.store.listDueOperations(deps.clock.now(), limit);
  for (const op of due) await runOne(deps, handlers, op);
  return due.length;
}

/**
 * Finishes a just-queued operation inside the transaction that queued it, for a caller that waits for the outcome
 * (CC v2 calls a broker synchronously unless the client accepts an incomplete answer): all of it commits, or none.
 */
export async function completeQueued(deps: Deps, tx: WriteStore, op: Operation): Promise<Operation> {
  const handler = deps.operationHandlers?.[op.operation];
  if (!handler) throw new Error(`no handler for operation ${op.operation}`);
  await handler(deps, tx, op);
  const done: Operation = { ...op, state: 'succeeded', updatedAt: deps.clock.now() };
  await tx.updateOperation(done);
  return done;
}

/**
 * Runs one queued operation now, in its own transaction, for a client that waits for the outcome. Nothing happens if
 * it already ran. Returns the operation as it ends.
 */
export async function runOperationNow(deps: Deps, handlers: Record<string, OperationHandler>, guid: string): Promise<Operation | undefined> {
  const op = await deps.store.getOperation(guid);
  if (op && UNFINISHED_OPERATION_STATES.includes(op.state)) await runOne(deps, handlers, op);
  return deps.store.getOperation(guid);
}

async function runOne(deps: Deps, handlers: Record<string, OperationHandler>, op: Operation): Promise<void> {
  try {
    await deps.store.transaction(async (tx) => {
      const fresh = await tx.getOperation(op.guid);
      if (!fresh || !UNFINISHED_OPERATION_STATES.includes(fresh.state)) return;
      const handler = handlers[fresh.operation];
      if (!handler) throw new Error(`no handler for operation ${fresh.operation}`);
      await handler(deps, tx, fresh);
      await tx.updateOperation({ ...fresh, state: 'succeeded', updatedAt: deps.clock.now() });
    });
  } catch (e) {
    const error: OperationError = isDomainError(e)
      ? { code: e.code, params: e.params }
      : { code: 'operation.failed', params: { message: e instanceof Error ? e.message : String(e) } };
    await deps.store.transaction(async (tx) => {
      const fresh = await tx.getOperation(op.guid);
      if (fresh) await tx.updateOperation({ ...fresh, state: 'failed', errors: [error], updatedAt: deps.clock.now() });
    });
  }
}
