// The persistence port. Asynchronous so that a PostgreSQL store can implement it; the SQLite store serialises writes.
import type {
  ApiToken,
  AuditEvent,
  FeatureFlag,
  GranteeType,
  Operation,
  Organization,
  RefreshToken,
  ResourceType,
  Session,
  ServiceInstance,
  Share,
  ShareRole,
  Space,
  User,
} from './records';

export type OrderBy = { field: 'created_at' | 'updated_at' | 'name'; direction: 'asc' | 'desc' };
export type PageRequest = { page: number; perPage: number; orderBy?: OrderBy };
export type PageOf<T> = { total: number; items: T[] };
export type TimeFilter = { op: 'eq' | 'lt' | 'lte' | 'gt' | 'gte'; values: number[] };

/** A label selector requirement (CF syntax), already parsed. */
export type LabelRequirement = { op: 'exists' | 'not_exists'; key: string } | { op: 'in' | 'not_in'; key: string; values: string[] };

/** Limits a list to what a non-admin may see: spaces in `spaceGuids` or in orgs listed in `organizationGuids`. */
export type SpaceScope = { spaceGuids: string[]; organizationGuids: string[] };

export interface CommonFilter {
  guids?: string[];
  createdAts?: TimeFilter[];
  updatedAts?: TimeFilter[];
  labelSelector?: LabelRequirement[];
}

export interface OrganizationFilter extends CommonFilter {
  names?: string[];
  /** every condition holds on the name, compared case-insensitively (v2 `q=name...`) */
  nameConditions?: TextCondition[];
  /** undefined: all; otherwise only these guids are visible */
  visibleGuids?: string[];
}

export interface SpaceFilter extends CommonFilter {
  names?: string[];
  /** every condition holds on the name, compared case-insensitively (v2 `q=name...`) */
  nameConditions?: TextCondition[];
  organizationGuids?: string[];
  visible?: SpaceScope;
}

export interface UserFilter extends CommonFilter {
  usernames?: string[];
  partialUsernames?: string[];
  origins?: string[];
  visibleGuids?: string[];
  /** only users known to the Cloud Foundry APIs (not accounts made through SCIM and never registered) */
  cfUsersOnly?: boolean;
}

/** A comparison on a text column, case-insensitive (Cloud Controller's names are); `eq` with several values is IN. */
export type TextCondition = { op: 'eq' | 'lt' | 'lte' | 'gt' | 'gte'; values: string[] };

export interface InstanceFilter extends CommonFilter {
  /** names compared exactly (case-sensitively) */
  names?: string[];
  /** none of these names, compared exactly */
  excludedNames?: string[];
  /** none of these guids */
  excludedGuids?: string[];
  /** every condition holds on the name, compared case-insensitively */
  nameConditions?: TextCondition[];
  type?: 'managed' | 'user-provided';
  /** matches the owning space or any space the instance is shared into */
  spaceGuids?: string[];
  /** matches the owning space only */
  ownSpaceGuids?: string[];
  /** matches instances whose owning space is in one of these organizations */
  ownOrganizationGuids?: string[];
  organizationGuids?: string[];
  servicePlanGuids?: string[];
  visible?: SpaceScope & { userGuid: string };
}

export interface RoleFilter extends CommonFilter {
  types?: string[];
  organizationGuids?: string[];
  spaceGuids?: string[];
  userGuids?: string[];
  visible?: SpaceScope & { userGuid: string; orgGuids: string[] };
}

export interface EventFilter extends CommonFilter {
  types?: string[];
  targetGuids?: string[];
  spaceGuids?: string[];
  organizationGuids?: string[];
  visible?: SpaceScope & { orgGuids: string[] };
}

/** A v3 role: a (share, role) of a space or organization granted to a user. */
export interface RoleRow {
  guid: string;
  type: string;
  userGuid: string;
  resourceType: 'organization' | 'space';
  resourceGuid: string;
  /** the organization of a space role */
  organizationGuid: string;
  createdAt: number;
  updatedAt: number;
}

/** A user's live grants, used by the policy module. */
export interface UserGrant {
  resourceType: ResourceType;
  resourceGuid: string;
  roles: string[];
  /** for a space: its organization */
  organizationGuid: string | null;
}

export type { DailyUsage, OperationStateCount, UsageCount, UsageFilter, UsageTotal } from './usageCounts';
import type { DailyUsage, OperationStateCount, UsageCount, UsageFilter, UsageTotal } from './usageCounts';

export interface ReadStore {
  getOrganization(guid: string): Promise<Organization | undefined>;
  getOrganizationByName(name: string): Promise<Organization | undefined>;
  listOrganizations(filter: OrganizationFilter, page: PageRequest): Promise<PageOf<Organization>>;

  getSpace(guid: string): Promise<Space | undefined>;
  getSpaces(guids: string[]): Promise<Space[]>;
  getSpaceByName(organizationGuid: string, name: string): Promise<Space | undefined>;
  listSpaces(filter: SpaceFilter, page: PageRequest): Promise<PageOf<Space>>;
  spaceGuidsOfOrganizations(organizationGuids: string[]): Promise<string[]>;

  getUser(guid: string): Promise<User | undefined>;
  findUsersByUsername(username: string, origin?: string): Promise<User[]>;
  listUsers(filter: UserFilter, page: PageRequest): Promise<PageOf<User>>;

  getFeatureFlag(name: string): Promise<FeatureFlag | undefined>;
  listFeatureFlags(): Promise<FeatureFlag[]>;

  getInstance(guid: string): Promise<ServiceInstance | undefined>;
  /** names compare case-insensitively, as Cloud Controller's service instance names do */
  getInstanceByName(spaceGuid: string, name: string): Promise<ServiceInstance | undefined>;
  listInstances(filter: InstanceFilter, page: PageRequest): Promise<PageOf<ServiceInstance>>;
  /** names of instances shared into the space from elsewhere */
  instanceSharedIntoSpaceByName(spaceGuid: string, name: string): Promise<ServiceInstance | undefined>;

  getLiveShare(resourceType: ResourceType, resourceGuid: string, granteeType: GranteeType, granteeGuid: string): Promise<Share | undefined>;
  getShare(guid: string): Promise<Share | undefined>;
  listLiveSharesOfResource(resourceType: ResourceType, resourceGuid: string, granteeType: GranteeType): Promise<Share[]>;
  listLiveSharesOfGrantee(granteeType: GranteeType, granteeGuid: string): Promise<Share[]>;
  listShareRoles(shareGuid: string): Promise<ShareRole[]>;
  /** the live shares of a resource with the roles of each (in the order granted), in share order: one query */
  listLiveSharesWithRoles(resourceType: ResourceType, resourceGuid: string, granteeType: GranteeType): Promise<{ share: Share; roles: string[] }[]>;
  /** the live shares of several resources of one type, in share order: one query */
  listLiveSharesOfResources(resourceType: ResourceType, resourceGuids: string[], granteeType: GranteeType): Promise<Share[]>;
  listUserGrants(userGuid: string): Promise<UserGrant[]>;
  /** spaces a user holds a role in, within an organization */
  countUserSpaceRolesInOrganization(userGuid: string, organizationGuid: string): Promise<number>;
  countLiveShares(resourceType: ResourceType, resourceGuid: string, granteeType: GranteeType): Promise<number>;

  getRole(guid: string): Promise<RoleRow | undefined>;
  listRoles(filter: RoleFilter, page: PageRequest): Promise<PageOf<RoleRow>>;

  getOperation(guid: string): Promise<Operation | undefined>;
  listDueOperations(now: number, limit: number): Promise<Operation[]>;
  /** finished operations whose notification is due */
  listDueNotifications(now: number, limit: number): Promise<Operation[]>;

  getEvent(guid: string): Promise<AuditEvent | undefined>;
  listEvents(filter: EventFilter, page: PageRequest): Promise<PageOf<AuditEvent>>;

  getSecret(name: string): Promise<string | undefined>;

  /** operations by name and state, over the whole table */
  countOperationsByState(): Promise<OperationStateCount[]>;
  /** usage per cell over the period, busiest first */
  listUsage(filter: UsageFilter): Promise<UsageTotal[]>;
  /** calls per day and dialect over the period, by day */
  listDailyUsage(filter: UsageFilter): Promise<DailyUsage[]>;
  /** migrations known to this build that the database has not applied (0 when it is current); throws if it does not answer */
  pendingMigrations(): Promise<number>;

  getRefreshTokenByDigest(digest: string): Promise<RefreshToken | undefined>;
  getRefreshToken(guid: string): Promise<RefreshToken | undefined>;
  getApiTokenByDigest(digest: string): Promise<ApiToken | undefined>;
  getApiToken(guid: string): Promise<ApiToken | undefined>;
  listApiTokens(userGuid: string): Promise<ApiToken[]>;
  getSessionByDigest(digest: string): Promise<Session | undefined>;

  /** times of the failed password checks counted against `key` at or after `since`, oldest first */
  listLoginFailures(key: string, since: number): Promise<number[]>;
}

export interface WriteStore extends ReadStore {
  insertOrganization(org: Organization): Promise<void>;
  updateOrganization(org: Organization): Promise<void>;
  deleteOrganization(guid: string): Promise<void>;

  insertSpace(space: Space): Promise<void>;
  updateSpace(space: Space): Promise<void>;
  deleteSpace(guid: string): Promise<void>;

  insertUser(user: User): Promise<void>;
  updateUser(user: User): Promise<void>;
  deleteUser(guid: string): Promise<void>;

  upsertFeatureFlag(flag: FeatureFlag): Promise<void>;

  insertInstance(instance: ServiceInstance): Promise<void>;
  updateInstance(instance: ServiceInstance): Promise<void>;
  deleteInstance(guid: string): Promise<void>;

  insertShare(share: Share): Promise<void>;
  /** compare-and-set on revision; false when the stored revision differs */
  updateShare(share: Share, expectedRevision: number): Promise<boolean>;
  insertShareRole(role: ShareRole): Promise<void>;
  deleteShareRole(guid: string): Promise<void>;

  insertOperation(op: Operation): Promise<void>;
  updateOperation(op: Operation): Promise<void>;
  /**
   * The operation, locked until this transaction ends; undefined when it does not exist or another transaction
   * holds it (that runner has it: skip it). How runners on several processes claim operations without waiting.
   */
  lockOperation(guid: string): Promise<Operation | undefined>;

  insertEvent(event: AuditEvent): Promise<void>;

  putSecret(name: string, value: string, now: number): Promise<void>;

  insertRefreshToken(token: RefreshToken): Promise<void>;
  deleteRefreshToken(guid: string): Promise<void>;
  /** returns how many were deleted */
  deleteRefreshTokensOfUser(userGuid: string): Promise<number>;
  insertApiToken(token: ApiToken): Promise<void>;
  deleteApiToken(guid: string): Promise<void>;
  insertSession(session: Session): Promise<void>;
  touchSession(guid: string, lastUsedAt: number, expiresAt: number): Promise<void>;
  deleteSession(guid: string): Promise<void>;
  /** removes sessions that ended by idling before `now`; returns how many */
  deleteExpiredSessions(now: number): Promise<number>;

  addLoginFailure(key: string, at: number): Promise<void>;
  /** forgets the key's failure at `at`, or all of its failures */
  deleteLoginFailures(key: string, at?: number): Promise<void>;
  /** forgets every failure before `before`; returns how many */
  deleteLoginFailuresBefore(before: number): Promise<number>;

  /** adds the counts to their cells (creating them), widening first/last seen */
  addUsage(counts: UsageCount[]): Promise<void>;
  /** deletes the usage of days before `day`; returns how many cells went */
  deleteUsageBefore(day: string): Promise<number>;
}

export interface Store extends ReadStore {
  /** Runs `work` in one serialised write transaction: all of it commits, or none. */
  transaction<T>(work: (tx: WriteStore) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
