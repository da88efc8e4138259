// Table definitions for the SQLite store. Times are integer milliseconds since the epoch; JSON columns hold text.
// Rows reference each other by guid (the id every dialect shows); `id` keeps creation order for default sorting.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const timestamps = {
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
};

const metadata = {
  labels: text('labels').notNull().default('{}'),
  annotations: text('annotations').notNull().default('{}'),
};

export const organizations = sqliteTable(
  'organizations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    guid: text('guid').notNull(),
    name: text('name').notNull(),
    suspended: integer('suspended', { mode: 'boolean' }).notNull().default(false),
    status: text('status').notNull().default('active'),
    ...timestamps,
    ...metadata,
  },
  (t) => [uniqueIndex('organizations_guid').on(t.guid), uniqueIndex('organizations_name').on(t.name)],
);

export const spaces = sqliteTable(
  'spaces',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    guid: text('guid').notNull(),
    organizationGuid: text('organization_guid')
      .notNull()
      .references(() => organizations.guid),
    name: text('name').notNull(),
    status: text('status').notNull().default('active'),
    ...timestamps,
    ...metadata,
  },
  (t) => [uniqueIndex('spaces_guid').on(t.guid), uniqueIndex('spaces_org_name').on(t.organizationGuid, t.name)],
);

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    guid: text('guid').notNull(),
    username: text('username'),
    origin: text('origin'),
    email: text('email'),
    passwordHash: text('password_hash'),
    cfUser: integer('cf_user', { mode: 'boolean' }).notNull().default(true),
    scopes: text('scopes').notNull().default('[]'),
    ...timestamps,
    ...metadata,
  },
  (t) => [uniqueIndex('users_guid').on(t.guid), uniqueIndex('users_origin_username').on(t.origin, t.username), index('users_username').on(t.username)],
);

export const featureFlags = sqliteTable('feature_flags', {
  name: text('name').primaryKey(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull(),
  customErrorMessage: text('custom_error_message'),
  updatedAt: integer('updated_at').notNull(),
});

export const serviceInstances = sqliteTable(
  'service_instances',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    guid: text('guid').notNull(),
    spaceGuid: text('space_guid')
      .notNull()
      .references(() => spaces.guid),
    name: text('name').notNull(),
    type: text('type').notNull(),
    servicePlanGuid: text('service_plan_guid'),
    ownerGuid: text('owner_guid'),
    credentials: text('credentials').notNull().default('{}'),
    parameters: text('parameters').notNull().default('{}'),
    tags: text('tags').notNull().default('[]'),
    syslogDrainUrl: text('syslog_drain_url'),
    routeServiceUrl: text('route_service_url'),
    dashboardUrl: text('dashboard_url'),
    maintenanceInfo: text('maintenance_info'),
    lastOperationType: text('last_operation_type').notNull(),
    lastOperationState: text('last_operation_state').notNull(),
    lastOperationDescription: text('last_operation_description'),
    lastOperationCreatedAt: integer('last_operation_created_at').notNull(),
    lastOperationUpdatedAt: integer('last_operation_updated_at').notNull(),
    ...timestamps,
    ...metadata,
  },
  (t) => [
    uniqueIndex('service_instances_guid').on(t.guid),
    uniqueIndex('service_instances_space_name').on(t.spaceGuid, t.name),
    index('service_instances_name').on(t.name),
    index('service_instances_plan').on(t.servicePlanGuid),
    // a non-admin's visible set includes the instances it owns
    index('service_instances_owner').on(t.ownerGuid),
    // v2 lists managed and user-provided instances apart: counted and paged (in id order) off this index
    index('service_instances_type').on(t.type),
    index('service_instances_created').on(t.createdAt),
    index('service_instances_updated').on(t.updatedAt),
  ],
);

// One record for every kind of grant (design.md §1): instance -> space, instance -> user, space -> user, org -> user.
export const shares = sqliteTable(
  'shares',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    guid: text('guid').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceGuid: text('resource_guid').notNull(),
    granteeType: text('grantee_type').notNull(),
    granteeGuid: text('grantee_guid').notNull(),
    revision: integer('revision').notNull().default(0),
    ...timestamps,
    deletedAt: integer('deleted_at'),
  },
  (t) => [
    uniqueIndex('shares_guid').on(t.guid),
    uniqueIndex('shares_live_pair')
      .on(t.resourceType, t.resourceGuid, t.granteeType, t.granteeGuid)
      .where(sql`deleted_at IS NULL`),
    // live shares by grantee, covering what the visibility sub-selects read: soft-deleted shares (one per unshare)
    // pile up and must not be scanned
    index('shares_live_grantee')
      .on(t.granteeType, t.granteeGuid, t.resourceType, t.resourceGuid, t.deletedAt)
      .where(sql`deleted_at IS NULL`),
  ],
);

// The roles of a live share. Each (share, role) has its own stable guid: a v3 role. A role row exists only while its
// share is live (deleting a share drops its roles first). The share's resource and grantee are copied onto each role
// when it is written (a share's resource and grantee never change), so that role lists and their counts read this
// table alone, off its indexes.
export const shareRoles = sqliteTable(
  'share_roles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    guid: text('guid').notNull(),
    shareGuid: text('share_guid')
      .notNull()
      .references(() => shares.guid),
    role: text('role').notNull(),
    resourceType: text('resource_type').notNull().default(''),
    resourceGuid: text('resource_guid').notNull().default(''),
    granteeType: text('grantee_type').notNull().default(''),
    granteeGuid: text('grantee_guid').notNull().default(''),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('share_roles_guid').on(t.guid),
    uniqueIndex('share_roles_share_role').on(t.shareGuid, t.role),
    // every role of a kind (`types`), every user role of an organization or space in creation order (the first pages
    // of role lists), a grantee's roles, and the roles held in a resource
    index('share_roles_kind').on(t.granteeType, t.resourceType, t.role),
    index('share_roles_user_roles')
      .on(t.granteeType)
      .where(sql`resource_type IN ('organization', 'space')`),
    index('share_roles_grantee').on(t.granteeGuid, t.granteeType, t.resourceType, t.role),
    index('share_roles_resource').on(t.resourceGuid, t.resourceType, t.granteeType, t.granteeGuid, t.role),
  ],
);

export const operations = sqliteTable(
  'operations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    guid: text('guid').notNull(),
    operation: text('operation').notNull(),
    state: text('state').notNull(),
    resourceType: text('resource_type'),
    resourceGuid: text('resource_guid'),
    userGuid: text('user_guid'),
    input: text('input').notNull().default('{}'),
    errors: text('errors').notNull().default('[]'),
    warnings: text('warnings').notNull().default('[]'),
    runAfter: integer('run_after').notNull(),
    // what the operation produced (instance guids, ...), as JSON
    result: text('result').notNull().default('{}'),
    // outbound calls around it: {before?, after?: {name, url}, notify?: url}, and what became of each
    hooks: text('hooks').notNull().default('{}'),
    hookResults: text('hook_results').notNull().default('[]'),
    // set while a notification of the finished operation is due (also its lease)
    notifyDue: integer('notify_due'),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('operations_guid').on(t.guid),
    index('operations_due').on(t.state, t.runAfter),
    index('operations_notify_due')
      .on(t.notifyDue)
      .where(sql`notify_due IS NOT NULL`),
  ],
);

export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    guid: text('guid').notNull(),
    type: text('type').notNull(),
    actorGuid: text('actor_guid').notNull(),
    actorType: text('actor_type').notNull(),
    actorName: text('actor_name'),
    targetGuid: text('target_guid').notNull(),
    targetType: text('target_type').notNull(),
    targetName: text('target_name'),
    data: text('data').notNull().default('{}'),
    spaceGuid: text('space_guid'),
    organizationGuid: text('organization_guid'),
    ...timestamps,
  },
  (t) => [uniqueIndex('events_guid').on(t.guid), index('events_type').on(t.type), index('events_target').on(t.targetGuid), index('events_space').on(t.spaceGuid)],
);

// Key material and secrets kept by the gateway itself (signing keys, generated secrets).
export const secrets = sqliteTable('secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: integer('created_at').notNull(),
});

// A user's secret, stored as a digest only, deleted with its user.
const tokenColumns = () => ({
  id: integer('id').primaryKey({ autoIncrement: true }),
  guid: text('guid').notNull(),
  digest: text('digest').notNull(),
  userGuid: text('user_guid')
    .notNull()
    .references(() => users.guid, { onDelete: 'cascade' }),
});

// Refresh tokens (revocable: deleting the row revokes it). Only a digest of the secret is kept.
export const refreshTokens = sqliteTable(
  'refresh_tokens',
  {
    ...tokenColumns(),
    clientId: text('client_id').notNull(),
    scopes: text('scopes').notNull().default('[]'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [uniqueIndex('refresh_tokens_guid').on(t.guid), uniqueIndex('refresh_tokens_digest').on(t.digest), index('refresh_tokens_user').on(t.userGuid)],
);

// Opaque API tokens for automation. Only a digest of the secret is kept.
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    ...tokenColumns(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [uniqueIndex('api_tokens_guid').on(t.guid), uniqueIndex('api_tokens_digest').on(t.digest), index('api_tokens_user').on(t.userGuid)],
);

// Login sessions of dialects that hand out opaque session tokens (CSM). Only a digest of the token is kept; a session
// ends at `expires_at`, which every use pushes forward (idle timeout), or when it is deleted (logout).
export const sessions = sqliteTable(
  'sessions',
  {
    ...tokenColumns(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [uniqueIndex('sessions_guid').on(t.guid), uniqueIndex('sessions_digest').on(t.digest), index('sessions_user').on(t.userGuid), index('sessions_expires').on(t.expiresAt)],
);

// Usage counts (the migration aid): authenticated requests per UTC day, dialect, route template, OAuth client,
// User-Agent product and user. Empty strings, not NULL, where a part is unknown (so the unique key holds).
export const usage = sqliteTable(
  'usage',
  {
    day: text('day').notNull(),
    dialect: text('dialect').notNull(),
    route: text('route').notNull(),
    clientId: text('client_id').notNull().default(''),
    agent: text('agent').notNull().default(''),
    userGuid: text('user_guid').notNull().default(''),
    userName: text('user_name').notNull().default(''),
    count: integer('count').notNull(),
    firstSeen: integer('first_seen').notNull(),
    lastSeen: integer('last_seen').notNull(),
  },
  (t) => [uniqueIndex('usage_key').on(t.day, t.dialect, t.route, t.clientId, t.agent, t.userGuid), index('usage_user').on(t.userGuid)],
);
