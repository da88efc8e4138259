// An instance operation asked for as a task: queued with who asked (their scopes too, so the runner acts as them),
// the object's name, the parameters and the request as its dialect received it, and any outbound hooks.
import { makeActor, type Actor } from '../actor';
import type { Deps } from '../context';
import { queueOperation, withQueuedOperation } from '../operations';
import type { Operation, OperationHooks } from '../records';

/** How an operation is asked for: outbound hooks, and a time before which it does not run. */
export interface OperationRequest {
  hooks?: OperationHooks;
  runAfter?: number;
  /** the request as its dialect received it (secrets redacted), kept with the operation for presenting it */
  request?: Record<string, unknown>;
}

const storedActor = (actor: Actor) => ({ userGuid: actor.userGuid, username: actor.username, email: actor.email, origin: actor.origin, scopes: [...actor.scopes] });

export function actorOfOperation(op: Operation): Actor {
  const a = op.input.actor as ReturnType<typeof storedActor> | undefined;
  if (!a) return makeActor({ userGuid: op.userGuid ?? 'system', username: null, email: null, origin: null, clientId: null, scopes: [] });
  return makeActor({ ...a, clientId: null });
}

export const paramsOf = <T>(op: Operation) => op.input.params as T;

/** Queues an operation; `objectName` (what it works on, by name) is kept for presenting it after the object is gone. */
export async function queueInstanceTask(
  deps: Deps,
  actor: Actor,
  operation: string,
  resourceGuid: string | null,
  objectName: string,
  params: Record<string, unknown>,
  request: OperationRequest,
): Promise<Operation> {
  return withQueuedOperation(deps, (tx) =>
    queueOperation(deps, tx, actor, {
      operation,
      resourceType: 'service_instance',
      resourceGuid,
      input: { actor: storedActor(actor), objectName, params, request: request.request ?? {} },
      hooks: request.hooks,
      runAfter: request.runAfter,
    }),
  );
}
