// What CSM's outbound calls carry: a callback gets the final [Task]; a callout gets the operation's parameters.
import type { Operation } from '../../src/core/records';
import { presentTask, type TaskRequest } from './presenters/presentTask';

export function csmHookBody(publicUrl: string) {
  return (hook: 'before' | 'after' | 'notify', op: Operation): unknown => {
    if (hook === 'notify') return [presentTask(op, publicUrl)];
    const task = presentTask(op, publicUrl);
    const request = (op.input.request ?? {}) as TaskRequest & { operationParams?: unknown[] };
    return [
      {
        cloudClass: 'com.bmc.cloud.model.beans.CalloutRequest',
        calloutName: hook === 'before' ? op.hooks.before?.name : op.hooks.after?.name,
        calloutType: hook === 'before' ? 'PRE' : 'POST',
        className: task.className,
        operationName: task.operationName,
        objectGuid: op.resourceGuid ?? '',
        objectName: task.objectName,
        taskGuid: op.guid,
        taskStatusURI: task.taskStatusURI,
        operationParams: request.operationParams ?? [],
      },
    ];
  };
}
