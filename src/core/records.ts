// The domain records every dialect presents. Times are milliseconds since the epoch.

export type Metadata = { labels: Record<string, string>; annotations: Record<string, string> };

export interface Organization {
  guid: string;
  name: string;
  suspended: boolean;
  status: 'active' | 'deleting';
  createdAt: number;
  updatedAt: number;
  metadata: Metadata;
}

export interface Space {
  guid: string;
  organizationGuid: string;
  name: string;
  status: 'active' | 'deleting';
  createdAt: number;
  updatedAt: number;
  metadata: Metadata;
}

export interface User {
  guid: string;
  username: string | null;
  origin: string | null;
  email: string | null;
  passwordHash: string | null;
  /**
   * Known to the Cloud Foundry APIs. False only for an account made through SCIM that has not yet called them or
   * been registered with POST /v3/users (the cf CLI's create-user makes the account, then registers it).
   */
  cfUser: boolean;
  scopes: string[];
  createdAt: number;
  updatedAt: number;
  metadata: Metadata;
}

export interface FeatureFlag {
  name: string;
  enabled: boolean;
  customErrorMessage: string | null;
  updatedAt: number | null;
}

export interface ServiceOffering {
  guid: string;
  name: string;
  description: string;
  available: boolean;
  tags: string[];
  requires: string[];
  shareable: boolean;
  instancesRetrievable: boolean;
  bindable: boolean;
  documentationUrl: string | null;
  brokerGuid: string;
  brokerName: string;
  createdAt: number;
  updatedAt: number;
}

export interface ServicePlan {
  guid: string;
  name: string;
  description: string;
  offeringGuid: string;
  active: boolean;
  free: boolean;
  public: boolean;
  maintenanceInfo: { version: string } | null;
  createdAt: number;
  updatedAt: number;
}

export interface Catalog {
  offerings: ServiceOffering[];
  plans: ServicePlan[];
}

export type InstanceType = 'managed' | 'user-provided';
export type LastOperation = {
  type: 'create' | 'update' | 'delete';
  state: 'initial' | 'in progress' | 'succeeded' | 'failed';
  description: string | null;
  createdAt: number;
  updatedAt: number;
};

export interface ServiceInstance {
  guid: string;
  spaceGuid: string;
  name: string;
  type: InstanceType;
  servicePlanGuid: string | null;
  ownerGuid: string | null;
  credentials: Record<string, unknown>;
  parameters: Record<string, unknown>;
  tags: string[];
  syslogDrainUrl: string | null;
  routeServiceUrl: string | null;
  dashboardUrl: string | null;
  maintenanceInfo: Record<string, unknown> | null;
  lastOperation: LastOperation;
  createdAt: number;
  updatedAt: number;
  metadata: Metadata;
}

export type ResourceType = 'organization' | 'space' | 'service_instance';
export type GranteeType = 'user' | 'space';

/** A grant of a resource to a grantee with a set of roles; see design.md §1. */
export interface Share {
  guid: string;
  resourceType: ResourceType;
  resourceGuid: string;
  granteeType: GranteeType;
  granteeGuid: string;
  revision: number;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

/** One role of a live share, with its own stable guid (a v3 role). */
export interface ShareRole {
  guid: string;
  shareGuid: string;
  role: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * Where an operation stands, in the core's own words; each dialect names them its way (v3 jobs: queued and running
 * are PROCESSING, succeeded is COMPLETE, failed is FAILED; CSM tasks: RUNNING, COMPLETED, FAILED).
 *   queued     waiting for a runner (due once `runAfter` has passed)
 *   running    started and not finished (e.g. waiting for a peer; due again once `runAfter` has passed)
 *   succeeded  finished; `errors` is empty
 *   failed     finished; `errors` says why
 */
export type OperationState = 'queued' | 'running' | 'succeeded' | 'failed';
/** The states in which an operation still has work to do (the runner picks those that are due). */
export const UNFINISHED_OPERATION_STATES: readonly OperationState[] = ['queued', 'running'];
export interface OperationError {
  code: string;
  params: Record<string, unknown>;
}

/** An outbound call made around an operation: a named hook (before or after the work) or a URL told of the end. */
export interface OperationHooks {
  before?: { name: string; url: string };
  after?: { name: string; url: string };
  notify?: string;
}
export interface HookResult {
  hook: 'before' | 'after' | 'notify';
  outcome: 'delivered' | 'refused' | 'failed';
  detail: string;
  attempts: number;
  at: number;
}

export interface Operation {
  guid: string;
  operation: string;
  state: OperationState;
  resourceType: string | null;
  resourceGuid: string | null;
  userGuid: string | null;
  input: Record<string, unknown>;
  errors: OperationError[];
  warnings: string[];
  /** when it may run; while it runs, the end of the running process's lease on it */
  runAfter: number;
  result: Record<string, unknown>;
  hooks: OperationHooks;
  hookResults: HookResult[];
  /** set while the `notify` hook of a finished operation is due */
  notifyDue: number | null;
  /** when a runner first claimed it */
  startedAt: number | null;
  finishedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** A login session (opaque token, idle timeout): only the digest of its token is kept. */
export interface Session {
  guid: string;
  digest: string;
  userGuid: string;
  createdAt: number;
  lastUsedAt: number;
  expiresAt: number;
}

export interface AuditEvent {
  guid: string;
  type: string;
  actorGuid: string;
  actorType: string;
  actorName: string | null;
  targetGuid: string;
  targetType: string;
  targetName: string | null;
  data: Record<string, unknown>;
  spaceGuid: string | null;
  organizationGuid: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A refresh token: only its digest is kept; `guid` is its jti, by which it can be revoked. */
export interface RefreshToken {
  guid: string;
  digest: string;
  userGuid: string;
  clientId: string;
  scopes: string[];
  createdAt: number;
  expiresAt: number;
}

/** An opaque API token for automation (env-shares clients): only its digest is kept. */
export interface ApiToken {
  guid: string;
  digest: string;
  userGuid: string;
  createdAt: number;
  expiresAt: number;
}
