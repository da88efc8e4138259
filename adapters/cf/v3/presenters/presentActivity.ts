import { DomainError } from '../../../../src/core/errors';
import type { AuditEvent, Operation, OperationState } from '../../../../src/core/records';
import { renderV3Error } from '../renderError';
import { timestamp, type Links } from '../../links';

/** v3 job states: a job not yet finished is PROCESSING, whether it has started or not. */
const JOB_STATE: Record<OperationState, string> = { queued: 'PROCESSING', running: 'PROCESSING', succeeded: 'COMPLETE', failed: 'FAILED' };

const DELETED_RESOURCES: Record<string, string> = { organization: 'organizations', space: 'spaces', user: 'users', role: 'roles' };

export const presentJob = (links: Links) => (op: Operation) => {
  const resourceLinks: Record<string, { href: string }> = {};
  if (op.resourceGuid && op.resourceType === 'service_instances') resourceLinks.service_instances = links.href(`/v3/service_instances/${op.resourceGuid}`);
  if (op.resourceGuid && op.resourceType === 'service_instance' && op.state !== 'succeeded') {
    resourceLinks.service_instance = links.href(`/v3/service_instances/${op.resourceGuid}`);
  }
  // delete jobs link the resource (key = its type, path = its collection) while it still exists
  const collection = op.resourceType ? DELETED_RESOURCES[op.resourceType] : undefined;
  if (op.resourceGuid && collection && op.state !== 'succeeded') resourceLinks[op.resourceType!] = links.href(`/v3/${collection}/${op.resourceGuid}`);
  return {
    guid: op.guid,
    created_at: timestamp(op.createdAt),
    updated_at: timestamp(op.updatedAt),
    operation: op.operation,
    state: JOB_STATE[op.state],
    errors: op.errors.flatMap((e) => (renderV3Error(new DomainError('invalid', e.code, e.params)).body as { errors: unknown[] }).errors),
    warnings: op.warnings.map((detail) => ({ detail })),
    links: { self: links.href(`/v3/jobs/${op.guid}`), ...resourceLinks },
  };
};

export const presentEvent = (links: Links) => (e: AuditEvent) => ({
  guid: e.guid,
  created_at: timestamp(e.createdAt),
  updated_at: timestamp(e.updatedAt),
  type: e.type,
  actor: { guid: e.actorGuid, type: e.actorType, name: e.actorName },
  target: { guid: e.targetGuid, type: e.targetType, name: e.targetName },
  data: e.data,
  space: e.spaceGuid ? { guid: e.spaceGuid } : null,
  organization: e.organizationGuid ? { guid: e.organizationGuid } : null,
  links: { self: links.href(`/v3/audit_events/${e.guid}`) },
});
