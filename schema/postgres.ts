// Table definitions for the PostgreSQL store: the same tables, columns and indexes as schema/sqlite.ts, so that one
// set of query code serves both. Times are bigint milliseconds since the epoch (read back as numbers); JSON columns
// hold text, as in SQLite (label selectors cast them to jsonb). Names are unique as in SQLite, and the live share of
// a (resource, grantee) pair is unique through a partial index, so every replica on the database is held to them.
// Guids that other tables reference are unique constraints (a foreign key needs one when it is created).
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, unique, uniqueIndex } from 'drizzle-orm/pg-core';

const id = () => integer('id').primaryKey().generatedAlwaysAsIdentity();
const time = (name: string) => bigint(name, { mode: 'number' });

const timestamps = {
  createdAt: time('created_at').notNull(),
  updatedAt: time('updated_at').notNull(),
};

const metadata = {
  labels: text('labels').notNull().default('{}'),
  annotations: text('annotations').notNull().default('{}'),
};

export const organizations = pgTable(
  'organizations',
  {
    id: id(),
    guid: text('guid').notNull(),
    name: text('name').notNull(),
    suspended: boolean('suspended').notNull().default(false),
    status: text('status').notNull().default('active'),
    ...timestamps,
    ...metadata,
  },
  (t) => [unique('organizations_guid').on(t.guid), uniqueIndex('organizations_name').on(t.name), index('organizations_lower_name').on(sql`lower(${t.name})`)],
);

export const spaces = pgTable(
  'spaces',
  {
    id: id(),
    guid: text('guid').notNull(),
    organizationGuid: text('organization_guid')
      .notNull()
      .references(() => organizations.guid),
    name: text('name').notNull(),
    status: text('status').notNull().default('active'),
    ...timestamps,
    ...metadata,
  },
  (t) => [unique('spaces_guid').on(t.guid), uniqueIndex('spaces_org_name').on(t.organizationGuid, t.name)],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    guid: text('guid').notNull(),
    username: text('username'),
    origin: text('origin'),
    email: text('email'),
    passwordHash: text('password_hash'),
    cfUser: boolean('cf_user').notNull().default(true),
    scopes: text('scopes').notNull().default('[]'),
    ...timestamps,
    ...metadata,
  },
  (t) => [unique('users_guid').on(t.guid), uniqueIndex('users_origin_username').on(t.origin, t.username), index('users_username').on(t.username)],
);

export const featureFlags = pgTable('feature_flags', {
  name: text('name').primaryKey(),
  enabled: boolean('enabled').notNull(),
  customErrorMessage: text('custom_error_message'),
  updatedAt: time('updated_at').notNull(),
});

export const serviceInstances = pgTable(
  'service_instances',
  {
    id: id(),
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
    lastOperationCreatedAt: time('last_operation_created_at').notNull(),
    lastOperationUpdatedAt: time('last_operation_updated_at').notNull(),
    ...timestamps,
    ...metadata,
  },
  (t) => [
    uniqueIndex('service_instances_guid').on(t.guid),
    uniqueIndex('service_instances_space_name').on(t.spaceGuid, t.name),
    index('service_instances_name').on(t.name),
    // names are looked up case-insensitively (Cloud Controller's are)
    index('service_instances_space_lower_name').on(t.spaceGuid, sql`lower(${t.name})`),
    index('service_instances_plan').on(t.servicePlanGuid),
    index('service_instances_created').on(t.createdAt),
    index('service_instances_updated').on(t.updatedAt),
    index('service_instances_owner').on(t.ownerGuid),
    index('service_instances_type').on(t.type),
  ],
);

// One record for every kind of grant (design.md §1): instance -> space, instance -> user, space -> user, org -> user.
export const shares = pgTable(
  'shares',
  {
    id: id(),
    guid: text('guid').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceGuid: text('resource_guid').notNull(),
    granteeType: text('grantee_type').notNull(),
    granteeGuid: text('grantee_guid').notNull(),
    revision: integer('revision').notNull().default(0),
    ...timestamps,
    deletedAt: time('deleted_at'),
  },
  (t) => [
    unique('shares_guid').on(t.guid),
    uniqueIndex('shares_live_pair')
      .on(t.resourceType, t.resourceGuid, t.granteeType, t.granteeGuid)
      .where(sql`deleted_at IS NULL`),
    index('shares_live_grantee')
      .on(t.granteeType, t.granteeGuid, t.resourceType, t.resourceGuid)
      .where(sql`deleted_at IS NULL`),
  ],
);

// The roles of a live share. Each (share, role) has its own stable guid: a v3 role. Each role carries its share's
// resource and grantee (copied when it is written), so that role lists read this table alone, as in SQLite.
export const shareRoles = pgTable(
  'share_roles',
  {
    id: id(),
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
    index('share_roles_kind').on(t.granteeType, t.resourceType, t.role),
    index('share_roles_user_roles')
      .on(t.granteeType)
      .where(sql`resource_type IN ('organization', 'space')`),
    index('share_roles_grantee').on(t.granteeGuid, t.granteeType, t.resourceType, t.role),
    index('share_roles_resource').on(t.resourceGuid, t.resourceType, t.granteeType, t.granteeGuid, t.role),
  ],
);

export const operations = pgTable(
  'operations',
  {
    id: id(),
    guid: text('guid').notNull(),
    operation: text('operation').notNull(),
    state: text('state').notNull(),
    resourceType: text('resource_type'),
    resourceGuid: text('resource_guid'),
    userGuid: text('user_guid'),
    input: text('input').notNull().default('{}'),
    errors: text('errors').notNull().default('[]'),
    warnings: text('warnings').notNull().default('[]'),
    runAfter: time('run_after').notNull(),
    result: text('result').notNull().default('{}'),
    hooks: text('hooks').notNull().default('{}'),
    hookResults: text('hook_results').notNull().default('[]'),
    notifyDue: time('notify_due'),
    startedAt: time('started_at'),
    finishedAt: time('finished_at'),
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

export const events = pgTable(
  'events',
  {
    id: id(),
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

// Key material and secrets kept by the gateway itself (signing keys, generated secrets), shared by every replica.
export const secrets = pgTable('secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: time('created_at').notNull(),
});

const tokenColumns = () => ({
  id: id(),
  guid: text('guid').notNull(),
  digest: text('digest').notNull(),
  userGuid: text('user_guid')
    .notNull()
    .references(() => users.guid, { onDelete: 'cascade' }),
});

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    ...tokenColumns(),
    clientId: text('client_id').notNull(),
    scopes: text('scopes').notNull().default('[]'),
    createdAt: time('created_at').notNull(),
    expiresAt: time('expires_at').notNull(),
  },
  (t) => [uniqueIndex('refresh_tokens_guid').on(t.guid), uniqueIndex('refresh_tokens_digest').on(t.digest), index('refresh_tokens_user').on(t.userGuid)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    ...tokenColumns(),
    createdAt: time('created_at').notNull(),
    expiresAt: time('expires_at').notNull(),
  },
  (t) => [uniqueIndex('api_tokens_guid').on(t.guid), uniqueIndex('api_tokens_digest').on(t.digest), index('api_tokens_user').on(t.userGuid)],
);

export const sessions = pgTable(
  'sessions',
  {
    ...tokenColumns(),
    createdAt: time('created_at').notNull(),
    lastUsedAt: time('last_used_at').notNull(),
    expiresAt: time('expires_at').notNull(),
  },
  (t) => [uniqueIndex('sessions_guid').on(t.guid), uniqueIndex('sessions_digest').on(t.digest), index('sessions_user').on(t.userGuid), index('sessions_expires').on(t.expiresAt)],
);

export const usage = pgTable(
  'usage',
  {
    day: text('day').notNull(),
    dialect: text('dialect').notNull(),
    route: text('route').notNull(),
    clientId: text('client_id').notNull().default(''),
    agent: text('agent').notNull().default(''),
    userGuid: text('user_guid').notNull().default(''),
    userName: text('user_name').notNull().default(''),
    count: bigint('count', { mode: 'number' }).notNull(),
    firstSeen: time('first_seen').notNull(),
    lastSeen: time('last_seen').notNull(),
  },
  (t) => [uniqueIndex('usage_key').on(t.day, t.dialect, t.route, t.clientId, t.agent, t.userGuid), index('usage_user').on(t.userGuid)],
);

// Failed password checks, per key (a user name or a client address): the brute-force limits hold across replicas.
// (SQLite keeps these in the memory of the one process that owns the file.)
export const loginFailures = pgTable(
  'login_failures',
  {
    id: id(),
    key: text('key').notNull(),
    at: time('at').notNull(),
  },
  (t) => [index('login_failures_key_at').on(t.key, t.at), index('login_failures_at').on(t.at)],
);
