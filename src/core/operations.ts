// Operations (v3 jobs, CSM tasks) are rows: queued inside the transaction that asks for them, claimed under a lease
// by whichever runner picks them up (so a restart, or a second process, finishes what another started), run, and
// told to whoever asked to be told when they end.
import type { Actor } from './actor';
import type { Deps } from './context';
import { isDomainError } from './errors';
import { UNFINISHED_OPERATION_STATES, type HookResult, type Operation, type OperationError, type OperationHooks } from './records';
import type { WriteStore } from './store';

export interface QueueInput {
  operation: string;
  resourceType?: string | null;
  resourceGuid?: string | null;
  input?: Record<string, unknown>;
  hooks?: OperationHooks;
  /** not before this time (default: now) */
  runAfter?: number;
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
    runAfter: Math.max(now, q.runAfter ?? now),
    result: {},
    hooks: q.hooks ?? {},
    hookResults: [],
    notifyDue: null,
    startedAt: null,
    finishedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  await tx.insertOperation(op);
  return op;
}

/** Runs `work` in a transaction that queues an operation, then tells the runner once it has committed. */
export async function withQueuedOperation<T>(deps: Deps, work: (tx: WriteStore) => Promise<T>): Promise<T> {
  const result = await deps.store.transaction(work);
  deps.onOperationQueued?.();
  return result;
}

/** Does the work of an operation inside its transaction; may return what it produced. */
export type OperationHandler = (deps: Deps, tx: WriteStore, op: Operation) => Promise<void | Record<string, unknown>>;

/** Makes the outbound call of a hook (implemented outside the core); the body is the business of who queued it. */
export interface OperationHookPort {
  call(hook: HookResult['hook'], op: Operation, url: string): Promise<Omit<HookResult, 'hook' | 'at'>>;
}

export const isFinished = (op: Pick<Operation, 'state'>) => !UNFINISHED_OPERATION_STATES.includes(op.state);

const DEFAULT_LEASE_MS = 60_000;
const leaseMs = (deps: Deps) => (deps.settings.operationLeaseMs ?? DEFAULT_LEASE_MS) + (deps.settings.operationDelayMs ?? 0);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const errorOf = (e: unknown): OperationError =>
  isDomainError(e) ? { code: e.code, params: e.params } : { code: 'operation.failed', params: { message: e instanceof Error ? e.message : String(e) } };

/** Claims a due operation: its run-after time becomes the end of this runner's lease. False if another has it. */
async function claim(deps: Deps, guid: string): Promise<Operation | null> {
  return deps.store.transaction(async (tx) => {
    const fresh = await tx.lockOperation(guid);
    const now = deps.clock.now();
    if (!fresh || isFinished(fresh) || fresh.runAfter > now) return null;
    const claimed: Operation = { ...fresh, state: 'running', runAfter: now + leaseMs(deps), startedAt: fresh.startedAt ?? now, updatedAt: now };
    await tx.updateOperation(claimed);
    return claimed;
  });
}

async function callHook(deps: Deps, op: Operation, hook: HookResult['hook'], url: string): Promise<HookResult> {
  const at = deps.clock.now();
  if (!deps.hooks) return { hook, outcome: 'refused', detail: 'outbound calls are not configured', attempts: 0, at };
  try {
    return { hook, ...(await deps.hooks.call(hook, op, url)), at };
  } catch (e) {
    return { hook, outcome: 'failed', detail: e instanceof Error ? e.message : String(e), attempts: 1, at };
  }
}

/** Ends an operation (in its own transaction, if it is still running) and records a hook result with it. */
async function finish(deps: Deps, guid: string, change: (op: Operation) => Partial<Operation>): Promise<Operation | null> {
  return deps.store.transaction(async (tx) => {
    const fresh = await tx.getOperation(guid);
    if (!fresh || isFinished(fresh)) return null;
    const now = deps.clock.now();
    const next: Operation = { ...fresh, ...change(fresh), finishedAt: now, updatedAt: now, notifyDue: fresh.hooks.notify ? now + leaseMs(deps) : null };
    await tx.updateOperation(next);
    return next;
  });
}

async function recordHook(deps: Deps, guid: string, result: HookResult, change: (op: Operation) => Partial<Operation> = () => ({})) {
  await deps.store.transaction(async (tx) => {
    const fresh = await tx.getOperation(guid);
    if (fresh) await tx.updateOperation({ ...fresh, ...change(fresh), hookResults: [...fresh.hookResults, result], updatedAt: deps.clock.now() });
  });
}

/** Tells the `notify` hook that a finished operation ended (the caller holds the notification's lease). */
async function notify(deps: Deps, op: Operation): Promise<void> {
  const result = await callHook(deps, op, 'notify', op.hooks.notify ?? '');
  await recordHook(deps, op.guid, result, () => ({ notifyDue: null }));
}

async function execute(deps: Deps, handlers: Record<string, OperationHandler>, op: Operation): Promise<void> {
  const before = op.hooks.before;
  if (before && !op.hookResults.some((r) => r.hook === 'before' && r.outcome === 'delivered')) {
    const result = await callHook(deps, op, 'before', before.url);
    await recordHook(deps, op.guid, result);
    if (result.outcome !== 'delivered') {
      const failed = await finish(deps, op.guid, () => ({
        state: 'failed',
        errors: [{ code: 'operation.before_hook_failed', params: { name: before.name, detail: result.detail } }],
      }));
      if (failed?.hooks.notify) await notify(deps, failed);
      return;
    }
  }
  const delay = deps.settings.operationDelayMs ?? 0;
  if (delay > 0) await sleep(delay);
  let done: Operation | null;
  try {
    done = await deps.store.transaction(async (tx) => {
      const fresh = await tx.getOperation(op.guid);
      // still due, or claimed by this runner (then its lease is what `op` holds)
      if (!fresh || isFinished(fresh) || fresh.runAfter !== op.runAfter) return null;
      return applyOperation(deps, tx, fresh, handlers);
    });
  } catch (e) {
    done = await finish(deps, op.guid, () => ({ state: 'failed', errors: [errorOf(e)] }));
  }
  if (!done) return;
  const after = done.hooks.after;
  if (after && done.state === 'succeeded') {
    const result = await callHook(deps, done, 'after', after.url);
    const warning = result.outcome === 'delivered' ? null : `after hook ${after.name}: ${result.detail}`;
    await recordHook(deps, done.guid, result, (fresh) => ({ warnings: warning ? [...fresh.warnings, warning] : fresh.warnings }));
  }
  if (done.hooks.notify) await notify(deps, (await deps.store.getOperation(done.guid)) ?? done);
}

/** Claims one due notification (a lease, as for running) and returns the operation, or null if another has it. */
async function claimNotification(deps: Deps, guid: string): Promise<Operation | null> {
  return deps.store.transaction(async (tx) => {
    const fresh = await tx.lockOperation(guid);
    const now = deps.clock.now();
    if (!fresh || fresh.notifyDue === null || fresh.notifyDue > now) return null;
    const claimed = { ...fresh, notifyDue: now + leaseMs(deps), updatedAt: now };
    await tx.updateOperation(claimed);
    return claimed;
  });
}

/**
 * Claims every due operation (and every due notification of a finished one) and starts it. Resolves once they are
 * claimed, with `finished` settling when all of them have run. A failure marks the row failed.
 */
export async function startDueOperations(deps: Deps, handlers: Record<string, OperationHandler>, limit = 100): Promise<{ count: number; finished: Promise<void> }> {
  const now = deps.clock.now();
  const running: Promise<void>[] = [];
  const due = await deps.store.listDueOperations(now, limit);
  for (const op of due) {
    // an operation done wholly inside its transaction needs no lease: a crash before the commit leaves it due
    const outside = Boolean(op.hooks.before) || (deps.settings.operationDelayMs ?? 0) > 0;
    const claimed = outside ? await claim(deps, op.guid) : op;
    if (claimed) running.push(execute(deps, handlers, claimed));
  }
  const notifications = await deps.store.listDueNotifications(now, limit);
  for (const op of notifications) {
    const claimed = await claimNotification(deps, op.guid);
    if (claimed) running.push(notify(deps, claimed));
  }
  return { count: due.length + notifications.length, finished: Promise.all(running).then(() => undefined) };
}

/** Runs every due operation once and waits for them. A failure marks the row failed. */
export async function runDueOperations(deps: Deps, handlers: Record<string, OperationHandler>, limit = 100): Promise<number> {
  const { count, finished } = await startDueOperations(deps, handlers, limit);
  await finished;
  return count;
}

/**
 * Finishes a just-queued operation inside the transaction that queued it, for a caller that waits for the outcome
 * (CC v2 calls a broker synchronously unless the client accepts an incomplete answer): all of it commits, or none.
 */
export async function completeQueued(deps: Deps, tx: WriteStore, op: Operation): Promise<Operation> {
  return applyOperation(deps, tx, op, deps.operationHandlers ?? {});
}

/** Runs an operation's handler in `tx` and records it as succeeded (with its callback due when it has one). */
async function applyOperation(deps: Deps, tx: WriteStore, op: Operation, handlers: Record<string, OperationHandler>): Promise<Operation> {
  const handler = handlers[op.operation];
  if (!handler) throw new Error(`no handler for operation ${op.operation}`);
  const result = (await handler(deps, tx, op)) ?? {};
  const now = deps.clock.now();
  const done: Operation = {
    ...op,
    state: 'succeeded',
    result,
    startedAt: op.startedAt ?? now,
    finishedAt: now,
    updatedAt: now,
    notifyDue: op.hooks.notify ? now + leaseMs(deps) : null,
  };
  await tx.updateOperation(done);
  return done;
}
