// Row <-> record mapping for the SQLite tables.
import type * as t from '../../../schema/sqlite';
import type { AuditEvent, FeatureFlag, Metadata, Operation, OperationState, Organization, ServiceInstance, Share, ShareRole, Space, User } from '../../core/records';

const json = <T>(text: string | null, fallback: T): T => (text === null ? fallback : (JSON.parse(text) as T));
const meta = (r: { labels: string; annotations: string }): Metadata => ({ labels: json(r.labels, {}), annotations: json(r.annotations, {}) });
const metaCols = (m: Metadata) => ({ labels: JSON.stringify(m.labels), annotations: JSON.stringify(m.annotations) });

export const toOrganization = (r: typeof t.organizations.$inferSelect): Organization => ({
  guid: r.guid,
  name: r.name,
  suspended: r.suspended,
  status: r.status as Organization['status'],
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  metadata: meta(r),
});
export const fromOrganization = (o: Organization) => ({
  guid: o.guid,
  name: o.name,
  suspended: o.suspended,
  status: o.status,
  createdAt: o.createdAt,
  updatedAt: o.updatedAt,
  ...metaCols(o.metadata),
});

export const toSpace = (r: typeof t.spaces.$inferSelect): Space => ({
  guid: r.guid,
  organizationGuid: r.organizationGuid,
  name: r.name,
  status: r.status as Space['status'],
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  metadata: meta(r),
});
export const fromSpace = (s: Space) => ({
  guid: s.guid,
  organizationGuid: s.organizationGuid,
  name: s.name,
  status: s.status,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
  ...metaCols(s.metadata),
});

export const toUser = (r: typeof t.users.$inferSelect): User => ({
  guid: r.guid,
  username: r.username,
  origin: r.origin,
  email: r.email,
  passwordHash: r.passwordHash,
  cfUser: r.cfUser,
  scopes: json(r.scopes, []),
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  metadata: meta(r),
});
export const fromUser = (u: User) => ({
  guid: u.guid,
  username: u.username,
  origin: u.origin,
  email: u.email,
  passwordHash: u.passwordHash,
  cfUser: u.cfUser,
  scopes: JSON.stringify(u.scopes),
  createdAt: u.createdAt,
  updatedAt: u.updatedAt,
  ...metaCols(u.metadata),
});

export const toFeatureFlag = (r: typeof t.featureFlags.$inferSelect): FeatureFlag => ({ ...r });

export const toInstance = (r: typeof t.serviceInstances.$inferSelect): ServiceInstance => ({
  guid: r.guid,
  spaceGuid: r.spaceGuid,
  name: r.name,
  type: r.type as ServiceInstance['type'],
  servicePlanGuid: r.servicePlanGuid,
  ownerGuid: r.ownerGuid,
  credentials: json(r.credentials, {}),
  parameters: json(r.parameters, {}),
  tags: json(r.tags, []),
  syslogDrainUrl: r.syslogDrainUrl,
  routeServiceUrl: r.routeServiceUrl,
  dashboardUrl: r.dashboardUrl,
  maintenanceInfo: json(r.maintenanceInfo, null),
  lastOperation: {
    type: r.lastOperationType as ServiceInstance['lastOperation']['type'],
    state: r.lastOperationState as ServiceInstance['lastOperation']['state'],
    description: r.lastOperationDescription,
    createdAt: r.lastOperationCreatedAt,
    updatedAt: r.lastOperationUpdatedAt,
  },
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  metadata: meta(r),
});
export const fromInstance = (i: ServiceInstance) => ({
  guid: i.guid,
  spaceGuid: i.spaceGuid,
  name: i.name,
  type: i.type,
  servicePlanGuid: i.servicePlanGuid,
  ownerGuid: i.ownerGuid,
  credentials: JSON.stringify(i.credentials),
  parameters: JSON.stringify(i.parameters),
  tags: JSON.stringify(i.tags),
  syslogDrainUrl: i.syslogDrainUrl,
  routeServiceUrl: i.routeServiceUrl,
  dashboardUrl: i.dashboardUrl,
  maintenanceInfo: i.maintenanceInfo === null ? null : JSON.stringify(i.maintenanceInfo),
  lastOperationType: i.lastOperation.type,
  lastOperationState: i.lastOperation.state,
  lastOperationDescription: i.lastOperation.description,
  lastOperationCreatedAt: i.lastOperation.createdAt,
  lastOperationUpdatedAt: i.lastOperation.updatedAt,
  createdAt: i.createdAt,
  updatedAt: i.updatedAt,
  ...metaCols(i.metadata),
});

export const toShare = (r: typeof t.shares.$inferSelect): Share => ({
  guid: r.guid,
  resourceType: r.resourceType as Share['resourceType'],
  resourceGuid: r.resourceGuid,
  granteeType: r.granteeType as Share['granteeType'],
  granteeGuid: r.granteeGuid,
  revision: r.revision,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  deletedAt: r.deletedAt,
});

export const toShareRole = (r: typeof t.shareRoles.$inferSelect): ShareRole => ({
  guid: r.guid,
  shareGuid: r.shareGuid,
  role: r.role,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

/**
 * Operation states as stored: rows written before the core named its states neutrally hold Cloud Controller's
 * job states, so the stored words stay those (no migration); `running` is new and stored as RUNNING.
 */
const STORED_OPERATION_STATE: Record<OperationState, string> = { queued: 'PROCESSING', running: 'RUNNING', succeeded: 'COMPLETE', failed: 'FAILED' };
const OPERATION_STATE_OF = new Map(Object.entries(STORED_OPERATION_STATE).map(([state, stored]) => [stored, state as OperationState]));
export const storedOperationState = (state: OperationState): string => STORED_OPERATION_STATE[state];
export const operationStateOf = (stored: string): OperationState => {
  const state = OPERATION_STATE_OF.get(stored);
  if (!state) throw new Error(`unknown stored operation state ${stored}`);
  return state;
};

export const toOperation = (r: typeof t.operations.$inferSelect): Operation => ({
  guid: r.guid,
  operation: r.operation,
  state: operationStateOf(r.state),
  resourceType: r.resourceType,
  resourceGuid: r.resourceGuid,
  userGuid: r.userGuid,
  input: json(r.input, {}),
  errors: json(r.errors, []),
  warnings: json(r.warnings, []),
  runAfter: r.runAfter,
  result: json(r.result, {}),
  hooks: json(r.hooks, {}),
  hookResults: json(r.hookResults, []),
  notifyDue: r.notifyDue,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});
export const fromOperation = (o: Operation) => ({
  ...o,
  state: storedOperationState(o.state),
  input: JSON.stringify(o.input),
  errors: JSON.stringify(o.errors),
  warnings: JSON.stringify(o.warnings),
  result: JSON.stringify(o.result),
  hooks: JSON.stringify(o.hooks),
  hookResults: JSON.stringify(o.hookResults),
});

export const toEvent = ({ id: _id, ...r }: typeof t.events.$inferSelect): AuditEvent => ({ ...r, data: json(r.data, {}) });
export const fromEvent = (e: AuditEvent) => ({ ...e, data: JSON.stringify(e.data) });
