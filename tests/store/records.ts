// Records for the store suite, with every field filled and the given ones overridden. Times are whole seconds
// apart (at SECOND * n), so that the list filters on created_at and updated_at can tell them apart.
import type { AuditEvent, FeatureFlag, Operation, Organization, ServiceInstance, Share, ShareRole, Space, User } from '../../src/core/records';
import type { PageRequest } from '../../src/core/store';

export const SECOND = 1000;
const T0 = 1_700_000_000_000;
export const at = (n: number) => T0 + n * SECOND;
const meta = (labels: Record<string, string> = {}) => ({ labels, annotations: {} });

export const org = (guid: string, over: Partial<Organization> = {}): Organization => ({
  guid,
  name: `org-${guid}`,
  suspended: false,
  status: 'active',
  createdAt: at(0),
  updatedAt: at(0),
  metadata: meta(),
  ...over,
});

export const space = (guid: string, organizationGuid: string, over: Partial<Space> = {}): Space => ({
  guid,
  organizationGuid,
  name: `space-${guid}`,
  status: 'active',
  createdAt: at(0),
  updatedAt: at(0),
  metadata: meta(),
  ...over,
});

export const user = (guid: string, over: Partial<User> = {}): User => ({
  guid,
  username: `user-${guid}`,
  origin: 'uaa',
  email: null,
  passwordHash: null,
  cfUser: true,
  scopes: [],
  createdAt: at(0),
  updatedAt: at(0),
  metadata: meta(),
  ...over,
});

export const instance = (guid: string, spaceGuid: string, over: Partial<ServiceInstance> = {}): ServiceInstance => ({
  guid,
  spaceGuid,
  name: `si-${guid}`,
  type: 'managed',
  servicePlanGuid: 'plan-1',
  ownerGuid: null,
  credentials: {},
  parameters: { size: 1 },
  tags: ['a'],
  syslogDrainUrl: null,
  routeServiceUrl: null,
  dashboardUrl: null,
  maintenanceInfo: null,
  lastOperation: { type: 'create', state: 'succeeded', description: null, createdAt: at(0), updatedAt: at(0) },
  createdAt: at(0),
  updatedAt: at(0),
  metadata: meta(),
  ...over,
});

export const share = (guid: string, over: Partial<Share> & Pick<Share, 'resourceType' | 'resourceGuid' | 'granteeType' | 'granteeGuid'>): Share => ({
  guid,
  revision: 0,
  createdAt: at(0),
  updatedAt: at(0),
  deletedAt: null,
  ...over,
});

export const shareRole = (guid: string, shareGuid: string, role: string, over: Partial<ShareRole> = {}): ShareRole => ({
  guid,
  shareGuid,
  role,
  createdAt: at(0),
  updatedAt: at(0),
  ...over,
});

export const operation = (guid: string, over: Partial<Operation> = {}): Operation => ({
  guid,
  operation: 'service_instance.create',
  state: 'queued',
  resourceType: 'service_instance',
  resourceGuid: 'si-1',
  userGuid: null,
  input: { a: 1 },
  errors: [],
  warnings: [],
  runAfter: at(0),
  result: {},
  hooks: {},
  hookResults: [],
  notifyDue: null,
  startedAt: null,
  finishedAt: null,
  createdAt: at(0),
  updatedAt: at(0),
  ...over,
});

export const event = (guid: string, over: Partial<AuditEvent> = {}): AuditEvent => ({
  guid,
  type: 'audit.space.create',
  actorGuid: 'actor-1',
  actorType: 'user',
  actorName: 'admin',
  targetGuid: 'target-1',
  targetType: 'space',
  targetName: null,
  data: { request: { name: 'x' } },
  spaceGuid: null,
  organizationGuid: null,
  createdAt: at(0),
  updatedAt: at(0),
  ...over,
});

export const flag = (name: string, enabled: boolean, updatedAt: number | null = at(0)): FeatureFlag => ({ name, enabled, customErrorMessage: null, updatedAt });

export const firstPage = (perPage = 50, over: Partial<PageRequest> = {}): PageRequest => ({ page: 1, perPage, ...over });
