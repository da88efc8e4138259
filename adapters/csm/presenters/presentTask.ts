// The Task object. Its state comes from the core's operation state (mapped in `taskStateOf`, the one place), and its
// keys are what the CLM clients need: `results` only once finished successfully (non-empty); `errors` empty on a
// finished task (absent on a finished bulkCreate) and filled on a failed one; an integer `taskProgress`; and an
// absolute `taskStatusURI` under /csm/.
import type { Operation } from '../../../src/core/records';
import { causeOf } from '../renderError';

export type TaskState = 'NOT_STARTED' | 'RUNNING' | 'COMPLETED' | 'FAILED';

/** The core's operation states as CSM task states: the one place they are mapped. */
const TASK_STATE: Record<Operation['state'], TaskState> = { queued: 'NOT_STARTED', running: 'RUNNING', succeeded: 'COMPLETED', failed: 'FAILED' };
export const taskStateOf = (op: Pick<Operation, 'state'>): TaskState => TASK_STATE[op.state];

const SUB_STATE: Record<TaskState, string> = {
  NOT_STARTED: 'task_not_started',
  RUNNING: 'task_running',
  COMPLETED: 'task_success_final',
  FAILED: 'task_failure_final',
};
const PROGRESS: Record<TaskState, number> = { NOT_STARTED: 0, RUNNING: 50, COMPLETED: 100, FAILED: 100 };

/** Class and operation by which a task was asked for (kept with it), else from the core operation's name. */
const FALLBACK: Record<string, [string, string]> = {
  'service_instance.share_with_users': ['ServiceOfferingInstance', 'share'],
  'service_instance.transfer': ['ServiceOfferingInstance', 'transferOwnership'],
  'service_instance.decommission': ['ServiceOfferingInstance', 'decommission'],
  'service_instance.bulk_create': ['ServiceOfferingInstance', 'bulkCreate'],
};

export interface TaskRequest {
  className?: string;
  operationName?: string;
  transactionId?: string;
}

const iso = (ms: number | null) => (ms === null ? undefined : new Date(ms).toISOString());
const SOI_CLASS = 'com.bmc.cloud.model.beans.ServiceOfferingInstance';

function resultsOf(op: Operation, className: string): string[] {
  const created = op.result.instances as { guid: string; name: string }[] | undefined;
  // created objects as `<class>:<json>` (what CLM clients parse); other operations name the object they changed
  if (created) return created.map((i) => `${SOI_CLASS}:${JSON.stringify({ cloudClass: SOI_CLASS, guid: i.guid, name: i.name })}`);
  const guids = (op.result.instanceGuids as string[] | undefined) ?? (op.resourceGuid ? [op.resourceGuid] : []);
  return guids.length > 0 ? guids.map((g) => `/${className}/${g}`) : [`/Task/${op.guid}`];
}

export function presentTask(op: Operation, publicUrl: string): Record<string, unknown> {
  const request = (op.input.request ?? {}) as TaskRequest;
  const [fallbackClass, fallbackOperation] = FALLBACK[op.operation] ?? ['Task', op.operation];
  const className = request.className ?? fallbackClass;
  const state = taskStateOf(op);
  const statusUri = `${publicUrl}/csm/task/${op.guid}`;
  const task: Record<string, unknown> = {
    cloudClass: 'com.bmc.cloud.model.beans.Task',
    guid: op.guid,
    taskInternalUUID: op.guid,
    parentTaskInternalUUID: '',
    className,
    operationName: request.operationName ?? fallbackOperation,
    objectName: typeof op.input.objectName === 'string' ? op.input.objectName : '',
    creationTime: iso(op.createdAt),
    taskState: state,
    taskSubState: SUB_STATE[state],
    taskProgress: PROGRESS[state],
    isCallout: Boolean(op.hooks.before || op.hooks.after),
    isError: state === 'FAILED',
    isSuccess: state === 'COMPLETED',
    isWarning: op.warnings.length > 0,
    taskStatusURI: statusUri,
    taskResultURI: `${statusUri}/result`,
    transactionID: request.transactionId ?? '',
  };
  if (state === 'COMPLETED' || state === 'FAILED') task.completionTime = iso(op.finishedAt ?? op.updatedAt);
  if (state === 'COMPLETED') {
    task.results = resultsOf(op, className);
    // BMC's finished tasks carry `errors: []` (the Ruby client's decommission checks `response["errors"].empty?`),
    // except bulkCreate's: the Go client decodes that task's `errors` into a string, so an array breaks it
    if (task.operationName !== 'bulkCreate') task.errors = [];
  }
  if (state === 'FAILED') {
    task.errors = op.errors.map((e) => {
      const { entry, cause } = causeOf(e.code, e.params);
      return { cloudClass: 'com.bmc.cloud.model.beans.TaskError', errorID: entry.errorID, errorCause: cause };
    });
  }
  if (op.warnings.length > 0) task.warnings = op.warnings;
  const refused = op.hookResults.filter((h) => h.outcome !== 'delivered');
  if (op.hookResults.length > 0) {
    task.callbackStatus = op.hookResults.map((h) => ({
      hook: h.hook === 'notify' ? 'callbackURL' : h.hook === 'before' ? 'preCallout' : 'postCallout',
      outcome: h.outcome.toUpperCase(),
      detail: h.detail,
      attempts: h.attempts,
      time: iso(h.at),
    }));
    if (refused.length > 0) task.isWarning = true;
  }
  return task;
}
